// The JSON report: the machine contract of SPEC §4, described by schemas/report.schema.json.
// Same inputs, parameters and as-of date → the same bytes (no clock, sorted findings).
import type { AuditResult } from '../audit.js';
import { CHAPTERS, chapterOf } from '../checks/index.js';
import { fill, sharedNotes } from '../i18n.js';
import { presentIssue, presentSkipped, type PresentOptions } from './present.js';
import { VERSION } from '../version.js';

export const REPORT_SCHEMA_VERSION = '1.0';

export function clauseText(result: AuditResult['clauses'][number], id: string, data: Readonly<Record<string, string | number>>, lang: 'zh' | 'en'): string {
  const template = result.check.messages[id] ?? sharedNotes[id];
  return template ? fill(template[lang], data) : id;
}

export function buildReport(audit: AuditResult, options: PresentOptions) {
  const { lang } = options;
  const enterprise = audit.reading.profile?.enterprise;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'aftersales-audit', version: VERSION },
    lang,
    enterprise: enterprise
      ? { name: enterprise.name ?? null, uscc: enterprise.uscc ?? null, qualification: enterprise.qualification ?? null, registeredIn: enterprise.registeredIn ?? null }
      : null,
    verdict: audit.verdict,
    summary: audit.summary,
    // `today` only when the as-of date is after it: the reports warn that later records cannot exist yet.
    period: audit.asOfAfterToday ? { ...audit.period, today: audit.asOfAfterToday } : (audit.period as AuditResult['period'] & { today?: string }),
    inputs: audit.reading.inputs.map((i) => ({
      dataset: i.dataset,
      file: i.file,
      sheet: i.sheet,
      encoding: i.encoding,
      sha256: i.sha256,
      rows: i.rows,
      rejected: i.rejected,
      withIssues: i.withIssues,
      headerRow: i.headerRow,
      skippedRows: i.skippedCount,
      blankRows: i.blankRows,
      ignoredColumns: i.ignoredColumns,
    })),
    skipped: audit.reading.skipped.map((s) => presentSkipped(s, lang)),
    missingDatasets: audit.reading.plan.missing,
    unrecognisedFiles: audit.reading.plan.unrecognised,
    parameters: audit.params,
    calendar: { officialYears: audit.calendarCoverage.official, fileYears: audit.calendarCoverage.fromFile, unplacedDays: audit.unplacedDays },
    dataQuality: {
      count: audit.reading.dataQuality.count,
      truncated: audit.reading.dataQuality.truncated,
      issues: audit.reading.dataQuality.issues.map((issue) => presentIssue(issue, options)),
    },
    chapters: CHAPTERS.map((chapter) => ({
      id: chapter.id,
      title: chapter.title[lang],
      clauses: audit.clauses
        .filter((c) => chapterOf(c.check.id) === chapter.id)
        .map((c) => ({
          id: c.check.id,
          title: c.check.title[lang],
          requirement: c.check.requirement[lang],
          judged: c.check.judged,
          status: c.result.status,
          metrics: c.result.metrics,
          findingCount: c.findingCount,
          findings: c.result.findings.map((f) => ({
            record: f.record,
            dataset: f.dataset,
            file: f.file,
            sheet: f.sheet,
            row: f.row,
            level: f.level,
            code: f.message,
            message: clauseText(c, f.message, f.data, lang),
          })),
          notes: c.result.notes.map((n) => clauseText(c, n.message, n.data, lang)),
          evidence: c.result.evidence,
          remediation: c.check.remediation[lang],
        })),
    })).filter((chapter) => chapter.clauses.length > 0),
    analysis: audit.analysis,
  };
}

export function auditJson(audit: AuditResult, options: PresentOptions): string {
  return `${JSON.stringify(buildReport(audit, options), null, 2)}\n`;
}

// Audits compared over time (#16.5, #16.6): a saved JSON report read back, and two reports compared
// clause by clause by their findings' stable keys (model.ts findingKey). Used by `audit --baseline`
// and by `diff`.
import { readFile } from 'node:fs/promises';
import type { Status } from './checks/types.js';
import { InputError, UsageError } from './errors.js';
import { REPORT_SCHEMA_VERSION } from './report/audit-json.js';

export interface SavedFinding {
  readonly key: string;
  readonly record: string | null;
  readonly file: string | null;
  readonly sheet: string | null;
  readonly row: number | null;
  readonly level: 'fail' | 'warn' | 'info';
  readonly code: string;
  readonly message: string;
  readonly waiver?: { readonly entry: string } | null;
}

export interface SavedClause {
  readonly id: string;
  readonly title: string;
  readonly status: Status;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly findingCount: number;
  readonly findings: readonly SavedFinding[];
}

/** The part of a JSON report (schemas/report.schema.json) a comparison reads. */
export interface SavedReport {
  readonly schemaVersion: string;
  readonly lang: 'zh' | 'en';
  readonly enterprise: { readonly name: string | null; readonly uscc: string | null } | null;
  readonly verdict: string;
  readonly period: { readonly from: string | null; readonly to: string | null; readonly asOf: string };
  readonly chapters: readonly { readonly id: string; readonly title: string; readonly clauses: readonly SavedClause[] }[];
}

/** Reads a saved report; refuses anything that is not a JSON report of this schema version. */
export async function loadReport(path: string): Promise<SavedReport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new InputError(path, { zh: `无法读取审计报告（${code}）`, en: `cannot read the audit report (${code})` });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InputError(path, { zh: '不是 JSON 审计报告（用 audit -o 报告.json 保存）', en: 'not a JSON audit report (save one with audit -o report.json)' });
  }
  const report = data as Partial<SavedReport> | null;
  if (typeof report !== 'object' || report === null || !Array.isArray(report.chapters) || typeof report.schemaVersion !== 'string') {
    throw new InputError(path, { zh: '不是 JSON 审计报告（缺少 schemaVersion 或 chapters）', en: 'not a JSON audit report (no schemaVersion or chapters)' });
  }
  if (report.schemaVersion !== REPORT_SCHEMA_VERSION) {
    throw new InputError(path, {
      zh: `报告格式版本 ${report.schemaVersion} 与本工具的 ${REPORT_SCHEMA_VERSION} 不同，无法比较；请用本版本重新运行 audit 生成该报告`,
      en: `report schema version ${report.schemaVersion} differs from this tool's ${REPORT_SCHEMA_VERSION}, so it cannot be compared; re-run audit with this version to make it again`,
    });
  }
  return report as SavedReport;
}

const enterpriseName = (r: SavedReport): string => r.enterprise?.name ?? r.enterprise?.uscc ?? '—';

/** Two reports of different enterprises (by 统一社会信用代码, else by name) are never compared. */
export function sameEnterprise(oldFile: string, old: SavedReport, newFile: string, now: SavedReport): void {
  const a = old.enterprise;
  const b = now.enterprise;
  const differ = a?.uscc && b?.uscc ? a.uscc !== b.uscc : (a?.name ?? null) !== (b?.name ?? null);
  if (!differ) return;
  throw new UsageError({
    zh: `${oldFile} 与 ${newFile} 是不同企业的报告（${enterpriseName(old)} / ${enterpriseName(now)}），无法比较`,
    en: `${oldFile} and ${newFile} are reports of different enterprises (${enterpriseName(old)} / ${enterpriseName(now)}) and cannot be compared`,
  });
}

export type BaselineMark = 'new' | 'persisting';

export interface ClauseComparison {
  readonly id: string;
  readonly title: string;
  /** null: the clause was not judged in that report. */
  readonly then: Status | null;
  readonly now: Status | null;
  readonly added: readonly SavedFinding[];
  readonly resolved: readonly SavedFinding[];
  readonly persisting: number;
  /** A report listed fewer findings than it counted (params.findingsListed): the lists compared are its first ones. */
  readonly partial: boolean;
}

export interface MetricComparison {
  readonly clause: string;
  readonly metric: string;
  readonly then: number | null;
  readonly now: number | null;
}

export interface Comparison {
  readonly enterprise: string | null;
  readonly then: { readonly asOf: string; readonly from: string | null; readonly to: string | null; readonly verdict: string };
  readonly now: { readonly asOf: string; readonly from: string | null; readonly to: string | null; readonly verdict: string };
  readonly clauses: readonly ClauseComparison[];
  readonly metrics: readonly MetricComparison[];
  readonly totals: { readonly added: number; readonly resolved: number; readonly persisting: number; readonly statusChanges: number };
}

/** The metrics a comparison shows then and now (SPEC §4's keys CI relies on). */
export const COMPARED_METRICS: readonly (readonly [string, string])[] = [
  ['4.4', 'handlingRate'],
  ['4.5', 'satisfactionRate'],
  ['4.7', 'onTimeRate'],
  ['5.1', 'callbackRate'],
];

const clausesOf = (r: SavedReport): Map<string, SavedClause> => new Map(r.chapters.flatMap((c) => c.clauses).map((c) => [c.id, c]));

/** Findings that count: not information, not waived (a waived finding is still a finding: it is compared too). */
const judged = (f: SavedFinding): boolean => f.level !== 'info';

export function compareReports(old: SavedReport, now: SavedReport): Comparison {
  const before = clausesOf(old);
  const after = clausesOf(now);
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(compareClauseIds);
  const clauses: ClauseComparison[] = ids.map((id) => {
    const a = before.get(id);
    const b = after.get(id);
    const oldFindings = (a?.findings ?? []).filter(judged);
    const newFindings = (b?.findings ?? []).filter(judged);
    const oldKeys = new Set(oldFindings.map((f) => f.key));
    const newKeys = new Set(newFindings.map((f) => f.key));
    // A clause judged in one report only: its findings are neither added nor resolved.
    const both = a !== undefined && b !== undefined;
    return {
      id,
      title: (b ?? a)!.title,
      then: a?.status ?? null,
      now: b?.status ?? null,
      added: both ? newFindings.filter((f) => !oldKeys.has(f.key)) : [],
      resolved: both ? oldFindings.filter((f) => !newKeys.has(f.key)) : [],
      persisting: both ? newFindings.filter((f) => oldKeys.has(f.key)).length : 0,
      partial: (a !== undefined && a.findingCount > a.findings.length) || (b !== undefined && b.findingCount > b.findings.length),
    };
  });
  const metric = (c: SavedClause | undefined, key: string): number | null => {
    const v = c?.metrics[key];
    return typeof v === 'number' ? v : null;
  };
  const metrics = COMPARED_METRICS.filter(([clause]) => before.has(clause) || after.has(clause)).map(([clause, key]) => ({
    clause,
    metric: key,
    then: metric(before.get(clause), key),
    now: metric(after.get(clause), key),
  }));
  const sum = (f: (c: ClauseComparison) => number): number => clauses.reduce((n, c) => n + f(c), 0);
  return {
    enterprise: now.enterprise?.name ?? old.enterprise?.name ?? null,
    then: { asOf: old.period.asOf, from: old.period.from, to: old.period.to, verdict: old.verdict },
    now: { asOf: now.period.asOf, from: now.period.from, to: now.period.to, verdict: now.verdict },
    clauses,
    metrics,
    totals: {
      added: sum((c) => c.added.length),
      resolved: sum((c) => c.resolved.length),
      persisting: sum((c) => c.persisting),
      statusChanges: clauses.filter((c) => c.then !== c.now).length,
    },
  };
}

export function compareClauseIds(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** For `audit --baseline`: the saved report's keys and statuses by clause. */
export interface Baseline {
  readonly file: string;
  readonly report: SavedReport;
  readonly keys: ReadonlySet<string>;
  readonly clauses: ReadonlyMap<string, SavedClause>;
}

export function baselineOf(file: string, report: SavedReport): Baseline {
  const clauses = clausesOf(report);
  const keys = new Set([...clauses.values()].flatMap((c) => c.findings.filter(judged).map((f) => f.key)));
  return { file, report, keys, clauses };
}

export async function loadBaseline(path: string): Promise<Baseline> {
  return baselineOf(path, await loadReport(path));
}

/** The audit's enterprise must be the baseline's (by 统一社会信用代码, else by name). */
export function checkBaselineEnterprise(baseline: Baseline, audit: { readonly reading: { readonly profile: { readonly enterprise?: { readonly name?: string; readonly uscc?: string } } | null } }): void {
  const e = audit.reading.profile?.enterprise;
  const now = { enterprise: e ? { name: e.name ?? null, uscc: e.uscc ?? null } : null } as SavedReport;
  try {
    sameEnterprise(baseline.file, baseline.report, '', now);
  } catch {
    throw new UsageError({
      zh: `--baseline ${baseline.file} 是另一企业的报告（${enterpriseName(baseline.report)}），本次审计的是 ${enterpriseName(now)}，无法比较`,
      en: `--baseline ${baseline.file} is a report of another enterprise (${enterpriseName(baseline.report)}) than the one audited (${enterpriseName(now)}), so they cannot be compared`,
    });
  }
}

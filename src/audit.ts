// The audit in one place: read the folder (pipeline.ts) while every selected clause check and the
// analysis fold over the rows, then resolve the period and the as-of date and finish each check.
import { workingDayDeadline, type Calendar, type Deadline } from './calendar/calendar.js';
import { addDays } from './calendar/days.js';
import { startAnalysis, type Analysis } from './analysis.js';
import { CHECKS } from './checks/index.js';
import type { Parameters } from './checks/parameters.js';
import type { At, Check, ClauseResult, FinishContext, Finding, Period, Run, StartContext, Status } from './checks/types.js';
import { STATUSES } from './checks/types.js';
import { resolveEvidence } from './evidence.js';
import { createUnitsIndex } from './units-index.js';
import type { DatasetName, Issue } from './model.js';
import { DATASETS, UNREAD_REASONS } from './model.js';
import { UNREAD_NOTE } from './i18n.js';
import { UsageError } from './errors.js';
import { readEnterprise, type Reading, type ReadOptions } from './pipeline.js';
import { findingKeys } from './model.js';
import { waiveClause, waiverUses, type WaiverMark, type WaiversFile, type WaiverUse } from './waivers.js';
import type { Baseline, BaselineMark, SavedFinding } from './baseline.js';

export type Verdict = 'compliant' | 'non-compliant' | 'insufficient-data';

export interface AuditOptions extends ReadOptions {
  readonly from: string | null;
  readonly to: string | null;
  readonly asOf: string | null;
  /** Today in China, injected by the caller (the CLI reads the clock; tests never do). */
  readonly today: string;
  readonly only: readonly string[] | null;
  readonly skip: readonly string[];
  readonly params: Parameters;
  readonly calendar: Calendar;
  /** Called as rows are read (for a progress line on a terminal). */
  readonly progress?: ((file: string, rows: number, done: boolean) => void) | undefined;
  /** Waivers to apply at the as-of date (#16.2). */
  readonly waivers?: WaiversFile | null | undefined;
  /** A saved report to compare with (#16.5). */
  readonly baseline?: Baseline | null | undefined;
}

/** A finding as every report shows it: its stable key, its waiver, whether it is new since the baseline. */
export interface AuditFinding extends Finding {
  readonly key: string;
  readonly waiver: WaiverMark | null;
  /** null without --baseline. */
  readonly baseline: BaselineMark | null;
}

export interface ClauseBaseline {
  /** The clause's status in the baseline report (null: not judged there). */
  readonly status: Status | null;
  /** Findings of the baseline gone now: 已整改. */
  readonly resolved: readonly SavedFinding[];
}

export interface ClauseOutcome {
  readonly check: Check;
  readonly result: Omit<ClauseResult, 'findings'> & { readonly findings: readonly AuditFinding[] };
  /** All findings, before the list is cut to params.findingsListed. */
  readonly findingCount: number;
  /** With waivers: the status the findings alone gave (null without a waivers file). */
  readonly statusBeforeWaivers: Status | null;
  /** Findings waived (all of them, listed or not). */
  readonly waived: number;
  readonly baseline: ClauseBaseline | null;
}

export interface AuditResult {
  readonly reading: Reading;
  readonly verdict: Verdict;
  readonly summary: Readonly<Record<Status, number>>;
  readonly period: { readonly from: string | null; readonly to: string | null; readonly asOf: string; readonly source: 'flags' | 'profile' | 'data' | 'none' };
  readonly clauses: readonly ClauseOutcome[];
  readonly analysis: Analysis;
  readonly params: Parameters;
  /** Days the calendar could not place, with how many deadlines needed them. */
  readonly unplacedDays: readonly string[];
  readonly calendarCoverage: Calendar['coverage'];
  /** The waivers file's entries and what each did, when one was given. */
  readonly waivers: { readonly file: string; readonly uses: readonly WaiverUse[] } | null;
  /** The baseline report compared with, when one was given. */
  readonly baseline: {
    readonly file: string;
    readonly asOf: string;
    readonly verdict: string;
    readonly added: number;
    readonly persisting: number;
    readonly resolved: number;
    /** New findings of level fail that no waiver covers: what `--fail-on new` fails on. */
    readonly newFailing: number;
  } | null;
  /** Today's date when the as-of date is after it (records of later days cannot exist yet): the reports warn. */
  readonly asOfAfterToday: string | null;
}

/** A period that ends before it starts (given by the flags, or by the profile): a usage error. */
export function periodEndsBeforeStart(from: string, to: string, fromProfile: boolean): UsageError {
  const where = fromProfile ? { zh: '（企业信息 period）', en: " (the profile's period)" } : { zh: '', en: '' };
  return new UsageError({
    zh: `审计期间结束 ${to} 早于开始 ${from}${where.zh}；请检查 --from 和 --to`,
    en: `the period ends (${to}) before it starts (${from})${where.en}; check --from and --to`,
  });
}

/** An as-of date before the period starts: a usage error. */
export function asOfBeforeStart(asOf: string, from: string): UsageError {
  return new UsageError({
    zh: `--as-of ${asOf} 早于审计期间开始 ${from}：那时期间内的记录都还不存在；请给出期间内或期末之后的审计日`,
    en: `--as-of ${asOf} is before the period starts (${from}): no record of the period exists at that date; give an audit date within or after the period`,
  });
}

export function selectChecks(only: readonly string[] | null, skip: readonly string[]): Check[] {
  const chosen = (id: string): boolean => {
    const match = (pattern: string): boolean => id === pattern || id.startsWith(`${pattern}.`);
    return (only === null || only.some(match)) && !skip.some(match);
  };
  return CHECKS.filter((c) => chosen(c.id));
}

const DATASET_ORDER = new Map<string, number>([['profile', 0], ...DATASETS.map((d, i) => [d, i + 1] as [string, number])]);

function compareFindings(a: Finding, b: Finding): number {
  const text = (x: string | null, y: string | null): number => ((x ?? '') < (y ?? '') ? -1 : (x ?? '') > (y ?? '') ? 1 : 0);
  return (
    (DATASET_ORDER.get(a.dataset ?? 'profile') ?? 0) - (DATASET_ORDER.get(b.dataset ?? 'profile') ?? 0) ||
    text(a.file, b.file) ||
    text(a.sheet, b.sheet) ||
    (a.row ?? 0) - (b.row ?? 0) ||
    text(a.message, b.message) ||
    text(a.record, b.record)
  );
}

/** `unread`: a supplied file was left unread (then the records judged are not all there is). */
export function verdictOf(clauses: readonly ClauseOutcome[], unread = false): Verdict {
  if (clauses.some((c) => c.result.status === 'fail')) return 'non-compliant';
  if (clauses.some((c) => c.result.status === 'no-data' && (c.check.judged === 'data' || c.check.judged === 'profile'))) return 'insufficient-data';
  return unread ? 'insufficient-data' : 'compliant';
}

export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const checks = selectChecks(options.only, options.skip);
  const deadlines = new Map<string, Deadline>();
  const unplaced = new Set<string>();
  let span: { min: string; max: string } | null = null;
  const see = (day: string | undefined): void => {
    if (!day) return;
    if (!span) span = { min: day, max: day };
    else if (day < span.min) span.min = day;
    else if (day > span.max) span.max = day;
  };

  let startContext: StartContext | null = null;
  let runs: { check: Check; run: Run }[] = [];
  let analysis: ReturnType<typeof startAnalysis> | null = null;
  let periodSource: AuditResult['period']['source'] = 'none';
  let given: Period = { from: null, to: null };

  const reading = await readEnterprise(options, {
    start({ plan, profile, profileIssues, registers }) {
      // The sold units, kept once for 4.6, 5.1 and the analysis, numbered by the reading's register.
      const unitsIndex = createUnitsIndex(registers.units);
      given = {
        from: options.from ?? profile?.period?.from ?? null,
        to: options.to ?? profile?.period?.to ?? null,
      };
      periodSource = options.from || options.to ? 'flags' : profile?.period?.from || profile?.period?.to ? 'profile' : 'none';
      const issuesByPath = new Map<string, Issue>(profileIssues.filter((i) => i.column).map((i) => [i.column!, i]));
      const period = given;
      const afterEnd = period.to ? addDays(period.to, 1) : null;
      // The as-of date as far as it is known now (see StartContext.afterAsOf): the day after it.
      const endKnown = period.to ?? options.today;
      const afterAsOfDay = addDays(options.asOf ?? (endKnown < options.today ? endKnown : options.today), 1);
      startContext = {
        params: options.params,
        profile,
        profileIssues: issuesByPath,
        calendar: options.calendar,
        period,
        supplied: new Set(plan.sources.map((s) => s.dataset)),
        units: unitsIndex,
        complaintIds: registers.complaints,
        deadlineOf(received) {
          let deadline = deadlines.get(received);
          if (!deadline) {
            deadline = workingDayDeadline(options.calendar, received, options.params.responseWorkingDays);
            if (deadline.unknownDay) unplaced.add(deadline.unknownDay);
            deadlines.set(received, deadline);
          }
          return deadline;
        },
        // Dates and date-times compare as text: '2025-12-31T10:00' < '2026-01-01' (the day after the end).
        // A case received after the as-of date did not exist at it, as an opinion dated then did not.
        inPeriod(day) {
          if (!day) return false;
          return (period.from === null || day >= period.from) && (afterEnd === null || day < afterEnd) && day < afterAsOfDay;
        },
        afterAsOf: (day) => day !== undefined && day >= afterAsOfDay,
      };
      runs = checks.map((check) => ({ check, run: check.start(startContext!) }));
      analysis = startAnalysis(startContext);
      // The hooks of each dataset, looked up once rather than on every row.
      type Hook = (record: Readonly<Record<string, string>>, at: At) => void;
      const hooks = Object.fromEntries(
        DATASETS.map((d) => [d, runs.map(({ run }) => run[d] as Hook | undefined).filter((h): h is Hook => h !== undefined)]),
      ) as Record<DatasetName, Hook[]>;
      return (record, source, row) => {
        // Checks that keep a record's place copy it; the object is new per row because they may.
        const at: At = { dataset: source.dataset, file: source.file, sheet: source.sheet, row };
        const dataset = source.dataset as DatasetName;
        if (dataset === 'complaints') {
          const r = record as Record<string, string>;
          see(r['receivedAt']?.slice(0, 10));
          see(r['opinionAt']?.slice(0, 10));
          see(r['closedAt']?.slice(0, 10));
          analysis!.complaints(record);
        } else if (dataset === 'callbacks') {
          const r = record as Record<string, string>;
          see(r['date']);
          if (r['project'] && r['unit'] && (!r['reached'] || r['reached'] === '已回访') && startContext!.inPeriod(r['date']) && !startContext!.afterAsOf(r['date'])) unitsIndex.markReached(r['project'], r['unit']);
          analysis!.callbacks(record);
        } else if (dataset === 'units') {
          const r = record as Record<string, string>;
          if (r['project'] && r['unit']) unitsIndex.add(r['project'], r['unit'], r['soldAt'], r['deliveredAt']);
        }
        const list = hooks[dataset];
        for (let i = 0; i < list.length; i++) list[i]!(record, at);
      };
    },
  });

  if (!startContext) throw new Error('the audit did not start');
  const started = startContext as StartContext;
  // SPEC §3: a dataset with no usable row (none, or every one left out of every check) counts as
  // not supplied: its clauses are no-data. A callback sheet is the exception: one that was supplied
  // (its header found) but holds no row is supplied, and says that no home was called back.
  for (const dataset of DATASETS) {
    const usable = dataset === 'callbacks'
      ? reading.inputs.some((i) => i.dataset === dataset && i.headerRow !== null)
      : reading.inputs.some((i) => i.dataset === dataset && i.rows - i.rejected > 0);
    if (!usable) (started.supplied as Set<DatasetName>).delete(dataset);
  }

  // A period that ends before it starts, or an as-of date before it starts, is a mistake: refused.
  if (given.from && given.to && given.from > given.to) throw periodEndsBeforeStart(given.from, given.to, (periodSource as string) !== 'flags');
  const dataSpan = span as { min: string; max: string } | null;
  const from = given.from ?? dataSpan?.min ?? null;
  const to = given.to ?? dataSpan?.max ?? null;
  if (periodSource === 'none' && dataSpan) periodSource = 'data';
  const resolvedPeriod = from && to ? { from, to } : null;
  const end = to ?? options.today;
  const asOf = options.asOf ?? (end < options.today ? end : options.today);
  if (options.asOf && from && options.asOf < from) throw asOfBeforeStart(options.asOf, from);

  const finish: FinishContext = {
    ...started,
    resolvedPeriod,
    asOf,
    hasColumn: (dataset, key) => reading.inputs.some((i) => i.dataset === dataset && key in i.columns),
    evidence: (clause) => resolveEvidence(reading.plan.dir, started.profile?.evidence?.[clause] ?? []),
  };
  // Files that could not be read, by the dataset they would have held: the clauses reading that
  // dataset say so (their status stands on the records that were read, or is no-data).
  const unread = reading.skipped.filter((s) => UNREAD_REASONS.has(s.reason));
  const unreadFiles = (check: Check): string[] => [
    ...new Set(unread.filter((s) => s.dataset === undefined || s.dataset === null || check.datasets.includes(s.dataset)).map((s) => (s.sheet ? `${s.file} [${s.sheet}]` : s.file))),
  ];
  const clauses: ClauseOutcome[] = [];
  const allFindings: AuditFinding[] = [];
  for (const { check, run } of runs) {
    let result = await run.finish(finish);
    const files = check.judged === 'data' ? unreadFiles(check) : [];
    if (files.length > 0) result = { ...result, notes: [...result.notes, { message: UNREAD_NOTE, data: { files: files.join(', ') } }] };
    const sorted = [...result.findings].sort(compareFindings);
    // Waivers apply to every finding, listed or not; an expired entry adds its own finding.
    const waived = options.waivers
      ? waiveClause({ id: check.id, status: result.status, metrics: result.metrics, findings: sorted, notes: result.notes }, options.waivers.entries, asOf, options.params)
      : null;
    const findings = waived ? [...waived.findings, ...waived.added.map((f) => ({ ...f, waiver: null }))].sort(compareFindings) : sorted.map((f) => ({ ...f, waiver: null }));
    const keys = findingKeys(findings);
    const base = options.baseline ?? null;
    const judgedHere = (f: Finding): boolean => f.level !== 'info';
    const audited: AuditFinding[] = findings.map((f, i) => ({
      ...f,
      key: keys[i]!,
      baseline: base === null || !judgedHere(f) ? null : base.keys.has(keys[i]!) ? 'persisting' : 'new',
    }));
    const then = base?.clauses.get(check.id);
    const now = new Set(keys);
    const clauseBaseline: ClauseBaseline | null = base
      ? { status: then?.status ?? null, resolved: (then?.findings ?? []).filter((f) => f.level !== 'info' && !now.has(f.key)) }
      : null;
    clauses.push({
      check,
      result: {
        ...result,
        status: waived?.status ?? result.status,
        metrics: waived?.metrics ?? result.metrics,
        notes: waived?.notes ?? result.notes,
        findings: audited.slice(0, options.params.findingsListed),
      },
      findingCount: audited.length + (result.unlisted ?? 0),
      statusBeforeWaivers: waived ? waived.statusBeforeWaivers : null,
      waived: waived?.waived ?? 0,
      baseline: clauseBaseline,
    });
    allFindings.push(...audited);
  }
  const summary = Object.fromEntries(STATUSES.map((s) => [s, clauses.filter((c) => c.result.status === s).length])) as Record<Status, number>;
  return {
    reading,
    verdict: verdictOf(clauses, unread.length > 0),
    summary,
    period: { from, to, asOf, source: periodSource },
    clauses,
    analysis: (analysis as ReturnType<typeof startAnalysis> | null)!.finish(finish),
    params: options.params,
    unplacedDays: [...unplaced].sort(),
    calendarCoverage: options.calendar.coverage,
    waivers: options.waivers ? { file: options.waivers.file, uses: waiverUses(options.waivers.entries, allFindings.filter((f) => f.message !== 'waiver-expired'), asOf) } : null,
    baseline: options.baseline
      ? {
          file: options.baseline.file,
          asOf: options.baseline.report.period.asOf,
          verdict: options.baseline.report.verdict,
          added: allFindings.filter((f) => f.baseline === 'new').length,
          persisting: allFindings.filter((f) => f.baseline === 'persisting').length,
          resolved: clauses.reduce((n, c) => n + (c.baseline?.resolved.length ?? 0), 0),
          newFailing: allFindings.filter((f) => f.baseline === 'new' && f.level === 'fail' && f.waiver === null).length,
        }
      : null,
    asOfAfterToday: asOf > options.today ? options.today : null,
  };
}

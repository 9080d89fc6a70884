// The authority's summary of a batch: one row per enterprise, reduced from that enterprise's JSON
// report (the machine contract of SPEC §4), so a summary merged from reports made elsewhere
// (`batch --merge`) is the same as one made by a local batch, byte for byte. Rows are sorted by
// folder name (code units, not locale) and hold no timing: the bytes never depend on scheduling.
// The summary carries no personal data (names, phones and free text stay in the single reports).
import { CHECKS } from '../checks/index.js';
import { STATUSES, type Status } from '../checks/types.js';
import type { Bilingual } from '../errors.js';
import type { Lang } from '../model.js';
import { VERSION } from '../version.js';

export const SUMMARY_SCHEMA_VERSION = '1.0';

export type BatchVerdict = 'compliant' | 'non-compliant' | 'insufficient-data' | 'failed';

export interface EnterpriseMetrics {
  /** 4.7: complaints answered on time of those judged. */
  readonly onTimeRate: number | null;
  /** 4.4: complaints handled of those due. */
  readonly handlingRate: number | null;
  /** 4.5: satisfaction, with its 95% interval. */
  readonly satisfactionRate: number | null;
  readonly satisfactionInterval: readonly [number, number] | null;
  /** 5.1: sold homes called back. */
  readonly callbackRate: number | null;
  /** 2.4: full-time after-sales staff counted, and the minimum for the qualification. */
  readonly fullTimeStaff: number | null;
  readonly fullTimeRequired: number | null;
}

export interface EnterpriseRow {
  /** The enterprise's folder name (its reports are under --out DIR/<folder>/). */
  readonly folder: string;
  readonly name: string | null;
  readonly uscc: string | null;
  readonly qualification: string | null;
  readonly verdict: BatchVerdict;
  /** Why the enterprise could not be audited (verdict 'failed'). */
  readonly error: Bilingual | null;
  readonly asOf: string | null;
  readonly period: { readonly from: string | null; readonly to: string | null } | null;
  readonly counts: Readonly<Record<Status, number>> | null;
  readonly metrics: EnterpriseMetrics;
  readonly dataQualityIssues: number | null;
  /** Clause id → status, for the clauses the audit judged. */
  readonly clauses: Readonly<Record<string, Status>>;
}

/** What must agree between the reports of one summary: schema version, parameters, as-of date. */
export interface RowBasis {
  readonly schemaVersion: string;
  readonly parameters: string;
  readonly asOf: string | null;
}

export interface ReducedReport {
  readonly row: EnterpriseRow;
  readonly basis: RowBasis;
  readonly parameters: unknown;
}

const NO_METRICS: EnterpriseMetrics = {
  onTimeRate: null, handlingRate: null, satisfactionRate: null, satisfactionInterval: null, callbackRate: null, fullTimeStaff: null, fullTimeRequired: null,
};

/** The JSON report's parts the summary reads (a report of schema 1.x). */
interface ReportShape {
  schemaVersion: string;
  enterprise: { name: string | null; uscc: string | null; qualification: string | null } | null;
  verdict: 'compliant' | 'non-compliant' | 'insufficient-data';
  summary: Record<Status, number>;
  period: { from: string | null; to: string | null; asOf: string };
  parameters: unknown;
  dataQuality: { count: number };
  chapters: { clauses: { id: string; status: Status; metrics: Record<string, unknown> }[] }[];
}

/** Whether a parsed JSON document is an audit report this summary can read. */
export function isAuditReport(value: unknown): value is ReportShape {
  const r = value as Partial<ReportShape> | null;
  return (
    typeof r === 'object' && r !== null &&
    typeof r.schemaVersion === 'string' &&
    typeof r.verdict === 'string' &&
    typeof r.summary === 'object' &&
    typeof r.period === 'object' && r.period !== null &&
    typeof r.dataQuality === 'object' && r.dataQuality !== null &&
    Array.isArray(r.chapters)
  );
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** JSON with object keys sorted: two parameter sets compare by content, not key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** One enterprise's row, from its JSON report (as built in a worker, or read back from a file). */
export function reduceReport(report: unknown, folder: string): ReducedReport {
  if (!isAuditReport(report)) throw new Error(`not an audit report: ${folder}`);
  const clauses: Record<string, Status> = {};
  const metricsOf = new Map<string, Record<string, unknown>>();
  for (const chapter of report.chapters) {
    for (const c of chapter.clauses) {
      clauses[c.id] = c.status;
      metricsOf.set(c.id, c.metrics ?? {});
    }
  }
  const m = (id: string, key: string): number | null => num(metricsOf.get(id)?.[key]);
  const interval = metricsOf.get('4.5')?.['interval95'];
  const e = report.enterprise;
  const counts = Object.fromEntries(STATUSES.map((s) => [s, num(report.summary[s]) ?? 0])) as Record<Status, number>;
  return {
    row: {
      folder,
      name: e?.name ?? null,
      uscc: e?.uscc ?? null,
      qualification: e?.qualification ?? null,
      verdict: report.verdict,
      error: null,
      asOf: report.period.asOf ?? null,
      period: { from: report.period.from ?? null, to: report.period.to ?? null },
      counts,
      metrics: {
        onTimeRate: m('4.7', 'onTimeRate'),
        handlingRate: m('4.4', 'handlingRate'),
        satisfactionRate: m('4.5', 'satisfactionRate'),
        satisfactionInterval: Array.isArray(interval) && interval.length === 2 && interval.every((x) => typeof x === 'number') ? [interval[0] as number, interval[1] as number] : null,
        callbackRate: m('5.1', 'callbackRate'),
        fullTimeStaff: m('2.4', 'counted'),
        fullTimeRequired: m('2.4', 'minFullTime'),
      },
      dataQualityIssues: num(report.dataQuality.count),
      clauses,
    },
    basis: { schemaVersion: report.schemaVersion, parameters: canonical(report.parameters), asOf: report.period.asOf ?? null },
    parameters: report.parameters,
  };
}

/** The row of an enterprise that could not be audited. */
export function failedRow(folder: string, error: Bilingual): EnterpriseRow {
  return { folder, name: null, uscc: null, qualification: null, verdict: 'failed', error, asOf: null, period: null, counts: null, metrics: NO_METRICS, dataQualityIssues: null, clauses: {} };
}

export interface Distribution {
  readonly n: number;
  readonly min: number | null;
  readonly p25: number | null;
  readonly median: number | null;
  readonly p75: number | null;
  readonly max: number | null;
  /** Enterprises per tenth: [0,10%), [10%,20%) … [90%,100%]. */
  readonly tenths: readonly number[];
}

export const RATE_KEYS = ['onTimeRate', 'handlingRate', 'satisfactionRate', 'callbackRate'] as const;
export type RateKey = (typeof RATE_KEYS)[number];
/** The clause each key rate belongs to. */
export const RATE_CLAUSE: Readonly<Record<RateKey, string>> = { onTimeRate: '4.7', handlingRate: '4.4', satisfactionRate: '4.5', callbackRate: '5.1' };

/** Nearest-rank quantiles (exact values of some enterprise, no interpolation). */
function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number): number | null => (sorted.length === 0 ? null : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!);
  const tenths = Array.from({ length: 10 }, () => 0);
  for (const v of sorted) tenths[Math.min(9, Math.max(0, Math.floor(v * 10 + 1e-9)))]! += 1;
  return { n: sorted.length, min: q(0) ?? null, p25: q(0.25), median: q(0.5), p75: q(0.75), max: sorted.length ? sorted[sorted.length - 1]! : null, tenths };
}

export interface Summary {
  readonly schemaVersion: string;
  readonly kind: 'batch-summary';
  readonly tool: { readonly name: 'aftersales-audit'; readonly version: string };
  readonly lang: Lang;
  /** The as-of date every report shares, or null when they differ (merged with --force) or none was audited. */
  readonly asOf: string | null;
  /** The parameters every report shares, or null when they differ (merged with --force). */
  readonly parameters: unknown;
  readonly totals: Readonly<Record<BatchVerdict | 'enterprises', number>>;
  /** The clauses of the matrix, in the standard's order, with how many enterprises had each status. */
  readonly clauses: readonly { readonly id: string; readonly title: string; readonly counts: Readonly<Record<Status, number>> }[];
  readonly distributions: Readonly<Record<RateKey, Distribution>>;
  readonly enterprises: readonly EnterpriseRow[];
}

const byFolder = (a: { folder: string }, b: { folder: string }): number => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0);

export function buildSummary(rows: readonly EnterpriseRow[], reduced: readonly ReducedReport[], lang: Lang): Summary {
  const enterprises = [...rows].sort(byFolder);
  const judged = new Set(enterprises.flatMap((r) => Object.keys(r.clauses)));
  const clauses = CHECKS.filter((c) => judged.has(c.id)).map((c) => ({
    id: c.id,
    title: c.title[lang],
    counts: Object.fromEntries(STATUSES.map((s) => [s, enterprises.filter((r) => r.clauses[c.id] === s).length])) as Record<Status, number>,
  }));
  const same = <T>(values: readonly T[]): T | null => (values.length > 0 && values.every((v) => v === values[0]) ? values[0]! : null);
  const asOf = same(reduced.map((r) => r.basis.asOf));
  const parameters = same(reduced.map((r) => r.basis.parameters)) === null ? null : [...reduced].sort((a, b) => byFolder(a.row, b.row))[0]!.parameters;
  const verdicts: BatchVerdict[] = ['compliant', 'non-compliant', 'insufficient-data', 'failed'];
  const totals = { enterprises: enterprises.length, ...Object.fromEntries(verdicts.map((v) => [v, enterprises.filter((r) => r.verdict === v).length])) } as Record<BatchVerdict | 'enterprises', number>;
  const distributions = Object.fromEntries(
    RATE_KEYS.map((k) => [k, distribution(enterprises.map((r) => r.metrics[k]).filter((v): v is number => v !== null))]),
  ) as Record<RateKey, Distribution>;
  return { schemaVersion: SUMMARY_SCHEMA_VERSION, kind: 'batch-summary', tool: { name: 'aftersales-audit', version: VERSION }, lang, asOf, parameters, totals, clauses, distributions, enterprises };
}

/** The reports of one summary must share schema version, parameters and as-of date: the first that differs, or null. */
export function firstMismatch(reduced: readonly ReducedReport[]): { folder: string; other: string; what: 'schemaVersion' | 'parameters' | 'asOf' } | null {
  const sorted = [...reduced].sort((a, b) => byFolder(a.row, b.row));
  const first = sorted[0];
  if (!first) return null;
  for (const r of sorted.slice(1)) {
    if (r.basis.schemaVersion.split('.')[0] !== first.basis.schemaVersion.split('.')[0] || r.basis.schemaVersion !== first.basis.schemaVersion) return { folder: r.row.folder, other: first.row.folder, what: 'schemaVersion' };
    if (r.basis.parameters !== first.basis.parameters) return { folder: r.row.folder, other: first.row.folder, what: 'parameters' };
    if (r.basis.asOf !== first.basis.asOf) return { folder: r.row.folder, other: first.row.folder, what: 'asOf' };
  }
  return null;
}

/** Exit code of a batch: 0 every enterprise compliant, 1 any not (or failed), 2 none at all. */
export function batchExitCode(summary: Summary): number {
  if (summary.totals.enterprises === 0) return 2;
  return summary.totals.compliant === summary.totals.enterprises ? 0 : 1;
}

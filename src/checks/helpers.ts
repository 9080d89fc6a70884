// Small pieces shared by the clause checks.
import type { Bilingual } from '../errors.js';
import type { Complaint, StaffMember } from '../model.js';
import type { Parameters } from './parameters.js';
import type { At, Check, ClauseResult, Data, EvidenceItem, Finding, Level, MetricValue, Note, Status } from './types.js';

export const dayOf = (dateTime: string | undefined): string | undefined => dateTime?.slice(0, 10);

export function finding(clause: string, level: Level, record: string | null, at: At | null, message: string, data: Data = {}): Finding {
  return {
    clause,
    level,
    record,
    dataset: at?.dataset ?? null,
    file: at?.file ?? null,
    sheet: at?.sheet ?? null,
    row: at?.row ?? null,
    message,
    data,
  };
}

export function profileFinding(clause: string, level: Level, message: string, data: Data = {}): Finding {
  return { clause, level, record: null, dataset: 'profile', file: null, sheet: null, row: null, message, data };
}

export function result(
  status: Status,
  metrics: Record<string, MetricValue> = {},
  findings: readonly Finding[] = [],
  notes: readonly Note[] = [],
  evidence: readonly EvidenceItem[] = [],
): ClauseResult {
  return { status, metrics, findings, notes, evidence };
}

export const note = (message: string, data: Data = {}): Note => ({ message, data });

/** fail if any fail-level finding, else warn if any warn-level finding, else the given status. */
export function statusFrom(findings: readonly Finding[], otherwise: Status = 'pass'): Status {
  if (findings.some((f) => f.level === 'fail')) return 'fail';
  if (findings.some((f) => f.level === 'warn')) return otherwise === 'pass' ? 'warn' : otherwise;
  return otherwise;
}

/** A case of kind 投诉, whatever its channel. */
export const isComplaint = (c: Partial<Complaint>): boolean => c.kind === '投诉';

/**
 * Whether a case had a handling opinion at the as-of date: 处理意见 or 处理意见时间 is filled, and
 * an opinion dated after the as-of date did not exist then (SPEC §3 readings).
 */
export const hasOpinion = (c: Partial<Complaint>, afterAsOf: (day: string | undefined) => boolean): boolean =>
  c.opinionAt ? !afterAsOf(c.opinionAt) : c.opinion !== undefined && c.opinion !== '';

/** The day a case was closed, when it was by the as-of date: 办结时间 filled, not after as-of. */
export const closedDay = (c: Partial<Complaint>, afterAsOf: (day: string | undefined) => boolean): string | undefined =>
  c.closedAt && !afterAsOf(c.closedAt) ? c.closedAt.slice(0, 10) : undefined;

/** A callback that reached the customer (回访状态 已回访 or blank). */
export const reachedCustomer = (b: { readonly reached?: string | undefined }): boolean => !b.reached || b.reached === '已回访';

/** Forwarded (3.1.7, 4.8): a case of any kind whose channel is one of the forwarded channels. */
export const isForwarded = (c: Partial<Complaint>, params: Parameters): boolean =>
  c.channel !== undefined && params.forwardedChannels.includes(c.channel);

/** The head of the organization: a post with 经理 / 负责人 in it (but not the general manager). */
export const isHead = (s: Partial<StaffMember>, params: Parameters): boolean =>
  s.role !== undefined && !s.role.includes('总经理') && params.headRoles.some((word) => s.role!.includes(word));

const fold = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

export const sameName = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && fold(a) === fold(b);

/** Staff rows, as kept by checks that judge the roster (it is small). */
export interface StaffRow {
  readonly record: Readonly<Partial<StaffMember>>;
  readonly at: At;
}

/** Staff counted for the organization: its department when the profile names it, else the whole roster. */
export function organizationStaff(rows: readonly StaffRow[], organization: string | undefined): readonly StaffRow[] {
  if (!organization) return rows;
  return rows.filter((r) => sameName(r.record.department, organization));
}

/** 95% Wilson score interval for a proportion. */
export function wilson(successes: number, n: number, z = 1.959964): [number, number] | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [round(Math.max(0, centre - half)), round(Math.min(1, centre + half))];
}

/** Rates and figures rounded for stable output (6 decimals). */
export const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : round(part / whole));

/** Quantile of small non-negative integers kept as a histogram (nearest rank). */
export function histogramQuantile(histogram: ReadonlyMap<number, number>, q: number): number | null {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value)!;
    if (seen >= rank) return value;
  }
  return null;
}

export function addToHistogram(histogram: Map<number, number>, value: number): void {
  histogram.set(value, (histogram.get(value) ?? 0) + 1);
}

/** Findings for evidence that is missing, points outside the folder or is too long to be a path. */
export function evidenceFindings(clause: string, evidence: readonly EvidenceItem[]): Finding[] {
  return evidence
    .filter((e) => e.state !== 'present')
    .map((e) =>
      e.state === 'too-long'
        ? profileFinding(clause, 'warn', 'evidence-too-long', { length: e.path.length, path: `${[...e.path].slice(0, 60).join('')}…` })
        : profileFinding(clause, 'warn', e.state === 'missing' ? 'evidence-missing' : 'evidence-outside', { path: e.path }),
    );
}

export const EVIDENCE_MESSAGES: Readonly<Record<string, Bilingual>> = {
  'evidence-missing': { zh: '企业信息列出的证明材料不存在：{path}', en: 'Evidence listed in the profile does not exist: {path}' },
  'evidence-outside': {
    zh: '证明材料路径指向审计文件夹之外，未打开：{path}',
    en: 'An evidence path leads outside the audited folder and was not opened: {path}',
  },
  'evidence-too-long': {
    zh: '证明材料路径过长（{length} 字符），不是可用的文件路径，未检查：{path}',
    en: 'An evidence path is too long ({length} characters) to be a usable file path and was not checked: {path}',
  },
  'no-evidence': { zh: '企业信息未列出本条款的证明材料。', en: 'The profile lists no evidence for this clause.' },
};

interface ManualSpec {
  readonly id: string;
  readonly title: Bilingual;
  readonly requirement: Bilingual;
  /** What the inspector must look at. */
  readonly look: Bilingual;
  readonly remediation: Bilingual;
}

/** A clause that records cannot judge: the report lists what to look at and the evidence named. */
export function manualCheck(spec: ManualSpec): Check {
  return {
    ...spec,
    judged: 'manual',
    datasets: ['profile'],
    parameters: [],
    method: spec.look,
    messages: { ...EVIDENCE_MESSAGES, look: spec.look },
    start: () => ({
      async finish(context) {
        const evidence = await context.evidence(spec.id);
        const notes = [note('look'), ...(evidence.length === 0 ? [note('no-evidence')] : [])];
        return result('manual', {}, evidenceFindings(spec.id, evidence), notes, evidence);
      },
    }),
  };
}

interface InformativeSpec {
  readonly id: string;
  readonly title: Bilingual;
  readonly requirement: Bilingual;
  readonly why: Bilingual;
}

/** A clause that states a basis or a definition: shown in the report, not judged. */
export function informativeCheck(spec: InformativeSpec): Check {
  return {
    id: spec.id,
    title: spec.title,
    requirement: spec.requirement,
    judged: 'informative',
    datasets: [],
    parameters: [],
    method: spec.why,
    messages: { why: spec.why },
    remediation: { zh: '无需整改。', en: 'Nothing to remedy.' },
    start: () => ({ finish: () => result('not-applicable', {}, [], [note('why')]) }),
  };
}

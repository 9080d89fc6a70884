// Waivers (#16.1-#16.3): findings an inspector accepted, each for a stated reason, approved by
// someone, until a China date. Read and checked here; applied to an audit's findings here. Dates
// are compared as 'YYYY-MM-DD' text against the audit's as-of date: never the machine clock.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CHECKS } from './checks/index.js';
import type { Finding, MetricValue, Note, Status } from './checks/types.js';
import type { Parameters } from './checks/parameters.js';
import { InputError, type Bilingual } from './errors.js';
import { parseLocalDate } from './read/values.js';
import { waiversValidator } from './validate/schemas.js';
import { addDays } from './calendar/days.js';
import { rate as rateOf } from './checks/helpers.js';

export interface WaiverEntry {
  /** 1-based place in the file. */
  readonly index: number;
  /** Its `id`, or `#N` after its place. */
  readonly name: string;
  readonly clause: string;
  /** null: every finding of the clause. */
  readonly records: readonly string[] | null;
  readonly justification: string;
  readonly approvedBy: string | null;
  readonly granted: string | null;
  readonly expires: string;
}

export interface WaiverProblem {
  /** 1-based entry, or null for the whole file. */
  readonly entry: number | null;
  readonly field: string | null;
  readonly message: Bilingual;
}

export interface WaiversFile {
  readonly file: string;
  /** The valid entries (an invalid one is listed in problems and never applied). */
  readonly entries: readonly WaiverEntry[];
  readonly problems: readonly WaiverProblem[];
}

/** In force on the as-of date, past its expiry day, or granted after it. */
export type WaiverState = 'active' | 'expired' | 'not-yet';

const CLAUSE_IDS = new Set(CHECKS.map((c) => c.id));

/** Reads a waivers file (YAML or JSON). Unreadable or unparseable → InputError (exit 2); bad entries → problems. */
export async function loadWaivers(path: string): Promise<WaiversFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new InputError(path, { zh: `无法读取豁免文件（${code}）`, en: `cannot read the waivers file (${code})` });
  }
  return parseWaivers(path, text);
}

export function parseWaivers(file: string, text: string): WaiversFile {
  let data: unknown;
  try {
    data = extname(file).toLowerCase() === '.json' ? JSON.parse(text.replace(/^\uFEFF/, '')) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    const first = (error as Error).message.split('\n')[0] ?? '';
    throw new InputError(file, { zh: `豁免文件格式错误：${first}`, en: `invalid waivers file: ${first}` });
  }
  const problems: WaiverProblem[] = [];
  const validate = waiversValidator();
  if (!validate(data)) {
    // Errors inside an entry are that entry's; the others make the whole file unusable.
    const badEntries = new Set<number>();
    for (const error of validate.errors ?? []) {
      const m = /^\/waivers\/(\d+)(?:\/(\w+))?/.exec(error.instancePath);
      const detail =
        error.keyword === 'additionalProperties'
          ? `unknown key "${(error.params as { additionalProperty: string }).additionalProperty}"`
          : error.keyword === 'required'
            ? `missing "${(error.params as { missingProperty: string }).missingProperty}"`
            : `${error.instancePath || '/'} ${error.message ?? ''}`;
      const zhDetail =
        error.keyword === 'required'
          ? `缺少「${(error.params as { missingProperty: string }).missingProperty}」`
          : error.keyword === 'additionalProperties'
            ? `未知字段「${(error.params as { additionalProperty: string }).additionalProperty}」`
            : `${error.instancePath || '/'} ${error.message ?? ''}`;
      if (m) {
        badEntries.add(Number(m[1]));
        problems.push({ entry: Number(m[1]) + 1, field: m[2] ?? null, message: { zh: zhDetail, en: detail } });
      } else problems.push({ entry: null, field: null, message: { zh: `${zhDetail}（应为 waivers: 列表）`, en: `${detail} (expected a list under waivers:)` } });
    }
    if (problems.some((p) => p.entry === null)) return { file, entries: [], problems };
    return { file, entries: entriesOf(data, badEntries, problems), problems };
  }
  return { file, entries: entriesOf(data, new Set(), problems), problems };
}

interface RawEntry {
  id?: string;
  clause: string;
  records?: string[];
  justification: string;
  approvedBy?: string;
  granted?: string;
  expires: string;
}

function entriesOf(data: unknown, skip: ReadonlySet<number>, problems: WaiverProblem[]): WaiverEntry[] {
  const raw = ((data as { waivers?: unknown }).waivers ?? []) as RawEntry[];
  const entries: WaiverEntry[] = [];
  const names = new Set<string>();
  raw.forEach((e, i) => {
    if (skip.has(i) || typeof e !== 'object' || e === null) return;
    const index = i + 1;
    const bad = (field: string, zh: string, en: string): void => void problems.push({ entry: index, field, message: { zh, en } });
    let ok = true;
    if (!CLAUSE_IDS.has(e.clause)) {
      bad('clause', `没有条款 ${e.clause}（运行 aftersales-audit rules 查看全部条款）`, `no clause ${e.clause} (run aftersales-audit rules to list them)`);
      ok = false;
    }
    const expires = strictDay(e.expires);
    if (!expires) {
      bad('expires', `expires 不是有效日期：「${e.expires}」（应为 YYYY-MM-DD）`, `expires is not a valid date: "${e.expires}" (YYYY-MM-DD)`);
      ok = false;
    }
    const granted = e.granted === undefined ? null : strictDay(e.granted);
    if (e.granted !== undefined && !granted) {
      bad('granted', `granted 不是有效日期：「${e.granted}」（应为 YYYY-MM-DD）`, `granted is not a valid date: "${e.granted}" (YYYY-MM-DD)`);
      ok = false;
    }
    if (granted && expires && granted > expires) {
      bad('expires', `到期日 ${expires} 早于批准日 ${granted}`, `expires ${expires} is before granted ${granted}`);
      ok = false;
    }
    const name = e.id?.trim() || `#${index}`;
    if (names.has(name)) {
      bad('id', `id「${name}」重复`, `id "${name}" is used twice`);
      ok = false;
    }
    names.add(name);
    if (!ok || !expires) return;
    entries.push({
      index,
      name,
      clause: e.clause,
      records: e.records ? [...new Set(e.records.map((r) => r.trim()))] : null,
      justification: e.justification.trim(),
      approvedBy: e.approvedBy?.trim() || null,
      granted,
      expires,
    });
  });
  return entries;
}

/** A China calendar date written as such (2026-06-30, 2026/6/30, 2026年6月30日), never a date-time. */
function strictDay(value: unknown): string | null {
  if (typeof value !== 'string' || /[T:]/.test(value)) return null;
  return parseLocalDate(value.trim());
}

/** Whether the entry applies on the as-of date: from the start of `granted` to the end of `expires`. */
export function waiverState(entry: Pick<WaiverEntry, 'granted' | 'expires'>, asOf: string): WaiverState {
  if (asOf > entry.expires) return 'expired';
  if (entry.granted !== null && asOf < entry.granted) return 'not-yet';
  return 'active';
}

/** Expires within `days` days after the as-of date (still in force). */
export function expiresWithin(entry: WaiverEntry, asOf: string, days: number): boolean {
  return waiverState(entry, asOf) === 'active' && entry.expires <= addDays(asOf, days);
}

/** An entry covers a finding of its clause (not an information-level one), of one of its records when it names any. */
export function covers(entry: Pick<WaiverEntry, 'clause' | 'records'>, finding: Pick<Finding, 'clause' | 'record' | 'level'>): boolean {
  if (finding.level === 'info' || finding.clause !== entry.clause) return false;
  if (entry.records === null) return true;
  return finding.record !== null && entry.records.includes(finding.record.trim());
}

/** How a waived finding is marked in every report. */
export interface WaiverMark {
  readonly entry: string;
  readonly justification: string;
  readonly approvedBy: string | null;
  readonly granted: string | null;
  readonly expires: string;
}

export interface WaiverUse {
  readonly entry: WaiverEntry;
  readonly state: WaiverState;
  /** Findings it waived (0 when not active). */
  readonly matched: number;
  /** Findings it would cover, whatever its state. */
  readonly covers: number;
}

export interface WaivableClause<F extends Finding> {
  readonly id: string;
  readonly status: Status;
  readonly metrics: Readonly<Record<string, MetricValue>>;
  readonly findings: readonly F[];
  readonly notes: readonly Note[];
}

export interface WaivedClause<F extends Finding> {
  readonly status: Status;
  readonly statusBeforeWaivers: Status;
  readonly metrics: Readonly<Record<string, MetricValue>>;
  /** The clause's findings with their marks, and an expired entry's warn finding added. */
  readonly findings: readonly (F & { readonly waiver: WaiverMark | null })[];
  readonly added: readonly Finding[];
  readonly notes: readonly Note[];
  readonly waived: number;
}

/**
 * Rate clauses whose rate is recounted after waivers: a waived record counts as a good one. With a
 * threshold, the status after waivers follows the rate; otherwise any unwaived failing finding fails.
 */
const RATES: Readonly<Record<string, { rate: string; good: string; total: readonly string[]; threshold: keyof Parameters | null }>> = {
  '4.7': { rate: 'onTimeRate', good: 'onTime', total: ['onTime', 'late'], threshold: null },
  '4.4': { rate: 'handlingRate', good: 'handled', total: ['due'], threshold: 'handlingRate' },
};

/**
 * Applies the entries in force on `asOf` to one clause. Waived findings stay (marked); they no
 * longer count towards the status. A clause whose every failing finding is waived is `warn`, not
 * `pass`: the records still break the clause, and the inspector who signs the report must see that
 * they were waived (a waiver is a decision about the breach, not evidence that it did not happen).
 */
export function waiveClause<F extends Finding>(clause: WaivableClause<F>, entries: readonly WaiverEntry[], asOf: string, params: Parameters): WaivedClause<F> {
  const mine = entries.filter((e) => e.clause === clause.id);
  const active = mine.filter((e) => waiverState(e, asOf) === 'active');
  const findings = clause.findings.map((f) => {
    const entry = active.find((e) => covers(e, f));
    const waiver: WaiverMark | null = entry
      ? { entry: entry.name, justification: entry.justification, approvedBy: entry.approvedBy, granted: entry.granted, expires: entry.expires }
      : null;
    return { ...f, waiver };
  });
  const added: Finding[] = [];
  const notes: Note[] = [...clause.notes];
  for (const e of mine) {
    const state = waiverState(e, asOf);
    const coverage = clause.findings.filter((f) => covers(e, f)).length;
    // An expired entry is a finding whether or not it still covers any: it must be renewed or removed.
    if (state === 'expired') {
      added.push({ clause: clause.id, level: 'warn', record: null, dataset: null, file: null, sheet: null, row: null, message: 'waiver-expired', data: { entry: e.name, expires: e.expires, justification: e.justification } });
    } else if (state === 'not-yet') notes.push({ message: 'waiver-not-yet', data: { entry: e.name, granted: e.granted ?? '' } });
    else if (coverage === 0) notes.push({ message: 'waiver-unmatched', data: { entry: e.name } });
  }
  const waived = findings.filter((f) => f.waiver !== null).length;
  let status = clause.status;
  const metrics: Record<string, MetricValue> = { ...clause.metrics };
  if (waived > 0) {
    metrics['waived'] = waived;
    const failing = findings.filter((f) => f.level === 'fail');
    const unwaivedFail = failing.filter((f) => f.waiver === null).length;
    const rate = RATES[clause.id];
    if (rate && typeof clause.metrics[rate.good] === 'number') {
      const good = (clause.metrics[rate.good] as number) + failing.filter((f) => f.waiver !== null).length;
      const total = rate.total.reduce((n, k) => n + ((clause.metrics[k] as number | undefined) ?? 0), 0);
      const after = rateOf(good, total);
      metrics[`${rate.rate}AfterWaivers`] = after;
      if (clause.status === 'fail') {
        const still = rate.threshold !== null ? after === null || after < (params[rate.threshold] as number) : unwaivedFail > 0;
        if (!still) status = 'warn';
      }
    } else if (clause.status === 'fail' && failing.length > 0 && unwaivedFail === 0) status = 'warn';
    if (clause.status === 'fail' && status === 'warn' && unwaivedFail === 0) notes.push({ message: 'waived-all', data: { count: failing.length } });
    else notes.push({ message: 'waived-some', data: { count: waived } });
  }
  if (added.length > 0 && (status === 'pass' || status === 'not-applicable')) status = 'warn';
  return { status, statusBeforeWaivers: clause.status, metrics, findings, added, notes, waived };
}

/** Each entry's state and how many findings it waived, over every clause of an audit. */
export function waiverUses(entries: readonly WaiverEntry[], findings: readonly Pick<Finding, 'clause' | 'record' | 'level'>[], asOf: string): WaiverUse[] {
  return entries.map((entry) => {
    const state = waiverState(entry, asOf);
    const n = findings.filter((f) => covers(entry, f)).length;
    return { entry, state, covers: n, matched: state === 'active' ? n : 0 };
  });
}

/** A problem as one line: "entry 3 (expires): …". */
export function problemText(problem: WaiverProblem, lang: 'zh' | 'en'): string {
  if (problem.entry === null) return problem.message[lang];
  const field = problem.field ? (lang === 'zh' ? `（${problem.field}）` : ` (${problem.field})`) : '';
  return lang === 'zh' ? `第 ${problem.entry} 条${field}：${problem.message.zh}` : `entry ${problem.entry}${field}: ${problem.message.en}`;
}

/** For `audit --waivers`: a file with any invalid entry is refused (exit 2), naming each problem. */
export async function loadWaiversForAudit(path: string): Promise<WaiversFile> {
  const file = await loadWaivers(path);
  if (file.problems.length > 0) {
    const shown = file.problems.slice(0, 5);
    const more = file.problems.length - shown.length;
    throw new InputError(path, {
      zh: `豁免文件无效：${shown.map((p) => problemText(p, 'zh')).join('；')}${more > 0 ? `；另有 ${more} 处` : ''}（运行 aftersales-audit waivers check 查看全部）`,
      en: `invalid waivers file: ${shown.map((p) => problemText(p, 'en')).join('; ')}${more > 0 ? `; ${more} more` : ''} (run aftersales-audit waivers check to list them all)`,
    });
  }
  return file;
}

export interface CheckedEntry {
  readonly entry: WaiverEntry;
  readonly state: WaiverState;
  readonly expiringSoon: boolean;
  /** Findings of DIR's audit it covers; null without DIR. */
  readonly covers: number | null;
}

export interface WaiversCheck {
  readonly file: string;
  readonly dir: string | null;
  readonly asOf: string;
  readonly within: number;
  readonly problems: readonly WaiverProblem[];
  readonly entries: readonly CheckedEntry[];
}

/** `waivers check`: the file's problems and each valid entry's state; with DIR, what each covers in its audit. */
export async function checkWaivers(
  path: string,
  dir: string | null,
  options: { asOf: string; within: number; params: Parameters; headers: import('./config.js').Config['headers']; calendar: import('./calendar/calendar.js').Calendar; maxIssues: number },
): Promise<WaiversCheck> {
  const file = await loadWaivers(path);
  let covered: Map<WaiverEntry, number> | null = null;
  if (dir !== null) {
    // The folder audited as of the same date, every clause, to see what each entry would cover.
    const { runAudit } = await import('./audit.js');
    const audit = await runAudit({
      dir,
      explicit: {},
      sheet: [],
      encoding: null,
      headers: options.headers,
      maxIssues: options.maxIssues,
      from: null,
      to: null,
      asOf: options.asOf,
      today: options.asOf,
      only: null,
      skip: [],
      params: options.params,
      calendar: options.calendar,
      waivers: file,
    });
    const uses = audit.waivers!.uses;
    covered = new Map(uses.map((u) => [u.entry, u.covers]));
  }
  return {
    file: path,
    dir,
    asOf: options.asOf,
    within: options.within,
    problems: file.problems,
    entries: file.entries.map((entry) => ({
      entry,
      state: waiverState(entry, options.asOf),
      expiringSoon: expiresWithin(entry, options.asOf, options.within),
      covers: covered ? (covered.get(entry) ?? 0) : null,
    })),
  };
}

function describe(entry: WaiverEntry, lang: 'zh' | 'en'): string {
  const records = entry.records ? entry.records.join(lang === 'zh' ? '、' : ', ') : lang === 'zh' ? '整条' : 'whole clause';
  return `${entry.name}  ${entry.clause}  ${records}`;
}

export function waiversCheckText(check: WaiversCheck, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  const total = check.entries.length + new Set(check.problems.filter((p) => p.entry !== null).map((p) => p.entry)).size;
  out.push(zh ? `豁免文件 ${check.file}：${total} 条，按 ${check.asOf} 判断` : `waivers file ${check.file}: ${total} entries, judged at ${check.asOf}`);
  for (const p of check.problems) out.push(`  ✗ ${problemText(p, lang)}`);
  for (const e of check.entries) {
    const who = e.entry.approvedBy ? (zh ? `，批准人 ${e.entry.approvedBy}` : `, approved by ${e.entry.approvedBy}`) : '';
    if (e.state === 'expired') out.push(zh ? `  ✗ ${describe(e.entry, lang)}：已于 ${e.entry.expires} 到期` : `  ✗ ${describe(e.entry, lang)}: expired on ${e.entry.expires}`);
    else if (e.state === 'not-yet') out.push(zh ? `  - ${describe(e.entry, lang)}：自 ${e.entry.granted} 起生效` : `  - ${describe(e.entry, lang)}: applies from ${e.entry.granted}`);
    else if (e.expiringSoon) out.push(zh ? `  ! ${describe(e.entry, lang)}：将于 ${e.entry.expires} 到期（${check.within} 天内）${who}` : `  ! ${describe(e.entry, lang)}: expires on ${e.entry.expires} (within ${check.within} days)${who}`);
    else out.push(zh ? `  ✓ ${describe(e.entry, lang)}：有效至 ${e.entry.expires}${who}` : `  ✓ ${describe(e.entry, lang)}: in force until ${e.entry.expires}${who}`);
    if (e.covers === 0) out.push(zh ? `    ? 未匹配 ${check.dir} 中的任何发现` : `    ? matches no finding in ${check.dir}`);
    else if (e.covers !== null) out.push(zh ? `    覆盖 ${e.covers} 条发现` : `    covers ${e.covers} findings`);
  }
  const expired = check.entries.filter((e) => e.state === 'expired').length;
  const soon = check.entries.filter((e) => e.expiringSoon).length;
  const unmatched = check.entries.filter((e) => e.covers === 0).length;
  out.push(
    zh
      ? `无效 ${check.problems.length} 处 · 已到期 ${expired} · ${check.within} 天内到期 ${soon}${check.dir !== null ? ` · 未匹配 ${unmatched}` : ''}`
      : `invalid ${check.problems.length} · expired ${expired} · expiring within ${check.within} days ${soon}${check.dir !== null ? ` · matching nothing ${unmatched}` : ''}`,
  );
  return `${out.join('\n')}\n`;
}

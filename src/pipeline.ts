// The pipeline in one place: discover → read (normalise, validate, cross-check) every dataset in
// order → hand each record to the visitor (the clause checks) → summary. Formatting happens elsewhere.
import { archivesOf } from './read/folder.js';
import { InputError } from './errors.js';
import type { Issue, InputSummary, DatasetName, SkippedInput, Source } from './model.js';
import { copyMessage, discover, looksLikeCopy, type Explicit, type Plan } from './read/discover.js';
import { openSource, readDataset, type OpenedSource, type RecordVisitor } from './read/dataset.js';
import type { Encoding } from './read/encoding.js';
import { readProfile, type Profile } from './read/profile.js';
import { createIntegrity, createRegisters, recordKey, type Integrity, type Registers } from './validate/integrity.js';
import type { HeaderMap } from './read/table.js';

export interface ReadOptions {
  readonly dir: string;
  readonly explicit: Explicit;
  /** --sheet: the sheets to read (null or none: every data sheet). */
  readonly sheet: string | readonly string[] | null;
  readonly encoding: Encoding | null;
  readonly headers: Partial<Record<DatasetName, HeaderMap>>;
  /** Issues listed in full; all are counted. */
  readonly maxIssues: number;
  readonly progress?: ((file: string, rows: number, done: boolean) => void) | undefined;
}

export interface DataQuality {
  count: number;
  /** True when more issues were found than --max-issues lists. */
  truncated: boolean;
  issues: Issue[];
}

export interface Reading {
  readonly plan: Plan;
  readonly inputs: readonly InputSummary[];
  /** Files and sheets not read, with the reason (non-data sheets, copies, unreadable files). */
  readonly skipped: readonly SkippedInput[];
  readonly profile: Partial<Profile> | null;
  readonly dataQuality: DataQuality;
}

export const DEFAULT_MAX_ISSUES = 100_000;

/** What is known before the rows stream: the plan and the profile, and the registers the ids will be numbered in. */
export interface ReadStart {
  readonly plan: Plan;
  readonly profile: Partial<Profile> | null;
  readonly profileIssues: readonly Issue[];
  readonly registers: Registers;
}

/**
 * Reads an enterprise's folder. `visit` receives every record; it may instead be a function that
 * is given the plan and the profile first (the audit needs the profile's period before rows stream).
 */
export async function readEnterprise(options: ReadOptions, visit: RecordVisitor | { start(start: ReadStart): RecordVisitor } = () => {}): Promise<Reading> {
  const sheets = options.sheet === null ? [] : typeof options.sheet === 'string' ? [options.sheet] : options.sheet;
  const plan = await discover(options.dir, options.explicit, sheets);
  if (plan.sources.length === 0 && !plan.profile) {
    // Nothing can be read: the first unreadable file's error says why (exit 2).
    const [first] = plan.errors.values();
    if (first) throw first;
    const archives = archivesOf(plan.unrecognised);
    if (archives.length > 0) {
      throw new InputError(options.dir, {
        zh: `文件夹中没有数据文件，只有压缩包 ${archives.join('、')}：请先解压，再对解压出的文件夹运行`,
        en: `no data file in the folder, only the archive(s) ${archives.join(', ')}: unpack them first and run on the folder they unpack to`,
      });
    }
    throw new InputError(options.dir, {
      zh: '找不到任何数据文件。文件名或工作表名应含有：投诉/工单、花名册/人员、回访、房源/已售，或用 --complaints 等参数指定；企业信息为 profile.yaml',
      en: 'no data files found. File or sheet names should contain 投诉 (complaints), 花名册 (staff), 回访 (callbacks), 房源 (units), or name files with --complaints etc.; the profile is profile.yaml',
    });
  }
  const dataQuality: DataQuality = { count: 0, truncated: false, issues: [] };
  const report = (issue: Issue): void => {
    dataQuality.count++;
    if (dataQuality.issues.length < options.maxIssues) dataQuality.issues.push(issue);
    else dataQuality.truncated = true;
  };

  const inputs: InputSummary[] = [];
  let profile: Partial<Profile> | null = null;
  let profileIssues: readonly Issue[] = [];
  if (plan.profile) {
    const reading = await readProfile(plan.profile.path, plan.profile.file);
    profile = reading.profile;
    profileIssues = reading.issues;
    for (const issue of reading.issues) report(issue);
    inputs.push({
      dataset: 'profile',
      file: plan.profile.file,
      sheet: null,
      encoding: reading.encoding,
      sha256: reading.sha256,
      headerRow: null,
      rows: 1,
      // A profile with issues is still read: its broken keys are left out, the rest is judged.
      rejected: 0,
      withIssues: reading.issues.length > 0 ? 1 : 0,
      columns: {},
      ignoredColumns: [],
      skippedRows: [],
      skippedCount: 0,
      blankRows: 0,
    });
  }

  const registers = createRegisters();
  const visitor = typeof visit === 'function' ? visit : visit.start({ plan, profile, profileIssues, registers });
  const integrity = createIntegrity(registers);
  for (const source of plan.sources) integrity.supplied(source.dataset);
  // Files are checked one after another, in order; the next one is opened while the current one
  // is checked. A large workbook's parse starts then too (in the worker): loading its shared
  // strings takes seconds before the first row. A CSV's first row comes at once, so it waits.
  const open = (source: Source): Promise<OpenedSource> => {
    const opening = openSource(source, options.encoding);
    if (source.format === 'xlsx') opening.then((o) => o.readAhead(), () => {});
    opening.catch(() => {}); // a failure surfaces when that file's turn comes
    return opening;
  };
  const skipped: SkippedInput[] = [...plan.skipped];
  const errors = new Map(plan.errors);
  const readOptions = (source: Source) => ({ headers: options.headers[source.dataset] ?? {}, date1904: plan.date1904.get(source.path) ?? false });
  let next = plan.sources.length > 0 ? open(plan.sources[0]!) : null;
  try {
    for (let i = 0; i < plan.sources.length; i++) {
      const source = plan.sources[i]!;
      const opening = next!;
      next = i + 1 < plan.sources.length ? open(plan.sources[i + 1]!) : null;
      // One file that cannot be read is listed as not read; the others are still audited.
      try {
        const opened = await opening;
        const original = looksLikeCopy(source.file) ? await copyOf(source, readOptions(source), integrity, options.encoding) : null;
        if (original !== null) {
          opened.close();
          skipped.push({ file: source.file, sheet: source.sheet, reason: 'copy', message: copyMessage(original.file, 'ids', original.sheet), dataset: source.dataset });
          continue;
        }
        const { empty, failure, ...summary } = await readDataset(source, opened, readOptions(source), integrity, report, visitor, options.progress);
        if (empty) skipped.push({ file: source.file, sheet: source.sheet, reason: 'empty-sheet', message: EMPTY_SHEET, dataset: source.dataset });
        else inputs.push(summary);
        if (failure) {
          // Read in part: the rows before the failure are counted (and listed in inputs), the rest is not.
          errors.set(failure.file, failure);
          const message = {
            zh: `${failure.detail.zh}（只读取了前 ${summary.rows} 行数据）`,
            en: `${failure.detail.en} (only its first ${summary.rows} data rows were read)`,
          };
          skipped.push({ file: failure.file, sheet: source.sheet, reason: 'unreadable', message, dataset: source.dataset });
        }
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        errors.set(error.file, error);
        skipped.push({ file: error.file, sheet: source.sheet, reason: 'unreadable', message: error.detail, dataset: source.dataset });
      }
    }
  } catch (error) {
    next?.then((o) => o.close(), () => {});
    throw error;
  }
  if (inputs.length === 0 && !plan.profile && errors.size > 0) throw [...errors.values()][0]!;
  sortIssues(dataQuality.issues, plan.sources);
  return { plan, inputs, skipped, profile, dataQuality };
}

const EMPTY_SHEET = { zh: '空工作表，没有内容', en: 'an empty sheet' };

/**
 * A source whose name says it is a copy (副本, copy, "(1)"): when every record's key (编号, 回访编号,
 * project/unit, staff name) was already read from another file, the place it was first read in,
 * else null. It is read twice then: once here to learn its keys, once for real when it is no copy.
 */
async function copyOf(source: Source, options: { headers: HeaderMap; date1904: boolean }, integrity: Integrity, encoding: Encoding | null): Promise<{ file: string; sheet: string | null } | null> {
  let keyed = 0;
  let repeated = 0;
  let first: { file: string; sheet: string | null } | null = null;
  const scratch = createIntegrity(createRegisters());
  const opened = await openSource(source, encoding);
  await readDataset(source, opened, options, scratch, () => {}, (record) => {
    if (recordKey(source.dataset, record) === null) return;
    keyed++;
    const place = integrity.placeOf(source.dataset, record);
    if (place === null || place.file === source.file) return;
    repeated++;
    first ??= { file: place.file, sheet: place.sheet };
  });
  return keyed > 0 && repeated === keyed ? first : null;
}

/** Issues in reading order: profile, then by source, row, column; a whole-file issue first. */
function sortIssues(issues: Issue[], sources: readonly Source[]): void {
  const rank = new Map<string, number>();
  sources.forEach((s, i) => rank.set(`${s.file}\u0000${s.sheet ?? ''}`, i + 1));
  const rankOf = (i: Issue): number => (i.dataset === 'profile' ? 0 : rank.get(`${i.file}\u0000${i.sheet ?? ''}`) ?? sources.length + 1);
  // Code-unit order, not locale order: the same bytes on every machine.
  const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  issues.sort((a, b) => rankOf(a) - rankOf(b) || (a.row ?? 0) - (b.row ?? 0) || text(a.column ?? '', b.column ?? '') || text(a.code, b.code));
}

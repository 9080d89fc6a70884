// Finds the datasets of an enterprise's folder: by file name, by sheet name inside workbooks (one
// workbook may hold several datasets), or as named by flags. Every file that is not used is listed.
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { datasets } from '../datasets.js';
import { InputError, UsageError } from '../errors.js';
import { folderProblem } from './folder.js';
import { classifyEntry } from '../evidence.js';
import { skipText } from '../i18n.js';
import { DATASETS, UNREAD_REASONS, type DatasetName, type SkippedInput, type Source } from '../model.js';
import { inspectLegacyWorkbook, workbookFormat } from './legacy.js';
import { sha256File } from './files.js';
import { inspectWorkbook, type WorkbookInfo } from './xlsx.js';

export interface Explicit {
  readonly complaints?: string | undefined;
  readonly staff?: string | undefined;
  readonly callbacks?: string | undefined;
  readonly units?: string | undefined;
  readonly profile?: string | undefined;
}

export interface Plan {
  readonly dir: string;
  /** In reading order (staff, units, complaints, callbacks); a dataset may have several sources. */
  readonly sources: readonly Source[];
  readonly profile: { readonly path: string; readonly file: string } | null;
  readonly missing: readonly DatasetName[];
  /** Files in the folder that were not read, so nothing is silently left out. */
  readonly unrecognised: readonly string[];
  /** Sheets and files not read, with the reason: non-data sheets, copies, unreadable files. */
  readonly skipped: readonly SkippedInput[];
  /** The error of each file that could not be read, by file, to say it when nothing else was read. */
  readonly errors: ReadonlyMap<string, InputError>;
  /** date1904 per workbook path. */
  readonly date1904: ReadonlyMap<string, boolean>;
}

const TABLE_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.xlsx', '.xlsm', '.xls', '.et', '.ods']);
const PROFILE_NAMES = ['profile.yaml', 'profile.yml', 'profile.json', '企业信息.yaml', '企业信息.yml', '企业信息.json'];

/**
 * The dataset a name speaks of. When several match ("投诉回访记录"), the word that comes last wins:
 * in Chinese the head noun ends the phrase.
 */
export function datasetForName(name: string): DatasetName | null {
  const lower = name.toLowerCase();
  let best: DatasetName | null = null;
  let bestAt = -1;
  for (const dataset of DATASETS) {
    for (const word of datasets[dataset].names) {
      const at = lower.lastIndexOf(word.toLowerCase());
      if (at >= 0 && at + word.length > bestAt) {
        best = dataset;
        bestAt = at + word.length;
      }
    }
  }
  return best;
}

/** 'workbook' for every spreadsheet extension: which reader takes it is told by its content (workbookFormat). */
function formatOf(path: string): 'csv' | 'workbook' | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls' || ext === '.et' || ext === '.ods') return 'workbook';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  return null;
}

/** A workbook's format (by content) and its sheets. */
async function inspect(path: string, shown: string): Promise<{ format: Source['format']; info: WorkbookInfo }> {
  const format = await workbookFormat(path, shown, extname(path).toLowerCase());
  const info = format === 'xlsx' ? await inspectWorkbook(path, shown) : await inspectLegacyWorkbook(path, shown, format);
  return { format, info };
}

function display(dir: string, path: string): string {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
}

async function ensureFile(path: string, shown: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputError(shown, { zh: '文件不存在', en: 'no such file' });
  }
  if (!info.isFile()) throw new InputError(shown, { zh: '不是文件', en: 'not a file' });
}

function unsupported(shown: string): InputError {
  return new InputError(shown, {
    zh: '不支持的文件类型；请提供 .xlsx、.xls、.et、.ods 或 .csv',
    en: 'unsupported file type; supply .xlsx, .xls, .et, .ods or .csv',
  });
}

function sheetNotFound(shown: string, sheet: string, info: WorkbookInfo): UsageError {
  const names = info.sheets.map((s) => s.name).join('、');
  return new UsageError({
    zh: `${shown}：没有名为「${sheet}」的工作表（现有：${names}）`,
    en: `${shown}: no sheet named "${sheet}" (sheets: ${names})`,
  });
}

/** Sheets that are not data: summaries and instructions, by name. */
const SUMMARY_SHEET = /汇总|统计|合计|summary|total/i;
const INSTRUCTIONS_SHEET = /说明|须知|readme|instruction/i;

/** A name that says the file is a copy: 副本, 复件, copy, "(1)". */
const COPY_NAME = /副本|复件|\bcopy\b|[(（]\s*\d+\s*[)）]\s*$/i;

export function looksLikeCopy(file: string): boolean {
  return COPY_NAME.test(basename(file, extname(file)));
}

const SKIP_TEXT: Readonly<Record<'summary-sheet' | 'instructions-sheet' | 'hidden-sheet' | 'unrecognised-sheet', { zh: string; en: string }>> = {
  'summary-sheet': { zh: '汇总或统计表，不是台账记录，未读取', en: 'a summary or statistics sheet, not records: not read' },
  'instructions-sheet': { zh: '填写说明，不是台账记录，未读取', en: 'instructions, not records: not read' },
  'hidden-sheet': { zh: '隐藏的工作表，未读取', en: 'a hidden sheet: not read' },
  'unrecognised-sheet': {
    zh: '工作表名和文件名都没有指明数据类别（投诉、花名册、回访、房源），未读取；可用 --complaints 等参数和 --sheet 指定',
    en: 'neither the sheet nor the file name says which records it holds (投诉, 花名册, 回访, 房源): not read; name it with --complaints etc. and --sheet',
  },
};

function skippedSheet(file: string, sheet: string, reason: keyof typeof SKIP_TEXT, dataset: DatasetName | null): SkippedInput {
  return { file, sheet, reason, message: SKIP_TEXT[reason], dataset };
}

/** What a sheet of a workbook is, by its name: not data, or the dataset it names. */
function sheetKind(name: string): 'summary-sheet' | 'instructions-sheet' | DatasetName | null {
  if (INSTRUCTIONS_SHEET.test(name)) return 'instructions-sheet';
  if (SUMMARY_SHEET.test(name)) return 'summary-sheet';
  return datasetForName(name);
}

/**
 * The sheets of a workbook to read: each sheet named by a dataset is read as that dataset (unless a
 * flag names another file for it); every other data sheet is read as `fileDataset` (one sheet per
 * month or per project); summaries, instructions and hidden sheets are listed as skipped, and so is
 * a sheet nothing names when the workbook is read. `wanted` (--sheet) keeps only the sheets named.
 */
function planWorkbook(
  file: string,
  info: WorkbookInfo,
  fileDataset: DatasetName | null,
  claimed: ReadonlySet<DatasetName>,
  wanted: readonly string[],
): { read: { sheet: string; dataset: DatasetName }[]; skipped: SkippedInput[] } {
  const read: { sheet: string; dataset: DatasetName }[] = [];
  const skipped: SkippedInput[] = [];
  const chosen = wanted.length > 0 && fileDataset ? info.sheets.filter((s) => wanted.includes(s.name)) : [];
  if (chosen.length > 0) {
    for (const s of chosen) read.push({ sheet: s.name, dataset: fileDataset! });
    return { read, skipped };
  }
  for (const s of info.sheets) {
    const kind = sheetKind(s.name);
    if (kind === 'summary-sheet' || kind === 'instructions-sheet') skipped.push(skippedSheet(file, s.name, kind, fileDataset));
    else if (kind !== null) {
      if (!claimed.has(kind)) read.push({ sheet: s.name, dataset: kind });
    } else if (s.hidden) skipped.push(skippedSheet(file, s.name, 'hidden-sheet', fileDataset));
    else if (fileDataset) read.push({ sheet: s.name, dataset: fileDataset });
    else skipped.push(skippedSheet(file, s.name, 'unrecognised-sheet', null));
  }
  return { read, skipped };
}

/** Files of the same size are hashed: a file with the same bytes as another is a copy of it. */
async function sameContent(files: readonly { path: string; name: string; size: number }[]): Promise<Map<string, string>> {
  const copyOf = new Map<string, string>();
  const bySize = new Map<number, { path: string; name: string }[]>();
  for (const f of files) bySize.set(f.size, [...(bySize.get(f.size) ?? []), f]);
  for (const group of bySize.values()) {
    if (group.length < 2) continue;
    const byHash = new Map<string, { path: string; name: string }[]>();
    for (const f of group) {
      let hash: string;
      try {
        hash = await sha256File(f.path);
      } catch {
        continue; // unreadable: its turn says so
      }
      byHash.set(hash, [...(byHash.get(hash) ?? []), f]);
    }
    for (const same of byHash.values()) {
      if (same.length < 2) continue;
      // The original: a name that does not look like a copy, else the first in order.
      const original = same.find((f) => !looksLikeCopy(f.name)) ?? same[0]!;
      for (const f of same) if (f !== original) copyOf.set(f.path, original.name);
    }
  }
  return copyOf;
}

/** Why a copy was not read: the file (and sheet) taken as the original. */
export function copyMessage(original: string, how: 'bytes' | 'ids', sheet: string | null = null): { zh: string; en: string } {
  const zh = sheet ? `${original}「${sheet}」` : `${original} `;
  const en = sheet ? `${original} [${sheet}]` : original;
  return how === 'bytes'
    ? { zh: `与 ${zh}内容完全相同（SHA-256 一致），视为副本，未重复读取`, en: `the same bytes as ${en} (same SHA-256): taken as a copy and not read twice` }
    : { zh: `其中的编号都已在 ${zh}中出现，视为副本，未重复读取`, en: `every id in it is already in ${en}: taken as a copy and not read twice` };
}

function unreadable(error: InputError, sheet: string | null, dataset: DatasetName | null, reason: 'unreadable' | 'unsupported-format' = 'unreadable'): SkippedInput {
  return { file: error.file, sheet, reason, message: error.detail, dataset };
}

export async function discover(dirArg: string, explicit: Explicit, sheetsWanted: readonly string[]): Promise<Plan> {
  const dir = resolve(dirArg);
  let entries: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new Error('not a directory');
    entries = (await readdir(dir)).sort();
  } catch {
    return folderProblem(dirArg, datasetForName);
  }

  const sources: Source[] = [];
  const date1904 = new Map<string, boolean>();
  const unrecognised: string[] = [];
  const skipped: SkippedInput[] = [];
  const errors = new Map<string, InputError>();
  const used = new Set<string>();
  const root = await realpath(dir).catch(() => dir);
  const fail = (error: InputError, dataset: DatasetName | null, reason: 'unreadable' | 'unsupported-format' = 'unreadable'): void => {
    errors.set(error.file, error);
    skipped.push(unreadable(error, null, dataset, reason));
  };
  const sheetFound = new Set<string>();

  // Explicit files first: a flag names the dataset, --sheet may name its sheets.
  for (const dataset of DATASETS) {
    const given = explicit[dataset];
    if (!given) continue;
    const path = resolve(given);
    const shown = display(dir, path);
    await ensureFile(path, shown);
    used.add(path);
    const kind = formatOf(path);
    if (!kind) {
      fail(unsupported(shown), dataset, 'unsupported-format');
      continue;
    }
    if (kind === 'csv') {
      sources.push({ dataset, path, file: shown, format: kind, sheet: null });
      continue;
    }
    let format: Source['format'];
    let info: WorkbookInfo;
    try {
      ({ format, info } = await inspect(path, shown));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      fail(error, dataset);
      continue;
    }
    date1904.set(path, info.date1904);
    let chosen: string[];
    if (sheetsWanted.length > 0) {
      chosen = info.sheets.filter((s) => sheetsWanted.includes(s.name)).map((s) => s.name);
      for (const name of chosen) sheetFound.add(name);
      if (chosen.length === 0) throw sheetNotFound(shown, sheetsWanted[0]!, info);
    } else {
      const named = info.sheets.filter((s) => datasetForName(s.name) === dataset && sheetKind(s.name) === dataset).map((s) => s.name);
      if (named.length > 0) chosen = named;
      else {
        // Sheets named by other datasets are read as those when the file is in the folder.
        const claimed = new Set(DATASETS.filter((d) => d !== dataset));
        const planned = planWorkbook(shown, info, dataset, claimed, []);
        chosen = planned.read.filter((r) => r.dataset === dataset).map((r) => r.sheet);
        skipped.push(...planned.skipped);
      }
    }
    if (chosen.length === 0 && info.sheets.length === 0) {
      fail(new InputError(shown, { zh: '工作簿中没有工作表', en: 'the workbook has no sheet' }), dataset);
      continue;
    }
    for (const name of chosen) sources.push({ dataset, path, file: shown, format, sheet: name });
  }
  if (sheetsWanted.length > 0 && DATASETS.some((d) => explicit[d] && formatOf(explicit[d]!) === 'workbook')) {
    const missing = sheetsWanted.find((name) => !sheetFound.has(name));
    if (missing !== undefined) {
      throw new UsageError({ zh: `没有名为「${missing}」的工作表`, en: `no sheet named "${missing}"` });
    }
  }
  const explicitDatasets = new Set(DATASETS.filter((d) => explicit[d]));

  let profile: Plan['profile'] = null;
  if (explicit.profile) {
    const path = resolve(explicit.profile);
    const shown = display(dir, path);
    await ensureFile(path, shown);
    used.add(path);
    profile = { path, file: shown };
  }

  // The folder's files, first told apart from copies of one another.
  const files: { path: string; name: string; size: number }[] = [];
  for (const name of entries) {
    const path = join(dir, name);
    if (name.startsWith('.') || name.startsWith('~$')) continue;
    // A workbook named by a flag may hold other datasets in its other sheets.
    if (used.has(path) && formatOf(name) !== 'workbook') continue;
    // Found files obey the evidence rule; a file named by a flag is read as given.
    const kind = await classifyEntry(root, path);
    if (kind === 'folder' || (kind !== 'file' && used.has(path))) continue;
    if (kind !== 'file') {
      skipped.push({ file: name, sheet: null, reason: kind, message: skipText(kind), dataset: datasetForName(basename(name, extname(name))) });
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch {
      continue;
    }
    if (PROFILE_NAMES.includes(name.toLowerCase()) || PROFILE_NAMES.includes(name)) {
      if (!profile) {
        profile = { path, file: name };
        continue;
      }
      unrecognised.push(name);
      continue;
    }
    files.push({ path, name, size: info.size });
  }
  const copies = await sameContent(files.filter((f) => !used.has(f.path) && TABLE_EXTENSIONS.has(extname(f.name).toLowerCase())));

  for (const { path, name } of files) {
    const ext = extname(name).toLowerCase();
    const byName = used.has(path) ? null : datasetForName(basename(name, extname(name)));
    const original = copies.get(path);
    if (original !== undefined) {
      skipped.push({ file: name, sheet: null, reason: 'copy', message: copyMessage(original, 'bytes'), dataset: byName });
      continue;
    }
    if (!TABLE_EXTENSIONS.has(ext)) {
      unrecognised.push(name);
      continue;
    }
    if (formatOf(name) === 'csv') {
      if (byName && !explicitDatasets.has(byName)) sources.push({ dataset: byName, path, file: name, format: 'csv', sheet: null });
      else unrecognised.push(name);
      continue;
    }
    let format: Source['format'];
    let workbook: WorkbookInfo;
    try {
      ({ format, info: workbook } = await inspect(path, name));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // A workbook named by a flag was listed as not read already.
      if (byName && !used.has(path)) fail(error, byName);
      else if (!used.has(path)) unrecognised.push(name);
      continue;
    }
    date1904.set(path, workbook.date1904);
    const fileDataset = byName && !explicitDatasets.has(byName) ? byName : null;
    const planned = planWorkbook(name, workbook, fileDataset, explicitDatasets, sheetsWanted);
    if (planned.read.length === 0 && !fileDataset) {
      if (!used.has(path)) unrecognised.push(name);
      continue;
    }
    // A workbook named by a flag: its other datasets' sheets only (its skipped sheets are listed already).
    const taken = new Set(sources.filter((s) => s.path === path).map((s) => s.sheet));
    for (const r of planned.read) if (!taken.has(r.sheet)) sources.push({ dataset: r.dataset, path, file: name, format, sheet: r.sheet });
    if (!used.has(path)) skipped.push(...planned.skipped);
  }

  // Within a dataset, files in name order, a file that looks like a copy after the others (so
  // its ids can be told to repeat theirs), sheets in workbook order.
  const order = (s: Source): number => DATASETS.indexOf(s.dataset);
  const ordered = sources
    .map((s, i) => ({ s, i, copy: looksLikeCopy(s.file) ? 1 : 0 }))
    .sort((a, b) => order(a.s) - order(b.s) || a.copy - b.copy || a.i - b.i)
    .map(({ s }) => s);
  const present = new Set(ordered.map((s) => s.dataset));
  return {
    dir,
    sources: ordered,
    profile,
    missing: DATASETS.filter((d) => !present.has(d) && !skipped.some((k) => k.dataset === d && UNREAD_REASONS.has(k.reason))),
    unrecognised,
    skipped,
    errors,
    date1904,
  };
}

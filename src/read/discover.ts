// Finds the datasets of an enterprise's folder: by file name, by sheet name inside workbooks (one
// workbook may hold several datasets), or as named by flags. Every file that is not used is listed.
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { datasets } from '../datasets.js';
import { InputError, UsageError } from '../errors.js';
import { classifyEntry } from '../evidence.js';
import { DATASETS, type DatasetName, type SkippedFile, type Source } from '../model.js';
import { inspectLegacyWorkbook, workbookFormat } from './legacy.js';
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
  /** Files found and not read, with why (a link leaving the folder, a FIFO or device…). */
  readonly skipped: readonly SkippedFile[];
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

export async function discover(dirArg: string, explicit: Explicit, sheet: string | null): Promise<Plan> {
  const dir = resolve(dirArg);
  let entries: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new Error('not a directory');
    entries = (await readdir(dir)).sort();
  } catch {
    throw new InputError(dirArg, { zh: '不是可读取的文件夹', en: 'not a readable folder' });
  }

  const sources: Source[] = [];
  const date1904 = new Map<string, boolean>();
  const unrecognised: string[] = [];
  const skipped: SkippedFile[] = [];
  const used = new Set<string>();
  const root = await realpath(dir).catch(() => dir);

  // Explicit files first: a flag names the dataset, --sheet may name its sheet.
  for (const dataset of DATASETS) {
    const given = explicit[dataset];
    if (!given) continue;
    const path = resolve(given);
    const shown = display(dir, path);
    await ensureFile(path, shown);
    used.add(path);
    const kind = formatOf(path);
    if (!kind) throw unsupported(shown);
    if (kind === 'csv') {
      sources.push({ dataset, path, file: shown, format: kind, sheet: null });
      continue;
    }
    const { format, info } = await inspect(path, shown);
    date1904.set(path, info.date1904);
    let chosen: string | undefined;
    if (sheet) {
      if (!info.sheets.some((s) => s.name === sheet)) throw sheetNotFound(shown, sheet, info);
      chosen = sheet;
    } else {
      chosen = info.sheets.find((s) => datasetForName(s.name) === dataset)?.name ?? info.sheets.find((s) => !s.hidden)?.name;
    }
    if (!chosen) throw new InputError(shown, { zh: '工作簿中没有工作表', en: 'the workbook has no sheet' });
    sources.push({ dataset, path, file: shown, format, sheet: chosen });
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

  for (const name of entries) {
    const path = join(dir, name);
    if (name.startsWith('.') || name.startsWith('~$')) continue;
    // A workbook named by a flag may hold other datasets in its other sheets.
    if (used.has(path) && formatOf(name) !== 'workbook') continue;
    // Found files obey the evidence rule; a file named by a flag is read as given.
    const kind = await classifyEntry(root, path);
    if (kind === 'folder' || (kind !== 'file' && used.has(path))) continue;
    if (kind !== 'file') {
      skipped.push({ file: name, sheet: null, reason: kind, data: {} });
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
    const ext = extname(name).toLowerCase();
    const byName = used.has(path) ? null : datasetForName(basename(name, extname(name)));
    if (!TABLE_EXTENSIONS.has(ext)) {
      unrecognised.push(name);
      continue;
    }
    if (formatOf(name) === 'csv') {
      if (byName && !explicitDatasets.has(byName)) sources.push({ dataset: byName, path, file: name, format: 'csv', sheet: null });
      else unrecognised.push(name);
      continue;
    }
    // A workbook: datasets by sheet name; else the file name names one dataset, read from its first sheet.
    let inspected;
    try {
      inspected = await inspect(path, name);
    } catch (error) {
      // A legacy workbook that names no dataset was passed over before it could be read: it still is.
      if (byName === null && ext !== '.xlsx' && ext !== '.xlsm' && error instanceof InputError) {
        unrecognised.push(name);
        continue;
      }
      throw error;
    }
    const { format, info: workbook } = inspected;
    date1904.set(path, workbook.date1904);
    const bySheet = workbook.sheets
      .map((s) => ({ sheet: s.name, dataset: datasetForName(s.name) }))
      .filter((s): s is { sheet: string; dataset: DatasetName } => s.dataset !== null && !explicitDatasets.has(s.dataset));
    if (bySheet.length > 0) {
      for (const s of bySheet) sources.push({ dataset: s.dataset, path, file: name, format, sheet: s.sheet });
    } else if (byName && !explicitDatasets.has(byName)) {
      const chosen = sheet && workbook.sheets.some((s) => s.name === sheet) ? sheet : workbook.sheets.find((s) => !s.hidden)?.name;
      if (!chosen) throw new InputError(name, { zh: '工作簿中没有工作表', en: 'the workbook has no sheet' });
      sources.push({ dataset: byName, path, file: name, format, sheet: chosen });
    } else if (!used.has(path)) {
      unrecognised.push(name);
    }
  }

  const order = (s: Source): number => DATASETS.indexOf(s.dataset);
  const ordered = sources.map((s, i) => ({ s, i })).sort((a, b) => order(a.s) - order(b.s) || a.i - b.i).map(({ s }) => s);
  const present = new Set(ordered.map((s) => s.dataset));
  return {
    dir,
    sources: ordered,
    profile,
    missing: DATASETS.filter((d) => !present.has(d)),
    unrecognised,
    skipped,
    date1904,
  };
}

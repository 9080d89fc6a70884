// What is wrong with the folder a user named, said specifically (#15.5): a path that does not exist
// (with a near name in its parent folder), a file where a folder is expected (a spreadsheet: name
// it with --complaints etc.; an archive: unpack it), a folder that holds only archives.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';

const SPREADSHEETS = new Set(['.xlsx', '.xlsm', '.xls', '.et', '.ods', '.csv']);
export const ARCHIVES = new Set(['.zip', '.rar', '.7z']);

/** Edit distance of two short names, by code point (Chinese names are compared character by character). */
function distance(a: string, b: string): number {
  const x = [...a.toLowerCase()];
  const y = [...b.toLowerCase()];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/** The folder in `parent` whose name is nearest `name`, if one is near enough to be a typo. */
async function nearFolder(parent: string, name: string): Promise<string | null> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(parent, { withFileTypes: true });
  } catch {
    return null;
  }
  const limit = Math.max(1, Math.floor([...name].length / 3));
  let best: { name: string; d: number } | null = null;
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const d = distance(entry.name, name);
    if (d <= limit && (!best || d < best.d || (d === best.d && entry.name < best.name))) best = { name: entry.name, d };
  }
  return best?.name ?? null;
}

/** Throws the specific error for a folder argument that is not a readable folder. */
export async function folderProblem(dirArg: string, datasetOf: (name: string) => string | null = () => null): Promise<never> {
  const path = resolve(dirArg);
  let isFile = false;
  try {
    isFile = (await stat(path)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      const parent = dirname(path);
      const near = await nearFolder(parent, basename(path));
      if (near !== null) {
        const suggestion = join(dirname(dirArg), near);
        throw new InputError(dirArg, { zh: `文件夹不存在；是否是「${suggestion}」？`, en: `no such folder; did you mean "${suggestion}"?` });
      }
      const parentExists = await stat(parent).then((s) => s.isDirectory(), () => false);
      throw new InputError(dirArg, parentExists
        ? { zh: '文件夹不存在', en: 'no such folder' }
        : { zh: `文件夹不存在（上级文件夹 ${dirname(dirArg)} 也不存在）`, en: `no such folder (nor its parent folder ${dirname(dirArg)})` });
    }
  }
  if (isFile) {
    const ext = extname(path).toLowerCase();
    const folder = dirname(dirArg);
    if (ARCHIVES.has(ext)) {
      throw new InputError(dirArg, { zh: '这是压缩包，不是文件夹：请先解压，再给出解压后的文件夹', en: 'this is an archive, not a folder: unpack it first and give the folder it unpacks to' });
    }
    if (SPREADSHEETS.has(ext)) {
      // The flag of the dataset its name suggests (人员花名册.csv → --staff), else --complaints.
      const flag = `--${datasetOf(basename(path)) ?? 'complaints'}`;
      throw new InputError(dirArg, {
        zh: `这是文件，不是文件夹。要读取文件夹 ${folder} 请写它；只读取这个表格请用 --complaints、--staff、--callbacks 或 --units 指定，如 ${folder} ${flag} ${dirArg}`,
        en: `this is a file, not a folder. Give its folder ${folder}, or name this table with --complaints, --staff, --callbacks or --units, as in ${folder} ${flag} ${dirArg}`,
      });
    }
    throw new InputError(dirArg, { zh: '这是文件，不是文件夹；请给出企业数据所在的文件夹', en: 'this is a file, not a folder; give the folder of the enterprise\'s records' });
  }
  throw new InputError(dirArg, { zh: '不是可读取的文件夹', en: 'not a readable folder' });
}

/** The archives among a folder's unrecognised files. */
export function archivesOf(names: readonly string[]): string[] {
  return names.filter((name) => ARCHIVES.has(extname(name).toLowerCase()));
}

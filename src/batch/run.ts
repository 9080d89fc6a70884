// A batch: every sub-folder of PARENT is one enterprise, audited in the pool with the same
// options; each one's reports written under --out DIR/<folder>/ as they arrive (all of that
// enterprise's or none); its summary row kept (a few hundred bytes: memory does not grow with the
// reports). One enterprise that fails is a row with its error, never the end of the batch.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { writeOutputs } from '../write-output.js';
import { runPool, type Running } from './pool.js';
import { errorText, type BatchSetup, type BatchTask } from './worker.js';
import { failedRow, isAuditReport, reduceReport, type EnterpriseRow, type ReducedReport } from './summary.js';

export interface Collected {
  readonly rows: EnterpriseRow[];
  readonly reduced: ReducedReport[];
}

/** The enterprise folders of PARENT, by name (hidden folders left out). */
export async function enterpriseFolders(parent: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(parent, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UsageError({ zh: `${parent}：无法读取文件夹（${code}）`, en: `${parent}: cannot read the folder (${code})` });
  }
  const folders: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    // A link to a folder counts as one (stat follows it).
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(join(parent, entry.name)).then((s) => s.isDirectory(), () => false)));
    if (isDir) folders.push(entry.name);
  }
  return folders.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function runBatch(
  parent: string,
  setup: BatchSetup,
  jobs: number,
  progress?: (done: number, total: number, running: readonly Running[]) => void,
): Promise<Collected> {
  const folders = await enterpriseFolders(parent);
  const tasks: BatchTask[] = folders.map((folder, id) => ({ id, folder, dir: join(parent, folder) }));
  const rows: EnterpriseRow[] = [];
  const reduced: ReducedReport[] = [];
  await runPool(tasks, setup, jobs, {
    async answer(answer) {
      const task = tasks[answer.id]!;
      if (answer.files.length > 0) {
        try {
          // Never inside PARENT (any enterprise's folder), never over a file the audit read.
          await writeOutputs(answer.files, { inputDir: parent, inputs: answer.inputs });
        } catch (error) {
          rows.push(failedRow(task.folder, errorText(error, parent, task.folder)));
          return;
        }
      }
      rows.push(answer.reduced.row);
      if ('basis' in answer.reduced) reduced.push(answer.reduced);
    },
    ...(progress ? { progress } : {}),
  });
  return { rows, reduced };
}

/** The JSON reports named (files, or folders holding <folder>/report.json or report files), each read and reduced. */
export async function readReports(paths: readonly string[]): Promise<Collected> {
  const files: { file: string; folder: string; named: boolean }[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info === null) throw new UsageError({ zh: `${path}：不存在`, en: `${path}: no such file or folder` });
    if (info.isDirectory()) {
      for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (entry.name.startsWith('.')) continue;
        const full = join(path, entry.name);
        const sub = await stat(full).catch(() => null);
        if (sub?.isDirectory()) {
          const report = join(full, 'report.json');
          if (await stat(report).then((s) => s.isFile(), () => false)) files.push({ file: report, folder: entry.name, named: false });
        } else if (sub?.isFile() && entry.name.toLowerCase().endsWith('.json')) {
          files.push({ file: full, folder: folderOf(full), named: false });
        }
      }
    } else files.push({ file: path, folder: folderOf(path), named: true });
  }
  const rows: EnterpriseRow[] = [];
  const reduced: ReducedReport[] = [];
  const seen = new Map<string, string>();
  for (const { file, folder, named } of files) {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      if (!named) continue;
      throw new UsageError({ zh: `${file}：不是 JSON 审计报告（${(error as Error).message}）`, en: `${file}: not a JSON audit report (${(error as Error).message})` });
    }
    if (!isAuditReport(data)) {
      // A folder may hold other JSON (the summary itself): only reports are read from it.
      if (!named) continue;
      throw new UsageError({ zh: `${file}：不是审计报告（audit --format json 的输出）`, en: `${file}: not an audit report (the output of audit --format json)` });
    }
    const twice = seen.get(folder);
    if (twice !== undefined) {
      throw new UsageError({ zh: `${file} 与 ${twice} 都是企业「${folder}」的报告`, en: `${file} and ${twice} are both reports of enterprise "${folder}"` });
    }
    seen.set(folder, file);
    const r = reduceReport(data, folder);
    rows.push(r.row);
    reduced.push(r);
  }
  return { rows, reduced };
}

/** The enterprise a report file belongs to: its folder for DIR/<folder>/report.json, else the file's own name. */
export function folderOf(file: string): string {
  const name = basename(file);
  if (name.toLowerCase() === 'report.json') return basename(dirname(resolve(file)));
  return name.replace(/\.json$/i, '');
}

// XLSX reader: a quick look into the zip (sheet names, date system) with yauzl, then the rows of one
// sheet through exceljs's streaming reader. Only a small workbook (up to 4 MB, READ_WHOLE_BYTES) is
// held in memory whole; a larger one is read from the file part by part.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ResourceLimits } from 'node:worker_threads';
import yauzl from 'yauzl';
import { InputError } from '../errors.js';
import { limits } from '../limits.js';
import type { CellValue } from '../model.js';
import { fallBackOrThrow, heapBudget, startParse, workerFor, type RowSink, type WorkerParse } from './worker-host.js';

export interface SheetInfo {
  readonly name: string;
  readonly hidden: boolean;
}

export interface WorkbookInfo {
  readonly sheets: readonly SheetInfo[];
  readonly date1904: boolean;
}

const WORKBOOK_PART_LIMIT = 16 * 1024 * 1024;

/** What the first bytes say a file really is, for a clear message when it is not an xlsx. */
async function sniff(path: string, file: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new InputError(file, {
      zh: `无法打开文件（${(error as NodeJS.ErrnoException).code ?? '未知错误'}）`,
      en: `cannot open the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    });
  }
  try {
    const buffer = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buffer, 0, 8, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function notXlsx(file: string, head: Buffer): InputError | null {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return null;
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) {
    return new InputError(file, {
      zh: '这是旧版 Excel 97-2003 (.xls) 文件，无法读取；请在 Excel 或 WPS 中另存为 .xlsx',
      en: 'this is a legacy Excel 97-2003 (.xls) file, which cannot be read; open it in Excel or WPS and save it as .xlsx',
    });
  }
  if (head.subarray(0, 4).toString('latin1') === '%PDF') {
    return new InputError(file, {
      zh: '这是 PDF 文件，不是 Excel 表格；请提供原始的 .xlsx 或 .csv 导出文件',
      en: 'this is a PDF, not a spreadsheet; supply the original .xlsx or .csv export',
    });
  }
  if (head.length === 0) {
    return new InputError(file, { zh: '文件为空（0 字节）', en: 'the file is empty (0 bytes)' });
  }
  return new InputError(file, {
    zh: '不是有效的 .xlsx 文件（不是 zip 格式）；请在 Excel 或 WPS 中重新另存为 .xlsx',
    en: 'not a valid .xlsx file (not a zip archive); open it in Excel or WPS and save it again as .xlsx',
  });
}

/**
 * A workbook up to this size is read into memory whole before it is unzipped. yauzl reads each
 * entry's header with its own file read, a round trip through libuv's thread pool: for the small
 * workbooks most exports are, those waits were most of the time spent listing the parts (measured
 * on fixtures/demo's two workbooks: the whole audit 417 ms instead of 455, median of 25 runs).
 */
const READ_WHOLE_BYTES = 4 * 1024 * 1024;

async function openZip(path: string): Promise<yauzl.ZipFile> {
  if ((await stat(path)).size <= READ_WHOLE_BYTES) {
    const buffer = await readFile(path);
    return new Promise((resolve, reject) => yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => (error ? reject(error) : resolve(zip))));
  }
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  });
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return XML_ENTITIES[name] ?? '';
  });
}

/** Sheet names and the date system, from xl/workbook.xml. */
export async function inspectWorkbook(path: string, file: string): Promise<WorkbookInfo> {
  const problem = notXlsx(file, await sniff(path, file));
  if (problem) throw problem;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    throw new InputError(file, {
      zh: `.xlsx 文件已损坏或不完整（${(error as Error).message}）；请重新导出`,
      en: `the .xlsx file is damaged or truncated (${(error as Error).message}); export it again`,
    });
  }
  try {
    // The central directory lists every part with its sizes: a part that would inflate past the
    // limits (a zip bomb, or one sheet of absurd size) is refused before anything is inflated.
    const entries = await listEntries(zip);
    const { xlsxPartMb, xlsxRatio } = limits();
    for (const entry of entries.values()) {
      const big = entry.uncompressedSize > xlsxPartMb * 1024 * 1024;
      const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : 0;
      if (big || (ratio > xlsxRatio && entry.uncompressedSize > 16 * 1024 * 1024)) {
        const mb = (entry.uncompressedSize / 1024 / 1024).toFixed(0);
        throw new InputError(file, {
          zh: `其中的 ${entry.fileName} 解压后有 ${mb} MB（压缩比 ${ratio.toFixed(0)}:1），超过上限（limits.xlsxPartMb ${xlsxPartMb} MB、limits.xlsxRatio ${xlsxRatio}）；疑似压缩炸弹，未读取`,
          en: `its part ${entry.fileName} inflates to ${mb} MB (ratio ${ratio.toFixed(0)}:1), over the limits (limits.xlsxPartMb ${xlsxPartMb} MB, limits.xlsxRatio ${xlsxRatio}); it looks like a zip bomb and was not read`,
        });
      }
    }
    const workbookEntry = entries.get('xl/workbook.xml');
    if (workbookEntry && workbookEntry.uncompressedSize > WORKBOOK_PART_LIMIT) throw new Error('xl/workbook.xml is implausibly large');
    const xml = workbookEntry ? await readEntry(zip, workbookEntry) : null;
    if (xml === null) throw new Error('no xl/workbook.xml in the archive');
    const sheets: SheetInfo[] = [];
    for (const match of xml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
      const attributes = match[1]!;
      const name = /\bname="([^"]*)"/.exec(attributes)?.[1];
      if (name === undefined) continue;
      const state = /\bstate="([^"]*)"/.exec(attributes)?.[1] ?? 'visible';
      sheets.push({ name: decodeXml(name), hidden: state !== 'visible' });
    }
    const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(xml);
    return { sheets, date1904 };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, {
      zh: `.xlsx 文件已损坏或不完整（${(error as Error).message}）；请重新导出`,
      en: `the .xlsx file is damaged or truncated (${(error as Error).message}); export it again`,
    });
  } finally {
    zip.close();
  }
}

/** exceljs cell values → the plain values the rest of the pipeline knows. */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v['richText'])) return (v['richText'] as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return toCellValue(v['result']);
    if ('error' in v) return String(v['error']);
    if ('text' in v) return toCellValue(v['text']);
  }
  return String(value);
}

/** SHA-256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

interface ExcelWorkbookReader {
  model?: { sheets?: { name: string; rId: string; id: number }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncIterable<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(entry: NodeJS.ReadableStream, sheetNo: string): Iterable<{ eventType: string; value: AsyncIterable<{ number: number; values: unknown }> }>;
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

type WorkbookReaderClass = new (input: string, options: object) => ExcelWorkbookReader;
let readerClass: WorkbookReaderClass | null = null;

/**
 * exceljs's WorkbookReader, loaded once. Its module requires unzipper (with bluebird and a tree of
 * polyfills, some 60 ms to load) for the forward-only pass we do not use: parts come from yauzl
 * here, so an empty stand-in is registered for it first. (The bundled CLI has the reader inside,
 * with unzipper left out at build time: scripts/bundle-cli.mjs.)
 */
async function workbookReaderClass(): Promise<WorkbookReaderClass> {
  if (!readerClass) {
    const require = createRequire(import.meta.url);
    const readerPath = require.resolve('exceljs/lib/stream/xlsx/workbook-reader.js');
    const unzipperPath = createRequire(readerPath).resolve('unzipper');
    const cache = require.cache as Record<string, unknown>;
    if (!cache[unzipperPath]) cache[unzipperPath] = { id: unzipperPath, filename: unzipperPath, loaded: true, exports: {} };
    readerClass = (await import('exceljs/lib/stream/xlsx/workbook-reader.js')).default as WorkbookReaderClass;
  }
  return readerClass;
}

/**
 * Streams the rows of one sheet with exceljs's own parsers, fed from the zip's central directory.
 * exceljs's WorkbookReader reads the zip in one forward pass and races on its last entry
 * (exceljs#3064: "Cannot read properties of undefined (reading 'sheets')"), and Excel-compatible
 * writers, exceljs included, store xl/workbook.xml last. Opening the parts by name in the order the
 * parsers need (relations, workbook, shared strings, styles, then the one sheet) avoids the race,
 * never inflates the other sheets, and needs no temporary files. exceljs is pinned for these internals.
 */
export async function readSheet(path: string, file: string, sheetName: string, sink: (row: number, cells: readonly CellValue[]) => void | Promise<void>): Promise<void> {
  const WorkbookReader = await workbookReaderClass();
  let zip: yauzl.ZipFile | null = null;
  try {
    zip = await openZip(path);
    const entries = await listEntries(zip);
    const part = async (name: string): Promise<NodeJS.ReadableStream | null> => {
      const entry = entries.get(name);
      return entry ? openEntry(zip!, entry) : null;
    };
    const reader = new WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    const rels = await part('xl/_rels/workbook.xml.rels');
    if (rels) await reader._parseRels(rels);
    const workbook = await part('xl/workbook.xml');
    if (!workbook) throw new Error('no xl/workbook.xml in the archive');
    await reader._parseWorkbook(workbook);
    const strings = await part('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _;
    const styles = await part('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);

    const sheet = reader.model?.sheets?.find((s) => s.name === sheetName);
    const target = sheet && reader.workbookRels?.find((r) => r.Id === sheet.rId)?.Target;
    if (!target) throw new Error(`no part for sheet "${sheetName}"`);
    const partName = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const sheetStream = await part(partName);
    if (!sheetStream) throw new Error(`missing part ${partName}`);
    const sheetNo = /(\d+)\.xml$/.exec(partName)?.[1] ?? String(sheet.id);
    for (const { value: worksheet } of reader._parseWorksheet(sheetStream, sheetNo)) {
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        // exceljs rows are 1-based sparse arrays.
        for (let c = 1; c < values.length; c++) cells.push(toCellValue(values[c]));
        const waiting = sink(row.number, cells);
        if (waiting) await waiting;
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, {
      zh: `读取工作表「${sheetName}」失败（${(error as Error).message}）；文件可能已损坏，请重新导出`,
      en: `reading sheet "${sheetName}" failed (${(error as Error).message}); the file may be damaged: export it again`,
    });
  } finally {
    zip?.close();
  }
}

/**
 * The parsing worker's heap budget for a workbook. exceljs keeps the shared-strings table (a few
 * times the part's size once in JavaScript strings) and makes much short-lived garbage. On a heap
 * of about a GB V8 collects that garbage sooner than on the main thread's multi-GB default (measured
 * on the benchmark's 200k-row workbook, the sheet alone: a peak of about 170 MB instead of about 225
 * on the main thread, at the same speed; a budget of a few hundred MB saves 10 MB more but costs 15%
 * in collections). The budget leaves room for strings of eight times the part's size.
 */
export function sheetWorkerLimits(sharedStringsBytes: number): ResourceLimits {
  return heapBudget({ maxOldGenerationSizeMb: 1024 + Math.ceil((8 * sharedStringsBytes) / 2 ** 20) });
}

/** The uncompressed size of xl/sharedStrings.xml (0 when there is none). */
async function sharedStringsBytes(path: string): Promise<number> {
  const zip = await openZip(path);
  try {
    return (await listEntries(zip)).get('xl/sharedStrings.xml')?.uncompressedSize ?? 0;
  } finally {
    zip.close();
  }
}

/** The rows of one sheet, to be read once; see `sheetRows`. */
export interface SheetRows {
  /** Starts parsing a large workbook in the worker now, ahead of `read` (which must then follow, or `close`). */
  readAhead(): void;
  read(sink: RowSink): Promise<void>;
  /** Ends a parse started ahead that will not be read. */
  close(): void;
}

/**
 * The rows of one sheet, parsed in the parsing worker for a large workbook (the checks then run
 * while exceljs parses), on this thread for a small one. Should the worker outgrow its heap budget
 * before any row was handed on, the sheet is read again on this thread, whose heap has no such bound.
 */
export function sheetRows(path: string, file: string, sheetName: string): SheetRows {
  let started: Promise<{ parse: WorkerParse; budget: ResourceLimits } | null> | null = null;
  const start = (): Promise<{ parse: WorkerParse; budget: ResourceLimits } | null> =>
    (started ??= (async () => {
      try {
        const worker = workerFor((await stat(path)).size);
        if (!worker) return null;
        const budget = sheetWorkerLimits(await sharedStringsBytes(path));
        return { parse: startParse(worker, { kind: 'xlsx', path, file, sheet: sheetName }, budget), budget };
      } catch {
        return null; // a missing or damaged file: readSheet on this thread says what is wrong
      }
    })());
  return {
    readAhead: () => void start(),
    // A parse never started has nothing to end (and must not be started just to be ended).
    close: () => void started?.then((s) => s?.parse.close()),
    async read(sink) {
      const started = await start();
      if (!started) return readSheet(path, file, sheetName, sink);
      try {
        await started.parse.read(sink);
      } catch (error) {
        fallBackOrThrow(error, file, { zh: `读取工作表「${sheetName}」`, en: `reading sheet "${sheetName}"` }, started.budget);
        return readSheet(path, file, sheetName, sink);
      }
    },
  };
}

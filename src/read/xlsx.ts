// XLSX reader: a quick look into the zip (its parts, sheet names, date system) with yauzl, then the rows of one
// sheet through exceljs's streaming reader. Only a small workbook (up to 4 MB, READ_WHOLE_BYTES) is
// held in memory whole; a larger one is read from the file part by part.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { open, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ResourceLimits } from 'node:worker_threads';
import yauzl from 'yauzl';
import { InputError } from '../errors.js';
import { fingerprint, firstBytes } from './files.js';
import { limits } from '../limits.js';
import type { CellValue } from '../model.js';
import { isCfb, isEncryptedPackage } from './encrypted.js';
import { MERGED_CELLS_LIMIT } from './legacy.js';
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

function zipOf(path: string, buffer: Buffer | null): Promise<yauzl.ZipFile> {
  if (buffer) return new Promise((resolve, reject) => yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => (error ? reject(error) : resolve(zip))));
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

/**
 * Namespaces whose prefix is dropped from element names: exceljs's parsers (and ours) know the
 * elements of SpreadsheetML by their local names only, so `<x:row>` as some exporters write would
 * read as no row at all.
 */
const OOXML_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
  'http://schemas.openxmlformats.org/package/2006/relationships',
]);

/** The root element's start tag once `head` holds all of it, else null. */
function rootStartTag(head: string): string | null {
  const match = /<[A-Za-z_][^>]*>/.exec(head);
  return match ? match[0] : null;
}

/** `<x:` and `</x:` for the prefixes the root binds to a SpreadsheetML namespace, or null when it binds none. */
function prefixPattern(root: string): RegExp | null {
  const prefixes: string[] = [];
  for (const m of root.matchAll(/\bxmlns:([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (OOXML_NAMESPACES.has(m[2] ?? m[3] ?? '')) prefixes.push(m[1]!.replace(/\./g, '\\.'));
  }
  return prefixes.length > 0 ? new RegExp(`<(/?)(?:${prefixes.join('|')}):`, 'g') : null;
}

/**
 * The text of a zip part, decoded as one stream: a UTF-8 character split between two chunks of the
 * inflated part (they are 16 KiB) is joined, never turned into U+FFFD. Emits strings, which
 * exceljs's parsers take as they are. When the root element binds the SpreadsheetML namespace to a
 * prefix, the prefix is dropped from every element name (a tag split between chunks is held back
 * until it is whole); a part without one is passed on untouched.
 */
class PartText extends Transform {
  private readonly decoder = new TextDecoder('utf-8');
  /** Text held until the root's start tag is whole (its namespaces decide the rest). */
  private head = '';
  /** undefined until the root's start tag is seen; null: nothing to rewrite. */
  private prefixes: RegExp | null | undefined = undefined;
  /** The text from the last `<`, held back while prefixes are dropped. */
  private carry = '';

  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pass(this.decoder.decode(chunk, { stream: true }), false);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.pass(this.decoder.decode(), true);
    done();
  }

  private pass(text: string, end: boolean): void {
    if (this.prefixes === undefined) {
      this.head += text;
      const root = rootStartTag(this.head);
      if (root === null && !end && this.head.length < 1024 * 1024) return;
      this.prefixes = root === null ? null : prefixPattern(root);
      text = this.head;
      this.head = '';
    }
    if (this.prefixes) {
      text = this.carry + text;
      const cut = end ? text.length : text.lastIndexOf('<');
      this.carry = cut < 0 ? '' : text.slice(cut);
      text = (cut < 0 ? text : text.slice(0, cut)).replace(this.prefixes, '<$1');
    }
    if (text.length > 0) this.push(text);
  }
}

/** A part's text as a stream of strings (see PartText). */
function openPart(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const text = new PartText();
      stream.on('error', (e: Error) => text.destroy(e));
      resolve(stream.pipe(text));
    }),
  );
}

async function readPart(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  let text = '';
  for await (const chunk of (await openPart(zip, entry)) as AsyncIterable<string>) text += chunk;
  return text;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return XML_ENTITIES[name] ?? '';
  });
}

/** An attribute's value in a start tag's attribute text (either quote), XML-decoded. */
function attribute(attributes: string, name: RegExp): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.source}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return m ? decodeXml(m[1] ?? m[2] ?? '') : undefined;
}

interface DirectorySheet extends SheetInfo {
  /** The sheet's part in the zip (xl/worksheets/sheet1.xml), or null when the relations name none. */
  readonly part: string | null;
}

/**
 * What the reader knows of a workbook from one listing of its zip: every part, and each sheet's
 * name and part. Listed once per file and kept (see `directory`): reading each of a workbook's
 * sheets then costs that sheet, not another listing of every part and every sheet.
 */
interface Directory {
  /** Which file this is the directory of (see `fingerprint`). */
  readonly print: string;
  /** A small workbook, held whole (READ_WHOLE_BYTES). */
  readonly buffer: Buffer | null;
  readonly entries: ReadonlyMap<string, yauzl.Entry>;
  readonly sheets: readonly DirectorySheet[];
  readonly date1904: boolean;
  /**
   * The shared strings and styles once parsed on this thread, for the workbook's next sheet (a
   * workbook of many sheets would otherwise inflate and parse them once per sheet). Kept as long as
   * the directory is, which holds at most two workbooks.
   */
  parsed?: { readonly sharedStrings: unknown; readonly styles: unknown };
}

function damaged(file: string, error: unknown): InputError {
  return new InputError(file, {
    zh: `.xlsx 文件已损坏或不完整（${(error as Error).message}）；请重新导出`,
    en: `the .xlsx file is damaged or truncated (${(error as Error).message}); export it again`,
  });
}

function listEntries(zip: yauzl.ZipFile, file: string): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    // Part names are compared without case (the Open Packaging Conventions' rule).
    const seen = new Set<string>();
    zip.on('entry', (entry: yauzl.Entry) => {
      const key = entry.fileName.toLowerCase();
      if (seen.has(key)) {
        // Two parts of one name: readers differ on which one counts, so none is read.
        zip.close();
        return reject(
          new InputError(file, {
            zh: `zip 中有两个同名的部件 ${entry.fileName}，无法确定应读取哪一个；请在 Excel 或 WPS 中打开并重新另存为 .xlsx`,
            en: `the zip holds two parts named ${entry.fileName}, and which one counts is ambiguous; open it in Excel or WPS and save it again as .xlsx`,
          }),
        );
      }
      seen.add(key);
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

async function loadDirectory(path: string, file: string): Promise<Directory> {
  const head = await firstBytes(path, file);
  if (isCfb(head) && (await isEncryptedPackage(path))) {
    throw new InputError(file, {
      zh: '这是设置了打开密码的加密 .xlsx 文件，无法读取；请在 Excel 或 WPS 中输入密码打开，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空）后重新保存',
      en: 'this .xlsx is encrypted with a password and cannot be read; open it in Excel or WPS with its password, remove the password (File → Info → Protect Workbook → Encrypt with Password, cleared) and save it again',
    });
  }
  const problem = notXlsx(file, head);
  if (problem) throw problem;
  const print = await fingerprint(path);
  const { size } = await stat(path);
  const buffer = size <= READ_WHOLE_BYTES ? await readFile(path) : null;
  let zip: yauzl.ZipFile;
  try {
    zip = await zipOf(path, buffer);
  } catch (error) {
    throw damaged(file, error);
  }
  try {
    const { xlsxPartMb, xlsxRatio, xlsxEntries, xlsxSheets } = limits();
    // The count is in the zip's end record: checked before a single entry is listed.
    if (zip.entryCount > xlsxEntries) {
      throw new InputError(file, {
        zh: `zip 中有 ${zip.entryCount} 个部件，超过上限 ${xlsxEntries}（limits.xlsxEntries）；不像是正常的工作簿，未读取。如确需读取，可在配置 limits.xlsxEntries 中调高`,
        en: `the zip holds ${zip.entryCount} parts, over the limit of ${xlsxEntries} (limits.xlsxEntries); it does not look like a workbook and was not read. To read it anyway, raise limits.xlsxEntries in the config`,
      });
    }
    // The central directory lists every part with its sizes: a part that would inflate past the
    // limits (a zip bomb, or one sheet of absurd size) is refused before anything is inflated.
    const entries = await listEntries(zip, file);
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
    if (!workbookEntry) throw new Error('no xl/workbook.xml in the archive');
    if (workbookEntry.uncompressedSize > WORKBOOK_PART_LIMIT) throw new Error('xl/workbook.xml is implausibly large');
    const xml = await readPart(zip, workbookEntry);
    const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
    if (relsEntry && relsEntry.uncompressedSize > WORKBOOK_PART_LIMIT) throw new Error('xl/_rels/workbook.xml.rels is implausibly large');
    const targets = new Map<string, string>();
    if (relsEntry) {
      for (const match of (await readPart(zip, relsEntry)).matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
        const id = attribute(match[1]!, /Id/);
        const target = attribute(match[1]!, /Target/);
        if (id !== undefined && target !== undefined && !targets.has(id)) targets.set(id, target);
      }
    }
    const sheets: DirectorySheet[] = [];
    for (const match of xml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
      const attributes = match[1]!;
      const name = attribute(attributes, /name/);
      if (name === undefined) continue;
      if (sheets.length >= xlsxSheets) {
        throw new InputError(file, {
          zh: `工作簿中的工作表超过 ${xlsxSheets} 个（limits.xlsxSheets），未读取；请只保留需要审计的工作表，或在配置 limits.xlsxSheets 中调高`,
          en: `the workbook has more than ${xlsxSheets} sheets (limits.xlsxSheets) and was not read; keep only the sheets to audit, or raise limits.xlsxSheets in the config`,
        });
      }
      const state = attribute(attributes, /state/) ?? 'visible';
      const target = targets.get(attribute(attributes, /[\w.-]+:id/) ?? '');
      const part = target === undefined ? null : target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
      sheets.push({ name, hidden: state !== 'visible', part });
    }
    const date1904 = /<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(xml);
    return { print, buffer, entries, sheets, date1904 };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw damaged(file, error);
  } finally {
    zip.close();
  }
}


/** The directories of the last few workbooks read, by path (a run reads each workbook's sheets one after another). */
const directories = new Map<string, Promise<Directory>>();
const KEPT_DIRECTORIES = 2;

/** A workbook's directory, listed once while the file is unchanged (same size and time). */
async function directory(path: string, file: string): Promise<Directory> {
  const kept = directories.get(path);
  if (kept) {
    const known = await kept.catch(() => null);
    const now = await fingerprint(path).catch(() => null);
    if (known && known.print === now) return known;
    directories.delete(path);
  }
  const loading = loadDirectory(path, file);
  directories.set(path, loading);
  loading.catch(() => directories.delete(path));
  while (directories.size > KEPT_DIRECTORIES) directories.delete(directories.keys().next().value!);
  return loading;
}

/** Sheet names and the date system, from xl/workbook.xml. */
export async function inspectWorkbook(path: string, file: string): Promise<WorkbookInfo> {
  const { sheets, date1904 } = await directory(path, file);
  return { sheets: sheets.map(({ name, hidden }) => ({ name, hidden })), date1904 };
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


/** A merged range of a sheet: 1-based rows and columns, the value in its top-left cell. */
interface MergedRange {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** Ranges one sheet may merge: each is kept while the sheet is read, so a hostile list is bounded. */
export const MERGED_RANGES_LIMIT = 100_000;

const MERGE_MARK = Buffer.from('mergeCell');

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** "B2:D5" (or "$B$2:$D$5") as a range; null for one cell or what is not a reference. */
function mergedRange(ref: string): MergedRange | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  const [r1, r2, c1, c2] = [Number(m[2]), Number(m[4]), columnNumber(m[1]!), columnNumber(m[3]!)];
  if (r1 < 1 || r2 < 1 || (r1 === r2 && c1 === c2)) return null;
  return { top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) };
}

/**
 * The merged ranges of a sheet, sorted by first row. SpreadsheetML lists them in <mergeCells>
 * after <sheetData>, so the rows would pass before their merges were known: this first pass inflates
 * the sheet's part and scans its raw bytes (never decoded, never held: only the text from the first
 * `mergeCell` on is looked at, tag by tag) before the rows stream. It runs before the shared strings
 * are parsed: run alongside, the dead chunks of both passes raised the 200k-row benchmark's peak by
 * about 40 MB; alone, by a few MB in the parsing worker and 15-25 MB in the whole audit. A prefixed `<x:mergeCell>` is found too.
 * Bounded: MERGED_RANGES_LIMIT ranges, and MERGED_CELLS_LIMIT cells filled (rows up to
 * limits.sheetRows, columns up to limits.columns), as in the legacy reader.
 */
async function mergedRanges(zip: yauzl.ZipFile, entry: yauzl.Entry, file: string, sheetName: string): Promise<MergedRange[]> {
  const raw = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
  const { sheetRows, columns } = limits();
  const ranges: MergedRange[] = [];
  let filled = 0;
  let tail: Buffer | null = null;
  let text: string | null = null;
  const tooMany = (): InputError =>
    new InputError(file, {
      zh: `工作表「${sheetName}」的合并单元格超过 ${MERGED_RANGES_LIMIT.toLocaleString('en-US')} 处或共覆盖超过 ${MERGED_CELLS_LIMIT.toLocaleString('en-US')} 个单元格，未读取`,
      en: `sheet "${sheetName}" has over ${MERGED_RANGES_LIMIT.toLocaleString('en-US')} merged ranges or they cover over ${MERGED_CELLS_LIMIT.toLocaleString('en-US')} cells; it was not read`,
    });
  for await (const chunk of raw as AsyncIterable<Buffer>) {
    if (text === null) {
      // The chunk alone, then the few bytes across its start: no copy of the rows' bytes.
      const none = chunk.indexOf(MERGE_MARK) < 0 && !(tail && Buffer.concat([tail.subarray(-MERGE_MARK.length), chunk.subarray(0, MERGE_MARK.length)]).includes(MERGE_MARK));
      if (none) {
        tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 256)));
        continue;
      }
      const hay: Buffer = tail ? Buffer.concat([tail, chunk]) : chunk;
      const at = hay.indexOf(MERGE_MARK);
      tail = null;
      text = hay.toString('latin1', Math.max(0, hay.lastIndexOf(0x3c, at)));
    } else text += chunk.toString('latin1');
    let end = 0;
    for (const m of text.matchAll(/<(?:[\w.-]+:)?mergeCell\s([^>]*)>/g)) {
      end = m.index + m[0].length;
      const range = mergedRange(attribute(m[1]!, /ref/) ?? '');
      if (!range) continue;
      const top = range.top;
      const bottom = Math.min(range.bottom, sheetRows + 1);
      const right = Math.min(range.right, columns);
      if (bottom < top || right < range.left) continue;
      filled += (bottom - top + 1) * (right - range.left + 1);
      if (ranges.length >= MERGED_RANGES_LIMIT || filled > MERGED_CELLS_LIMIT) {
        (raw as NodeJS.ReadableStream & { destroy(): void }).destroy();
        throw tooMany();
      }
      ranges.push({ top, bottom, left: range.left, right });
    }
    const cut = text.lastIndexOf('<');
    text = cut >= end ? text.slice(cut) : '';
    if (text.length > 1024 * 1024) text = text.slice(-1024); // no tag is that long: not a merge list
  }
  return ranges.sort((a, b) => a.top - b.top || a.left - b.left);
}

/**
 * Fills a sheet's merged ranges as its rows pass (1-based row numbers, cells from column A): the
 * value of a range's top-left cell is given to every cell of the range, the way Excel shows it
 * (a covered cell's own content, which LibreOffice may keep hidden, gives way, as in the legacy reader).
 */
class MergeFiller {
  private next = 0;
  private active: { range: MergedRange; value: CellValue }[] = [];

  constructor(private readonly ranges: readonly MergedRange[]) {}

  fill(row: number, cells: CellValue[]): void {
    while (this.next < this.ranges.length && this.ranges[this.next]!.top <= row) {
      const range = this.ranges[this.next++]!;
      // A range whose top row never came, or whose top-left cell is empty, fills nothing (as in the legacy reader).
      const value = range.top === row ? (cells[range.left - 1] ?? null) : null;
      if (value !== null && value !== '') this.active.push({ range, value });
    }
    if (this.active.length === 0) return;
    if (this.active.some((m) => m.range.bottom < row)) this.active = this.active.filter((m) => m.range.bottom >= row);
    for (const { range, value } of this.active) {
      for (let c = range.left - 1; c < range.right; c++) {
        while (cells.length < c) cells.push(null);
        cells[c] = value;
      }
    }
  }
}

interface ExcelWorkbookReader {
  model?: { sheets?: { name: string; rId: string; id: number }[] };
  workbookRels?: { Id: string; Target: string }[];
  /** What _parseWorkbook would set: the worksheet reader takes the date system from it. */
  properties?: { model: { date1904: boolean } };
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncIterable<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  sharedStrings?: unknown;
  styles?: unknown;
  _parseWorksheet(entry: NodeJS.ReadableStream, sheetNo: string): Iterable<{ eventType: string; value: AsyncIterable<{ number: number; values: unknown }> }>;
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
 * What reading one sheet needs from its workbook's directory: its part and the shared parts, as the
 * zip's central directory describes them. Plain data, so the parsing worker is handed it with the
 * job and does not list the zip again.
 */
export interface SheetParts {
  readonly date1904: boolean;
  readonly sheetNo: string;
  readonly sheet: yauzl.Entry;
  readonly sharedStrings: yauzl.Entry | null;
  readonly styles: yauzl.Entry | null;
}

function sheetParts(dir: Directory, sheetName: string): SheetParts {
  const index = dir.sheets.findIndex((s) => s.name === sheetName);
  const part = dir.sheets[index]?.part;
  if (!part) throw new Error(`no part for sheet "${sheetName}"`);
  const sheet = dir.entries.get(part);
  if (!sheet) throw new Error(`missing part ${part}`);
  return {
    date1904: dir.date1904,
    sheetNo: /(\d+)\.xml$/.exec(part)?.[1] ?? String(index + 1),
    sheet,
    sharedStrings: dir.entries.get('xl/sharedStrings.xml') ?? null,
    styles: dir.entries.get('xl/styles.xml') ?? null,
  };
}

/** An entry that came through a worker's message (a plain object) made a yauzl Entry again. */
function asEntry(entry: yauzl.Entry): yauzl.Entry {
  return entry instanceof yauzl.Entry ? entry : (Object.setPrototypeOf(entry, yauzl.Entry.prototype) as yauzl.Entry);
}

/**
 * Streams the rows of one sheet with exceljs's own parsers, fed from the zip's central directory.
 * exceljs's WorkbookReader reads the zip in one forward pass and races on its last entry
 * (exceljs#3064: "Cannot read properties of undefined (reading 'sheets')"), and Excel-compatible
 * writers, exceljs included, store xl/workbook.xml last. Opening the parts by name in the order the
 * parsers need (shared strings, styles, then the one sheet; the sheet's part and the date system come
 * from the workbook's directory) avoids the race, never inflates the other sheets, and needs no
 * temporary files. Every part is decoded as one stream (PartText). exceljs is pinned for these internals.
 * `given`: the parts, when the caller (the main thread, for the parsing worker) has them already.
 */
export async function readSheet(
  path: string,
  file: string,
  sheetName: string,
  sink: (row: number, cells: readonly CellValue[]) => void | Promise<void>,
  given?: SheetParts,
): Promise<void> {
  const WorkbookReader = await workbookReaderClass();
  let zip: yauzl.ZipFile | null = null;
  try {
    let parts = given;
    let dir: Directory | null = null;
    let buffer: Buffer | null = null;
    if (!parts) {
      dir = await directory(path, file);
      parts = sheetParts(dir, sheetName);
      buffer = dir.buffer;
    } else if ((await stat(path)).size <= READ_WHOLE_BYTES) buffer = await readFile(path);
    zip = await zipOf(path, buffer);
    // The merge list is learnt first, before the shared strings fill the heap.
    const ranges = await mergedRanges(zip, asEntry(parts.sheet), file, sheetName);
    const reader = new WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    reader.properties = { model: { date1904: parts.date1904 } };
    reader.model = { sheets: [] };
    reader.workbookRels = [];
    if (dir?.parsed) {
      reader.sharedStrings = dir.parsed.sharedStrings;
      reader.styles = dir.parsed.styles;
    } else {
      if (parts.sharedStrings) for await (const _ of reader._parseSharedStrings(await openPart(zip, asEntry(parts.sharedStrings)))) void _;
      if (parts.styles) await reader._parseStyles(await openPart(zip, asEntry(parts.styles)));
      if (dir) dir.parsed = { sharedStrings: reader.sharedStrings, styles: reader.styles };
    }
    const filler = ranges.length > 0 ? new MergeFiller(ranges) : null;
    const sheetStream = await openPart(zip, asEntry(parts.sheet));
    for (const { value: worksheet } of reader._parseWorksheet(sheetStream, parts.sheetNo)) {
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        // exceljs rows are 1-based sparse arrays.
        for (let c = 1; c < values.length; c++) cells.push(toCellValue(values[c]));
        filler?.fill(row.number, cells);
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

/** The rows of one sheet, to be read once; see `sheetRows`. */
export interface SheetRows {
  /** Starts parsing a large workbook in the worker now, ahead of `read` (which must then follow, or `close`). */
  readAhead(): void;
  read(sink: RowSink): Promise<void>;
  /** Ends a parse started ahead that will not be read. */
  close(): void;
}

/**
 * The rows of one sheet, parsed in the parsing worker for a large sheet (the checks then run
 * while exceljs parses), on this thread for a small one. Should the worker outgrow its heap budget
 * before any row was handed on, the sheet is read again on this thread, whose heap has no such bound.
 */
export function sheetRows(path: string, file: string, sheetName: string): SheetRows {
  let started: Promise<{ parse: WorkerParse; budget: ResourceLimits } | null> | null = null;
  const start = (): Promise<{ parse: WorkerParse; budget: ResourceLimits } | null> =>
    (started ??= (async () => {
      try {
        // The sheet's own part decides: a small sheet of a large workbook (one of many) is not worth
        // a worker, which would parse the workbook's shared strings again for it.
        const parts = sheetParts(await directory(path, file), sheetName);
        const worker = workerFor(parts.sheet.compressedSize);
        if (!worker) return null;
        const budget = sheetWorkerLimits(parts.sharedStrings?.uncompressedSize ?? 0);
        return { parse: startParse(worker, { kind: 'xlsx', path, file, sheet: sheetName, parts }, budget), budget };
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

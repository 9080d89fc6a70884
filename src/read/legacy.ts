// Legacy Excel 97-2003 (.xls, BIFF8; also WPS .et, which is the same format) and OpenDocument (.ods)
// workbooks: a file becomes sheets of raw rows with merged ranges applied, the same cells the XLSX
// reader gives (strings, numbers, booleans, and Dates whose UTC fields are the wall clock written).
//
// The parsing is SheetJS Community Edition 0.20.3 (npm @e965/xlsx, a republish of the vendor's
// release: both advisories of the npm `xlsx` 0.18.5, CVE-2023-30533 and CVE-2024-22363, are fixed
// from 0.19.3 and 0.20.2). It is loaded only when such a file is met (not at start-up, not for
// .xlsx or .csv), and it holds a workbook whole, so what it is handed is bounded first: the file
// size (limits.fileMb), for .ods every zip part's declared and actual size (limits.xlsxPartMb,
// limits.xlsxRatio) and the cells its repeat attributes would create; then rows (limits.sheetRows),
// columns (limits.columns) and the cells a merged range may fill. Cell length is the table layer's
// (src/read/dataset.ts), as for every format.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import yauzl from 'yauzl';
import { InputError } from '../errors.js';
import { limits } from '../limits.js';
import type { CellValue } from '../model.js';
import { checkFileSize, firstBytes } from './files.js';
import type { WorkbookInfo } from './xlsx.js';

/** The formats this reader takes. */
export type LegacyFormat = 'xls' | 'ods';
/** What a workbook file really is, from its first bytes (and for an OLE file, its streams). */
export type WorkbookFormat = 'xlsx' | LegacyFormat;

/** Cells that merged ranges may fill in one sheet: a few hostile ranges must not make billions. */
export const MERGED_CELLS_LIMIT = 5_000_000;
/** Cells that an .ods file's repeat attributes may add (a cell "repeated" a million times). */
export const REPEATED_CELLS_LIMIT = 1_000_000;

/** Error cells as Excel shows them (and as the XLSX reader gives them). */
const EXCEL_ERRORS: Readonly<Record<number, string>> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

interface SheetJsCell {
  t: 'b' | 'n' | 'e' | 's' | 'd' | 'z';
  v?: unknown;
  z?: string | number;
  w?: string;
}
interface SheetJsRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}
interface SheetJsSheet {
  '!data'?: (SheetJsCell | null | undefined)[][];
  '!merges'?: SheetJsRange[];
}
interface SheetJsBook {
  SheetNames: string[];
  Sheets: Record<string, SheetJsSheet>;
  Workbook?: { Sheets?: { name?: string; Hidden?: number }[]; WBProps?: { date1904?: boolean } };
}
interface SheetJs {
  read(data: Buffer, options: Record<string, unknown>): SheetJsBook;
  SSF: { is_date(format: string | number): boolean };
  CFB: { read(data: Buffer, options: { type: 'buffer' }): { FullPaths: string[] } };
}

let sheetJs: SheetJs | null = null;
/** SheetJS, loaded on the first legacy workbook (a package outside the bundled CLI). */
function library(): SheetJs {
  sheetJs ??= createRequire(import.meta.url)('@e965/xlsx') as SheetJs;
  return sheetJs;
}

const damaged = (file: string, what: string, error: unknown): InputError =>
  new InputError(file, {
    zh: `${what === 'ods' ? '.ods' : '.xls'} 文件已损坏或无法识别（${(error as Error).message}）；请在 Excel、WPS 或 LibreOffice 中打开后另存为 .xlsx`,
    en: `the ${what === 'ods' ? '.ods' : '.xls'} file is damaged or not recognised (${(error as Error).message}); open it in Excel, WPS or LibreOffice and save it as .xlsx`,
  });

const passwordProtected = (file: string): InputError =>
  new InputError(file, {
    zh: '工作簿设有打开密码（已加密），无法读取；请在 Excel、WPS 或 LibreOffice 中打开，取消密码后另存，再提供',
    en: 'the workbook is password-protected (encrypted) and cannot be read; open it in Excel, WPS or LibreOffice, remove the password, save it and supply it again',
  });


/** A file over limits.fileMb is refused before it is read (SheetJS holds the file whole). */
async function readBounded(path: string, file: string): Promise<Buffer> {
  await checkFileSize(path, file);
  return readFile(path);
}

const isOle = (bytes: Buffer): boolean => bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0;
const isZip = (bytes: Buffer): boolean => bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304;

/**
 * What a workbook file is, by its content rather than its name (a .xls saved by WPS may be an
 * .xlsx inside, and an .xlsx may be a legacy workbook renamed). An OLE file holding an
 * EncryptedPackage is a password-protected .xlsx: it goes to the XLSX reader, which says so.
 * Anything else goes by extension to the reader that gives the clearest message.
 */
export async function workbookFormat(path: string, file: string, extension: string): Promise<WorkbookFormat> {
  const bytes = await firstBytes(path, file);
  if (isZip(bytes)) return extension === '.ods' || extension === '.ots' ? 'ods' : 'xlsx';
  if (isOle(bytes)) {
    const streams = oleStreams(await readBounded(path, file), file);
    if (streams.has('encryptedpackage') || streams.has('encryptioninfo')) return 'xlsx';
    return 'xls';
  }
  return extension === '.xlsx' || extension === '.xlsm' ? 'xlsx' : extension === '.ods' || extension === '.ots' ? 'ods' : 'xls';
}

/** The names of an OLE compound file's streams, lower-cased. */
function oleStreams(data: Buffer, file: string): Set<string> {
  try {
    const cfb = library().CFB.read(data, { type: 'buffer' });
    return new Set(cfb.FullPaths.map((p) => p.replace(/\/$/, '').split('/').pop()!.toLowerCase()));
  } catch {
    // The library's own words here (it tries the bytes as other containers too) would mislead.
    throw damaged(file, 'xls', new Error('its OLE container cannot be read'));
  }
}

/** Every part of an .ods zip, inflated by yauzl (which checks each part against its declared size). */
async function odsParts(data: Buffer, file: string): Promise<Map<string, Buffer>> {
  const { xlsxPartMb, xlsxRatio } = limits();
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true }, (error, z) => (error ? reject(damaged(file, 'ods', error)) : resolve(z))),
  );
  const parts = new Map<string, Buffer>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(damaged(file, 'ods', error)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const big = entry.uncompressedSize > xlsxPartMb * 1024 * 1024;
        const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : 0;
        if (big || (ratio > xlsxRatio && entry.uncompressedSize > 16 * 1024 * 1024)) {
          const mb = (entry.uncompressedSize / 1024 / 1024).toFixed(0);
          return reject(
            new InputError(file, {
              zh: `其中的 ${entry.fileName} 解压后有 ${mb} MB（压缩比 ${ratio.toFixed(0)}:1），超过上限（limits.xlsxPartMb ${xlsxPartMb} MB、limits.xlsxRatio ${xlsxRatio}）；疑似压缩炸弹，未读取`,
              en: `its part ${entry.fileName} inflates to ${mb} MB (ratio ${ratio.toFixed(0)}:1), over the limits (limits.xlsxPartMb ${xlsxPartMb} MB, limits.xlsxRatio ${xlsxRatio}); it looks like a zip bomb and was not read`,
            }),
          );
        }
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(damaged(file, 'ods', error));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', (e: Error) => reject(damaged(file, 'ods', e)));
          stream.on('end', () => {
            parts.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return parts;
}

/**
 * Checks an .ods's content before SheetJS sees it: encryption, and the cells its repeat attributes
 * would make (SheetJS creates every repeated non-empty cell). Returns the names of hidden sheets.
 */
function checkOdsContent(parts: Map<string, Buffer>, file: string): Set<string> {
  const manifest = parts.get('META-INF/manifest.xml')?.toString('utf8') ?? '';
  if (/<manifest:encryption-data\b/.test(manifest)) throw passwordProtected(file);
  const content = parts.get('content.xml')?.toString('utf8');
  if (content === undefined) throw damaged(file, 'ods', new Error('no content.xml in the archive'));
  // Rows and non-empty cells with their repeat counts, in one linear pass over the tags.
  let rowRepeat = 1;
  let added = 0;
  const { sheetRows, columns } = limits();
  const tags = /<table:(table-row|table-cell|covered-table-cell)\b([^>]*?)(\/?)>/g;
  for (let match = tags.exec(content); match; match = tags.exec(content)) {
    const [, tag, attributes, selfClosing] = match;
    if (tag === 'table-row') {
      rowRepeat = Number(/table:number-rows-repeated="(\d+)"/.exec(attributes!)?.[1] ?? 1);
      continue;
    }
    // An empty cell (no value type, no text), styled or not: SheetJS makes nothing of it.
    const empty = !/office:value-type=/.test(attributes!) && (selfClosing === '/' || !content.startsWith('<text:', tags.lastIndex));
    if (empty) continue;
    const colRepeat = Number(/table:number-columns-repeated="(\d+)"/.exec(attributes!)?.[1] ?? 1);
    if (rowRepeat > 1 || colRepeat > 1) {
      added += rowRepeat * colRepeat - 1;
      if (rowRepeat > sheetRows || colRepeat > columns || added > REPEATED_CELLS_LIMIT) {
        throw new InputError(file, {
          zh: `其中的单元格经“重复”属性展开后超过 ${REPEATED_CELLS_LIMIT.toLocaleString('en-US')} 个（或超过行数、列数上限），未读取；请在 LibreOffice 中打开后另存为 .xlsx`,
          en: `its repeated cells would expand to over ${REPEATED_CELLS_LIMIT.toLocaleString('en-US')} cells (or past the row or column limit) and it was not read; open it in LibreOffice and save it as .xlsx`,
        });
      }
    }
  }
  // Hidden sheets: a table style with table:display="false".
  const hiddenStyles = new Set<string>();
  for (const m of content.matchAll(/<style:style\b[^>]*?style:name="([^"]+)"[^>]*>\s*<style:table-properties\b[^>]*?table:display="false"/g)) hiddenStyles.add(m[1]!);
  const hidden = new Set<string>();
  for (const m of content.matchAll(/<table:table\b([^>]*)>/g)) {
    const style = /table:style-name="([^"]*)"/.exec(m[1]!)?.[1];
    const name = /table:name="([^"]*)"/.exec(m[1]!)?.[1];
    if (style && name && hiddenStyles.has(style)) hidden.add(decodeXml(name));
  }
  return hidden;
}

function decodeXml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return named[name] ?? '';
  });
}

/** Runs SheetJS quietly (its .ods reader writes warnings to the console) and names its failures. */
function parse(data: Buffer, file: string, format: LegacyFormat, options: Record<string, unknown>): SheetJsBook {
  const X = library();
  const quiet = console.error;
  console.error = () => {};
  try {
    return X.read(data, { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellFormula: false, cellHTML: false, cellText: false, cellStyles: false, ...options });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) throw passwordProtected(file);
    throw damaged(file, format, error instanceof Error ? error : new Error(message));
  } finally {
    console.error = quiet;
  }
}

/** The bytes of a legacy workbook, checked (and for .ods, its hidden sheets). */
async function load(path: string, file: string, format: LegacyFormat): Promise<{ data: Buffer; hidden: Set<string> | null }> {
  const data = await readBounded(path, file);
  if (format === 'ods') return { data, hidden: checkOdsContent(await odsParts(data, file), file) };
  const streams = oleStreams(data, file);
  if (!streams.has('workbook') && !streams.has('book')) {
    throw new InputError(file, {
      zh: '不是 Excel 工作簿（文件中没有工作簿数据）；请提供 .xlsx、.xls、.ods 或 .csv',
      en: 'not an Excel workbook (the file holds no workbook stream); supply .xlsx, .xls, .ods or .csv',
    });
  }
  return { data, hidden: null };
}

/** Sheet names (with hidden ones marked) and the date system. */
export async function inspectLegacyWorkbook(path: string, file: string, format: LegacyFormat): Promise<WorkbookInfo> {
  const { data, hidden } = await load(path, file, format);
  // Not bookSheets: SheetJS then misses the hidden flags of some writers' .xls (xlwt's); one row of each sheet is cheap.
  const book = parse(data, file, format, { sheetRows: 1 });
  const states = book.Workbook?.Sheets ?? [];
  return {
    sheets: book.SheetNames.map((name, i) => ({ name, hidden: hidden ? hidden.has(name) : (states[i]?.Hidden ?? 0) !== 0 })),
    date1904: book.Workbook?.WBProps?.date1904 === true,
  };
}

/** One SheetJS cell → the plain values the rest of the pipeline knows (as the XLSX reader gives them). */
function toCellValue(cell: SheetJsCell | null | undefined, date1904: boolean, X: SheetJs): CellValue {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : cell.v === undefined ? null : String(cell.v);
    case 'b':
      return cell.v === true;
    case 'n': {
      const value = cell.v as number;
      if (cell.z !== undefined && cell.z !== 'General' && X.SSF.is_date(cell.z)) {
        // A date cell: its serial, as a Date whose UTC fields are the wall clock written.
        const ms = Math.round(((value + (date1904 ? 1462 : 0)) * DAY_MS) / 1000) * 1000;
        return new Date(EXCEL_EPOCH_MS + ms);
      }
      return value;
    }
    case 'd':
      return cell.v instanceof Date ? cell.v : null;
    case 'e':
      return EXCEL_ERRORS[cell.v as number] ?? '#ERROR';
    default:
      return null;
  }
}

/**
 * Streams the rows of one sheet to `sink`, merged ranges applied: the value of a range's first cell
 * is given to every cell of it. Row numbers are 1-based, cells from column A, as the XLSX reader's.
 */
export async function readLegacySheet(
  path: string,
  file: string,
  format: LegacyFormat,
  sheetName: string,
  sink: (row: number, cells: readonly CellValue[]) => void | Promise<void>,
): Promise<void> {
  const { data } = await load(path, file, format);
  const { sheetRows, columns } = limits();
  // One row more than the limit, so the table layer sees the overflow and says so.
  const book = parse(data, file, format, { sheets: sheetName, sheetRows: sheetRows + 1 });
  const sheet = book.Sheets[sheetName];
  if (!sheet) throw damaged(file, format, new Error(`no sheet "${sheetName}"`));
  const date1904 = book.Workbook?.WBProps?.date1904 === true;
  const X = library();
  const rows = sheet['!data'] ?? [];

  // Merged ranges, clamped to the rows present and the column limit, sorted by first row.
  let width = 0;
  for (const row of rows) if (row && row.length > width) width = row.length;
  width = Math.min(width, columns + 1);
  const merges: { top: number; bottom: number; left: number; right: number; value: CellValue }[] = [];
  let filled = 0;
  for (const range of sheet['!merges'] ?? []) {
    const top = range.s.r;
    const bottom = Math.min(range.e.r, rows.length - 1);
    const left = range.s.c;
    const right = Math.min(range.e.c, width - 1);
    if (top > bottom || left > right) continue;
    const value = toCellValue(rows[top]?.[left], date1904, X);
    if (value === null) continue;
    filled += (bottom - top + 1) * (right - left + 1);
    if (filled > MERGED_CELLS_LIMIT) {
      throw new InputError(file, {
        zh: `工作表「${sheetName}」的合并单元格共覆盖超过 ${MERGED_CELLS_LIMIT.toLocaleString('en-US')} 个单元格，未读取`,
        en: `the merged ranges of sheet "${sheetName}" cover over ${MERGED_CELLS_LIMIT.toLocaleString('en-US')} cells; it was not read`,
      });
    }
    merges.push({ top, bottom, left, right, value });
  }
  merges.sort((a, b) => a.top - b.top);

  let next = 0;
  let active: typeof merges = [];
  for (let r = 0; r < rows.length; r++) {
    while (next < merges.length && merges[next]!.top === r) active.push(merges[next++]!);
    if (active.length > 0) active = active.filter((m) => m.bottom >= r);
    const row = rows[r];
    if (!row && active.length === 0) continue;
    const cells: CellValue[] = [];
    if (row) for (let c = 0; c < row.length; c++) cells.push(toCellValue(row[c], date1904, X));
    for (const m of active) {
      for (let c = m.left; c <= m.right; c++) {
        while (cells.length <= c) cells.push(null);
        cells[c] = m.value;
      }
    }
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    if (cells.length === 0) continue;
    const waiting = sink(r + 1, cells);
    if (waiting) await waiting;
  }
}

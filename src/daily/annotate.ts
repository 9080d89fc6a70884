// `annotate`: a copy of each of the enterprise's files with every data-quality issue and every
// finding of the audit marked where it is: a fill colour by level and a note in Chinese on the
// cell (an issue's column) or on the row's first cell (a finding names a row, and its whole row is
// filled), plus a first sheet 标注清单 listing every mark with a link to its cell. The enterprise's
// files are only read. An .xlsx copy is the workbook read and written again by exceljs (sheets,
// columns, formats and row numbers kept); a CSV file, an .xls/.et or an .ods workbook becomes an
// .xlsx copy of its values, each row at its own number (a CSV row at its line).
import { createRequire } from 'node:module';
import { basename, extname, isAbsolute, normalize } from 'node:path';
import type ExcelJS from 'exceljs';
import type { AuditOptions, AuditResult } from '../audit.js';
import { clauseText } from '../report/audit-json.js';
import { issueMessage } from '../i18n.js';
import type { CellValue, Source } from '../model.js';
import { openCsv } from '../read/csv.js';
import type { Encoding } from '../read/encoding.js';
import { inspectLegacyWorkbook, readLegacySheet } from '../read/legacy.js';
import { normaliseHeader } from '../datasets.js';
import { xmlChars } from '../report/present.js';
import { safeText } from '../report/xlsx.js';

export type MarkLevel = 'fail' | 'warn' | 'info' | 'issue';

export interface Mark {
  readonly level: MarkLevel;
  /** The clause id, or 数据质量 for a data-quality issue. */
  readonly source: string;
  readonly file: string | null;
  readonly sheet: string | null;
  readonly row: number | null;
  /** The header as written (an issue's column); null: the whole row. */
  readonly column: string | null;
  readonly message: string;
}

export const INDEX_SHEET = '标注清单';
export const LEVEL_FILL: Readonly<Record<MarkLevel, string>> = { fail: 'FFF4CCCC', warn: 'FFFCE8C3', info: 'FFE8EEF7', issue: 'FFFFF2A8' };
const LEVEL_WORD: Readonly<Record<MarkLevel, string>> = { fail: '不符合', warn: '警告', info: '备查', issue: '数据问题' };
const RANK: Readonly<Record<MarkLevel, number>> = { fail: 3, issue: 2, warn: 1, info: 0 };

/** Every issue and finding of an audit as a mark (messages in Chinese, the language of the enterprise's staff). */
export function marksOf(audit: AuditResult): Mark[] {
  const marks: Mark[] = [];
  for (const issue of audit.reading.dataQuality.issues) {
    marks.push({ level: 'issue', source: '数据质量', file: issue.file, sheet: issue.sheet, row: issue.row, column: issue.column, message: issueMessage(issue, 'zh') });
  }
  for (const clause of audit.clauses) {
    for (const f of clause.result.findings) {
      marks.push({ level: f.level, source: clause.check.id, file: f.file, sheet: f.sheet, row: f.row, column: null, message: `${clause.check.id} ${clauseText(clause, f.message, f.data, 'zh')}` });
    }
  }
  return marks;
}

/** Where a source's copy is written in the output folder: its path within the folder, as .xlsx. */
export function copyName(file: string): string {
  const inside = !isAbsolute(file) && !normalize(file).startsWith('..');
  const name = inside ? normalize(file) : basename(file);
  return extname(name).toLowerCase() === '.xlsx' ? name : `${name}.xlsx`;
}

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters. */
const sheetName = (text: string): string => [...text.replace(/[[\]:*?/\\]/g, '_')].slice(0, 31).join('') || 'Sheet1';

function plainValue(value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'string') return xmlChars(value);
  return value;
}

async function loadExcel(): Promise<typeof ExcelJS> {
  return createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
}

/** The workbook a copy starts from: the .xlsx itself, or the values of a CSV file or legacy workbook. */
async function copyWorkbook(sources: readonly Source[], encoding: Encoding | null): Promise<ExcelJS.Workbook> {
  const Excel = await loadExcel();
  const first = sources[0]!;
  const workbook = new Excel.Workbook();
  if (first.format === 'xlsx') {
    await workbook.xlsx.readFile(first.path);
    return workbook;
  }
  if (first.format === 'csv') {
    const sheet = workbook.addWorksheet(sheetName(basename(first.file, extname(first.file))));
    const csv = await openCsv(first.path, first.file, encoding);
    await csv.read((row, cells) => {
      if (cells === null) return;
      const target = sheet.getRow(row);
      cells.forEach((value, i) => {
        if (value !== null && value !== '') target.getCell(i + 1).value = plainValue(value);
      });
    });
    return workbook;
  }
  const info = await inspectLegacyWorkbook(first.path, first.file, first.format);
  for (const s of info.sheets) {
    const sheet = workbook.addWorksheet(sheetName(s.name), s.hidden ? { state: 'hidden' } : {});
    await readLegacySheet(first.path, first.file, first.format, s.name, (row, cells) => {
      const target = sheet.getRow(row);
      cells.forEach((value, i) => {
        if (value !== null && value !== '') target.getCell(i + 1).value = plainValue(value);
      });
    });
  }
  return workbook;
}

/** The column of a header in the header row (as written, else normalised), or null. */
function columnOf(sheet: ExcelJS.Worksheet, headerRow: number | null, header: string): number | null {
  if (headerRow === null) return null;
  const row = sheet.getRow(headerRow);
  let loose: number | null = null;
  const wanted = normaliseHeader(header);
  for (let c = 1; c <= Math.max(row.cellCount, sheet.columnCount); c++) {
    const text = row.getCell(c).text.trim();
    if (text === header.trim()) return c;
    if (loose === null && normaliseHeader(text) === wanted) loose = c;
  }
  return loose;
}

function link(sheet: string, row: number, column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  // Sheet!A1 without '#': the form exceljs writes as an internal link (a location, no relationship).
  return `'${sheet.replace(/'/g, "''")}'!${letters}${row}`;
}

function markCell(cell: ExcelJS.Cell, mark: Mark, seen: Map<string, MarkLevel>): void {
  const key = cell.address;
  const before = seen.get(key);
  if (before === undefined || RANK[mark.level] > RANK[before]) {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LEVEL_FILL[mark.level] } };
    seen.set(key, mark.level);
  }
}

function addNote(cell: ExcelJS.Cell, text: string): void {
  const note = cell.note;
  const old = typeof note === 'string' ? note : note && 'texts' in note ? (note.texts ?? []).map((t) => t.text).join('') : '';
  cell.note = xmlChars(old ? `${old}\n${text}` : text);
}

export interface AnnotatedCopy {
  readonly file: string;
  readonly copy: string;
  readonly format: Source['format'];
  readonly marks: number;
  readonly content: Uint8Array;
}

/**
 * The copies of every source file read, each with its marks (an issue's column is found on the
 * header row the reading found), and the marks that have no cell (the profile's, the whole
 * enterprise's).
 */
export async function annotate(audit: AuditResult, options: Pick<AuditOptions, 'encoding'>): Promise<{ copies: AnnotatedCopy[]; unplaced: Mark[] }> {
  const marks = marksOf(audit);
  const byFile = new Map<string, Source[]>();
  for (const source of audit.reading.plan.sources) byFile.set(source.file, [...(byFile.get(source.file) ?? []), source]);
  const headerRows = new Map(audit.reading.inputs.map((i) => [`${i.file}\u0000${i.sheet ?? ''}`, i.headerRow]));
  const copies: AnnotatedCopy[] = [];
  const placed = new Set<Mark>();
  for (const [file, sources] of byFile) {
    const workbook = await copyWorkbook(sources, options.encoding);
    const csvSheet = sources[0]!.format === 'csv' ? workbook.worksheets[0]!.name : null;
    const legacy = sources[0]!.format === 'xls' || sources[0]!.format === 'ods';
    const sheetOf = (sheet: string | null): ExcelJS.Worksheet | undefined =>
      csvSheet !== null ? workbook.getWorksheet(csvSheet) : sheet === null ? undefined : workbook.getWorksheet(legacy ? sheetName(sheet) : sheet);
    const mine = marks.filter((m) => m.file === file);
    const rows: { mark: Mark; sheet: string | null; cell: string | null }[] = [];
    const seen = new Map<string, Map<string, MarkLevel>>();
    for (const mark of mine) {
      const sheet = sheetOf(mark.sheet);
      if (!sheet || mark.row === null) {
        rows.push({ mark, sheet: sheet?.name ?? null, cell: null });
        placed.add(mark);
        continue;
      }
      const fills = seen.get(sheet.name) ?? new Map<string, MarkLevel>();
      seen.set(sheet.name, fills);
      const headerRow = headerRows.get(`${file}\u0000${mark.sheet ?? ''}`) ?? null;
      const column = mark.column === null ? null : columnOf(sheet, headerRow, mark.column);
      const row = sheet.getRow(mark.row);
      const text = `【${LEVEL_WORD[mark.level]}｜${mark.source}】${mark.message}`;
      if (column !== null) {
        markCell(row.getCell(column), mark, fills);
        addNote(row.getCell(column), text);
        rows.push({ mark, sheet: sheet.name, cell: link(sheet.name, mark.row, column) });
      } else {
        const width = Math.max(row.cellCount, 1);
        for (let c = 1; c <= width; c++) markCell(row.getCell(c), mark, fills);
        addNote(row.getCell(1), text);
        rows.push({ mark, sheet: sheet.name, cell: link(sheet.name, mark.row, 1) });
      }
      placed.add(mark);
    }
    indexSheet(workbook, rows, file);
    const content = new Uint8Array(await workbook.xlsx.writeBuffer());
    copies.push({ file, copy: copyName(file), format: sources[0]!.format, marks: mine.length, content });
  }
  return { copies, unplaced: marks.filter((m) => !placed.has(m)) };
}

/** The first sheet: every mark of the file, with a link to its cell. */
function indexSheet(workbook: ExcelJS.Workbook, rows: readonly { mark: Mark; sheet: string | null; cell: string | null }[], file: string): void {
  let name = INDEX_SHEET;
  for (let n = 2; workbook.getWorksheet(name); n++) name = `${INDEX_SHEET}${n}`;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  // First in the workbook, whatever sheets it had.
  const order = workbook.worksheets.filter((s) => s !== sheet);
  // exceljs orders the sheets it writes by orderNo, which its typings omit.
  const ordered = (s: ExcelJS.Worksheet) => s as unknown as { orderNo: number };
  ordered(sheet).orderNo = 0;
  order.forEach((s, i) => (ordered(s).orderNo = i + 1));
  sheet.columns = [10, 10, 16, 8, 14, 70, 12].map((width) => ({ width }));
  sheet.addRow([`${safeText(file)}：共 ${rows.length} 处标注（颜色：红=不符合，黄=数据问题，橙=警告）；点击"位置"跳转到单元格。`]);
  sheet.addRow(['级别', '来源', '工作表', '行', '列', '说明', '位置']).font = { bold: true };
  for (const { mark, sheet: where, cell } of rows) {
    const row = sheet.addRow([LEVEL_WORD[mark.level], mark.source, where ? safeText(where) : null, mark.row, mark.column ? safeText(mark.column) : null, safeText(mark.message), null]);
    row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LEVEL_FILL[mark.level] } };
    if (cell) row.getCell(7).value = { text: cell, hyperlink: cell };
  }
}


// Reads one source (a CSV file or one sheet of a workbook) of a dataset: finds the header, turns each
// data row into a validated record, and hands it on. Rows are pushed as they are parsed; nothing
// holds the whole file, and the per-row path allocates little (it runs a million times).
import { stat } from 'node:fs/promises';
import { datasets } from '../datasets.js';
import { InputError } from '../errors.js';
import { limits } from '../limits.js';
import type { CellValue, InputSummary, Issue, RawRow, Source } from '../model.js';
import type { Integrity, RecordAt } from '../validate/integrity.js';
import { buildRecord, recordTemplate, validateRecord, type Layout } from '../validate/records.js';
import { recordValidator } from '../validate/schemas.js';
import { openCsv, type RowSink } from './csv.js';
import type { Encoding } from './encoding.js';
import { buildHeaderIndex, classifyRow, findHeader, HEADER_SCAN_ROWS, type HeaderMap, type HeaderMatch } from './table.js';
import { sheetRows, sha256File } from './xlsx.js';

/** A file over limits.fileMb is refused before it is read. */
export async function checkFileSize(path: string, file: string): Promise<void> {
  const { size } = await stat(path);
  const limit = limits().fileMb;
  if (size > limit * 1024 * 1024) {
    const mb = (size / 1024 / 1024).toFixed(0);
    throw new InputError(file, {
      zh: `文件 ${mb} MB，超过上限 ${limit} MB；如确需读取，可在配置 limits.fileMb 中调高`,
      en: `the file is ${mb} MB, over the limit of ${limit} MB; raise limits.fileMb in the config to read it`,
    });
  }
}

export interface DatasetReadOptions {
  readonly headers: HeaderMap;
  readonly date1904: boolean;
}

/**
 * Receives every record that was read, valid or not (a broken field is left undefined), with where
 * it is and the row's issues.
 */
export type RecordVisitor = (record: Readonly<Record<string, string>>, source: Source, row: number, issues: readonly Issue[]) => void;

export type Progress = (file: string, rows: number, done: boolean) => void;

/** How many skipped non-data rows are listed in the summary (all are counted). */
const SKIPPED_LISTED = 50;
const NO_ISSUES: readonly Issue[] = Object.freeze([]);
const NO_CELLS: readonly CellValue[] = Object.freeze([]);
/** A quoted cell over more lines than this is reported: most likely a quote left open. */
const RUNAWAY_LINES = 50;

export async function readDataset(
  source: Source,
  opened: OpenedSource,
  options: DatasetReadOptions,
  integrity: Integrity,
  report: (issue: Issue) => void,
  visit: RecordVisitor,
  progress?: Progress,
): Promise<InputSummary> {
  const def = datasets[source.dataset];
  const summary: InputSummary = {
    dataset: source.dataset,
    file: source.file,
    sheet: source.sheet,
    encoding: null,
    sha256: '',
    headerRow: null,
    rows: 0,
    rejected: 0,
    columns: {},
    ignoredColumns: [],
    skippedRows: [],
    skippedCount: 0,
    blankRows: 0,
  };
  const fileIssue = (code: Issue['code'], column: string | null, data: Issue['data']): void =>
    report({ dataset: source.dataset, file: source.file, sheet: source.sheet, row: null, column, value: null, code, data });

  const index = buildHeaderIndex(def, options.headers);
  const head: RawRow[] = [];
  let layout: Layout | null = null;
  let written: HeaderMatch['written'] = {};
  let headerSettled = false;
  let afterFooter = false;
  const at: { -readonly [K in keyof RecordAt]: RecordAt[K] } = { file: source.file, sheet: source.sheet, row: 0 };

  const settleHeader = (): void => {
    headerSettled = true;
    const found = findHeader(index, head);
    if (!found) {
      fileIssue('header-not-found', null, {
        rows: HEADER_SCAN_ROWS,
        expected: def.columns.filter((c) => c.required).map((c) => c.header).join('、'),
      });
      return;
    }
    const { match } = found;
    written = match.written;
    summary.headerRow = match.headerRow;
    summary.columns = { ...match.written };
    summary.ignoredColumns = [...match.ignored];
    for (const { header, kept, key } of match.shadowed) fileIssue('ambiguous-column', header, { header, kept, key });
    const missing = new Set<string>();
    for (const column of def.columns) {
      if (column.required && !(column.key in match.written)) {
        missing.add(column.key);
        fileIssue('missing-column', column.header, { header: column.header, key: column.key });
      }
    }
    headerWidth = match.width;
    layout = {
      source,
      dataset: source.dataset,
      date1904: options.date1904,
      positions: match.positions,
      written: match.written,
      missing,
      validate: recordValidator(source.dataset),
      columnsByKey: new Map(def.columns.map((c) => [c.key, c])),
      template: recordTemplate(def.columns),
      columnsAt: [],
    };
    for (const [position, column] of match.positions) (layout.columnsAt as (string | null)[])[position] = match.written[column.key] ?? null;
    for (const raw of head.slice(found.at + 1)) data(raw.row, raw.cells, raw.span, raw.control ?? true, raw.cellCount);
  };

  const limit = limits();
  const rowIssue = (row: number, column: string | null, value: string | null, code: Issue['code'], data: Issue['data']): Issue => ({
    dataset: source.dataset, file: source.file, sheet: source.sheet, row, column, value, code, data,
  });
  let headerWidth = 0;
  /** Faults of the row itself: size, stray separators, control characters. Returns the cells to read. */
  const guard = (row: number, cells: readonly CellValue[], found: Issue[], scanControl: boolean, cellCount: number): readonly CellValue[] => {
    let out = cells;
    if (cellCount > limit.columns) {
      found.push(rowIssue(row, null, null, 'too-many-columns', { count: cellCount, limit: limit.columns }));
      if (out.length > limit.columns) out = out.slice(0, limit.columns);
    }
    let copied = false;
    for (let i = 0; i < out.length; i++) {
      const cell = out[i];
      if (typeof cell !== 'string') continue;
      const column = layout!.columnsAt[i] ?? null;
      let text = cell;
      if (text.length > limit.cellChars) {
        found.push(rowIssue(row, column, `${text.slice(0, 40)}…`, 'cell-too-long', { length: text.length, limit: limit.cellChars }));
        text = text.slice(0, limit.cellChars);
      }
      if (scanControl && /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) {
        found.push(rowIssue(row, column, null, 'control-characters', {}));
        text = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
      }
      if (text !== cell) {
        if (!copied) {
          out = out.slice();
          copied = true;
        }
        (out as CellValue[])[i] = text;
      }
    }
    if (source.format === 'csv' && headerWidth > 0) {
      let extra = 0;
      for (let i = headerWidth; i < out.length; i++) if (out[i] !== '' && out[i] !== null) extra++;
      if (extra > 0) found.push(rowIssue(row, null, null, 'extra-cells', { count: extra }));
      else if (out.length < headerWidth && out.length > 1) found.push(rowIssue(row, null, null, 'missing-cells', { count: out.length, expected: headerWidth }));
    }
    return out;
  };

  const data = (row: number, rawCells: readonly CellValue[], span = 1, control = true, cellCount = rawCells.length): void => {
    const kind = classifyRow(rawCells, afterFooter);
    if (kind === 'blank') {
      summary.blankRows++;
      return;
    }
    if (kind !== 'data') {
      afterFooter = true;
      summary.skippedCount++;
      if (summary.skippedRows.length < SKIPPED_LISTED) summary.skippedRows.push({ row, text: kind.slice(0, 60) });
      return;
    }
    summary.rows++;
    if (progress && summary.rows % 10_000 === 0) progress(source.file, summary.rows, false);
    let rowFaults = NO_ISSUES as Issue[];
    if (span > RUNAWAY_LINES) {
      rowFaults = [rowIssue(row, null, null, 'runaway-quote', { lines: span, row })];
    }
    const faults: Issue[] = [];
    const cells = guard(row, rawCells, faults, control, cellCount);
    if (faults.length > 0) rowFaults = rowFaults.length > 0 ? rowFaults.concat(faults) : faults;
    const record = buildRecord(layout!, cells);
    const validated = validateRecord(layout!, record, cells, row);
    const issues = rowFaults.length === 0 ? validated : rowFaults.concat(validated);
    at.row = row;
    const crossFile = integrity.check(source.dataset, record, at, written);
    const all = crossFile.length === 0 ? (issues.length === 0 ? NO_ISSUES : issues) : issues.concat(crossFile);
    if (all.length > 0) {
      summary.rejected++;
      for (const issue of all) report(issue);
    }
    visit(record, source, row, all);
  };

  const sink = (row: number, cells: readonly CellValue[] | null, span?: number, control?: boolean, cellCount?: number): void => {
    if (cells === null) return blankLines(row, span ?? 1);
    if (limit.sheetRows < row && source.format === 'xlsx') {
      throw new InputError(source.file, {
        zh: `工作表「${source.sheet}」的行号 ${row} 超过上限 ${limit.sheetRows}（Excel 最多 1,048,576 行）；可在配置 limits.sheetRows 中调高`,
        en: `sheet "${source.sheet}" has row ${row}, over the limit of ${limit.sheetRows} (Excel's maximum is 1,048,576); raise limits.sheetRows in the config`,
      });
    }
    if (layout) return data(row, cells, span, control ?? true, cellCount);
    if (headerSettled) return; // no header: the rest of the file is read for its hash only
    head.push({
      row,
      cells,
      ...(span === undefined ? {} : { span }),
      ...(control === undefined ? {} : { control }),
      ...(cellCount === undefined ? {} : { cellCount }),
    });
    if (head.length >= HEADER_SCAN_ROWS) settleHeader();
  };

  /** A run of empty CSV lines: counted, never held (the header search counts them as rows, as before). */
  const blankLines = (row: number, count: number): void => {
    if (layout) {
      summary.blankRows += count;
      return;
    }
    if (headerSettled) return;
    let left = count;
    while (left > 0 && head.length < HEADER_SCAN_ROWS) {
      head.push({ row: row + count - left, cells: NO_CELLS });
      left--;
      if (head.length >= HEADER_SCAN_ROWS) settleHeader();
    }
    if (layout) summary.blankRows += left;
  };

  await opened.read(sink);
  if (!headerSettled) settleHeader();
  progress?.(source.file, summary.rows, true);
  return { ...summary, encoding: opened.encoding, sha256: await opened.sha256() };
}

/** A source opened for reading; its parse may start ahead of its rows being wanted. */
export interface OpenedSource {
  /** The encoding found (CSV), or null. */
  readonly encoding: string | null;
  /** Starts a large file's parse in the worker now (`read` or `close` must follow). */
  readAhead(): void;
  read(sink: RowSink): Promise<void>;
  /** SHA-256 of the file; for CSV, once `read` has finished. */
  sha256(): Promise<string>;
  /** Ends a parse started ahead that will not be read (an earlier file failed). */
  close(): void;
}

/** Opens one source: refuses a file over the size limit, finds a CSV's encoding and delimiter. */
export async function openSource(source: Source, encoding: Encoding | null): Promise<OpenedSource> {
  await checkFileSize(source.path, source.file);
  if (source.format === 'csv') {
    const csv = await openCsv(source.path, source.file, encoding);
    return { encoding: csv.encoding, readAhead: csv.readAhead, read: csv.read, sha256: async () => csv.sha256(), close: csv.close };
  }
  const rows = sheetRows(source.path, source.file, source.sheet ?? '');
  let hash: Promise<string> | null = null;
  return {
    encoding: null,
    readAhead: rows.readAhead,
    close: rows.close,
    // The hash is read while the sheet is parsed (the parse is on the other core for a large one).
    read: (sink) => {
      hash ??= sha256File(source.path);
      hash.catch(() => {});
      return rows.read(sink);
    },
    sha256: () => (hash ??= sha256File(source.path)),
  };
}

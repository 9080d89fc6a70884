// Reads one source (a CSV file or one sheet of a workbook) of a dataset: finds the header, turns each
// data row into a validated record, and hands it on. Rows are pushed as they are parsed; nothing
// holds the whole file, and the per-row path allocates little (it runs a million times).
import { datasets } from '../datasets.js';
import { InputError } from '../errors.js';
import { limits } from '../limits.js';
import type { CellValue, DatasetName, InputSummary, Issue, RawRow, SkippedRow, Source } from '../model.js';
import type { Integrity, RecordAt } from '../validate/integrity.js';
import { openCsv, type RowSink } from './csv.js';
import { isEmptyCell, isSeparator, makeLayout, prepareRecord, specOf, type PrepareSpec, type Preparer } from './prepare-row.js';
import type { Encoding } from './encoding.js';
import { buildHeaderIndex, classifyRow, closestHeader, findHeader, headerRepeatDetector, HEADER_SCAN_ROWS, rowText, type HeaderMap, type HeaderMatch } from './table.js';
import { readLegacySheet } from './legacy.js';
import { checkFileSize, sha256File } from './files.js';
import { sheetRows } from './xlsx.js';


/**
 * How a reader that splits a large CSV over its workers (csv-split.ts) hands on records: it reads the
 * file's head into the sink, asks `spec` for what the workers need (null: the header is not settled,
 * read on as one stream), then hands each record row the workers prepared to `accept`, and every
 * other row (blank, title, footer) to the sink, all in file order.
 */
export interface SplitHooks {
  spec(): PrepareSpec | null;
  accept(row: number, record: Record<string, string>, issues: readonly Issue[]): void;
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

/**
 * Whether a row (its broken fields already removed) is left out of every check (SPEC §3: a row with
 * a broken field is left out only of the checks that need that field). Complaints: never, 3.2.2
 * judges every row and a missing 经办人, 受理时间 or 处理状态 is its finding. Callbacks: judged by
 * 3.2.4 through 关联投诉编号, by 4.5 and 5.1 through a date with a grade or a home. Sold units: by
 * 4.6 and 5.1 through project and 房号. Staff: by chapter 2 through a department or a post.
 */
export function leftOutOfEveryCheck(dataset: DatasetName, record: Readonly<Record<string, string | undefined>>): boolean {
  switch (dataset) {
    case 'complaints':
      return false;
    case 'callbacks':
      return !record['complaintId'] && !(record['date'] && (record['satisfaction'] || (record['project'] && record['unit'])));
    case 'units':
      return !record['project'] || !record['unit'];
    case 'staff':
      return !record['department'] && !record['role'];
  }
}

/** How many skipped non-data rows are listed in the summary (all are counted). */
const SKIPPED_LISTED = 50;
const NO_ISSUES: readonly Issue[] = Object.freeze([]);
const NO_CELLS: readonly CellValue[] = Object.freeze([]);

export async function readDataset(
  source: Source,
  opened: OpenedSource,
  options: DatasetReadOptions,
  integrity: Integrity,
  report: (issue: Issue) => void,
  visit: RecordVisitor,
  progress?: Progress,
): Promise<InputSummary & { readonly empty: boolean; readonly failure: InputError | null }> {
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
    withIssues: 0,
    columns: {},
    ignoredColumns: [],
    skippedRows: [],
    skippedCount: 0,
    blankRows: 0,
  };
  const fileIssue = (code: Issue['code'], column: string | null, data: Issue['data']): void =>
    report({ dataset: source.dataset, file: source.file, sheet: source.sheet, row: null, column, value: null, code, data });

  integrity.expect(source.dataset, opened.rowsEstimate);
  const index = buildHeaderIndex(def, options.headers);
  const head: RawRow[] = [];
  let preparer: Preparer | null = null;
  /** The rows the header was found in (a worker makes its repeat detector from them). */
  let headerRows: readonly RawRow[] = [];
  let written: HeaderMatch['written'] = {};
  let headerSettled = false;
  let afterFooter = false;
  /** The sheet holds no filled cell at all: skipped as empty, not an issue. */
  let empty = false;
  let repeatsHeader: (cells: readonly CellValue[]) => boolean = () => false;
  /** Positions of the required columns, in order; only the second is looked at on every row (the first may hold a separator's text). */
  let requiredAt: number[] = [];
  const skip = (row: number, kind: SkippedRow['kind'], cells: readonly CellValue[]): void => {
    summary.skippedCount++;
    if (summary.skippedRows.length < SKIPPED_LISTED) summary.skippedRows.push({ row, kind, text: rowText(cells) });
  };
  const at: { -readonly [K in keyof RecordAt]: RecordAt[K] } = { file: source.file, sheet: source.sheet, row: 0 };
  const limit = limits();

  const settleHeader = (atEnd: boolean): void => {
    headerSettled = true;
    const found = findHeader(index, head);
    if (!found && atEnd && source.format !== 'csv' && head.every((r) => classifyRow(r.cells, false) === 'blank')) {
      empty = true;
      return;
    }
    if (!found) {
      fileIssue('header-not-found', null, {
        rows: HEADER_SCAN_ROWS,
        expected: def.columns.filter((c) => c.required).map((c) => c.header).join('、'),
      });
      return;
    }
    const { match } = found;
    repeatsHeader = headerRepeatDetector(found.rows);
    written = match.written;
    summary.headerRow = match.headerRow;
    summary.columns = { ...match.written };
    for (const [key, time] of match.times) summary.columns[key] = `${match.written[key]} + ${time.header}`;
    summary.ignoredColumns = [...match.ignored];
    for (const { header, kept, key } of match.shadowed) fileIssue('ambiguous-column', header, { header, kept, key });
    const missing = new Set<string>();
    const unused = [...match.ignored];
    for (const column of def.columns) {
      if (column.required && !(column.key in match.written)) {
        missing.add(column.key);
        // The header most likely meant for it, and the config line that maps it.
        const candidate = closestHeader(column, unused);
        if (candidate !== null) unused.splice(unused.indexOf(candidate), 1);
        const line = candidate === null ? '' : `headers: { ${source.dataset}: { ${candidate}: ${column.key} } }`;
        fileIssue('missing-column', column.header, {
          header: column.header,
          key: column.key,
          hintZh: candidate === null ? '' : `；文件中未识别的列「${candidate}」可能是它：可在配置文件中写 ${line}，以 --config 指定`,
          hintEn: candidate === null ? '' : `; the unrecognised column "${candidate}" may be it: map it in a --config file with ${line}`,
        });
      }
    }
    for (const [position, column] of match.positions) if (column.required) requiredAt.push(position);
    requiredAt = requiredAt.sort((a, b) => a - b);
    headerRows = found.rows;
    preparer = {
      layout: makeLayout(source, options.date1904, match.positions, match.written, missing, match.times),
      headerWidth: match.width,
      columns: limit.columns,
      cellChars: limit.cellChars,
      requiredAt,
      repeatsHeader,
    };
    for (const raw of head.slice(found.at + 1)) data(raw.row, raw.cells, raw.span, raw.control ?? true, raw.cellCount);
  };

  const data = (row: number, rawCells: readonly CellValue[], span = 1, control = true, cellCount = rawCells.length): void => {
    const kind = classifyRow(rawCells, afterFooter);
    if (kind === 'blank') {
      summary.blankRows++;
      return;
    }
    if (kind !== 'data') {
      if (kind === 'footer') afterFooter = true;
      skip(row, kind, rawCells);
      return;
    }
    // The header again (months pasted one under another), or a title row such as "2025年3月" with
    // its text in the first column and no required value: not records.
    if (repeatsHeader(rawCells)) {
      skip(row, 'header', rawCells);
      return;
    }
    if (requiredAt.length > 1 && isEmptyCell(rawCells[requiredAt[1]!]) && isSeparator(rawCells, requiredAt)) {
      skip(row, 'separator', rawCells);
      return;
    }
    const prepared = prepareRecord(preparer!, row, rawCells, span, control, cellCount);
    accept(row, prepared.record, prepared.issues);
  };

  /** A record, prepared here or by a worker: counted, cross-checked and handed on, in file order. */
  const accept = (row: number, record: Record<string, string>, issues: readonly Issue[]): void => {
    summary.rows++;
    if (progress && summary.rows % 10_000 === 0) progress(source.file, summary.rows, false);
    at.row = row;
    const crossFile = integrity.check(source.dataset, record, at, written);
    const all = crossFile.length === 0 ? (issues.length === 0 ? NO_ISSUES : issues) : issues.concat(crossFile);
    if (all.length > 0) {
      if (leftOutOfEveryCheck(source.dataset, record)) summary.rejected++;
      else summary.withIssues++;
      for (const issue of all) report(issue);
    }
    visit(record, source, row, all);
  };

  const sink = (row: number, cells: readonly CellValue[] | null, span?: number, control?: boolean, cellCount?: number): void => {
    if (cells === null) return blankLines(row, span ?? 1);
    if (limit.sheetRows < row && source.format !== 'csv') {
      throw new InputError(source.file, {
        zh: `工作表「${source.sheet}」的行号 ${row} 超过上限 ${limit.sheetRows}（Excel 最多 1,048,576 行）；可在配置 limits.sheetRows 中调高`,
        en: `sheet "${source.sheet}" has row ${row}, over the limit of ${limit.sheetRows} (Excel's maximum is 1,048,576); raise limits.sheetRows in the config`,
      });
    }
    if (preparer) return data(row, cells, span, control ?? true, cellCount);
    if (headerSettled) return; // no header: the rest of the file is read for its hash only
    head.push({
      row,
      cells,
      ...(span === undefined ? {} : { span }),
      ...(control === undefined ? {} : { control }),
      ...(cellCount === undefined ? {} : { cellCount }),
    });
    if (head.length >= HEADER_SCAN_ROWS) settleHeader(false);
  };

  /** A run of empty CSV lines: counted, never held (the header search counts them as rows, as before). */
  const blankLines = (row: number, count: number): void => {
    if (preparer) {
      summary.blankRows += count;
      return;
    }
    if (headerSettled) return;
    let left = count;
    while (left > 0 && head.length < HEADER_SCAN_ROWS) {
      head.push({ row: row + count - left, cells: NO_CELLS });
      left--;
      if (head.length >= HEADER_SCAN_ROWS) settleHeader(false);
    }
    if (preparer) summary.blankRows += left;
  };

  /** For a large CSV split over the workers: once the header is settled, what they need to prepare rows. */
  const split: SplitHooks = {
    spec: () => (preparer ? specOf(preparer, headerRows) : null),
    accept,
  };

  // A file that breaks after records were handed on (a quote never closed, a damaged part): those
  // records are already counted, so the summary stands, with the failure beside it.
  let failure: InputError | null = null;
  try {
    await opened.read(sink, split);
  } catch (error) {
    if (!(error instanceof InputError) || summary.rows === 0) throw error;
    failure = error;
  }
  if (!headerSettled) settleHeader(true);
  progress?.(source.file, summary.rows, true);
  const sha256 = failure ? await sha256File(source.path) : await opened.sha256();
  return { ...summary, encoding: opened.encoding, sha256, empty, failure };
}

/** A source opened for reading; its parse may start ahead of its rows being wanted. */
export interface OpenedSource {
  /** The encoding found (CSV), or null. */
  readonly encoding: string | null;
  /** About how many rows the file holds (CSV: its size against the lines of its first bytes), or 0 when not known. */
  readonly rowsEstimate: number;
  /** Starts a large file's parse in the worker now (`read` or `close` must follow). */
  readAhead(): void;
  /** Reads every row into `sink`; a large CSV may hand records prepared by its workers to `split` instead. */
  read(sink: RowSink, split?: SplitHooks): Promise<void>;
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
    return { encoding: csv.encoding, rowsEstimate: csv.rowsEstimate, readAhead: csv.readAhead, read: csv.read, sha256: async () => csv.sha256(), close: csv.close };
  }
  if (source.format === 'xls' || source.format === 'ods') {
    const { path, file, format, sheet } = source;
    return {
      encoding: null,
      rowsEstimate: 0,
      readAhead: () => {},
      close: () => {},
      read: (sink) => readLegacySheet(path, file, format, sheet ?? '', sink),
      sha256: () => sha256File(path),
    };
  }
  const rows = sheetRows(source.path, source.file, source.sheet ?? '');
  let hash: Promise<string> | null = null;
  return {
    encoding: null,
    rowsEstimate: 0,
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

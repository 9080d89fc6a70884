// Reads one source (a CSV file or one sheet of a workbook) of a dataset: finds the header, turns each
// data row into a validated record, and hands it on. Rows are pushed as they are parsed; nothing
// holds the whole file, and the per-row path allocates little (it runs a million times).
import { datasets } from '../datasets.js';
import type { CellValue, InputSummary, Issue, RawRow, Source } from '../model.js';
import type { Integrity, RecordAt } from '../validate/integrity.js';
import { buildRecord, recordTemplate, validateRecord, type Layout } from '../validate/records.js';
import { recordValidator } from '../validate/schemas.js';
import { openCsv } from './csv.js';
import type { Encoding } from './encoding.js';
import { buildHeaderIndex, classifyRow, findHeader, HEADER_SCAN_ROWS, type HeaderMap, type HeaderMatch } from './table.js';
import { readSheet, sha256File } from './xlsx.js';

export interface DatasetReadOptions {
  readonly encoding: Encoding | null;
  readonly headers: HeaderMap;
  readonly date1904: boolean;
}

/**
 * Receives every record that was read, valid or not (broken fields removed), with where it is.
 * `at` is reused from row to row: copy what must outlive the call.
 */
export type RecordVisitor = (record: Readonly<Record<string, string>>, source: Source, row: number, issues: readonly Issue[]) => void;

export type Progress = (file: string, rows: number, done: boolean) => void;

/** How many skipped non-data rows are listed in the summary (all are counted). */
const SKIPPED_LISTED = 50;
const NO_ISSUES: readonly Issue[] = Object.freeze([]);

export async function readDataset(
  source: Source,
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
    };
    for (const raw of head.slice(found.at + 1)) data(raw.row, raw.cells);
  };

  const data = (row: number, cells: readonly CellValue[]): void => {
    const kind = classifyRow(cells, afterFooter);
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
    const record = buildRecord(layout!, cells);
    const issues = validateRecord(layout!, record, cells, row);
    at.row = row;
    const crossFile = integrity.check(source.dataset, record, at, written);
    const all = crossFile.length === 0 ? (issues.length === 0 ? NO_ISSUES : issues) : issues.concat(crossFile);
    if (all.length > 0) {
      summary.rejected++;
      for (const issue of all) report(issue);
    }
    visit(record, source, row, all);
  };

  const sink = (row: number, cells: readonly CellValue[]): void => {
    if (layout) return data(row, cells);
    if (headerSettled) return; // no header: the rest of the file is read for its hash only
    head.push({ row, cells });
    if (head.length >= HEADER_SCAN_ROWS) settleHeader();
  };

  let sha256: () => string | Promise<string>;
  if (source.format === 'csv') {
    const csv = await openCsv(source.path, source.file, options.encoding);
    summary.encoding = csv.encoding;
    await csv.read(sink);
    sha256 = csv.sha256;
  } else {
    await readSheet(source.path, source.file, source.sheet ?? '', sink);
    sha256 = () => sha256File(source.path);
  }
  if (!headerSettled) settleHeader();
  progress?.(source.file, summary.rows, true);
  return { ...summary, sha256: await sha256() };
}

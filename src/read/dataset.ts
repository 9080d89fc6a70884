// Reads one source (a CSV file or one sheet of a workbook) of a dataset: finds the header, turns each
// data row into a validated record, and hands it on. Rows stream; nothing holds the whole file.
import { datasets } from '../datasets.js';
import type { CellValue, InputSummary, Issue, RawRow, Source } from '../model.js';
import type { Integrity } from '../validate/integrity.js';
import { buildRecord, validateRecord, type Layout } from '../validate/records.js';
import { recordValidator } from '../validate/schemas.js';
import { openCsv } from './csv.js';
import type { Encoding } from './encoding.js';
import { buildHeaderIndex, classifyRow, findHeader, HEADER_SCAN_ROWS, type HeaderMap } from './table.js';
import { readSheet, sha256File } from './xlsx.js';

export interface DatasetReadOptions {
  readonly encoding: Encoding | null;
  readonly headers: HeaderMap;
  readonly date1904: boolean;
}

/** Receives every record that was read, valid or not (broken fields removed), with where it is. */
export type RecordVisitor = (record: Readonly<Record<string, string>>, source: Source, row: number, issues: readonly Issue[]) => void;

/** How many skipped non-data rows are listed in the summary (all are counted). */
const SKIPPED_LISTED = 50;

export async function readDataset(
  source: Source,
  options: DatasetReadOptions,
  integrity: Integrity,
  report: (issue: Issue) => void,
  visit: RecordVisitor,
  progress?: (file: string, rows: number, done: boolean) => void,
): Promise<InputSummary> {
  const def = datasets[source.dataset];
  let rows: AsyncIterable<RawRow>;
  let encoding: string | null = null;
  let sha256: () => string | Promise<string>;
  if (source.format === 'csv') {
    const csv = await openCsv(source.path, source.file, options.encoding);
    rows = csv.rows;
    encoding = csv.encoding;
    sha256 = csv.sha256;
  } else {
    rows = readSheet(source.path, source.file, source.sheet ?? '');
    sha256 = () => sha256File(source.path);
  }

  const summary: InputSummary = {
    dataset: source.dataset,
    file: source.file,
    sheet: source.sheet,
    encoding,
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

  const iterator = rows[Symbol.asyncIterator]();
  const head: RawRow[] = [];
  while (head.length < HEADER_SCAN_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
  }
  const index = buildHeaderIndex(def, options.headers);
  const found = findHeader(index, head);
  if (!found) {
    fileIssue('header-not-found', null, {
      rows: HEADER_SCAN_ROWS,
      expected: def.columns.filter((c) => c.required).map((c) => c.header).join('、'),
    });
    // Read to the end all the same: the hash covers the whole file.
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) void next;
    return { ...summary, sha256: await sha256() };
  }

  const { match } = found;
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
  const layout: Layout = {
    source,
    dataset: source.dataset,
    date1904: options.date1904,
    positions: match.positions,
    written: match.written,
    missing,
    validate: recordValidator(source.dataset),
    columnsByKey: new Map(def.columns.map((c) => [c.key, c])),
  };

  let afterFooter = false;
  const handle = (row: number, cells: readonly CellValue[]): void => {
    const kind = classifyRow(cells, afterFooter);
    if (kind.kind === 'blank') {
      summary.blankRows++;
      return;
    }
    if (kind.kind === 'footer') {
      afterFooter = true;
      summary.skippedCount++;
      if (summary.skippedRows.length < SKIPPED_LISTED) summary.skippedRows.push({ row, text: kind.text.slice(0, 60) });
      return;
    }
    summary.rows++;
    if (progress && summary.rows % 10_000 === 0) progress(source.file, summary.rows, false);
    const record = buildRecord(layout, cells);
    const issues = validateRecord(layout, record, cells, row);
    const at = { file: source.file, sheet: source.sheet, row };
    const crossFile = integrity.check(source.dataset, record, at, match.written);
    const all = crossFile.length === 0 ? issues : issues.concat(crossFile);
    if (all.length > 0) {
      summary.rejected++;
      for (const issue of all) report(issue);
    }
    visit(record, source, row, all);
  };

  for (const raw of head.slice(found.at + 1)) handle(raw.row, raw.cells);
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) handle(next.value.row, next.value.cells);
  progress?.(source.file, summary.rows, true);
  return { ...summary, sha256: await sha256() };
}

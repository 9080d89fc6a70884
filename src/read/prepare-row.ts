// The part of reading a data row that needs nothing but the file's layout: the row's own faults
// (size, control characters, stray cells), its record built and normalised, and the record
// validated. readDataset (dataset.ts) runs it on the main thread; for a large CSV split into
// segments (csv-split.ts) the parsing workers run it on every core, from a PrepareSpec, and hand
// the main thread records ready for the cross-file checks and the clauses. Both run this same code,
// so a record and its issues are the same whichever thread made them.
import { datasets, type ColumnDef } from '../datasets.js';
import type { CellValue, DatasetName, Issue, RawRow, Source } from '../model.js';
import { buildRecord, recordTemplate, validateRecord, type Layout } from '../validate/records.js';
import { recordValidator } from '../validate/schemas.js';
import { classifyRow, headerRepeatDetector, type TimeColumn } from './table.js';

/** A quoted cell over more lines than this is reported: most likely a quote left open. */
export const RUNAWAY_LINES = 50;
const NO_ISSUES: readonly Issue[] = Object.freeze([]);
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const CONTROL_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** What preparing a row needs, fixed once the file's header is found. */
export interface Preparer {
  readonly layout: Layout;
  /** Cells of the header row (CSV: a row's cells past it are stray). */
  readonly headerWidth: number;
  /** limits.columns and limits.cellChars of the run. */
  readonly columns: number;
  readonly cellChars: number;
  /** Positions of the required columns, in order. */
  readonly requiredAt: readonly number[];
  /** Whether a row repeats the header (months pasted one under another). */
  readonly repeatsHeader: (cells: readonly CellValue[]) => boolean;
}

/** A Preparer as plain data, to cross to a worker. */
export interface PrepareSpec {
  readonly source: Source;
  readonly date1904: boolean;
  /** Cell position → column key. */
  readonly positions: readonly (readonly [number, string])[];
  readonly written: Readonly<Record<string, string>>;
  readonly missing: readonly string[];
  readonly times: readonly (readonly [string, TimeColumn])[];
  readonly headerWidth: number;
  readonly columns: number;
  readonly cellChars: number;
  readonly requiredAt: readonly number[];
  /** The header's rows, from which the repeat detector is made again. */
  readonly headerRows: readonly RawRow[];
}

/** The layout of a file, from what its header match found. */
export function makeLayout(
  source: Source,
  date1904: boolean,
  positions: ReadonlyMap<number, ColumnDef>,
  written: Readonly<Record<string, string>>,
  missing: ReadonlySet<string>,
  times: ReadonlyMap<string, TimeColumn>,
): Layout {
  const def = datasets[source.dataset];
  const columnsAt: (string | null)[] = [];
  for (const [position, column] of positions) columnsAt[position] = written[column.key] ?? null;
  for (const time of times.values()) columnsAt[time.position] = time.header;
  return {
    source,
    dataset: source.dataset,
    date1904,
    positions,
    cellAt: [...positions.keys()],
    columnAt: [...positions.values()],
    written,
    missing,
    validate: recordValidator(source.dataset),
    columnsByKey: new Map(def.columns.map((c) => [c.key, c])),
    template: recordTemplate(def.columns),
    columnsAt,
    times,
  };
}

export function specOf(preparer: Preparer, headerRows: readonly RawRow[]): PrepareSpec {
  const { layout } = preparer;
  return {
    source: layout.source,
    date1904: layout.date1904,
    positions: [...layout.positions].map(([position, column]) => [position, column.key] as const),
    written: layout.written,
    missing: [...layout.missing],
    times: [...layout.times],
    headerWidth: preparer.headerWidth,
    columns: preparer.columns,
    cellChars: preparer.cellChars,
    requiredAt: preparer.requiredAt,
    headerRows: headerRows.map((r) => ({ row: r.row, cells: r.cells })),
  };
}

export function preparerFromSpec(spec: PrepareSpec): Preparer {
  const byKey = new Map(datasets[spec.source.dataset].columns.map((c) => [c.key, c]));
  const positions = new Map(spec.positions.map(([position, key]) => [position, byKey.get(key)!]));
  return {
    layout: makeLayout(spec.source, spec.date1904, positions, spec.written, new Set(spec.missing), new Map(spec.times)),
    headerWidth: spec.headerWidth,
    columns: spec.columns,
    cellChars: spec.cellChars,
    requiredAt: spec.requiredAt,
    repeatsHeader: headerRepeatDetector(spec.headerRows),
  };
}

export function isEmptyCell(cell: CellValue | undefined): boolean {
  return cell === undefined || cell === null || cell === '' || (typeof cell === 'string' && cell.trim() === '');
}

/**
 * A title line among the records: its first filled cell is text ("2025年3月", "一季度", a project's
 * name), perhaps in a required column such as 编号, no other required column is filled, and at most
 * three cells are (a record missing its required values fills more, and is reported as such).
 */
export function isSeparator(cells: readonly CellValue[], requiredAt: readonly number[]): boolean {
  let first = -1;
  let filled = 0;
  for (let i = 0; i < cells.length; i++) {
    if (isEmptyCell(cells[i])) continue;
    if (first < 0) {
      if (typeof cells[i] !== 'string') return false;
      first = i;
    }
    if (++filled > 3) return false;
  }
  for (const position of requiredAt) if (position !== first && !isEmptyCell(cells[position])) return false;
  return first >= 0;
}

/**
 * Whether a row is a record, as readDataset decides it (dataset.ts, `data`): not blank, not a
 * footer, title or separator, not the header again. What lies under a footer changes only the kind
 * of a one-cell row (a note rather than a separator), never whether a row is a record, so a worker
 * that has not seen the rows above its own decides it the same.
 */
export function isRecordRow(p: Preparer, cells: readonly CellValue[]): boolean {
  if (classifyRow(cells, false) !== 'data') return false;
  if (p.repeatsHeader(cells)) return false;
  return !(p.requiredAt.length > 1 && isEmptyCell(cells[p.requiredAt[1]!]) && isSeparator(cells, p.requiredAt));
}

function rowIssue(p: Preparer, row: number, column: string | null, value: string | null, code: Issue['code'], data: Issue['data']): Issue {
  const { source } = p.layout;
  return { dataset: source.dataset, file: source.file, sheet: source.sheet, row, column, value, code, data };
}

/** Faults of the row itself: size, stray separators, control characters. Returns the cells to read. */
function guard(p: Preparer, row: number, cells: readonly CellValue[], found: Issue[], scanControl: boolean, cellCount: number): readonly CellValue[] {
  let out = cells;
  if (cellCount > p.columns) {
    found.push(rowIssue(p, row, null, null, 'too-many-columns', { count: cellCount, limit: p.columns }));
    if (out.length > p.columns) out = out.slice(0, p.columns);
  }
  let copied = false;
  for (let i = 0; i < out.length; i++) {
    const cell = out[i];
    if (typeof cell !== 'string') continue;
    const column = p.layout.columnsAt[i] ?? null;
    let text = cell;
    if (text.length > p.cellChars) {
      found.push(rowIssue(p, row, column, `${text.slice(0, 40)}…`, 'cell-too-long', { length: text.length, limit: p.cellChars }));
      text = text.slice(0, p.cellChars);
    }
    if (scanControl && CONTROL.test(text)) {
      found.push(rowIssue(p, row, column, null, 'control-characters', {}));
      text = text.replace(CONTROL_ALL, '');
    }
    if (text !== cell) {
      if (!copied) {
        out = out.slice();
        copied = true;
      }
      (out as CellValue[])[i] = text;
    }
  }
  if (p.layout.source.format === 'csv' && p.headerWidth > 0) {
    let extra = 0;
    for (let i = p.headerWidth; i < out.length; i++) if (out[i] !== '' && out[i] !== null) extra++;
    if (extra > 0) found.push(rowIssue(p, row, null, null, 'extra-cells', { count: extra }));
    else if (out.length < p.headerWidth && out.length > 1) found.push(rowIssue(p, row, null, null, 'missing-cells', { count: out.length, expected: p.headerWidth }));
  }
  return out;
}

export interface PreparedRow {
  readonly record: Record<string, string>;
  /** The row's own faults, then its validation issues (cross-file issues come later, in order). */
  readonly issues: readonly Issue[];
}

/** A record row's record and issues. */
export function prepareRecord(p: Preparer, row: number, rawCells: readonly CellValue[], span: number, control: boolean, cellCount: number): PreparedRow {
  let rowFaults = NO_ISSUES as Issue[];
  if (span > RUNAWAY_LINES) rowFaults = [rowIssue(p, row, null, null, 'runaway-quote', { lines: span, row })];
  const faults: Issue[] = [];
  const cells = guard(p, row, rawCells, faults, control, cellCount);
  if (faults.length > 0) rowFaults = rowFaults.length > 0 ? rowFaults.concat(faults) : faults;
  const record = buildRecord(p.layout, cells);
  const validated = validateRecord(p.layout, record, cells, row);
  const issues = rowFaults.length === 0 ? validated : rowFaults.concat(validated);
  return { record, issues: issues.length === 0 ? NO_ISSUES : issues };
}

/** The keys of a dataset's records, in the order a record's values are packed (recordTemplate's). */
export function recordKeys(dataset: DatasetName): readonly string[] {
  return datasets[dataset].columns.map((c) => c.key);
}

// A data row → a normalised record → schema validation → data-quality issues on the row and column
// the user sees. Broken fields are removed from the record so checks that need them skip it.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ColumnDef } from '../datasets.js';
import { normaliseEnum } from '../datasets.js';
import type { CellValue, DatasetName, Issue, IssueCode, Source } from '../model.js';
import type { TimeColumn } from '../read/table.js';
import { cellToText, isLocalDate, normaliseFreeText, normaliseShortText, parseLocalDate, parseLocalDateTime, parseTimeOfDay } from '../read/values.js';

/** How one file's columns are laid out, fixed once its header is found. */
export interface Layout {
  readonly source: Source;
  readonly dataset: DatasetName;
  readonly date1904: boolean;
  /** Cell position → column. */
  readonly positions: ReadonlyMap<number, ColumnDef>;
  /** The same as two arrays, read on every row (a Map's iterator makes an entry array per column and row). */
  readonly cellAt: readonly number[];
  readonly columnAt: readonly ColumnDef[];
  /** key → header as written in the file. */
  readonly written: Readonly<Record<string, string>>;
  /** Required keys with no column in the file: one issue for the file, none per row. */
  readonly missing: ReadonlySet<string>;
  readonly validate: ValidateFunction;
  readonly columnsByKey: ReadonlyMap<string, ColumnDef>;
  /** Every key of the dataset, undefined: records are copies of it, so all share one shape. */
  readonly template: Readonly<Record<string, undefined>>;
  /** Cell position → the header as written (for issues on a row's cells). */
  readonly columnsAt: readonly (string | null)[];
  /** key → the time column joined to its date column (受理日期 + 受理时间). */
  readonly times: ReadonlyMap<string, TimeColumn>;
}

/** A record object with every key of the dataset in schema order (one hidden class for all rows). */
export function recordTemplate(columns: readonly ColumnDef[]): Record<string, undefined> {
  const template: Record<string, undefined> = {};
  for (const column of columns) template[column.key] = undefined;
  return template;
}

/** The value of one cell as the schema expects it; unreadable dates stay as written and fail their format. */
export function normaliseCell(column: ColumnDef, cell: CellValue, date1904: boolean): string | undefined {
  if (cell === null) return undefined;
  switch (column.kind) {
    case 'date':
    case 'datetime': {
      const parsed = column.kind === 'date' ? parseLocalDate(cell, date1904) : parseLocalDateTime(cell, date1904);
      if (parsed !== null) return parsed;
      const text = normaliseShortText(cellToText(cell));
      return text === '' ? undefined : text;
    }
    case 'enum': {
      // Most cells hold a canonical value as written: look it up before normalising anything.
      if (typeof cell === 'string') {
        const direct = column.enumAliases.get(cell);
        if (direct !== undefined) return direct;
      }
      const text = normaliseShortText(cellToText(cell));
      if (text === '') return undefined;
      return column.enumAliases.get(normaliseEnum(text)) ?? text;
    }
    case 'freetext': {
      const text = normaliseFreeText(cellToText(cell));
      return text === '' ? undefined : text;
    }
    default: {
      const text = normaliseShortText(cellToText(cell));
      return text === '' ? undefined : text;
    }
  }
}

/**
 * The record of a row: every key present (undefined when empty), so that the checks reading a
 * million of them see one object shape. ajv treats an undefined property as absent.
 */
export function buildRecord(layout: Layout, cells: readonly CellValue[]): Record<string, string> {
  const record = { ...layout.template } as Record<string, string | undefined>;
  const { cellAt, columnAt } = layout;
  for (let i = 0; i < cellAt.length; i++) {
    const cell = cells[cellAt[i]!];
    const column = columnAt[i]!;
    record[column.key] = cell === undefined || cell === null || cell === '' ? undefined : normaliseCell(column, cell, layout.date1904);
  }
  if (layout.times.size > 0) {
    for (const [key, time] of layout.times) {
      const cell = cells[time.position];
      if (cell !== undefined && cell !== null && cell !== '') record[key] = joinTime(layout.columnsByKey.get(key)!, record[key], cell, layout.date1904);
    }
  }
  return record as Record<string, string>;
}

/**
 * The value of a date column joined with its time column's cell. A time-only cell (14:20, a time
 * cell on 1899-12-30, a fraction of a day) gives the day its time; a time alone is never a date, so
 * with no day the key stays empty. A full date-time in the time column is used as written. A cell
 * that is neither leaves the pair as written, to fail as an invalid date.
 */
export function joinTime(column: ColumnDef, day: string | undefined, cell: CellValue, date1904: boolean): string | undefined {
  const clock = parseTimeOfDay(cell, date1904);
  if (clock !== null) {
    if (day === undefined || !isLocalDate(day) || column.kind === 'date' || clock === '00:00:00') return day;
    return `${day}T${clock}`;
  }
  const full = column.kind === 'date' ? parseLocalDate(cell, date1904) : parseLocalDateTime(cell, date1904);
  if (full !== null) return full;
  const text = normaliseShortText(cellToText(cell));
  return text === '' ? day : `${day ?? ''} ${text}`.trim();
}

const EXPECTED: Readonly<Record<string, readonly [string, string]>> = {
  boolean: ['true 或 false', 'true or false'],
  number: ['数字', 'a number'],
  integer: ['整数', 'a whole number'],
  string: ['文本', 'text'],
  array: ['列表', 'a list'],
  object: ['键值对象', 'a mapping'],
};

/** What a value should have been, in both languages, for an 'invalid-value' issue. */
export function expectedOf(error: ErrorObject): { expectedZh: string; expectedEn: string } {
  const params = error.params as { type?: string; limit?: number; pattern?: string };
  if (error.keyword === 'type' && params.type && EXPECTED[params.type]) {
    const [zh, en] = EXPECTED[params.type]!;
    return { expectedZh: zh, expectedEn: en };
  }
  if (error.keyword === 'minLength') return { expectedZh: '非空文本', expectedEn: 'a non-empty text' };
  if (error.keyword === 'minimum') return { expectedZh: `不小于 ${params.limit}`, expectedEn: `at least ${params.limit}` };
  if (error.keyword === 'maxItems' || error.keyword === 'maxProperties') {
    return { expectedZh: `不超过 ${params.limit} 项`, expectedEn: `at most ${params.limit} entries` };
  }
  if (error.keyword === 'pattern' || error.keyword === 'propertyNames') return { expectedZh: '正确的格式（如条款号 4.1）', expectedEn: 'the right shape (such as clause id 4.1)' };
  return { expectedZh: error.message ?? error.keyword, expectedEn: error.message ?? error.keyword };
}

function codeFor(error: ErrorObject, column: ColumnDef | undefined): IssueCode {
  switch (error.keyword) {
    case 'required':
      return 'required';
    case 'enum':
      return 'invalid-enum';
    case 'maxLength':
      return 'too-long';
    case 'format':
      if (column?.kind === 'phone') return 'invalid-phone';
      if (column?.kind === 'date' || column?.kind === 'datetime') return 'invalid-date';
      return 'invalid-value';
    default:
      return 'invalid-value';
  }
}

/** The raw text of the cell behind a key, for the issue. */
function rawValue(layout: Layout, cells: readonly CellValue[], key: string): string | null {
  for (const [position, column] of layout.positions) {
    if (column.key === key) {
      const text = cellToText(cells[position] ?? null);
      return text === '' ? null : text;
    }
  }
  return null;
}

/**
 * The column and value an issue on a joined date + time key names: the time column when the day is
 * readable and the time is not, else the date column with both cells.
 */
function joinedAt(layout: Layout, cells: readonly CellValue[], key: string, time: TimeColumn): { column: string; value: string | null } {
  const day = rawValue(layout, cells, key);
  const clock = cellToText(cells[time.position] ?? null);
  const dayReadable = day !== null && parseLocalDateTime(day, layout.date1904) !== null;
  if (dayReadable && clock !== '') return { column: time.header, value: clock };
  return { column: layout.written[key] ?? key, value: clock === '' ? day : `${day ?? ''} ${clock}`.trim() };
}

/**
 * Validates a record. Returns its issues (empty when valid) and deletes broken keys from the record.
 */
const VALID: Issue[] = [];

export function validateRecord(layout: Layout, record: Record<string, string>, cells: readonly CellValue[], row: number): Issue[] {
  if (layout.validate(record)) return VALID;
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const error of layout.validate.errors ?? []) {
    if (error.keyword === 'if') continue;
    const key = error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : error.instancePath.slice(1);
    // A column missing from the whole file was reported once for the file.
    if (layout.missing.has(key) || seen.has(key)) continue;
    seen.add(key);
    const column = layout.columnsByKey.get(key);
    const code = codeFor(error, column);
    const time = layout.times.get(key);
    const joined = time && code !== 'required' ? joinedAt(layout, cells, key, time) : null;
    const data: Record<string, string | number> = {};
    if (code === 'invalid-enum') data['allowed'] = (column?.enumValues ?? []).join('、');
    if (code === 'too-long') data['limit'] = (error.params as { limit: number }).limit;
    if (code === 'invalid-value') Object.assign(data, expectedOf(error));
    issues.push({
      dataset: layout.dataset,
      file: layout.source.file,
      sheet: layout.source.sheet,
      row,
      column: joined ? joined.column : (layout.written[key] ?? column?.header ?? key),
      value: code === 'required' ? null : joined ? joined.value : rawValue(layout, cells, key),
      code,
      data,
      ...(column?.personal ? { personal: column.personal } : {}),
    });
    // Keep the shape: the key stays, with no value.
    (record as Record<string, string | undefined>)[key] = undefined;
  }
  return issues;
}

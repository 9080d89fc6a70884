// From physical rows to a table: find the header row below any title rows, map headers to keys
// (Chinese header, English key, aliases, config), and tell data rows from the totals, signature and
// note lines under them.
import type { ColumnDef, DatasetDef } from '../datasets.js';
import { normaliseHeader } from '../datasets.js';
import type { CellValue, RawRow } from '../model.js';
import { cellToText, normaliseShortText } from './values.js';

/** How far down a header row may sit under titles. */
export const HEADER_SCAN_ROWS = 30;

export interface HeaderIndex {
  /** normalised header → column and how strong the match is (lower wins). */
  readonly byHeader: ReadonlyMap<string, { readonly column: ColumnDef; readonly rank: number }>;
}

/** Extra headers from the config file: written header → key. */
export type HeaderMap = Readonly<Record<string, string>>;

export function buildHeaderIndex(def: DatasetDef, extra: HeaderMap = {}): HeaderIndex {
  const byHeader = new Map<string, { column: ColumnDef; rank: number }>();
  const add = (text: string, column: ColumnDef, rank: number): void => {
    const key = normaliseHeader(text);
    const existing = byHeader.get(key);
    if (!existing || existing.rank > rank) byHeader.set(key, { column, rank });
  };
  for (const column of def.columns) {
    add(column.header, column, 1);
    add(column.key, column, 2);
    for (const alias of column.aliases) add(alias, column, 3);
  }
  for (const [header, key] of Object.entries(extra)) {
    const column = def.columns.find((c) => c.key === key);
    if (column) add(header, column, 0);
  }
  return { byHeader };
}

function lookupHeader(index: HeaderIndex, text: string): { column: ColumnDef; rank: number } | undefined {
  const normalised = normaliseHeader(text);
  if (normalised === '') return undefined;
  // "受理时间（年-月-日）": a hint in brackets after the header.
  return index.byHeader.get(normalised) ?? index.byHeader.get(normalised.replace(/\(.*\)$|:$/, ''));
}

export interface HeaderMatch {
  readonly headerRow: number;
  /** Cell position → column. */
  readonly positions: ReadonlyMap<number, ColumnDef>;
  /** key → header as written in the file. */
  readonly written: Readonly<Record<string, string>>;
  readonly ignored: readonly string[];
  /** Headers that name a key another column already took. */
  readonly shadowed: readonly { readonly header: string; readonly kept: string; readonly key: string }[];
  /** Cells of the header row up to its last filled one. */
  readonly width: number;
  /** key → the time column joined to the key's date column (受理日期 + 受理时间). */
  readonly times: ReadonlyMap<string, TimeColumn>;
}

export interface TimeColumn {
  readonly position: number;
  readonly header: string;
}

/** Whether a header names a day (…日期) or a time (…时间), as a date and a time column of one key pair up. */
export function dateTimeRole(header: string): 'date' | 'time' | null {
  const text = normaliseHeader(header).replace(/\(.*\)$|:$/, '');
  if (text.endsWith('日期') || text.endsWith('date')) return 'date';
  if (text.endsWith('时间') || text.endsWith('时刻') || text.endsWith('time')) return 'time';
  return null;
}

/**
 * Maps one row's cells as a header. Two headers naming one key: the stronger match wins (config,
 * then the Chinese header, the English key, an alias), the first in the row between equals, and the
 * other is reported as shadowed; except a date column and a time column of one date key (受理日期 and
 * 受理时间, 办结日期 and 办结时间), which are read together as one value.
 */
export function matchHeaderRow(index: HeaderIndex, row: RawRow): HeaderMatch {
  const best = new Map<string, { position: number; rank: number; header: string; column: ColumnDef }>();
  const times = new Map<string, TimeColumn>();
  const ignored: string[] = [];
  const shadowed: { header: string; kept: string; key: string }[] = [];
  row.cells.forEach((cell, position) => {
    const text = normaliseShortText(cellToText(cell));
    if (text === '') return;
    const hit = lookupHeader(index, text);
    if (!hit) {
      ignored.push(text);
      return;
    }
    const current = best.get(hit.column.key);
    const kind = hit.column.kind;
    if (current && (kind === 'date' || kind === 'datetime') && !times.has(hit.column.key)) {
      const roles = `${dateTimeRole(current.header)}+${dateTimeRole(text)}`;
      if (roles === 'date+time') {
        times.set(hit.column.key, { position, header: text });
        return;
      }
      if (roles === 'time+date') {
        times.set(hit.column.key, { position: current.position, header: current.header });
        best.set(hit.column.key, { position, rank: Math.min(hit.rank, current.rank), header: text, column: hit.column });
        return;
      }
    }
    if (!current) {
      best.set(hit.column.key, { position, rank: hit.rank, header: text, column: hit.column });
    } else if (hit.rank < current.rank && !times.has(hit.column.key)) {
      shadowed.push({ header: current.header, kept: text, key: hit.column.key });
      best.set(hit.column.key, { position, rank: hit.rank, header: text, column: hit.column });
    } else {
      shadowed.push({ header: text, kept: current.header, key: hit.column.key });
    }
  });
  const positions = new Map<number, ColumnDef>();
  const written: Record<string, string> = {};
  for (const [key, { position, header, column }] of best) {
    positions.set(position, column);
    written[key] = header;
  }
  let width = row.cells.length;
  while (width > 0 && normaliseShortText(cellToText(row.cells[width - 1] ?? null)) === '') width--;
  return { headerRow: row.row, positions, written, ignored, shadowed, width, times };
}

/**
 * Picks the header among the first rows: the one naming the most known columns (at least two).
 * A grouped header over two rows (a group cell such as 处理情况 above its sub-headers 处理意见 /
 * 处理意见时间 / 办结时间, the other headers written once in the first row or merged down over
 * both) is read as one: the second row's header stands where it has one, the first row's elsewhere.
 * `at` is the index of the header's last row. Returns null when no row qualifies.
 */
export function findHeader(index: HeaderIndex, rows: readonly RawRow[]): HeaderFound | null {
  let found: { match: HeaderMatch; at: number } | null = null;
  rows.forEach((row, at) => {
    const match = matchHeaderRow(index, row);
    if (match.positions.size >= 2 && (!found || match.positions.size > found.match.positions.size)) found = { match, at };
  });
  if (!found) return null;
  const single = found as { match: HeaderMatch; at: number };
  const upper = rows[single.at]!;
  const lower = rows[single.at + 1];
  if (lower) {
    const combined = combineHeaderRows(index, upper, lower);
    if (combined) {
      const match = matchHeaderRow(index, { row: upper.row, cells: combined });
      if (match.positions.size > single.match.positions.size) return { match, at: single.at + 1, rows: [upper, lower] };
    }
  }
  return { match: single.match, at: single.at, rows: [upper] };
}

export interface HeaderFound {
  readonly match: HeaderMatch;
  /** Index (in the rows searched) of the header's last row: data starts after it. */
  readonly at: number;
  /** The header's rows: one, or two for a grouped header. */
  readonly rows: readonly RawRow[];
}

/**
 * The cells of a two-row header, or null when `lower` is not a sub-header row: it holds no number or
 * date, and at least one of its cells names a column. Per position, the lower row's text wins when it
 * names a column (or the upper one names none); an empty lower cell keeps the upper text.
 */
function combineHeaderRows(index: HeaderIndex, upper: RawRow, lower: RawRow): CellValue[] | null {
  let named = 0;
  for (const cell of lower.cells) {
    if (cell === null || cell === '') continue;
    if (typeof cell !== 'string') return null;
    if (lookupHeader(index, normaliseShortText(cell))) named++;
  }
  if (named === 0) return null;
  const width = Math.max(upper.cells.length, lower.cells.length);
  const cells: CellValue[] = [];
  for (let i = 0; i < width; i++) {
    const top = normaliseShortText(cellToText(upper.cells[i] ?? null));
    const below = normaliseShortText(cellToText(lower.cells[i] ?? null));
    if (below !== '' && (lookupHeader(index, below) || !lookupHeader(index, top))) cells.push(below);
    else cells.push(top);
  }
  return cells;
}

/**
 * Tells a copy of the header inside the data (months pasted one under another, each with its header):
 * a row where at least two cells, or every filled cell, repeat the header's text at their position.
 * The per-row test looks at one or two cells (a cheap compare); only a likely row is looked at whole.
 */
export function headerRepeatDetector(rows: readonly RawRow[]): (cells: readonly CellValue[]) => boolean {
  const texts: Set<string>[] = [];
  const sentinels: { position: number; text: string }[] = [];
  for (const row of rows) {
    let sentinel = true;
    row.cells.forEach((cell, position) => {
      const text = normaliseShortText(cellToText(cell));
      if (text === '') return;
      (texts[position] ??= new Set()).add(text);
      if (sentinel) {
        sentinels.push({ position, text });
        sentinel = false;
      }
    });
  }
  const whole = (cells: readonly CellValue[]): boolean => {
    let filled = 0;
    let repeated = 0;
    for (let i = 0; i < cells.length; i++) {
      const text = normaliseShortText(cellToText(cells[i] ?? null));
      if (text === '') continue;
      filled++;
      if (texts[i]?.has(text)) repeated++;
    }
    return repeated >= 2 || (repeated >= 1 && repeated === filled);
  };
  return (cells) => {
    for (let s = 0; s < sentinels.length; s++) {
      const { position, text } = sentinels[s]!;
      const cell = cells[position];
      if (typeof cell === 'string' && cell.length <= text.length + 8 && cell.trim() !== '' && normaliseShortText(cell) === text) return whole(cells);
    }
    return false;
  };
}

/** First cells that mark a row as not data: totals, signatures, notes. */
const FOOTER_MARK =
  /^(合计|总计|小计|共计|累计|制表|填表|审核|审批|复核|批准|负责人|主管|统计人|签字|签名|盖章|备注[:：]|注[:：]|注\d|说明|填报说明|填写说明|日期[:：]|total|subtotal|note[s:])/i;

/** What a physical row under the header is. */
export type RowKind = 'data' | 'blank' | 'footer' | 'separator';

/**
 * Tells data rows from blank, footer and separator rows. A footer is a totals, signature or note
 * line (合计, 制表人…); a separator is a row with one filled cell, or the same text in every filled
 * cell (a merged title across the row), such as "2025年3月" or "一季度" between months pasted one
 * under another. `afterFooter`: a footer line was already seen (a lone cell under it is a note).
 * Runs on every row: no allocation for a data row beyond what its first cell needs.
 */
export function classifyRow(cells: readonly CellValue[], afterFooter: boolean): RowKind {
  let first: CellValue = null;
  let filled = 0;
  let uniform = true;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell === null || cell === '') continue;
    if (typeof cell === 'string' && cell.trim() === '') continue;
    filled++;
    if (first === null) {
      first = cell;
      continue;
    }
    // A record fills several different cells: the second one settles it.
    if (cell !== first) {
      uniform = false;
      if (!afterFooter) break;
    }
  }
  if (filled === 0) return 'blank';
  if (typeof first !== 'string') return filled === 1 ? 'separator' : 'data';
  const normalised = normaliseShortText(first);
  if (FOOTER_MARK.test(normalised)) return 'footer';
  // Under a totals or signature line, a row with a single filled cell is a note, not a record.
  if (afterFooter && filled === 1) return 'footer';
  if (filled === 1 || uniform) return 'separator';
  return 'data';
}

/** Chinese characters of a header, hint in brackets left out: what closestHeader compares. */
function hanOf(header: string): Set<string> {
  const text = normaliseHeader(header).replace(/\(.*\)$|:$/, '');
  const chars = new Set<string>();
  for (const c of text) if (c >= '\u3400' && c <= '\u9fff') chars.add(c);
  return chars;
}

/**
 * Among headers the file does not use, the one most likely meant for a missing column: the most
 * Chinese characters in common with its header or one of its aliases (接报时刻 for 受理时间, through
 * the alias 接报时间), at least two; the first in the file between equals. Null when none is close.
 */
export function closestHeader(column: ColumnDef, unused: readonly string[]): string | null {
  const names = [column.header, ...column.aliases].map(hanOf);
  let best: string | null = null;
  let bestScore = 1;
  for (const header of unused) {
    const chars = hanOf(header);
    let score = 0;
    for (const name of names) {
      let shared = 0;
      for (const c of chars) if (name.has(c)) shared++;
      if (shared > score) score = shared;
    }
    if (score > bestScore) {
      best = header;
      bestScore = score;
    }
  }
  return best;
}

/** A skipped row as listed: its distinct filled cells, joined, cut to 60 characters. */
export function rowText(cells: readonly CellValue[]): string {
  const parts: string[] = [];
  for (const cell of cells) {
    const text = normaliseShortText(cellToText(cell ?? null));
    if (text !== '' && !parts.includes(text)) parts.push(text);
  }
  return parts.join(' ').slice(0, 60);
}

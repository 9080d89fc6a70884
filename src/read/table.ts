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
 * Returns null when no row qualifies.
 */
export function findHeader(index: HeaderIndex, rows: readonly RawRow[]): { match: HeaderMatch; at: number } | null {
  let found: { match: HeaderMatch; at: number } | null = null;
  rows.forEach((row, at) => {
    const match = matchHeaderRow(index, row);
    if (match.positions.size >= 2 && (!found || match.positions.size > found.match.positions.size)) found = { match, at };
  });
  return found;
}

/** First cells that mark a row as not data: totals, signatures, notes. */
const FOOTER_MARK =
  /^(合计|总计|小计|共计|累计|制表|填表|审核|审批|复核|批准|负责人|主管|统计人|签字|签名|盖章|备注[:：]|注[:：]|注\d|说明|填报说明|填写说明|日期[:：]|total|subtotal|note[s:])/i;

/**
 * Tells data rows from blank and footer rows: 'data', 'blank', or the footer's text (合计…).
 * `afterFooter`: a footer line was already seen. Runs on every row: no allocation for a data row.
 */
export function classifyRow(cells: readonly CellValue[], afterFooter: boolean): string {
  let first: CellValue = null;
  let filled = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell === null || cell === '') continue;
    if (typeof cell === 'string' && cell.trim() === '') continue;
    filled++;
    if (first === null) first = cell;
    // A record fills several cells; only a row whose first filled cell is text can be a footer.
    if (filled > 1 && !afterFooter) break;
  }
  if (filled === 0) return 'blank';
  if (typeof first !== 'string') return 'data';
  const normalised = normaliseShortText(first);
  if (FOOTER_MARK.test(normalised)) return normalised || 'footer';
  // Under a totals or signature line, a row with a single filled cell is a note, not a record.
  if (afterFooter && filled === 1) return normalised || 'footer';
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

// Normalising cell values: full-width characters, whitespace, numbers stored as text, and dates in
// every shape enterprises write them. Dates are China wall-clock strings ('YYYY-MM-DD' or
// 'YYYY-MM-DDTHH:mm:ss'); nothing here reads the machine's time zone.
import { createRequire } from 'node:module';
import type { CellValue } from '../model.js';

// date-fns reads only the rare English shapes (5-Mar-2025): it loads on the first one, not at start-up.
interface DateFns {
  isValid(date: Date): boolean;
  parse(text: string, pattern: string, reference: Date, options: object): Date;
}
let dateFns: DateFns | null = null;
function loadDateFns(): DateFns {
  if (!dateFns) {
    const require = createRequire(import.meta.url);
    const { isValid, parse } = require('date-fns') as DateFns;
    dateFns = { isValid, parse };
  }
  return dateFns;
}

const FULL_WIDTH = /[\u3000\uFF01-\uFF5E]/;
const FULL_WIDTH_ALL = /[\u3000\uFF01-\uFF5E]/g;

/** Full-width ASCII (Ａ１，) → ASCII and the ideographic space → space; everything else untouched. */
export function toHalfWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH_ALL, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/**
 * Whether a short field needs any normalising: a space or control character, or a full-width
 * character. A plain scan: it runs on every cell of a million rows, and most cells need nothing.
 */
function needsNormalising(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || c === 0x3000 || (c >= 0xff01 && c <= 0xff5e) || (c >= 0x2000 && c <= 0x200b)) return true;
  }
  return false;
}

/** Short fields (ids, names, enumerations): half-width, whitespace collapsed and trimmed. */
export function normaliseShortText(text: string): string {
  if (!needsNormalising(text)) return text;
  return toHalfWidth(text).replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Free text keeps what the customer wrote, but not the whitespace around it. */
export function normaliseFreeText(text: string): string {
  return text.trim();
}

/** A cell as text: numbers without float noise, booleans as TRUE/FALSE, rich text joined. */
export function cellToText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // A time cell (day 0 of the 1900 system) shows its time, as Excel shows it.
  if (isTimeOnlyDay(value, false)) return formatClock(value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds());
  return formatDateTime(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), value.getUTCHours(), value.getUTCMinutes(), value.getUTCSeconds());
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function formatDate(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function formatDateTime(y: number, m: number, d: number, h: number, mi: number, s: number): string {
  const date = formatDate(y, m, d);
  return h === 0 && mi === 0 && s === 0 ? date : `${date}T${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Years a record of this domain can plausibly carry; anything else is a typo. */
const MIN_YEAR = 1950;
const MAX_YEAR = 2100;

export function isValidDateParts(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function isValidTime(h: number, mi: number, s: number): boolean {
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59;
}

/**
 * The date part of a text date: 2025-03-05, 2025/3/5, 2025.3.5 (a month and day of one or two
 * digits), 2025年3月5日 (or 5号), or 20250305. The time after it is read by TIME (fromText).
 */
const DATE_HEAD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*[日号])?/;
const COMPACT_HEAD = /^(\d{4})(\d{2})(\d{2})/;
/**
 * A time of day: 14:32, 14:32:05(.250), 14时32分, 14时32分05秒, 14点32分, 14点32, 14点, 14时,
 * 2点半, each optionally after a 12-hour word (上午, 下午, 中午, 晚上, 凌晨, 早上, AM, PM) or before
 * AM/PM. Groups: 1 word before, 2 hour, 3 minute (colon), 4 second (colon), 5 半, 6 minute (时/点),
 * 7 second (秒), 8 AM/PM after.
 */
const TIME =
  /^(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|AM|PM)?\s*(\d{1,2})(?:\s*:\s*(\d{1,2})(?:\s*:\s*(\d{1,2})(?:\.\d{1,9})?)?|\s*[时点]\s*(?:(半)|(\d{1,2})(?:\s*分)?(?:\s*(\d{1,2})\s*秒)?)?)\s*(AM|PM)?$/i;
/** The common 9:05 or 14:32:05, read before trying every shape of TIME. */
const PLAIN_TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/** 1432 or 143205: after a space, or straight after 20250305. */
const COMPACT_TIME = /^(\d{2})(\d{2})(\d{2})?$/;
/** ISO 8601 with an offset: converted to China time. */
const ISO_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** An Excel serial number as text (1955 to 2100). */
const SERIAL = /^\d{5}(?:\.\d+)?$/;

const CHINA_OFFSET_MINUTES = 8 * 60;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** Excel serial (1900 date system) → wall-clock date and time, rounded to the second. */
export function serialToDateTime(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const ms = Math.round((serial + (date1904 ? 1462 : 0)) * DAY_MS / 1000) * 1000;
  const d = new Date(EXCEL_EPOCH_MS + ms);
  const y = d.getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  return formatDateTime(y, d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/**
 * The 24-hour hour of an hour written after a 12-hour word, or -1 when the two contradict each other
 * or the word leaves the day open. 12 o'clock: Excel's Chinese formats write midnight as 上午12:00
 * and noon as 下午12:00; 中午12点 is noon. A 24-hour hour with the word that agrees with it (下午14:00)
 * is redundant, not contradictory, and read as written; 上午14:00 is rejected; 晚上12点 (which
 * midnight?) is not guessed.
 */
function hourOf(word: string | undefined, h: number): number {
  if (word === undefined) return h;
  switch (word.toUpperCase()) {
    case '上午':
    case '早上':
    case '早晨':
    case 'AM':
      return h === 12 ? 0 : h <= 11 ? h : -1;
    case '凌晨':
      return h === 12 ? 0 : h <= 6 ? h : -1;
    case '中午':
      return h === 11 || h === 12 || h === 13 || h === 14 ? h : h === 1 || h === 2 ? h + 12 : -1;
    case '下午':
    case 'PM':
      return h === 12 ? 12 : h >= 1 && h <= 11 ? h + 12 : h >= 13 ? h : -1;
    default: // 晚上, 傍晚
      return h >= 5 && h <= 11 ? h + 12 : h >= 17 ? h : -1;
  }
}

/** Seconds since midnight of a TIME match, or -1 when it is not a time that exists. */
function clockOf(match: RegExpExecArray): number {
  const before = match[1];
  const after = match[8];
  if (before !== undefined && after !== undefined) return -1;
  const h = hourOf(before ?? after, +match[2]!);
  const mi = match[3] !== undefined ? +match[3] : match[6] !== undefined ? +match[6] : match[5] !== undefined ? 30 : 0;
  const s = match[4] !== undefined ? +match[4] : match[7] !== undefined ? +match[7] : 0;
  return h >= 0 && isValidTime(h, mi, s) ? h * 3600 + mi * 60 + s : -1;
}

function compactClock(match: RegExpExecArray): number {
  const h = +match[1]!;
  const mi = +match[2]!;
  const s = match[3] === undefined ? 0 : +match[3];
  return isValidTime(h, mi, s) ? h * 3600 + mi * 60 + s : -1;
}

const formatClock = (seconds: number): string => `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;

/**
 * A text date with an optional time: the date head, then nothing, or a time after a space, a T, or
 * nothing at all. Returns undefined when the text is not of these shapes (other readers try it),
 * null when it is but names no real date or time (2025-02-30, 上午14:00).
 */
function fromText(text: string): string | null | undefined {
  let head = DATE_HEAD.exec(text);
  const compact = head === null;
  if (compact) head = COMPACT_HEAD.exec(text);
  if (head === null) return undefined;
  const y = +head[1]!;
  const m = +head[2]!;
  const d = +head[3]!;
  let rest = text.slice(head[0].length);
  let clock = 0;
  if (rest !== '') {
    const first = rest.charCodeAt(0);
    const spaced = first === 32 || first === 9;
    if (spaced) rest = rest.trimStart();
    else if ((first === 84 || first === 116) && rest.length > 1 && rest.charCodeAt(1) >= 48 && rest.charCodeAt(1) <= 57) rest = rest.slice(1);
    const plain = PLAIN_TIME.exec(rest);
    const compactTime = plain === null && (spaced || compact) ? COMPACT_TIME.exec(rest) : null;
    if (plain) clock = compactClock(plain);
    else if (compactTime) clock = compactClock(compactTime);
    else {
      const time = TIME.exec(rest);
      if (time === null) return undefined;
      clock = clockOf(time);
    }
    if (clock < 0) return null;
  }
  if (!isValidDateParts(y, m, d)) return null;
  return formatDateTime(y, m, d, Math.floor(clock / 3600), Math.floor(clock / 60) % 60, clock % 60);
}

function fromParts(y: string, m: string, d: string, h?: string, mi?: string, s?: string): string | null {
  const year = +y;
  const month = +m;
  const day = +d;
  if (!isValidDateParts(year, month, day)) return null;
  if (h === undefined) return formatDate(year, month, day);
  const hour = +h;
  const minute = +(mi ?? 0);
  const second = +(s ?? 0);
  if (!isValidTime(hour, minute, second)) return null;
  return formatDateTime(year, month, day, hour, minute, second);
}

function fromOffset(match: RegExpExecArray): string | null {
  const [, y, m, d, h, mi, s, zone] = match as unknown as string[];
  if (!fromParts(y!, m!, d!, h, mi, s)) return null;
  let offset = 0;
  if (zone !== 'Z') {
    const sign = zone!.startsWith('-') ? -1 : 1;
    const digits = zone!.slice(1).replace(':', '');
    offset = sign * (+digits.slice(0, 2) * 60 + +digits.slice(2));
  }
  const utcMs = Date.UTC(+y!, +m! - 1, +d!, +h!, +mi!, +(s ?? 0)) - offset * 60_000;
  const china = new Date(utcMs + CHINA_OFFSET_MINUTES * 60_000);
  return formatDateTime(china.getUTCFullYear(), china.getUTCMonth() + 1, china.getUTCDate(), china.getUTCHours(), china.getUTCMinutes(), china.getUTCSeconds());
}

/** Rare shapes, tried with date-fns only when the fast paths fail (≈20 µs a call). */
const RARE_PATTERNS = [
  'd-MMM-yyyy',
  'd-MMM-yy',
  'MMM d, yyyy',
];
const REFERENCE_DATE = new Date(Date.UTC(2000, 0, 1));

function parseRare(text: string): string | null {
  // Only text that looks like a date is worth the slow path.
  if (!/\d/.test(text) || text.length > 40) return null;
  const { isValid, parse: parseWithPattern } = loadDateFns();
  for (const pattern of RARE_PATTERNS) {
    const parsed = parseWithPattern(text, pattern, REFERENCE_DATE, {});
    // date-fns builds a local-time Date: read it back with local getters, which is exactly the wall clock written.
    if (isValid(parsed)) {
      const y = parsed.getFullYear();
      if (y < MIN_YEAR || y > MAX_YEAR) return null;
      return formatDateTime(y, parsed.getMonth() + 1, parsed.getDate(), parsed.getHours(), parsed.getMinutes(), parsed.getSeconds());
    }
  }
  return null;
}

/**
 * Reads a date or date-time cell as China wall-clock time. Returns null when the value is not a
 * date that exists (2025-02-30, 2025-13-01, 25:00).
 */
/** Digits at i..i+n of a string as a number, or -1. */
function digits(text: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = text.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The shapes exports use most, 2025-03-05, 2025-03-05 14:32 and 2025-03-05 14:32:05 (or with T),
 * read without a regular expression. Returns undefined for any other shape.
 */
function fastIso(text: string): string | null | undefined {
  const n = text.length;
  if ((n !== 10 && n !== 16 && n !== 19) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0) return undefined;
  if (!isValidDateParts(y, m, d)) return null;
  if (n === 10) return text;
  const sep = text.charCodeAt(10);
  if ((sep !== 32 && sep !== 84) || text.charCodeAt(13) !== 58 || (n === 19 && text.charCodeAt(16) !== 58)) return undefined;
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  const s = n === 19 ? digits(text, 17, 2) : 0;
  if (h < 0 || mi < 0 || s < 0) return undefined;
  if (!isValidTime(h, mi, s)) return null;
  if (h === 0 && mi === 0 && s === 0) return text.slice(0, 10);
  return n === 19 ? (sep === 84 ? text : `${text.slice(0, 10)}T${text.slice(11)}`) : `${text.slice(0, 10)}T${text.slice(11)}:00`;
}

export function parseLocalDateTime(value: CellValue, date1904 = false): string | null {
  if (value === null) return null;
  if (typeof value === 'string') {
    const fast = fastIso(value);
    if (fast !== undefined) return fast;
  }
  if (value instanceof Date) {
    // Spreadsheet readers build Dates whose UTC fields are the wall clock written in the cell.
    if (Number.isNaN(value.getTime())) return null;
    const y = value.getUTCFullYear();
    if (y < MIN_YEAR || y > MAX_YEAR) return null;
    return cellToText(value);
  }
  if (typeof value === 'number') return serialToDateTime(value, date1904);
  if (typeof value !== 'string') return null;
  const text = toHalfWidth(value).trim();
  if (text === '') return null;
  const read = fromText(text);
  if (read !== undefined) return read;
  const match = ISO_OFFSET.exec(text);
  if (match) return fromOffset(match);
  if (SERIAL.test(text)) return serialToDateTime(Number(text), date1904);
  return parseRare(text);
}

/** Where a time-only cell sits in the date systems: day 0 (1899-12-30, or 1899-12-31 for some writers), or 1904-01-01. */
function isTimeOnlyDay(date: Date, date1904: boolean): boolean {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const d = date.getUTCDate();
  return (y === 1899 && m === 11 && (d === 30 || d === 31)) || (date1904 && y === 1904 && m === 0 && d === 1);
}

const TIME_ONLY_TEXT = /^1899\s*[-/.]\s*12\s*[-/.]\s*3[01](?:T|\s+)(.+)$/;

/**
 * A time-only cell as 'HH:mm:ss', or null when the value is not one: a fraction of a day (an XLSX
 * time cell read without its style), a Date on 1899-12-30/31 (or 1904-01-01 in the 1904 system), or
 * text in a time shape of TIME (14:20, 下午2:20, 14时20分, also 1899-12-30 14:20 as exported).
 * Used for a time column beside a date column; a time alone is never a date (parseLocalDateTime
 * returns null for every one of these).
 */
export function parseTimeOfDay(value: CellValue, date1904 = false): string | null {
  if (value === null || typeof value === 'boolean') return null;
  if (typeof value === 'number') {
    if (!(value >= 0 && value < 1)) return null;
    const seconds = Math.round(value * 86_400);
    return seconds < 86_400 ? formatClock(seconds) : null;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()) || !isTimeOnlyDay(value, date1904)) return null;
    return formatClock(value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds());
  }
  let text = toHalfWidth(value).trim();
  const onDayZero = TIME_ONLY_TEXT.exec(text);
  if (onDayZero) text = onDayZero[1]!;
  if (/^0?\.\d+$/.test(text)) return parseTimeOfDay(Number(text));
  const time = TIME.exec(text);
  if (time === null) return null;
  const clock = clockOf(time);
  return clock < 0 ? null : formatClock(clock);
}

/** A date column keeps only the day. */
export function parseLocalDate(value: CellValue, date1904 = false): string | null {
  const dateTime = parseLocalDateTime(value, date1904);
  return dateTime === null ? null : dateTime.slice(0, 10);
}

/** Strict shape checks used as schema formats: the canonical strings above, and only real dates. */
export function isLocalDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  return y >= 0 && m >= 0 && d >= 0 && isValidDateParts(y, m, d);
}

export function isLocalDateTime(text: string): boolean {
  if (text.length === 10) return isLocalDate(text);
  if (text.length !== 19 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false;
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  const s = digits(text, 17, 2);
  return h >= 0 && mi >= 0 && s >= 0 && isValidTime(h, mi, s) && isLocalDate(text.slice(0, 10));
}

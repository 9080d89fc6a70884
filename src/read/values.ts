// Normalising cell values: full-width characters, whitespace, numbers stored as text, and dates in
// every shape enterprises write them. Dates are China wall-clock strings ('YYYY-MM-DD' or
// 'YYYY-MM-DDTHH:mm:ss'); nothing here reads the machine's time zone.
import { createRequire } from 'node:module';
import type { CellValue } from '../model.js';

// date-fns reads only the rare shapes: it loads on the first one, not at start-up.
interface DateFns {
  isValid(date: Date): boolean;
  parse(text: string, pattern: string, reference: Date, options: object): Date;
  zhCN: object;
}
let dateFns: DateFns | null = null;
function loadDateFns(): DateFns {
  if (!dateFns) {
    const require = createRequire(import.meta.url);
    const { isValid, parse } = require('date-fns') as Pick<DateFns, 'isValid' | 'parse'>;
    const { zhCN } = require('date-fns/locale/zh-CN') as { zhCN: object };
    dateFns = { isValid, parse, zhCN };
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

/** 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日, each optionally followed by a time (14:32, 14:32:05, 14时32分, 14点32分05秒). */
const SEPARATED =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*[T\s]?\s*(\d{1,2})\s*[:时点]\s*(\d{1,2})\s*(?:分\s*)?(?:[:]?\s*(\d{1,2})\s*(?:\.\d{1,6})?\s*秒?)?)?$/;
/** 20250305, 20250305 1432, 202503051432, 20250305143205 */
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:\s*(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/;
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
  'yyyy年M月d日 aah:mm',
  'yyyy年M月d日 aah:mm:ss',
  'yyyy-M-d aah:mm',
  'yyyy-M-d aah:mm:ss',
  'yyyy/M/d aah:mm',
  'yyyy/M/d aah:mm:ss',
  'd-MMM-yyyy',
  'd-MMM-yy',
  'MMM d, yyyy',
];
const REFERENCE_DATE = new Date(Date.UTC(2000, 0, 1));

function parseRare(text: string): string | null {
  // Only text that looks like a date is worth the slow path.
  if (!/\d/.test(text) || text.length > 40) return null;
  const { isValid, parse: parseWithPattern, zhCN } = loadDateFns();
  for (const pattern of RARE_PATTERNS) {
    const locale = pattern.includes('MMM') ? undefined : zhCN;
    const parsed = parseWithPattern(text, pattern, REFERENCE_DATE, locale ? { locale } : {});
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
  let match = SEPARATED.exec(text);
  if (match) return fromParts(match[1]!, match[2]!, match[3]!, match[4], match[5], match[6]);
  match = COMPACT.exec(text);
  if (match) return fromParts(match[1]!, match[2]!, match[3]!, match[4], match[5], match[6]);
  match = ISO_OFFSET.exec(text);
  if (match) return fromOffset(match);
  if (SERIAL.test(text)) return serialToDateTime(Number(text), date1904);
  return parseRare(text);
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

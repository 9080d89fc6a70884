// The working-day calendar: Monday to Friday, minus statutory holidays, plus the weekend days the
// State Council declares working days (调休). Official data from the chinese-days package; a
// --calendar file adds or overrides days. A day the calendar cannot place (a year past its data)
// is unknown, never guessed as a plain weekday.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ConfigError } from '../errors.js';
import { parseLocalDate } from '../read/values.js';
import { addDays, weekday } from './days.js';

export type DayKind = 'work' | 'off';

export interface Calendar {
  /** 'work', 'off', or null when the day is in a year the calendar has no schedule for. */
  kind(day: string): DayKind | null;
  /** Years with an official or user-supplied schedule, for the report. */
  readonly coverage: { readonly official: readonly [number, number]; readonly fromFile: readonly number[] };
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function officialData(): ChineseDaysData {
  const require = createRequire(import.meta.url);
  return require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
}

export function buildCalendar(overrides: ReadonlyMap<string, DayKind> = new Map()): Calendar {
  const data = officialData();
  const holidays = new Set(Object.keys(data.holidays));
  const makeUp = new Set(Object.keys(data.workdays));
  const years = [...holidays].map((d) => +d.slice(0, 4));
  const official: [number, number] = [Math.min(...years), Math.max(...years)];
  const fileYears = new Set([...overrides.keys()].map((d) => +d.slice(0, 4)));
  return {
    coverage: { official, fromFile: [...fileYears].sort() },
    kind(day) {
      const override = overrides.get(day);
      if (override) return override;
      const year = +day.slice(0, 4);
      // A year the file gives any day of is complete: its other days follow the week.
      if ((year < official[0] || year > official[1]) && !fileYears.has(year)) return null;
      if (holidays.has(day)) return 'off';
      if (makeUp.has(day)) return 'work';
      const w = weekday(day);
      return w === 0 || w === 6 ? 'off' : 'work';
    },
  };
}

export interface Deadline {
  /** The last day allowed, or null when a day on the way could not be placed. */
  readonly deadline: string | null;
  /** The working days counted, in order. */
  readonly counted: readonly string[];
  /** The first day the calendar could not place. */
  readonly unknownDay: string | null;
}

/** Far more calendar days than any run of holidays and weekends: a guard, never reached with real data. */
const SEARCH_LIMIT = 60;

/**
 * The end of the n-th working day after `received` (the day of receipt is not counted, Civil Code
 * art. 201; a complaint received on a Saturday is counted from Monday).
 */
export function workingDayDeadline(calendar: Calendar, received: string, days: number): Deadline {
  const counted: string[] = [];
  let day = received;
  for (let i = 0; i < SEARCH_LIMIT && counted.length < days; i++) {
    day = addDays(day, 1);
    const kind = calendar.kind(day);
    if (kind === null) return { deadline: null, counted, unknownDay: day };
    if (kind === 'work') counted.push(day);
  }
  return { deadline: counted.length === days ? counted[counted.length - 1]! : null, counted, unknownDay: null };
}

const taken = new WeakMap<Calendar, Map<string, number | null>>();

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`); null when a day cannot be placed. */
export function workingDaysTaken(calendar: Calendar, from: string, to: string): number | null {
  let memo = taken.get(calendar);
  if (!memo) taken.set(calendar, (memo = new Map()));
  const key = `${from}|${to}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const result = countWorkingDays(calendar, from, to);
  if (memo.size < 1_000_000) memo.set(key, result);
  return result;
}

function countWorkingDays(calendar: Calendar, from: string, to: string): number | null {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    const kind = calendar.kind(day);
    if (kind === null) return null;
    if (kind === 'work') count++;
  }
  return count;
}

const KIND_WORDS: Readonly<Record<string, DayKind>> = {
  '休': 'off', '假': 'off', 'off': 'off', 'holiday': 'off', 'rest': 'off',
  '班': 'work', '上班': 'work', 'work': 'work', 'workday': 'work',
};

/** A --calendar file: JSON `{ "2027-01-01": "休", "2027-02-07": "班" }` or CSV lines `2027-01-01,休`. */
export async function loadCalendarFile(path: string): Promise<Map<string, DayKind>> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new ConfigError({
      zh: `${path}：无法读取日历文件（${(error as NodeJS.ErrnoException).code ?? ''}）`,
      en: `${path}: cannot read the calendar file (${(error as NodeJS.ErrnoException).code ?? ''})`,
    });
  }
  const entries: [string, string, number][] = [];
  if (extname(path).toLowerCase() === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new ConfigError({ zh: `${path}：不是有效的 JSON（${(error as Error).message}）`, en: `${path}: not valid JSON (${(error as Error).message})` });
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new ConfigError({ zh: `${path}：应为 { "日期": "休" 或 "班" }`, en: `${path}: expected { "date": "休" or "班" }` });
    }
    for (const [date, kind] of Object.entries(data as Record<string, unknown>)) entries.push([date, String(kind), 0]);
  } else {
    text.split(/\r\n|\n|\r/).forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      const [date = '', kind = ''] = trimmed.split(/[,\t;，]/).map((s) => s.trim());
      if (i === 0 && !parseLocalDate(date)) return; // a header line
      entries.push([date, kind, i + 1]);
    });
  }
  const days = new Map<string, DayKind>();
  for (const [date, word, line] of entries) {
    const day = parseLocalDate(date);
    const kind = KIND_WORDS[word.toLowerCase()];
    if (!day || !kind) {
      const at = line ? ` line ${line}` : '';
      throw new ConfigError({
        zh: `${path}${line ? ` 第 ${line} 行` : ''}：「${date} ${word}」应为日期和"休"或"班"`,
        en: `${path}${at}: "${date} ${word}" should be a date and 休 (day off) or 班 (working day)`,
      });
    }
    days.set(day, kind);
  }
  return days;
}

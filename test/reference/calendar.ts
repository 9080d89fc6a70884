// The reference's own working-day calendar, typed in from the State Council's notices for
// 2024-2026 (国办发明电〔2023〕7号, 〔2024〕12号, 〔2025〕7号; the 2026 one as DOMAIN.md quotes it).
// It shares nothing with src/calendar: a mistake there must not be repeated here.

/** Days off that would otherwise be working days (and the weekend days inside each holiday). */
const OFF: Record<number, string[]> = {
  2024: ['01-01', '02-10:02-17', '04-04:04-06', '05-01:05-05', '06-10', '09-15:09-17', '10-01:10-07'],
  2025: ['01-01', '01-28:02-04', '04-04:04-06', '05-01:05-05', '05-31:06-02', '10-01:10-08'],
  2026: ['01-01:01-03', '02-15:02-23', '04-04:04-06', '05-01:05-05', '06-19:06-21', '09-25:09-27', '10-01:10-07'],
};
/** Weekend days declared working days (调休上班). */
const WORK: Record<number, string[]> = {
  2024: ['02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12'],
  2025: ['01-26', '02-08', '04-27', '09-28', '10-11'],
  2026: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
};

const DAY = 86_400_000;
export const toMs = (day: string): number => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
export const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const plusDays = (day: string, n: number): string => toDay(toMs(day) + n * DAY);

const off = new Set<string>();
const work = new Set<string>();
for (const [year, spans] of Object.entries(OFF)) {
  for (const span of spans) {
    const [a, b = a] = span.split(':') as [string, string?];
    for (let d = `${year}-${a}`; d <= `${year}-${b}`; d = plusDays(d, 1)) off.add(d);
  }
}
for (const [year, days] of Object.entries(WORK)) for (const d of days) work.add(`${year}-${d}`);

export const KNOWN_FROM = '2024-01-01';
export const KNOWN_TO = '2026-12-31';

export function isWorkingDay(day: string): boolean {
  if (day < KNOWN_FROM || day > KNOWN_TO) throw new Error(`reference calendar does not know ${day}`);
  if (work.has(day)) return true;
  if (off.has(day)) return false;
  const w = new Date(toMs(day)).getUTCDay();
  return w !== 0 && w !== 6;
}

/** The end of the n-th working day after `day` (the day itself not counted). */
export function nthWorkingDayAfter(day: string, n: number): string {
  let d = day;
  for (let left = n; left > 0; ) {
    d = plusDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let d = plusDays(from, 1); d <= to; d = plusDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}

/** The day N months after `day`; the last day of that month when it has no such day. */
export function plusMonths(day: string, n: number): string {
  const y = +day.slice(0, 4);
  const m = +day.slice(5, 7) - 1 + n;
  const target = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return toDay(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(+day.slice(8, 10), last)));
}

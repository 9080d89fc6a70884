// Issue 12.3: every date shape the README lists, combined with every time shape it lists, with or
// without a space, reads as the same China wall-clock time; and the 12-hour words mean what a
// Chinese register means by them.
import { describe, expect, it } from 'vitest';
import { parseLocalDate, parseLocalDateTime, parseTimeOfDay } from '../src/read/values.js';

/** The README's date shapes, each for 2025-03-05. */
const DATES = ['2025-03-05', '2025-3-5', '2025/3/5', '2025/03/05', '2025.3.5', '2025.03.05', '2025年3月5日', '2025年03月05日', '2025年3月5号', '20250305'];
/** The README's time shapes, each for 14:32 (or 14:32:05, or 14:30, or 14:00). */
const TIMES: readonly (readonly [string, string])[] = [
  ['14:32', '14:32:00'],
  ['14:32:05', '14:32:05'],
  ['14:32:05.250', '14:32:05'],
  ['14时32分', '14:32:00'],
  ['14时32分05秒', '14:32:05'],
  ['14点32分', '14:32:00'],
  ['14点32', '14:32:00'],
  ['14点', '14:00:00'],
  ['14时', '14:00:00'],
  ['下午2:32', '14:32:00'],
  ['下午2:32:05', '14:32:05'],
  ['下午2点32分', '14:32:00'],
  ['下午2时32分', '14:32:00'],
  ['下午2点半', '14:30:00'],
  ['下午2点', '14:00:00'],
  ['下午 2:32', '14:32:00'],
  ['PM 2:32', '14:32:00'],
  ['2:32 PM', '14:32:00'],
  ['2:32pm', '14:32:00'],
];

/** A day written in digits runs into a time starting with a digit: 2025.3.514:32 is not a date. */
const ambiguousWithoutSpace = (date: string, time: string): boolean => /\d$/.test(date) && !/^\d{8}$/.test(date) && /^\d/.test(time);

const cases: [string, string][] = [];
for (const date of DATES) {
  for (const [time, clock] of TIMES) {
    cases.push([`${date} ${time}`, `2025-03-05T${clock}`]);
    if (/^\d/.test(time)) cases.push([`${date}T${time}`, `2025-03-05T${clock}`]);
    if (!ambiguousWithoutSpace(date, time)) cases.push([`${date}${time}`, `2025-03-05T${clock}`]);
  }
}

describe('every README date shape × every README time shape, with or without a space', () => {
  it.each(cases)('%s → %s', (text, expected) => {
    expect(parseLocalDateTime(text)).toBe(expected);
    expect(parseLocalDate(text)).toBe('2025-03-05');
  });

  it('the shapes of issue 12.3', () => {
    expect(parseLocalDateTime('2025.3.5 下午2:32')).toBe('2025-03-05T14:32:00');
    expect(parseLocalDateTime('2025.3.5 上午9:05')).toBe('2025-03-05T09:05:00');
    expect(parseLocalDateTime('20250305 14时32分')).toBe('2025-03-05T14:32:00');
    expect(parseLocalDateTime('20250305 下午2:32')).toBe('2025-03-05T14:32:00');
    expect(parseLocalDateTime('2025年3月5日下午2:32')).toBe('2025-03-05T14:32:00');
  });

  it('compact times: after a space, or straight after 20250305', () => {
    expect(parseLocalDateTime('20250305 1432')).toBe('2025-03-05T14:32:00');
    expect(parseLocalDateTime('202503051432')).toBe('2025-03-05T14:32:00');
    expect(parseLocalDateTime('20250305143205')).toBe('2025-03-05T14:32:05');
    expect(parseLocalDateTime('2025-03-05 1432')).toBe('2025-03-05T14:32:00');
    expect(parseLocalDateTime('2025年3月5日 143205')).toBe('2025-03-05T14:32:05');
  });

  it('full-width digits and spaces, as typed with a Chinese input method', () => {
    expect(parseLocalDateTime('２０２５．３．５　下午２：３２')).toBe('2025-03-05T14:32:00');
    expect(parseLocalDateTime('２０２５年３月５日１４时３２分')).toBe('2025-03-05T14:32:00');
  });
});

describe('12-hour words (上午/下午/中午/晚上/凌晨/早上, AM/PM)', () => {
  it.each([
    // 12 o'clock: Excel's Chinese formats write midnight as 上午12:00 and noon as 下午12:00.
    ['上午12:00', '00:00:00'],
    ['上午12:30', '00:30:00'],
    ['下午12:00', '12:00:00'],
    ['下午12:30', '12:30:00'],
    ['中午12:00', '12:00:00'],
    ['中午12点半', '12:30:00'],
    ['中午1点', '13:00:00'],
    ['中午11:50', '11:50:00'],
    ['晚上8点', '20:00:00'],
    ['晚上11:59', '23:59:00'],
    ['凌晨1:15', '01:15:00'],
    ['凌晨0:15', '00:15:00'],
    ['早上8:30', '08:30:00'],
    ['上午0:30', '00:30:00'],
    ['上午11:59:59', '11:59:59'],
    ['下午1:00', '13:00:00'],
    ['下午11:59', '23:59:00'],
    ['12:00 AM', '00:00:00'],
    ['12:00 PM', '12:00:00'],
    ['AM 9:05', '09:05:00'],
    // A 24-hour clock with the word that agrees with it is redundant, not contradictory: read as written.
    ['下午14:00', '14:00:00'],
    ['晚上20:30', '20:30:00'],
    ['中午13:10', '13:10:00'],
  ])('2025-03-05 %s → %s', (time, clock) => {
    const expected = clock === '00:00:00' ? '2025-03-05' : `2025-03-05T${clock}`;
    expect(parseLocalDateTime(`2025-03-05 ${time}`)).toBe(expected);
    expect(parseTimeOfDay(time)).toBe(clock);
  });

  it.each([
    '上午14:00', // the morning word on an afternoon hour: contradictory
    '上午13:00',
    '凌晨9:00',
    '下午0:30',
    '晚上12点', // which midnight? not guessed
    '晚上3点',
    '中午5点',
    '下午2:32 PM', // two words
    '下午24:00',
    '上午12:60',
    '下午2点61分',
  ])('rejects 2025-03-05 %s', (time) => {
    expect(parseLocalDateTime(`2025-03-05 ${time}`)).toBeNull();
    expect(parseTimeOfDay(time)).toBeNull();
  });
});

describe('no date rolls over, with any time', () => {
  it.each([
    '2025-02-29 下午2:32',
    '2025.2.30 14时32分',
    '2025年2月29日下午2点',
    '20250230 1432',
    '20251301 14:32',
    '2025/4/31 上午9:05',
    '2025.3.5 25:00',
    '2025.3.5 14:60',
    '2025.3.5 14:32:60',
    '2025.3.514:32',
    '2025-03-05 下午',
    '2025-03-05 14',
    '2025-03-05 abc',
  ])('rejects %s', (text) => {
    expect(parseLocalDateTime(text)).toBeNull();
  });

  it('accepts 29 February of a leap year with a time', () => {
    expect(parseLocalDateTime('2024年2月29日下午11:59')).toBe('2024-02-29T23:59:00');
  });
});

describe('parseTimeOfDay: a time-only cell, never a date', () => {
  it.each([
    ['14:20', '14:20:00'],
    ['14:20:30', '14:20:30'],
    ['9:05', '09:05:00'],
    ['14时20分', '14:20:00'],
    ['下午2:20', '14:20:00'],
    ['1899-12-30T14:20:00', '14:20:00'],
    ['1899-12-30 14:20', '14:20:00'],
    ['1899/12/31 14:20:00', '14:20:00'],
  ] as const)('text %s → %s', (text, clock) => {
    expect(parseTimeOfDay(text)).toBe(clock);
    expect(parseLocalDateTime(text)).toBeNull();
  });

  it('a fraction of a day (an XLSX time cell read without its style) and a Date on 1899-12-30/31', () => {
    expect(parseTimeOfDay(14 / 24 + 20 / 1440)).toBe('14:20:00');
    expect(parseTimeOfDay(0)).toBe('00:00:00');
    expect(parseTimeOfDay(new Date(Date.UTC(1899, 11, 30, 14, 20)))).toBe('14:20:00');
    expect(parseTimeOfDay(new Date(Date.UTC(1899, 11, 31, 9, 5, 30)))).toBe('09:05:30');
    expect(parseTimeOfDay(new Date(Date.UTC(1904, 0, 1, 9, 5)), true)).toBe('09:05:00');
    expect(parseLocalDateTime(new Date(Date.UTC(1899, 11, 30, 14, 20)))).toBeNull();
    expect(parseLocalDateTime(14 / 24 + 20 / 1440)).toBeNull();
  });

  it.each([['2025-03-05 14:20'], [45721.5], [new Date(Date.UTC(2025, 2, 5, 14, 20))], ['abc'], ['25:00'], [1.5], [-0.1], [null]] as const)(
    'is not a time of day: %j',
    (value) => {
      expect(parseTimeOfDay(value as never)).toBeNull();
    },
  );
});

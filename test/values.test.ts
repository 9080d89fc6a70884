import { describe, expect, it } from 'vitest';
import { cellToText, isLocalDate, isLocalDateTime, normaliseShortText, parseLocalDate, parseLocalDateTime, serialToDateTime, toHalfWidth } from '../src/read/values.js';

describe('parseLocalDateTime: every shape of DOMAIN.md, read as China wall-clock time', () => {
  it.each([
    ['2025-03-05', '2025-03-05'],
    ['2025/3/5', '2025-03-05'],
    ['2025.3.5', '2025-03-05'],
    ['2025年3月5日', '2025-03-05'],
    ['20250305', '2025-03-05'],
    ['2025-03-05 14:32', '2025-03-05T14:32:00'],
    ['2025-03-05T14:32:05', '2025-03-05T14:32:05'],
    ['2025/3/5 9:05', '2025-03-05T09:05:00'],
    ['2025/3/5 9:05:07.250', '2025-03-05T09:05:07'],
    ['2025年3月5日 14:32', '2025-03-05T14:32:00'],
    ['2025年3月5日14时32分', '2025-03-05T14:32:00'],
    ['2025年3月5日 14点32分05秒', '2025-03-05T14:32:05'],
    ['20250305 1432', '2025-03-05T14:32:00'],
    ['20250305143205', '2025-03-05T14:32:05'],
    ['２０２５－０３－０５', '2025-03-05'],
    ['２０２５年３月５日　１４：３２', '2025-03-05T14:32:00'],
    ['  2025-03-05  ', '2025-03-05'],
    ['2025-03-05 00:00:00', '2025-03-05'],
    ['2025-03-05T06:32:00Z', '2025-03-05T14:32:00'],
    ['2025-03-04T22:32:00-08:00', '2025-03-05T14:32:00'],
    ['2025-03-05T14:32:00+08:00', '2025-03-05T14:32:00'],
    ['45721', '2025-03-05'],
    ['45721.5', '2025-03-05T12:00:00'],
    ['2025年3月5日 下午2:32', '2025-03-05T14:32:00'],
    ['5-Mar-2025', '2025-03-05'],
    ['2024-02-29', '2024-02-29'],
  ])('%s → %s', (input, expected) => {
    expect(parseLocalDateTime(input)).toBe(expected);
  });

  it.each(['2025-02-30', '2025-13-01', '2025-00-10', '2023-02-29', '2025-03-05 24:00', '2025-03-05 12:60', '1800-01-01', 'abc', '3/5', '', '2025-03', '12345678901'])(
    'rejects %j',
    (input) => {
      expect(parseLocalDateTime(input)).toBeNull();
    },
  );

  it('reads spreadsheet Date cells by their UTC fields (the wall clock written), whatever the time zone', () => {
    expect(parseLocalDateTime(new Date(Date.UTC(2025, 2, 5, 9, 30)))).toBe('2025-03-05T09:30:00');
    expect(parseLocalDate(new Date(Date.UTC(2025, 2, 5, 23, 59)))).toBe('2025-03-05');
  });

  it('reads Excel serial numbers in both date systems', () => {
    expect(serialToDateTime(45721)).toBe('2025-03-05');
    expect(serialToDateTime(45721.395833333336)).toBe('2025-03-05T09:30:00');
    expect(serialToDateTime(45721 - 1462, true)).toBe('2025-03-05');
    expect(parseLocalDateTime(43525)).toBe('2019-03-01');
    expect(serialToDateTime(0)).toBeNull();
    expect(serialToDateTime(2_958_466)).toBeNull();
  });

  it('a date column keeps only the day', () => {
    expect(parseLocalDate('2025-03-05 14:32')).toBe('2025-03-05');
    expect(parseLocalDate(45721.9)).toBe('2025-03-05');
  });
});

describe('canonical shape checks used as schema formats', () => {
  it('accepts only real dates in canonical form', () => {
    expect(isLocalDate('2025-03-05')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-3-5')).toBe(false);
    expect(isLocalDateTime('2025-03-05T14:32:00')).toBe(true);
    expect(isLocalDateTime('2025-03-05')).toBe(true);
    expect(isLocalDateTime('2025-03-05T24:00:00')).toBe(false);
    expect(isLocalDateTime('2025-03-05 14:32:00')).toBe(false);
  });
});

describe('text normalisation', () => {
  it('turns full-width ASCII and the ideographic space into ASCII', () => {
    expect(toHalfWidth('Ａ００５（１）')).toBe('A005(1)');
    expect(toHalfWidth('１－１－１０２')).toBe('1-1-102');
    expect(normaliseShortText('　海岸  华庭\t ')).toBe('海岸 华庭');
  });

  it('renders cells as text without float noise', () => {
    expect(cellToText(1001)).toBe('1001');
    expect(cellToText(0.1 + 0.2)).toBe('0.3');
    expect(cellToText(true)).toBe('TRUE');
    expect(cellToText(null)).toBe('');
  });
});

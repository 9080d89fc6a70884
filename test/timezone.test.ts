import { expect, it } from 'vitest';
import { parseLocalDateTime } from '../src/read/values.js';

it('runs in the time zone its vitest project sets, and reads dates the same there', () => {
  const offset = new Date(Date.UTC(2025, 0, 15)).getTimezoneOffset();
  expect(offset).toBe(process.env['TZ'] === 'America/New_York' ? 300 : 0);
  expect(parseLocalDateTime('2025年3月5日 下午2:32')).toBe('2025-03-05T14:32:00');
  expect(parseLocalDateTime(new Date(Date.UTC(2025, 2, 5, 23, 30)))).toBe('2025-03-05T23:30:00');
});

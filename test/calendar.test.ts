import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCalendar, loadCalendarFile, workingDayDeadline, workingDaysTaken } from '../src/calendar/calendar.js';
import { ConfigError } from '../src/errors.js';

const calendar = buildCalendar();

describe('working-day deadline: the worked examples of DOMAIN.md', () => {
  it.each([
    ['2025-09-25', ['2025-09-26', '2025-09-28', '2025-09-29'], '2025-09-29'],
    ['2025-09-30', ['2025-10-09', '2025-10-10', '2025-10-11'], '2025-10-11'],
    ['2025-01-24', ['2025-01-26', '2025-01-27', '2025-02-05'], '2025-02-05'],
    ['2025-03-08', ['2025-03-10', '2025-03-11', '2025-03-12'], '2025-03-12'],
  ])('received %s counts %j, deadline %s', (received, counted, deadline) => {
    expect(workingDayDeadline(calendar, received, 3)).toEqual({ deadline, counted, unknownDay: null });
  });

  it('knows the 2026 schedule (make-up Sunday 9/20 and Saturday 10/10)', () => {
    expect(calendar.kind('2026-09-20')).toBe('work');
    expect(calendar.kind('2026-10-07')).toBe('off');
    expect(calendar.kind('2026-10-10')).toBe('work');
    expect(workingDayDeadline(calendar, '2026-09-30', 3).counted).toEqual(['2026-10-08', '2026-10-09', '2026-10-10']);
  });

  it('refuses to guess past its last year, and says which day it could not place', () => {
    expect(calendar.coverage.official[1]).toBe(2026);
    expect(calendar.kind('2027-01-04')).toBeNull();
    expect(workingDayDeadline(calendar, '2026-12-30', 3)).toEqual({ deadline: null, counted: ['2026-12-31'], unknownDay: '2027-01-01' });
  });

  it('counts working days taken, receipt day excluded', () => {
    expect(workingDaysTaken(calendar, '2025-09-30', '2025-10-11')).toBe(3);
    expect(workingDaysTaken(calendar, '2025-03-05', '2025-03-05')).toBe(0);
    expect(workingDaysTaken(calendar, '2026-12-30', '2027-01-05')).toBeNull();
  });
});

describe('--calendar file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aa-cal-'));

  it('adds a year (JSON) and overrides a day (CSV)', async () => {
    const json = join(dir, 'c.json');
    writeFileSync(json, JSON.stringify({ '2027-01-01': '休', '2027-01-04': '班' }));
    const cal = buildCalendar(await loadCalendarFile(json));
    expect(cal.kind('2027-01-01')).toBe('off');
    expect(cal.kind('2027-01-05')).toBe('work');
    expect(cal.coverage.fromFile).toEqual([2027]);
    expect(workingDayDeadline(cal, '2026-12-30', 3).deadline).toBe('2027-01-05');

    const csv = join(dir, 'c.csv');
    writeFileSync(csv, '日期,类型\n2025-09-26,休\n2025/9/27,班\n');
    const over = buildCalendar(await loadCalendarFile(csv));
    expect(workingDayDeadline(over, '2025-09-25', 3).counted).toEqual(['2025-09-27', '2025-09-28', '2025-09-29']);
  });

  it('rejects a line it cannot read, naming it', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '2027-01-01,休\n2027-13-01,班\n');
    await expect(loadCalendarFile(bad)).rejects.toThrow(ConfigError);
    await expect(loadCalendarFile(bad)).rejects.toThrow(/line 2/);
  });
});

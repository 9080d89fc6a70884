// `due` on fixtures/daily around the 2025 国庆 and 春节 holidays and their make-up working days
// (DOMAIN.md's worked examples): which cases are listed, their deadlines, grouping, exit codes, and
// the deadline being exactly the one clause 4.7 uses in the audit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../src/calendar/calendar.js';
import { DEFAULT_PARAMETERS } from '../src/checks/parameters.js';
import { runDue, type DueResult } from '../src/daily/due.js';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const dir = new URL('../fixtures/daily/', import.meta.url).pathname;
const demo = new URL('../fixtures/demo/', import.meta.url).pathname;

function run(args: string[]) {
  // Today pinned: the default as-of date never depends on the clock.
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, AFTERSALES_AUDIT_TODAY: '2026-01-10' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function due(asOf: string, folder = dir): Promise<DueResult> {
  return runDue({ dir: folder, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000, asOf, from: null, calendar: buildCalendar(), params: DEFAULT_PARAMETERS });
}

const flat = (r: DueResult) => r.groups.flatMap((g) => g.items.map((i) => ({ handler: g.handler, id: i.id, state: i.state, deadline: i.deadline, left: i.workingDaysLeft, late: i.workingDaysOverdue })));

describe('due inside the 2025 国庆 holiday (as of Fri 2025-10-03)', () => {
  it('lists the overdue opinions, the one due on the next working day (10-09), forwarded cases and an owed callback', async () => {
    const r = await due('2025-10-03');
    expect(r.nextWorkingDay).toBe('2025-10-09');
    expect(flat(r)).toEqual([
      // Forwarded without 转办时限 first; 10-08's due date is a holiday before the next working day.
      { handler: '王建国', id: 'TS-I', state: 'overdue', deadline: null, left: null, late: null },
      { handler: '王建国', id: 'TS-H', state: 'overdue', deadline: '2025-09-25', left: null, late: 4 },
      { handler: '王建国', id: 'TS-G', state: 'next', deadline: '2025-10-08', left: 0, late: null },
      // Received Fri 9-26: Sun 9-28 (make-up), Mon 9-29, Tue 9-30. Only holidays since: 0 working days late.
      { handler: '李娜', id: 'TS-A', state: 'overdue', deadline: '2025-09-30', left: null, late: 0 },
      // Received on the make-up Sunday 9-28: 9-29, 9-30, then 10-09 after the holiday.
      { handler: '李娜', id: 'TS-B', state: 'next', deadline: '2025-10-09', left: 1, late: null },
      // Received Sat 9-27, its opinion dated 10-09 did not exist on 10-03.
      { handler: '赵强', id: 'TS-F', state: 'overdue', deadline: '2025-09-30', left: null, late: 0 },
      // Closed 9-29, its callback did not reach the customer (未接通).
      { handler: '陈晓', id: 'TS-K', state: 'open', deadline: null, left: null, late: null },
    ]);
    // Not listed: TS-C (deadline 10-10), TS-D (opinion given), TS-E and TS-N (deadline 10-11), TS-J
    // (called back), TS-L (closed after the as-of date), TS-M (received after it).
    expect(r.counts).toEqual({ overdue: 4, today: 0, next: 2, unplaced: 0, open: 1 });
  });

  it('uses exactly the deadlines clause 4.7 uses: every overdue opinion is a 4.7 finding with the same deadline', async () => {
    const r = await due('2025-10-03');
    const audit = run(['audit', dir, '--only', '4.7', '--as-of', '2025-10-03', '--from', '2025-01-01', '--to', '2025-12-31', '--format', 'json']);
    const report = JSON.parse(audit.stdout) as { chapters: { clauses: { id: string; findings: { record: string; data?: Record<string, unknown>; message: string }[] }[] }[] };
    const findings = report.chapters.flatMap((c) => c.clauses).find((c) => c.id === '4.7')!.findings;
    const overdue = r.groups.flatMap((g) => g.items).filter((i) => i.kind === 'opinion' && i.state === 'overdue');
    expect(overdue.map((i) => i.id).sort()).toEqual(['TS-A', 'TS-F']);
    for (const item of overdue) {
      const f = findings.find((x) => x.record === item.id);
      expect(f, item.id).toBeDefined();
      expect(f!.message).toContain(item.deadline!);
    }
  });

  it('exits 1 when something is overdue, and writes the list as XLSX grouped by handler', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'due-')), '待办.xlsx');
    const { code, stderr } = run(['due', dir, '--as-of', '2025-10-03', '-o', out]);
    expect(stderr).toContain('待办.xlsx');
    expect(code).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => String(v ?? ''))));
    expect(rows[0]!.slice(0, 4)).toEqual(['经办人', '状态', '事项', '编号']);
    expect(rows.slice(1).map((r) => `${r[0]} ${r[3]} ${r[8]}`)).toEqual([
      '王建国 TS-I ', '王建国 TS-H 2025-09-25', '王建国 TS-G 2025-10-08', '李娜 TS-A 2025-09-30', '李娜 TS-B 2025-10-09', '赵强 TS-F 2025-09-30', '陈晓 TS-K ',
    ]);
  });

  it('refuses an output inside the enterprise folder (exit 2)', () => {
    const { code, stderr } = run(['due', dir, '--as-of', '2025-10-03', '-o', join(dir, 'x.xlsx')]);
    expect(code).toBe(2);
    expect(stderr).toContain('x.xlsx');
  });
});

describe('due on the make-up Saturday 2025-10-11', () => {
  it('a complaint received 9-30 ends today; one received 10-09 is due on Mon 10-13', async () => {
    const r = await due('2025-10-11');
    expect(r.nextWorkingDay).toBe('2025-10-13');
    const items = flat(r);
    expect(items.find((i) => i.id === 'TS-N')).toMatchObject({ state: 'today', deadline: '2025-10-11', left: 0 });
    expect(items.find((i) => i.id === 'TS-M')).toMatchObject({ state: 'next', deadline: '2025-10-13', left: 1 });
    // 10-09, 10-10 and 10-11 were working days since TS-A's deadline.
    expect(items.find((i) => i.id === 'TS-A')).toMatchObject({ state: 'overdue', deadline: '2025-09-30', late: 3 });
    expect(items.find((i) => i.id === 'TS-C')).toMatchObject({ state: 'overdue', deadline: '2025-10-10', late: 1 });
    // TS-L, closed 10-05, now owes its callback.
    expect(items.filter((i) => i.state === 'open').map((i) => i.id)).toEqual(['TS-K', 'TS-L']);
  });
});

describe('due before the 2025 春节 holiday (as of Mon 2025-01-27)', () => {
  it('the next working day is 2-05; the make-up Sunday 1-26 counts', async () => {
    const r = await due('2025-01-27');
    expect(r.nextWorkingDay).toBe('2025-02-05');
    expect(flat(r)).toEqual([
      { handler: '李娜', id: 'TS-P', state: 'overdue', deadline: '2025-01-26', left: null, late: 1 },
      { handler: '李娜', id: 'TS-Q', state: 'today', deadline: '2025-01-27', left: 0, late: null },
      { handler: '赵强', id: 'TS-R', state: 'next', deadline: '2025-02-05', left: 1, late: null },
    ]);
  });

  it('exits 0 with nothing overdue, and prints the deadline in text', () => {
    const { code, stdout } = run(['due', dir, '--as-of', '2025-01-23']);
    expect(code).toBe(0);
    expect(stdout).toContain('已逾期 0 件');
    // As of Thu 1-23 the next working day is 1-24: TS-P (deadline the make-up Sunday 1-26) is not yet due.
    expect(stdout).not.toContain('TS-P');
  });
});

describe('due past the calendar', () => {
  it('a deadline the calendar cannot place is listed as unknown, never guessed, and --calendar places it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'due-late-'));
    writeFileSync(join(folder, '投诉台账.csv'), '编号,项目名称,受理渠道,类别,受理时间,处理状态,经办人\nTS-Z,海岸华庭,来电,投诉,2026-12-30 09:00,待处理,李娜\n');
    const unknown = JSON.parse(run(['due', folder, '--as-of', '2026-12-31', '--format', 'json']).stdout);
    expect(unknown.counts).toMatchObject({ unplaced: 1, open: 0, overdue: 0 });
    expect(unknown.groups[0].items[0]).toMatchObject({ id: 'TS-Z', state: 'unplaced', deadline: null, reason: 'unplaced:2027-01-01' });
    const calendar = join(mkdtempSync(join(tmpdir(), 'due-cal-')), '2027.csv');
    writeFileSync(calendar, '2027-01-01,休\n2027-01-02,休\n2027-01-03,休\n');
    // 12-31, then 1-1..1-3 off, 1-4 and 1-5: the deadline is Tue 2027-01-05, the next working day after Mon 1-4.
    const placed = run(['due', folder, '--as-of', '2027-01-04', '--format', 'json', '--calendar', calendar]);
    expect(placed.code).toBe(0);
    expect(JSON.parse(placed.stdout).groups[0].items[0]).toMatchObject({ id: 'TS-Z', state: 'next', deadline: '2027-01-05', workingDaysLeft: 1 });
  });
});

describe('due on the demo', () => {
  it('the profile period bounds it by default, --all does not change the 2025 demo', () => {
    const a = run(['due', demo, '--as-of', '2025-10-03', '--format', 'json']);
    const b = run(['due', demo, '--as-of', '2025-10-03', '--format', 'json', '--all']);
    expect(a.code).toBe(1);
    expect(JSON.parse(a.stdout).from).toBe('2025-01-01');
    expect(JSON.parse(b.stdout).from).toBe(null);
    expect(JSON.parse(a.stdout).groups).toEqual(JSON.parse(b.stdout).groups);
  });
});

// Waivers (#16): the file's checks, matching, and expiry at the end of the China day, judged at the
// as-of date. Tables of cases; no clock is read anywhere (both vitest projects run these, in UTC and
// New York, and one case runs under a zone far from China).
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS } from '../src/checks/parameters.js';
import type { Finding } from '../src/checks/types.js';
import { findingKey, findingKeys } from '../src/model.js';
import { covers, expiresWithin, parseWaivers, waiveClause, waiverState, type WaiverEntry } from '../src/waivers.js';

const entry = (over: Partial<WaiverEntry> = {}): WaiverEntry => ({
  index: 1, name: '#1', clause: '4.7', records: ['TS-1'], justification: '业主失联', approvedBy: '李检查员', granted: '2026-01-05', expires: '2026-03-31', ...over,
});
const finding = (record: string | null, level: Finding['level'] = 'fail', clause = '4.7', message = 'late'): Finding => ({
  clause, level, record, dataset: 'complaints', file: '投诉.xlsx', sheet: null, row: 2, message, data: {},
});

describe('expiry: an entry applies from the start of its granted day to the end of its expires day (China dates)', () => {
  it.each([
    ['the day before granted', '2026-01-04', 'not-yet'],
    ['the day granted', '2026-01-05', 'active'],
    ['the day of expiry', '2026-03-31', 'active'],
    ['the day after expiry', '2026-04-01', 'expired'],
    ['a year later', '2027-03-31', 'expired'],
  ] as const)('%s (%s) → %s', (_label, asOf, state) => {
    expect(waiverState(entry(), asOf)).toBe(state);
  });

  it('is the same in a time zone far from China (Pacific/Kiritimati, UTC+14, and Pacific/Pago_Pago, UTC-11)', () => {
    const saved = process.env['TZ'];
    try {
      for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        process.env['TZ'] = tz;
        expect([waiverState(entry(), '2026-03-31'), waiverState(entry(), '2026-04-01')]).toEqual(['active', 'expired']);
        const file = parseWaivers('w.yaml', 'waivers:\n  - clause: "4.7"\n    justification: x\n    expires: 2026-03-31\n');
        expect(file.entries[0]!.expires).toBe('2026-03-31');
      }
    } finally {
      process.env['TZ'] = saved;
    }
  });

  it.each([
    ['2026-03-01', 30, true],
    ['2026-03-02', 30, true],
    ['2026-02-28', 30, false],
    ['2026-04-01', 30, false],
  ] as const)('as of %s, expiring within %i days: %s', (asOf, days, soon) => {
    expect(expiresWithin(entry(), asOf, days)).toBe(soon);
  });
});

describe('matching', () => {
  it.each([
    ['a named record of its clause', entry(), finding('TS-1'), true],
    ['a record it does not name', entry(), finding('TS-2'), false],
    ['another clause', entry(), finding('TS-1', 'fail', '4.4'), false],
    ['a whole clause: any record', entry({ records: null }), finding('TS-9'), true],
    ['a whole clause: a finding without a record', entry({ records: null }), finding(null, 'warn'), true],
    ['an information-level finding', entry({ records: null }), finding('TS-1', 'info'), false],
    ['a unit key 项目/房号', entry({ clause: '5.1', records: ['金沙湾/1-101'] }), finding('金沙湾/1-101', 'warn', '5.1'), true],
    ['a record written with spaces', entry(), finding(' TS-1 '), true],
  ] as const)('%s → %s', (_label, e, f, expected) => {
    expect(covers(e, f)).toBe(expected);
  });
});

describe('the waivers file', () => {
  it('reads YAML entries with their defaults', () => {
    const file = parseWaivers('w.yaml', 'waivers:\n  - id: 失联\n    clause: "4.7"\n    records: [TS-1, TS-1]\n    justification: 业主失联\n    approvedBy: 李\n    granted: 2026/1/5\n    expires: 2026-03-31\n  - clause: "2.4"\n    justification: 招聘中\n    expires: 2026-06-30\n');
    expect(file.problems).toEqual([]);
    expect(file.entries.map((e) => [e.name, e.clause, e.records, e.granted, e.expires, e.approvedBy])).toEqual([
      ['失联', '4.7', ['TS-1'], '2026-01-05', '2026-03-31', '李'],
      ['#2', '2.4', null, null, '2026-06-30', null],
    ]);
  });

  it.each([
    ['no justification', '  - clause: "4.7"\n    expires: 2026-03-31\n', 1, null],
    ['no expiry', '  - clause: "4.7"\n    justification: x\n', 1, null],
    ['an unknown clause', '  - clause: "4.9"\n    justification: x\n    expires: 2026-03-31\n', 1, 'clause'],
    ['an impossible date', '  - clause: "4.7"\n    justification: x\n    expires: 2026-02-30\n', 1, 'expires'],
    ['a date-time', '  - clause: "4.7"\n    justification: x\n    expires: "2026-03-31T10:00"\n', 1, 'expires'],
    ['granted after expiry', '  - clause: "4.7"\n    justification: x\n    granted: 2026-04-01\n    expires: 2026-03-31\n', 1, 'expires'],
    ['an unknown key', '  - clause: "4.7"\n    justification: x\n    expires: 2026-03-31\n    approver: y\n', 1, null],
  ] as const)('refuses %s, naming the entry', (_label, yaml, entryNo, field) => {
    const file = parseWaivers('w.yaml', `waivers:\n  - clause: "4.4"\n    justification: ok\n    expires: 2026-01-01\n${yaml}`);
    expect(file.entries.map((e) => e.clause)).toEqual(['4.4']);
    expect(file.problems.length).toBeGreaterThan(0);
    expect(file.problems[0]!.entry).toBe(entryNo + 1);
    if (field) expect(file.problems[0]!.field).toBe(field);
  });
});

describe('applying waivers to a clause', () => {
  const clause = (findings: Finding[], status: 'fail' | 'warn' | 'pass' = 'fail', metrics: Record<string, number> = {}) => ({ id: '4.7', status, metrics, findings, notes: [] });

  it('a clause whose every failing finding is waived is warn, with the note, the findings kept and marked', () => {
    const result = waiveClause(clause([finding('TS-1')], 'fail', { onTime: 9, late: 1, onTimeRate: 0.9 }), [entry()], '2026-03-31', DEFAULT_PARAMETERS);
    expect(result.status).toBe('warn');
    expect(result.statusBeforeWaivers).toBe('fail');
    expect(result.findings.map((f) => [f.record, f.waiver?.entry, f.waiver?.approvedBy, f.waiver?.expires])).toEqual([['TS-1', '#1', '李检查员', '2026-03-31']]);
    expect(result.metrics).toMatchObject({ onTimeRate: 0.9, onTimeRateAfterWaivers: 1, waived: 1 });
    expect(result.notes.map((n) => n.message)).toEqual(['waived-all']);
  });

  it('stays fail while one failing finding is not waived', () => {
    const result = waiveClause(clause([finding('TS-1'), finding('TS-2')], 'fail', { onTime: 8, late: 2 }), [entry()], '2026-03-31', DEFAULT_PARAMETERS);
    expect(result.status).toBe('fail');
    expect(result.findings.map((f) => f.waiver !== null)).toEqual([true, false]);
    expect(result.metrics["onTimeRateAfterWaivers"]).toBe(0.9);
  });

  it('an expired entry waives nothing and adds a warn finding naming it', () => {
    const result = waiveClause(clause([finding('TS-1')]), [entry({ name: '失联' })], '2026-04-01', DEFAULT_PARAMETERS);
    expect(result.status).toBe('fail');
    expect(result.findings[0]!.waiver).toBeNull();
    expect(result.added.map((f) => [f.level, f.message, f.data['entry'], f.data['expires']])).toEqual([['warn', 'waiver-expired', '失联', '2026-03-31']]);
  });

  it('an expired entry on a clause that now passes makes it warn', () => {
    expect(waiveClause(clause([], 'pass'), [entry()], '2026-04-01', DEFAULT_PARAMETERS).status).toBe('warn');
  });

  it('an entry in force that matches nothing is noted', () => {
    const result = waiveClause(clause([finding('TS-2')]), [entry()], '2026-03-01', DEFAULT_PARAMETERS);
    expect(result.notes.map((n) => [n.message, n.data['entry']])).toEqual([['waiver-unmatched', '#1']]);
  });

  it('4.4 after waivers follows its rate against the threshold', () => {
    const c = { id: '4.4', status: 'fail' as const, metrics: { handled: 9, due: 10, handlingRate: 0.9 }, findings: [{ ...finding('TS-1', 'fail', '4.4', 'unhandled') }], notes: [] };
    const result = waiveClause(c, [entry({ clause: '4.4' })], '2026-03-31', DEFAULT_PARAMETERS);
    expect(result.metrics['handlingRateAfterWaivers']).toBe(1);
    expect(result.status).toBe('warn');
  });
});

describe('finding keys', () => {
  it('are clause|record|message id, the same in any run, numbered when repeated without a record', () => {
    expect(findingKey('4.7', 'TS2025-0006', 'late')).toBe('4.7|TS2025-0006|late');
    expect(findingKey('2.4', null, 'too-few')).toBe('2.4|-|too-few');
    expect(findingKeys([finding(null, 'warn', '2.4', 'x'), finding(null, 'warn', '2.4', 'x'), finding('A', 'warn', '2.4', 'x')])).toEqual(['2.4|-|x', '2.4|-|x#2', '2.4|A|x']);
  });
});

describe('rules states the choice', () => {
  it('the matrix and a data clause say that a clause whose every failing finding is waived is warn', async () => {
    const { rulesText, ruleText } = await import('../src/report/rules-text.js');
    expect(rulesText('en')).toContain('a clause whose every failing finding is waived is warn, not pass');
    expect(ruleText('4.7', 'zh')).toContain('一条条款的全部不合格发现都被豁免时为“警告”而非“符合”');
  });
});

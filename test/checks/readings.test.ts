// SPEC §3 "Readings of the rules above" (issue 12, items 2, 6, 12–17): one table per reading, each
// case the way an inspector would judge it.
import { describe, expect, it } from 'vitest';
import c3_1_5 from '../../src/checks/3.1.5-escalations.js';
import c3_1_7 from '../../src/checks/3.1.7-forwarded-on-time.js';
import c3_2_2 from '../../src/checks/3.2.2-record-keeping.js';
import c3_2_3 from '../../src/checks/3.2.3-inquiries.js';
import c3_2_4 from '../../src/checks/3.2.4-follow-up-callbacks.js';
import c4_4 from '../../src/checks/4.4-handling-rate.js';
import c4_5 from '../../src/checks/4.5-satisfaction.js';
import c4_6 from '../../src/checks/4.6-warranty.js';
import c4_7 from '../../src/checks/4.7-response-time.js';
import c4_8 from '../../src/checks/4.8-forwarded-reply.js';
import c5_1 from '../../src/checks/5.1-callback-rate.js';
import type { Callback, Complaint } from '../../src/model.js';
import { callback, complaint, runCheck } from './harness.js';
import type { ClauseResult } from '../../src/checks/types.js';
import { findCheck } from '../../src/checks/index.js';
import { READINGS } from '../../src/checks/readings.js';
import { ruleText } from '../../src/report/rules-text.js';

const year = { from: '2025-01-01', to: '2025-12-31' };
const pairs = (r: ClauseResult): [string | null, string][] => r.findings.map((f) => [f.record, f.message]);
const forwarded = (id: string, fields: Partial<Complaint> = {}): Partial<Complaint> =>
  complaint(id, { channel: '主管部门转办', referralDue: '2025-03-20', status: '处理中', ...fields });

describe('#12.2 the as-of date: a record dated after it did not exist then', () => {
  // Received Mon 2025-12-22: deadline Thu 12-25. Answered in January, after the as-of date 12-31.
  const december = complaint('A', { receivedAt: '2025-12-22T09:00:00', opinionAt: '2026-01-05T10:00:00', opinion: '已安排维修' });

  it('4.4: a December complaint answered in January is unhandled at the period end, with a finding', async () => {
    const r = await runCheck(c4_4, { complaints: [december], period: year, asOf: '2025-12-31' });
    expect(r.status).toBe('fail');
    expect(r.metrics).toMatchObject({ handlingRate: 0, due: 1, handled: 0 });
    expect(pairs(r)).toEqual([['A', 'unhandled']]);
  });

  it('a case received after the as-of date (inside the period) did not exist then: no clause judges it', async () => {
    // As of Fri 2025-06-13; B is received on 06-20 with no handler, status or opinion.
    const cases = [complaint('A', { receivedAt: '2025-06-02T09:00:00', opinionAt: '2025-06-03T09:00:00' }), complaint('B', { receivedAt: '2025-06-20T09:00:00', handler: undefined, status: undefined, escalated: '是', escalationCause: '企业原因' }), forwarded('C', { receivedAt: '2025-06-16T09:00:00', referralDue: '2025-06-18' })];
    const asOf = '2025-06-13';
    expect(pairs(await runCheck(c3_2_2, { complaints: cases, period: year, asOf }))).toEqual([]);
    expect((await runCheck(c4_4, { complaints: cases, period: year, asOf, columns: { complaints: ['receivedAt', 'opinionAt'] } })).metrics).toMatchObject({ due: 1, handled: 1 });
    expect((await runCheck(c4_7, { complaints: cases, period: year, asOf, columns: { complaints: ['receivedAt', 'opinionAt'] } })).metrics).toMatchObject({ onTime: 1, late: 0 });
    expect((await runCheck(c3_1_5, { complaints: cases, period: year, asOf })).status).toBe('pass');
    expect((await runCheck(c3_1_7, { complaints: cases, period: year, asOf })).status).toBe('not-applicable');
  });

  it('3.2.2 judges complaints (kind 投诉, SPEC §2): an inquiry or a repair request missing its handler is not its finding', async () => {
    const cases = [complaint('A', { handler: undefined }), complaint('Q', { kind: '咨询', handler: undefined }), complaint('R', { kind: '报修', status: undefined })];
    const r = await runCheck(c3_2_2, { complaints: cases, period: year });
    expect([...new Set(r.findings.map((f) => f.record))]).toEqual(['A']);
    expect(r.metrics).toMatchObject({ records: 1 });
  });

  it('3.2.2: the same complaint has no handling opinion at the as-of date', async () => {
    const r = await runCheck(c3_2_2, { complaints: [december], period: year, asOf: '2025-12-31' });
    expect(r.status).toBe('fail');
    expect(pairs(r)).toEqual([['A', 'no-opinion']]);
  });

  it.each([
    // Received Mon 2025-03-03: deadline Thu 03-06.
    ['as-of before the deadline: pending, not late', '2025-03-05', 'pass', [], 1],
    ['deadline on the as-of date: still pending', '2025-03-06', 'pass', [], 1],
    ['as-of after the deadline: late', '2025-03-07', 'fail', [['A', 'no-opinion']], 0],
  ] as const)('4.7 with an opinion dated after the as-of date, %s', async (_name, asOf, status, found, pending) => {
    const r = await runCheck(c4_7, { complaints: [complaint('A', { opinionAt: '2025-03-10T09:00:00' })], asOf });
    expect(r.status).toBe(status === 'pass' ? 'not-applicable' : status);
    expect(pairs(r)).toEqual(found);
    expect(r.metrics['pending']).toBe(pending);
  });

  it.each([
    ['a closing after the as-of date, due not passed: pending', '2025-03-15', 'not-applicable', []],
    ['… due passed by the as-of date: not closed', '2025-03-22', 'fail', [['A', 'not-closed']]],
  ] as const)('3.1.7: %s', async (_name, asOf, status, found) => {
    const r = await runCheck(c3_1_7, { complaints: [forwarded('A', { closedAt: '2025-03-25', status: '已办结' })], asOf });
    expect(pairs(r)).toEqual(found);
    if (status === 'fail') expect(r.status).toBe('fail');
    else expect(r.metrics).toMatchObject({ forwarded: 1, pending: 1 });
  });

  it('4.8: a case closed after the as-of date, before its due date, is pending', async () => {
    const r = await runCheck(c4_8, { complaints: [forwarded('A', { closedAt: '2025-03-25', status: '已办结' })], asOf: '2025-03-15' });
    expect(r.status).toBe('pass');
    expect(r.metrics).toMatchObject({ forwarded: 1, missing: 0, pending: 1 });
  });

  it('4.8: an in-person reply dated after the as-of date had not happened', async () => {
    const r = await runCheck(c4_8, { complaints: [forwarded('A', { closedAt: '2025-03-10', repliedInPersonAt: '2025-04-02', writtenReport: 'BG-1' })], asOf: '2025-03-31' });
    expect(pairs(r)).toEqual([['A', 'missing']]);
  });

  it('3.2.4: a callback after the as-of date is no follow-up, and a closing after it is not yet a closed case', async () => {
    const r = await runCheck(c3_2_4, {
      complaints: [complaint('A', { closedAt: '2025-12-20' }), complaint('B', { closedAt: '2026-01-03' })],
      callbacks: [callback('H1', { complaintId: 'A', date: '2026-01-05' }), callback('H2', { complaintId: 'B', date: '2026-01-06' })],
      asOf: '2025-12-31',
    });
    expect(r.status).toBe('warn');
    expect(r.metrics).toMatchObject({ closed: 1, withCallback: 0, followUpRate: 0 });
    expect(pairs(r)).toEqual([['A', 'no-callback']]);
  });

  it('4.5: a callback in the period but after the as-of date is not counted', async () => {
    const r = await runCheck(c4_5, {
      callbacks: [callback('S', { date: '2025-03-10' }), callback('N', { date: '2025-09-01', satisfaction: '不满意' })],
      period: year,
      asOf: '2025-06-30',
    });
    expect(r.metrics).toMatchObject({ valid: 1, satisfactionRate: 1 });
  });

  it('5.1: homes reached after the as-of date are not counted', async () => {
    const units = Array.from({ length: 10 }, (_, i) => ({ project: '海岸华庭', unit: `U${i}`, soldAt: '2024-01-01' }));
    const callbacks: Partial<Callback>[] = [0, 1, 2, 3, 4, 5].map((i) => callback(`C${i}`, { unit: `U${i}`, date: i < 2 ? '2025-03-10' : '2025-09-10' }));
    const r = await runCheck(c5_1, { units, callbacks, period: year, asOf: '2025-06-30' });
    expect(r.metrics).toMatchObject({ reachedUnits: 2, callbackRate: 0.2 });
    expect(r.status).toBe('fail');
  });

  it('3.2.3: an answer dated after the as-of date is no answer yet', async () => {
    const r = await runCheck(c3_2_3, { complaints: [complaint('Q', { kind: '咨询', opinionAt: '2025-04-01' })], asOf: '2025-03-20' });
    expect(r.metrics).toMatchObject({ inquiries: 1, unanswered: 1 });
    expect(pairs(r)).toEqual([['Q', 'unanswered']]);
  });
});

describe('#12.6 4.6: a case received before delivery is outside the clause', () => {
  it.each([
    ['received before delivery, refused', '2024-05-01T10:00:00', 'pass', [], 0],
    ['received on the delivery day, refused', '2024-06-30T10:00:00', 'fail', [['A', 'refused']], 1],
  ] as const)('%s', async (_name, receivedAt, status, found, refusals) => {
    const r = await runCheck(c4_6, {
      units: [{ project: '海岸华庭', unit: '1-1-101', soldAt: '2023-01-01', deliveredAt: '2024-06-30' }],
      complaints: [complaint('A', { kind: '报修', category: '渗漏', receivedAt, warranty: '超出保修期' })],
    });
    expect(r.status).toBe(status);
    expect(pairs(r)).toEqual(found);
    expect(r.metrics['refusals']).toBe(refusals);
  });

  it('is not-applicable with no repair or complaint in the period', async () => {
    const r = await runCheck(c4_6, {
      units: [{ project: '海岸华庭', unit: '1-1-101', soldAt: '2023-01-01', deliveredAt: '2024-06-30' }],
      complaints: [complaint('A', { kind: '咨询' })],
    });
    expect(r.status).toBe('not-applicable');
  });
});

describe('#12.12 forwarded cases of every kind (3.1.7, 4.8)', () => {
  it.each(['投诉', '报修', '咨询'] as const)('a forwarded %s is judged by both', async (kind) => {
    const record = forwarded('A', { kind, channel: '12345转办', status: '已办结', closedAt: '2025-03-25' });
    expect(pairs(await runCheck(c3_1_7, { complaints: [record], asOf: '2025-06-30' }))).toEqual([['A', 'late']]);
    expect(pairs(await runCheck(c4_8, { complaints: [record], asOf: '2025-06-30' }))).toEqual([['A', 'missing']]);
  });
  it('with no forwarded case in scope both are not-applicable', async () => {
    const c = { complaints: [complaint('A', { closedAt: '2025-03-05' }), forwarded('B', { receivedAt: '2024-12-20' })], period: year };
    expect((await runCheck(c3_1_7, c)).status).toBe('not-applicable');
    expect((await runCheck(c4_8, c)).status).toBe('not-applicable');
  });
});

describe('#12.13 "has a handling opinion": 处理意见 or 处理意见时间', () => {
  const textOnly = complaint('A', { opinion: '已派维修人员上门', opinionAt: undefined });
  it('4.4 counts an opinion without a time as handled', async () => {
    const r = await runCheck(c4_4, { complaints: [textOnly, complaint('B', { opinionAt: '2025-03-04' })], asOf: '2025-06-30' });
    expect(r.status).toBe('pass');
    expect(r.metrics).toMatchObject({ handlingRate: 1, due: 2, handled: 2 });
  });
  it('4.4 judges a register with only a 处理意见 column', async () => {
    const r = await runCheck(c4_4, { complaints: [textOnly], columns: { complaints: ['id', 'receivedAt', 'opinion'] }, asOf: '2025-06-30' });
    expect(r.status).toBe('pass');
  });
  it('3.2.2 finds no missing opinion when 处理意见 is filled', async () => {
    const r = await runCheck(c3_2_2, { complaints: [textOnly], asOf: '2025-06-30' });
    expect(r.status).toBe('pass');
  });
  it.each([
    ['past its deadline: late, its timeliness cannot be shown', '2025-06-30', 'fail', [['A', 'no-opinion-time']]],
    ['inside its deadline: pending', '2025-03-05', 'not-applicable', []],
  ] as const)('4.7: an opinion without 处理意见时间 %s', async (_name, asOf, status, found) => {
    const r = await runCheck(c4_7, { complaints: [textOnly], columns: { complaints: ['id', 'receivedAt', 'opinion', 'opinionAt'] }, asOf });
    expect(r.status).toBe(status);
    expect(pairs(r)).toEqual(found);
  });
  it('4.7 names the missing time in both languages', () => {
    expect(c4_7.messages['no-opinion-time']!.zh).toContain('处理意见时间');
    expect(c4_7.messages['no-opinion-time']!.en).toContain('cannot be shown');
  });
});

describe('#12.14 a follow-up reached the customer', () => {
  it.each([
    ['已回访', '已回访', []],
    ['blank status', undefined, []],
    ['未接通', '未接通', [['A', 'no-callback']]],
    ['拒访', '拒访', [['A', 'no-callback']]],
  ] as const)('3.2.4 with a linked callback of status %s', async (_name, reached, found) => {
    const r = await runCheck(c3_2_4, {
      complaints: [complaint('A', { closedAt: '2025-03-05' })],
      callbacks: [callback('H1', { complaintId: 'A', reached, satisfaction: reached === '已回访' || reached === undefined ? '满意' : undefined })],
    });
    expect(pairs(r)).toEqual(found);
  });
  it('a callback of any date counts, even one dated before the closing or before the period', async () => {
    const r = await runCheck(c3_2_4, {
      complaints: [complaint('A', { receivedAt: '2025-01-03T09:00:00', closedAt: '2025-01-20' })],
      callbacks: [callback('H1', { complaintId: 'A', date: '2024-12-30' })],
      period: year,
    });
    expect(r.status).toBe('pass');
  });
});

describe('#12.15 "closed" means 办结时间 is filled', () => {
  it.each([
    ['已办结 without 办结时间 is not closed', { status: '已办结', closedAt: undefined }, 0],
    ['办结时间 with status 处理中 is closed', { status: '处理中', closedAt: '2025-03-05' }, 1],
    ['received in 2024, closed in the period', { receivedAt: '2024-12-20T09:00:00', closedAt: '2025-01-06' }, 1],
    ['received in the period, closed after it', { receivedAt: '2025-12-20T09:00:00', closedAt: '2026-01-06' }, 0],
  ] as const)('3.2.4: %s', async (_name, fields, closed) => {
    const r = await runCheck(c3_2_4, { complaints: [complaint('A', fields)], callbacks: [], supplied: ['complaints', 'callbacks'], period: year, asOf: '2026-06-30' });
    expect(r.metrics['closed']).toBe(closed);
    expect(r.findings).toHaveLength(closed);
  });
  it('4.8 applies to a case with 办结时间 whatever its status, and waits on one with neither closing nor due date', async () => {
    const r = await runCheck(c4_8, {
      complaints: [forwarded('A', { status: '处理中', closedAt: '2025-03-05' }), forwarded('B', { status: '已办结', referralDue: undefined })],
      asOf: '2025-06-30',
    });
    expect(pairs(r)).toEqual([['A', 'missing']]);
    expect(r.metrics).toMatchObject({ forwarded: 2, pending: 1 });
  });
  it('3.1.7: 已办结 without 办结时间 past its due date is not closed; no due date is a finding', async () => {
    const r = await runCheck(c3_1_7, { complaints: [forwarded('A', { status: '已办结' }), forwarded('B', { referralDue: undefined })], asOf: '2025-06-30' });
    expect(pairs(r)).toEqual([['B', 'no-due'], ['A', 'not-closed']]);
  });
});

describe('#12.16 every row is judged, a row with a duplicate id too', () => {
  it('3.2.4 judges both rows of a duplicate id', async () => {
    const r = await runCheck(c3_2_4, {
      complaints: [complaint('A', { closedAt: '2025-03-05' }), complaint('A', { closedAt: '2025-04-05' }), complaint('B', { closedAt: '2025-04-05' })],
      callbacks: [callback('H1', { complaintId: 'B' })],
    });
    expect(r.metrics).toMatchObject({ closed: 3, withCallback: 1 });
    expect(r.findings.map((f) => [f.record, f.row])).toEqual([['A', 2], ['A', 3]]);
  });
  it('3.2.4 judges a closed case without an id (no callback can name it)', async () => {
    const r = await runCheck(c3_2_4, { complaints: [complaint('A', { id: undefined, closedAt: '2025-03-05' })], callbacks: [callback('H1')] });
    expect(r.findings.map((f) => [f.record, f.row, f.data['id']])).toEqual([[null, 2, '#2']]);
  });
  it('4.4 and 4.7 judge both rows of a duplicate id', async () => {
    const rows = [complaint('A'), complaint('A', { receivedAt: '2025-04-01T09:00:00' })];
    expect(pairs(await runCheck(c4_4, { complaints: rows, columns: { complaints: ['receivedAt', 'opinionAt'] } }))).toEqual([['A', 'unhandled'], ['A', 'unhandled']]);
    expect(pairs(await runCheck(c4_7, { complaints: rows, columns: { complaints: ['receivedAt', 'opinionAt'] } }))).toEqual([['A', 'no-opinion'], ['A', 'no-opinion']]);
  });
  it('3.2.2: a complaint missing 经办人, 受理时间 or 处理状态 is a finding', async () => {
    const r = await runCheck(c3_2_2, { complaints: [complaint('A', { handler: undefined, receivedAt: undefined, status: undefined })], period: year });
    expect(pairs(r)).toEqual([['A', 'incomplete']]);
    expect(r.findings[0]!.data['fields']).toBe('经办人、受理时间、处理状态');
  });
});

describe('#12.17 nothing in scope is not-applicable; an empty callback sheet is supplied', () => {
  it('3.1.5 with no case received in the period is not-applicable; with cases but no escalation it passes', async () => {
    expect((await runCheck(c3_1_5, { complaints: [complaint('A', { receivedAt: '2024-03-03', escalated: '否' })], period: year })).status).toBe('not-applicable');
    expect((await runCheck(c3_1_5, { complaints: [complaint('A', { escalated: '否' })], period: year })).status).toBe('pass');
  });
  it('3.2.2 with no case received in the period is not-applicable', async () => {
    expect((await runCheck(c3_2_2, { complaints: [complaint('A', { receivedAt: '2024-03-03' })], period: year })).status).toBe('not-applicable');
  });
  it('3.2.4 with closed cases and a supplied callback sheet with no row warns at 0%', async () => {
    const r = await runCheck(c3_2_4, { complaints: [complaint('A', { closedAt: '2025-03-05' })], callbacks: [] });
    expect(r.status).toBe('warn');
    expect(r.metrics).toMatchObject({ followUpRate: 0 });
  });
  it('5.1 with a supplied callback sheet with no row fails at 0%', async () => {
    const r = await runCheck(c5_1, { units: [{ project: '海岸华庭', unit: 'U0', soldAt: '2024-01-01' }], callbacks: [] });
    expect(r.status).toBe('fail');
    expect(r.metrics).toMatchObject({ callbackRate: 0 });
  });
});

describe('rules ID states every reading of SPEC §3, in zh and en, for each clause it concerns', () => {
  it('names only clauses of the registry, and prints each reading under each of them', () => {
    for (const reading of READINGS) {
      for (const clause of reading.clauses) {
        expect(findCheck(clause), `${reading.id}: ${clause}`).toBeDefined();
        for (const lang of ['zh', 'en'] as const) expect(ruleText(clause, lang), `${reading.id} in rules ${clause} (${lang})`).toContain(reading.text[lang]);
      }
    }
  });
  it.each([
    ['4.4', ['as-of', 'opinion', 'scope', 'rows', 'no-data']],
    ['4.7', ['as-of', 'opinion', 'scope']],
    ['3.2.2', ['as-of', 'opinion', 'rows']],
    ['3.1.7', ['as-of', 'forwarded', 'closed']],
    ['4.8', ['as-of', 'forwarded', 'closed']],
    ['3.2.4', ['as-of', 'closed', 'follow-up', 'scope', 'no-data']],
    ['4.5', ['as-of', 'scope']],
    ['5.1', ['as-of', 'scope', 'callback-rate', 'no-data']],
    ['4.6', ['warranty', 'scope']],
    ['2.4', ['staffing', 'rows']],
  ] as const)('rules %s', (clause, expected) => {
    const ids = READINGS.filter((r) => r.clauses.includes(clause)).map((r) => r.id);
    for (const id of expected) expect(ids).toContain(id);
  });
  it('each clause method states its own reading in both languages', () => {
    const method = (id: string) => findCheck(id)!.method;
    expect(method('4.7').zh).toContain('没有处理意见时间');
    expect(method('4.7').en).toContain('cannot be shown');
    expect(method('3.1.7').en).toContain('of any kind');
    expect(method('3.1.7').zh).toContain('不适用');
    expect(method('3.2.4').zh).toContain('未接通');
    expect(method('3.2.4').en).toContain('办结时间 filled');
    expect(method('4.6').en).toContain('received before delivery');
    expect(method('4.4').zh).toContain('处理意见或处理意见时间');
    expect(method('5.1').en).toContain('capped');
  });
});

import { describe, expect, it } from 'vitest';
import c4_4 from '../../src/checks/4.4-handling-rate.js';
import c4_5 from '../../src/checks/4.5-satisfaction.js';
import c4_6 from '../../src/checks/4.6-warranty.js';
import c4_7 from '../../src/checks/4.7-response-time.js';
import c4_8 from '../../src/checks/4.8-forwarded-reply.js';
import c5_1 from '../../src/checks/5.1-callback-rate.js';
import { warrantyClass, warrantyEnd } from '../../src/checks/warranty.js';
import { DEFAULT_PARAMETERS } from '../../src/checks/parameters.js';
import { callback, complaint, ids, messages, runCheck } from './harness.js';

describe('4.7 a handling opinion within three working days', () => {
  it.each([
    ['opinion on the deadline day is on time', '2025-03-05T09:00:00', '2025-03-10T18:00:00', 'pass', []],
    ['a day later is late', '2025-03-05T09:00:00', '2025-03-11T08:00:00', 'fail', ['A']],
    ['received Saturday: Mon, Tue, Wed', '2025-03-08T16:00:00', '2025-03-12T17:00:00', 'pass', []],
    ['received Saturday, opinion Thursday', '2025-03-08T16:00:00', '2025-03-13T09:00:00', 'fail', ['A']],
    ['received before National Day with make-up Saturday 10/11', '2025-09-30T09:00:00', '2025-10-11T12:00:00', 'pass', []],
    ['… and the Monday after is late', '2025-09-30T09:00:00', '2025-10-13T09:00:00', 'fail', ['A']],
    ['received before Spring Festival with make-up Sunday 1/26', '2025-01-24T09:00:00', '2025-02-05T12:00:00', 'pass', []],
  ] as const)('%s', async (_name, receivedAt, opinionAt, status, late) => {
    const r = await runCheck(c4_7, { complaints: [complaint('A', { receivedAt, opinionAt })] });
    expect(r.status).toBe(status);
    expect(ids(r)).toEqual(late);
  });

  it('reports the deadline and working days taken of a late complaint', async () => {
    const r = await runCheck(c4_7, { complaints: [complaint('A', { receivedAt: '2025-09-30T09:00:00', opinionAt: '2025-10-14T09:00:00' })] });
    expect(r.findings[0]!.data).toMatchObject({ deadline: '2025-10-11', opinion: '2025-10-14', taken: 5 });
    expect(r.metrics).toMatchObject({ onTimeRate: 0, late: 1 });
  });

  it('counts complaints still inside their deadline as pending, past it without opinion as late', async () => {
    const r = await runCheck(c4_7, {
      complaints: [complaint('A', { receivedAt: '2025-12-29T09:00:00' }), complaint('B', { receivedAt: '2025-12-20T09:00:00' }), complaint('C', { kind: '报修', receivedAt: '2025-12-01' })],
      columns: { complaints: ['id', 'receivedAt', 'opinionAt'] },
      asOf: '2025-12-30',
    });
    expect(r.metrics).toMatchObject({ pending: 1, late: 1 });
    expect(r.findings.map((f) => [f.record, f.message])).toEqual([['B', 'no-opinion']]);
  });

  it('is no-data when the register has no 处理意见时间 column', async () => {
    expect((await runCheck(c4_7, { complaints: [complaint('A')] })).status).toBe('no-data');
  });

  it('never guesses a deadline past the calendar: a period crossing into 2027 reports it', async () => {
    const r = await runCheck(c4_7, {
      complaints: [complaint('A', { receivedAt: '2026-12-30T09:00:00', opinionAt: '2027-01-04' }), complaint('B', { receivedAt: '2026-06-01', opinionAt: '2026-06-02' })],
      asOf: '2027-01-31',
    });
    expect(r.status).toBe('warn');
    expect(r.findings.map((f) => [f.record, f.message, f.data['day']])).toEqual([['A', 'unplaced', '2027-01-01']]);
    expect(r.metrics).toMatchObject({ onTime: 1, unplaced: 1 });
  });
});

describe('4.4 handling rate', () => {
  it('is 100% when every complaint past its deadline has an opinion, pending ones aside', async () => {
    const r = await runCheck(c4_4, {
      complaints: [complaint('A', { opinionAt: '2025-03-20' }), complaint('B', { receivedAt: '2025-12-30T09:00:00' }), complaint('C', { kind: '咨询' })],
      asOf: '2025-12-31',
    });
    expect(r.status).toBe('pass');
    expect(r.metrics).toMatchObject({ handlingRate: 1, due: 1, handled: 1, pending: 1 });
  });
  it('fails below 100% and names each unhandled complaint', async () => {
    const r = await runCheck(c4_4, { complaints: [complaint('A', { opinionAt: '2025-03-04' }), complaint('B')], asOf: '2025-12-31' });
    expect(r.status).toBe('fail');
    expect(r.metrics['handlingRate']).toBe(0.5);
    expect(ids(r)).toEqual(['B']);
  });
  it('an opinion given after the as-of date was not given at it', async () => {
    const r = await runCheck(c4_4, { complaints: [complaint('A', { opinionAt: '2025-04-10' })], asOf: '2025-03-31' });
    expect(r.metrics).toMatchObject({ handlingRate: 0, due: 1, handled: 0 });
  });
});

describe('4.5 satisfaction (以上 includes 90%)', () => {
  const answers = (satisfied: number, other: number, grade = '一般') => [
    ...Array.from({ length: satisfied }, (_, i) => callback(`S${i}`)),
    ...Array.from({ length: other }, (_, i) => callback(`N${i}`, { satisfaction: grade })),
  ];
  it('passes at exactly 90%, with the interval and a note that the sample cannot confirm it', async () => {
    const r = await runCheck(c4_5, { callbacks: answers(9, 1) });
    expect(r.status).toBe('pass');
    expect(r.metrics).toMatchObject({ satisfactionRate: 0.9, valid: 10, satisfied: 9 });
    expect((r.metrics['interval95'] as number[])[0]).toBeLessThan(0.9);
    expect(r.notes.map((n) => n.message)).toEqual(['uncertain']);
  });
  it('fails just below 90%', async () => {
    expect((await runCheck(c4_5, { callbacks: answers(89, 11) })).status).toBe('fail');
  });
  it('ignores unreached callbacks; counts 基本满意 and 4 as satisfied but not in the strict rate', async () => {
    const r = await runCheck(c4_5, {
      callbacks: [callback('A', { satisfaction: '基本满意' }), callback('B', { satisfaction: '4' }), callback('C', { reached: '未接通', satisfaction: undefined }), callback('D', { reached: '拒访', satisfaction: '不满意' })],
    });
    expect(r.metrics).toMatchObject({ valid: 2, satisfactionRate: 1, strictRate: 0 });
  });
  it('is not-applicable with no valid answer (nothing in scope), no-data without callbacks', async () => {
    expect((await runCheck(c4_5, { callbacks: [callback('C', { reached: '未接通', satisfaction: undefined })] })).status).toBe('not-applicable');
    expect((await runCheck(c4_5, { callbacks: [] , supplied: [] })).status).toBe('no-data');
  });
});

describe('4.6 refusals inside the statutory warranty', () => {
  it('maps categories to warranty classes', () => {
    expect(['渗漏', '管道渗漏', '卫生间渗水', '屋面防水', '顶层屋面漏雨', '下水管道堵塞', '门窗五金', '其他', '装修'].map(warrantyClass)).toEqual([
      '渗漏', '渗漏', '渗漏', '屋面防水', '屋面防水', '管道堵塞', '门窗五金', '其他', null,
    ]);
  });
  it('counts periods from delivery, and one heating season to the end of the first full season', () => {
    expect(warrantyEnd('渗漏', '2024-06-30', DEFAULT_PARAMETERS)).toBe('2025-06-30');
    expect(warrantyEnd('管道堵塞', '2024-12-31', DEFAULT_PARAMETERS)).toBe('2025-02-28');
    expect(warrantyEnd('供热供冷', '2024-06-30', DEFAULT_PARAMETERS)).toBe('2025-04-05');
    expect(warrantyEnd('供热供冷', '2024-12-01', DEFAULT_PARAMETERS)).toBe('2026-04-05');
    expect(warrantyEnd('其他', '2024-06-30', DEFAULT_PARAMETERS)).toBeNull();
  });
  it.each([
    ['leak refused inside one year', '渗漏', '2025-06-30T10:00:00', 'fail', ['A']],
    ['leak refused after one year', '渗漏', '2025-07-01T10:00:00', 'pass', []],
    ['roof refused inside three years', '屋面防水', '2027-01-01T10:00:00', 'fail', ['A']],
    ['category 其他 cannot be judged', '其他', '2024-08-01T10:00:00', 'pass', []],
  ] as const)('%s', async (_name, category, receivedAt, status, failing) => {
    const r = await runCheck(c4_6, {
      units: [{ project: '海岸华庭', unit: '1-1-101', soldAt: '2023-01-01', deliveredAt: '2024-06-30' }],
      complaints: [complaint('A', { kind: '报修', category, receivedAt, warranty: '超出保修期' })],
      asOf: '2027-12-31', // the 2027 case exists only when the audit looks from after it
    });
    expect(r.status).toBe(status);
    expect(ids(r)).toEqual(failing);
  });
  it('is no-data without delivery dates', async () => {
    const r = await runCheck(c4_6, { units: [{ project: '海岸华庭', unit: '1-1-101', soldAt: '2023-01-01' }], complaints: [complaint('A', { warranty: '超出保修期', category: '渗漏' })] });
    expect(r.status).toBe('no-data');
  });
});

describe('4.8 forwarded: in-person reply and written report', () => {
  it('finds closed forwarded complaints missing either', async () => {
    const r = await runCheck(c4_8, {
      complaints: [
        complaint('A', { channel: '主管部门转办', repliedInPersonAt: '2025-03-05', writtenReport: 'BG-1', closedAt: '2025-03-06' }),
        complaint('B', { channel: '主管部门转办', repliedInPersonAt: '2025-03-05', closedAt: '2025-03-06' }),
        complaint('C', { channel: '12345转办', status: '处理中', referralDue: '2025-12-30' }),
        complaint('D', { channel: '来电' }),
      ],
      asOf: '2025-06-30',
    });
    expect(r.status).toBe('fail');
    expect(ids(r)).toEqual(['B']);
    expect(r.metrics).toMatchObject({ forwarded: 3, missing: 1, pending: 1 });
  });
});

describe('5.1 callback rate (以上 includes 30%)', () => {
  const units = Array.from({ length: 10 }, (_, i) => ({ project: i < 8 ? '海岸华庭' : '金沙湾', unit: `U${i}`, soldAt: '2024-01-01' }));
  it('passes at exactly 30%, warns on a project never called back, counts a unit once', async () => {
    const r = await runCheck(c5_1, {
      units,
      callbacks: [callback('1', { unit: 'U0' }), callback('2', { unit: 'U1' }), callback('3', { unit: 'U2' }), callback('4', { unit: 'U2' }), callback('5', { unit: 'U3', reached: '未接通' })],
      period: { from: '2025-01-01', to: '2025-12-31' },
    });
    expect(r.metrics).toMatchObject({ callbackRate: 0.3, soldUnits: 10, reachedUnits: 3, projectRates: { 海岸华庭: 0.375, 金沙湾: 0 } });
    expect(r.status).toBe('warn');
    expect(messages(r)).toEqual(['project-not-sampled']);
  });
  it('fails below 30%, and does not count homes sold after the period', async () => {
    const late = units.map((u, i) => (i >= 5 ? { ...u, soldAt: '2026-02-01' } : u));
    const r = await runCheck(c5_1, { units: late, callbacks: [callback('1', { unit: 'U0' })], period: { from: '2025-01-01', to: '2025-12-31' } });
    expect(r.metrics).toMatchObject({ soldUnits: 5, reachedUnits: 1, callbackRate: 0.2 });
    expect(r.status).toBe('fail');
  });
  it('uses the profile\'s sold counts without a units ledger', async () => {
    const r = await runCheck(c5_1, {
      profile: { enterprise: { name: 'x', qualification: '二级' }, projects: [{ name: '海岸华庭', unitsSold: 5 }] },
      callbacks: [callback('1', { unit: 'U0' }), callback('2', { unit: 'U1' })],
    });
    expect(r.metrics).toMatchObject({ callbackRate: 0.4 });
    expect(r.notes.map((n) => n.message)).toEqual(['from-profile']);
  });
});

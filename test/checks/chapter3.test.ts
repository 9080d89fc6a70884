import { describe, expect, it } from 'vitest';
import c3_1_5 from '../../src/checks/3.1.5-escalations.js';
import c3_1_7 from '../../src/checks/3.1.7-forwarded-on-time.js';
import c3_2_2 from '../../src/checks/3.2.2-record-keeping.js';
import c3_2_3 from '../../src/checks/3.2.3-inquiries.js';
import c3_2_4 from '../../src/checks/3.2.4-follow-up-callbacks.js';
import { callback, complaint, ids, runCheck } from './harness.js';

describe('3.1.5 escalations', () => {
  it('fails on each escalation caused by the enterprise and lists the others', async () => {
    const r = await runCheck(c3_1_5, {
      complaints: [
        complaint('A', { escalated: '否' }),
        complaint('B', { escalated: '是', escalationCause: '企业原因' }),
        complaint('C', { escalated: '是', escalationCause: '其他' }),
        complaint('D', { escalated: '是', escalationCause: '企业原因', receivedAt: '2024-12-30T10:00:00' }),
      ],
      period: { from: '2025-01-01', to: '2025-12-31' },
    });
    expect(r.status).toBe('fail');
    expect(ids(r, 'fail')).toEqual(['B']);
    expect(ids(r, 'info')).toEqual(['C']);
  });
  it('passes with no enterprise-caused escalation, and is no-data without the column', async () => {
    expect((await runCheck(c3_1_5, { complaints: [complaint('A', { escalated: '否' })] })).status).toBe('pass');
    expect((await runCheck(c3_1_5, { complaints: [complaint('A')] })).status).toBe('no-data');
  });
});

describe('3.1.7 forwarded complaints closed by their due date', () => {
  const forwarded = (id: string, fields: object) => complaint(id, { channel: '主管部门转办', referralDue: '2025-03-20', ...fields });
  it.each([
    ['closed on the due day', forwarded('A', { closedAt: '2025-03-20T17:00:00' }), 'pass', []],
    ['closed after it', forwarded('B', { closedAt: '2025-03-21T09:00:00' }), 'fail', ['B']],
    ['no due date', forwarded('C', { referralDue: undefined, closedAt: '2025-03-10' }), 'fail', ['C']],
    ['open, due passed', forwarded('D', { status: '处理中' }), 'fail', ['D']],
    ['12345, closed in time', complaint('E', { channel: '12345转办', referralDue: '2025-03-20', closedAt: '2025-03-19' }), 'pass', []],
    ['not forwarded: nothing in scope', complaint('F', { closedAt: '2025-09-01' }), 'not-applicable', []],
  ] as const)('%s', async (_name, record, status, failing) => {
    const r = await runCheck(c3_1_7, { complaints: [record], asOf: '2025-06-30' });
    expect(r.status).toBe(status);
    expect(ids(r)).toEqual(failing);
  });
  it('an open one before its due date is pending', async () => {
    const r = await runCheck(c3_1_7, { complaints: [forwarded('G', { status: '处理中' })], asOf: '2025-03-15' });
    expect(r.status).toBe('pass');
    expect(r.metrics['pending']).toBe(1);
  });
});

describe('3.2.2 record keeping', () => {
  it('finds records without handler, time or status, and complaints past deadline without opinion', async () => {
    const r = await runCheck(c3_2_2, {
      complaints: [
        complaint('A', { opinionAt: '2025-03-04' }),
        complaint('B', { handler: undefined, opinionAt: '2025-03-04' }),
        complaint('C', { receivedAt: undefined, status: undefined }),
        complaint('D'),
        complaint('E', { kind: '咨询' }),
      ],
      asOf: '2025-06-30',
    });
    expect(r.status).toBe('fail');
    expect(r.findings.map((f) => [f.record, f.message])).toEqual([
      ['B', 'incomplete'],
      ['C', 'incomplete'],
      ['D', 'no-opinion'],
    ]);
    expect(r.findings[1]!.data['fields']).toBe('受理时间、处理状态');
  });
});

describe('3.2.3 inquiries', () => {
  it('gives working-day figures and warns on unanswered inquiries', async () => {
    const r = await runCheck(c3_2_3, {
      complaints: [
        complaint('A', { kind: '咨询', receivedAt: '2025-03-03T09:00:00', opinionAt: '2025-03-03T10:00:00' }),
        complaint('B', { kind: '咨询', receivedAt: '2025-03-03T09:00:00', opinionAt: '2025-03-05T10:00:00' }),
        complaint('C', { kind: '咨询', receivedAt: '2025-03-03T09:00:00' }),
      ],
      asOf: '2025-06-30',
    });
    expect(r.status).toBe('warn');
    expect(r.metrics).toMatchObject({ inquiries: 3, medianWorkingDays: 0, maxWorkingDays: 2, unanswered: 1 });
    expect(ids(r)).toEqual(['C']);
  });
});

describe('3.2.4 follow-up callbacks', () => {
  it('warns on each closed complaint or repair without a linked callback', async () => {
    const r = await runCheck(c3_2_4, {
      complaints: [
        complaint('A', { closedAt: '2025-03-05' }),
        complaint('B', { kind: '报修', closedAt: '2025-03-06' }),
        complaint('C', { kind: '咨询', closedAt: '2025-03-06' }),
        complaint('D', { status: '处理中' }),
      ],
      callbacks: [callback('H1', { complaintId: 'A' })],
    });
    expect(r.status).toBe('warn');
    expect(ids(r)).toEqual(['B']);
    expect(r.metrics['followUpRate']).toBe(0.5);
  });
  it('is no-data without callbacks', async () => {
    expect((await runCheck(c3_2_4, { complaints: [complaint('A')] })).status).toBe('no-data');
  });
});

// The batch summary's model and its progress line, as plain functions.
import { describe, expect, it } from 'vitest';
import { progressLine } from '../src/batch/progress.js';
import { batchExitCode, buildSummary, canonical, failedRow, firstMismatch, reduceReport, type ReducedReport } from '../src/batch/summary.js';

function report(over: { asOf?: string; rate?: number; verdict?: string; schemaVersion?: string; parameters?: object } = {}) {
  return {
    schemaVersion: over.schemaVersion ?? '1.0',
    enterprise: { name: '青岛某置业有限公司', uscc: null, qualification: '二级' },
    verdict: over.verdict ?? 'compliant',
    summary: { pass: 2, fail: 0, warn: 0, manual: 0, 'not-applicable': 0, 'no-data': 0 },
    period: { from: '2025-01-01', to: '2025-12-31', asOf: over.asOf ?? '2026-01-10' },
    parameters: over.parameters ?? { a: 1, b: { c: 2 } },
    dataQuality: { count: 3 },
    chapters: [{ clauses: [{ id: '4.7', status: 'pass', metrics: { onTimeRate: over.rate ?? 0.95 } }, { id: '2.4', status: 'pass', metrics: { counted: 4, minFullTime: 3 } }] }],
  };
}

describe('the batch summary', () => {
  it('reduces a report to its row: the clause statuses, the key rates, the staff and the issue count', () => {
    const { row } = reduceReport(report(), 'x');
    expect(row).toMatchObject({ folder: 'x', verdict: 'compliant', dataQualityIssues: 3, clauses: { '4.7': 'pass', '2.4': 'pass' } });
    expect(row.metrics).toMatchObject({ onTimeRate: 0.95, handlingRate: null, fullTimeStaff: 4, fullTimeRequired: 3 });
  });

  it('sorts rows by folder whatever order they came in, and counts each clause\'s statuses across enterprises', () => {
    const reduced = ['b', 'a', 'c'].map((f, i) => reduceReport(report({ rate: [0.5, 0.9, 1][i]! }), f));
    const rows = [...reduced.map((r) => r.row), failedRow('0-broken', { zh: '坏', en: 'bad' })];
    const one = buildSummary(rows, reduced, 'en');
    const two = buildSummary([...rows].reverse(), [...reduced].reverse(), 'en');
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.enterprises.map((r) => r.folder)).toEqual(['0-broken', 'a', 'b', 'c']);
    expect(one.clauses.map((c) => c.id)).toEqual(['2.4', '4.7']);
    expect(one.clauses[1]!.counts.pass).toBe(3);
    expect(one.totals).toMatchObject({ enterprises: 4, compliant: 3, failed: 1 });
    // Nearest-rank quantiles of 0.5, 0.9, 1: values of real enterprises.
    expect(one.distributions.onTimeRate).toMatchObject({ n: 3, min: 0.5, p25: 0.5, median: 0.9, p75: 1, max: 1 });
    expect(one.distributions.onTimeRate.tenths).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(batchExitCode(one)).toBe(1);
    expect(batchExitCode(buildSummary(reduced.map((r) => r.row), reduced, 'en'))).toBe(0);
    expect(batchExitCode(buildSummary([], [], 'en'))).toBe(2);
  });

  it('finds reports that differ in as-of date, parameters or schema version; key order is no difference', () => {
    const same: ReducedReport[] = [reduceReport(report(), 'a'), reduceReport(report({ parameters: { b: { c: 2 }, a: 1 } }), 'b')];
    expect(canonical({ b: 1, a: [1, { d: 1, c: 2 }] })).toBe('{"a":[1,{"c":2,"d":1}],"b":1}');
    expect(firstMismatch(same)).toBeNull();
    expect(firstMismatch([...same, reduceReport(report({ asOf: '2026-01-11' }), 'c')])).toEqual({ folder: 'c', other: 'a', what: 'asOf' });
    expect(firstMismatch([...same, reduceReport(report({ parameters: { a: 2, b: { c: 2 } } }), 'c')])?.what).toBe('parameters');
    expect(firstMismatch([...same, reduceReport(report({ schemaVersion: '2.0' }), 'c')])?.what).toBe('schemaVersion');
  });
});

describe('the batch progress line', () => {
  const io = (isTTY: boolean, env: Record<string, string> = {}) => {
    const written: string[] = [];
    return { written, io: { stdout: { write: () => true }, stderr: { write: (t: string) => written.push(t), isTTY }, env } };
  };

  it('shows enterprises done of total and the one running longest, on a terminal only', () => {
    const tty = io(true);
    const line = progressLine(tty.io, false, 'en')!;
    line.update(3, 10, [{ folder: 'slow', since: Date.now() - 5000 }, { folder: 'fast', since: Date.now() }]);
    line.end();
    expect(tty.written.join('')).toContain('batch: 3 of 10 done · slowest: slow (5 s)');
    expect(progressLine(io(false).io, false, 'en')).toBeNull();
    expect(progressLine(io(true, { CI: 'true' }).io, false, 'en')).toBeNull();
    expect(progressLine(io(true).io, true, 'en')).toBeNull();
  });
});

// SPEC §3's readings end to end (issue 12: 2, 5, 16, 17): folders of CSV files through the whole
// audit, where what the reading and the runner do (which datasets count as supplied, the as-of date
// known while rows stream, rows left out or still judged) matters as much as the clause checks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit, type AuditResult } from '../src/audit.js';
import { buildCalendar } from '../src/calendar/calendar.js';
import { DEFAULT_PARAMETERS } from '../src/checks/parameters.js';

const calendar = buildCalendar();

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aa-readings-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const PROFILE = 'enterprise:\n  name: 青岛某某置业有限公司\n  qualification: 二级\nperiod: { from: 2025-01-01, to: 2025-12-31 }\n';
const COMPLAINTS = '编号,项目名称,房号,受理渠道,类别,受理时间,处理意见时间,处理意见,办结时间,处理状态,经办人';
const CALLBACKS = '回访编号,项目名称,房号,回访日期,回访方式,回访人,回访状态,满意度,关联投诉编号';
const UNITS = '项目名称,房号,签约日期,交付日期';
const STAFF = '姓名,岗位,所属部门,用工性质,到岗日期';
const units = (n: number): string => [UNITS, ...Array.from({ length: n }, (_, i) => `海岸华庭,1-1-${101 + i},2024-01-01,2024-06-30`)].join('\n');

async function audit(dir: string, asOf: string | null = null): Promise<AuditResult> {
  return runAudit({
    dir, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000,
    from: null, to: null, asOf, today: '2026-06-01', only: null, skip: [],
    params: DEFAULT_PARAMETERS, calendar,
  });
}

const clause = (result: AuditResult, id: string) => result.clauses.find((c) => c.check.id === id)!.result;
const pairs = (result: AuditResult, id: string) => clause(result, id).findings.map((f) => [f.record, f.message]);

describe('SPEC §3 readings through the whole audit', () => {
  it('#12.17 a callback sheet supplied with no row: 5.1 is 0% and fails, 3.2.4 is 0% and warns, 4.5 not-applicable', async () => {
    const dir = folder({
      'profile.yaml': PROFILE,
      '投诉台账.csv': `${COMPLAINTS}\nA1,海岸华庭,1-1-101,来电,投诉,2025-03-03 09:00,2025-03-04,已维修,2025-03-05,已办结,李娜\n`,
      '回访记录.csv': `${CALLBACKS}\n`,
      '已售房源台账.csv': units(4),
    });
    const r = await audit(dir);
    expect([clause(r, '5.1').status, clause(r, '5.1').metrics['callbackRate']]).toEqual(['fail', 0]);
    expect([clause(r, '3.2.4').status, clause(r, '3.2.4').metrics['followUpRate']]).toEqual(['warn', 0]);
    expect(clause(r, '4.5').status).toBe('not-applicable');
  });

  it('#12.17 a complaint register with no row leaves its clauses no-data', async () => {
    const r = await audit(folder({ 'profile.yaml': PROFILE, '投诉台账.csv': `${COMPLAINTS}\n` }));
    expect(['3.1.7', '3.2.2', '4.4', '4.7', '4.8'].map((id) => clause(r, id).status)).toEqual(['no-data', 'no-data', 'no-data', 'no-data', 'no-data']);
  });

  it('#12.2 by default the as-of date is the period end: a December complaint answered in January is unhandled in 4.4 and 3.2.2', async () => {
    const dir = folder({
      'profile.yaml': PROFILE,
      '投诉台账.csv': [
        COMPLAINTS,
        'A1,海岸华庭,1-1-101,来电,投诉,2025-12-22 09:00,2026-01-05,已维修,2026-01-06,已办结,李娜',
        'A2,海岸华庭,1-1-102,来电,投诉,2025-12-29 09:00,2026-01-05,已维修,2026-01-06,已办结,李娜',
      ].join('\n'),
    });
    const r = await audit(dir);
    expect(r.period.asOf).toBe('2025-12-31');
    // A1's deadline (12-25) has passed; A2's (2026-01-04, a make-up working Sunday) is after the as-of date: pending.
    expect(pairs(r, '4.4')).toEqual([['A1', 'unhandled']]);
    expect(clause(r, '4.4').metrics).toMatchObject({ handlingRate: 0, due: 1, pending: 1 });
    expect(pairs(r, '3.2.2')).toEqual([['A1', 'no-opinion']]);
    expect(pairs(r, '4.7')).toEqual([['A1', 'no-opinion']]);
  });

  it('#12.2 callbacks dated after --as-of reach no home for 5.1 and give no answer for 4.5', async () => {
    const dir = folder({
      'profile.yaml': PROFILE,
      '回访记录.csv': [CALLBACKS, 'H1,海岸华庭,1-1-101,2025-03-10,电话,李娜,已回访,满意,', 'H2,海岸华庭,1-1-102,2025-09-10,电话,李娜,已回访,不满意,'].join('\n'),
      '已售房源台账.csv': units(4),
    });
    const r = await audit(dir, '2025-06-30');
    expect(clause(r, '5.1').metrics).toMatchObject({ reachedUnits: 1, callbackRate: 0.25 });
    expect(clause(r, '4.5').metrics).toMatchObject({ valid: 1, satisfactionRate: 1 });
  });

  it('#12.5 rejected counts rows left out of every check; rows with issues still judged are counted apart', async () => {
    const dir = folder({
      'profile.yaml': PROFILE,
      '人员花名册.csv': `${STAFF}\n李娜,客服专员,客户服务中心,专职,2020-01-01\n`,
      // A2's handler is not on the roster, A3 has no valid received time: both still judged.
      '投诉台账.csv': [
        COMPLAINTS,
        'A1,海岸华庭,1-1-101,来电,投诉,2025-03-03 09:00,2025-03-04,已维修,2025-03-05,已办结,李娜',
        'A2,海岸华庭,1-1-102,来电,投诉,2025-03-03 09:00,2025-03-04,已维修,2025-03-05,已办结,王五',
        'A3,海岸华庭,1-1-103,来电,投诉,三月三日,2025-03-04,已维修,2025-03-05,已办结,李娜',
        'A1,海岸华庭,1-1-104,来电,投诉,2025-03-03 09:00,2025-03-04,已维修,2025-03-05,已办结,李娜',
      ].join('\n'),
      // H2 has neither a readable date nor a linked case: no check can use it.
      '回访记录.csv': [CALLBACKS, 'H1,海岸华庭,1-1-101,2025-03-10,电话,李娜,已回访,满意,A1', 'H2,海岸华庭,1-1-102,不详,电话,李娜,已回访,满意,'].join('\n'),
      '已售房源台账.csv': units(4),
    });
    const r = await audit(dir);
    const inputs = Object.fromEntries(r.reading.inputs.map((i) => [i.dataset, [i.rows, i.rejected, i.withIssues]]));
    expect(inputs).toMatchObject({ complaints: [4, 0, 3], callbacks: [2, 1, 0], staff: [1, 0, 0], units: [4, 0, 0] });
    // #12.16: the row with the duplicate id A1 and the row without a received time are judged.
    expect(pairs(r, '3.2.2')).toEqual([['A3', 'incomplete']]);
    expect(clause(r, '3.2.4').metrics).toMatchObject({ closed: 4, withCallback: 2 });
  });

  it('#12.17 a units ledger with no row is no ledger: 5.1 counts reached homes against the profile\'s sold counts', async () => {
    const dir = folder({
      'profile.yaml': `${PROFILE}projects:\n  - { name: 海岸华庭, unitsSold: 4 }\n`,
      '回访记录.csv': [CALLBACKS, 'H1,海岸华庭,1-1-101,2025-03-10,电话,李娜,已回访,满意,', 'H2,海岸华庭,1-1-102,2025-03-11,电话,李娜,,满意,'].join('\n'),
      '已售房源台账.csv': `${UNITS}\n`,
    });
    const r = await audit(dir);
    expect(clause(r, '5.1').metrics).toMatchObject({ soldUnits: 4, reachedUnits: 2, callbackRate: 0.5 });
  });
});

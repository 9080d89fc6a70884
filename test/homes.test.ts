// One home written differently in different files (房号: 2号楼1单元401 in the ledger, 2#1-401 on the
// callback sheet) is matched as one home by 5.1, 4.6 and the cross-file checks; reports keep the
// user's own text. The spellings themselves are tabled in identifiers.test.ts.
import { describe, expect, it } from 'vitest';
import c4_6 from '../src/checks/4.6-warranty.js';
import c5_1 from '../src/checks/5.1-callback-rate.js';
import { createUnitsIndex } from '../src/units-index.js';
import { createIntegrity, createRegisters } from '../src/validate/integrity.js';
import { callback, complaint, ids, runCheck } from './checks/harness.js';

const at = (row: number) => ({ file: 'f.csv', sheet: null, row });
const codes = (issues: readonly { code: string; value: string | null; data: object }[]) => issues.map((i) => [i.code, i.value, i.data]);

describe('cross-file checks match a home however it is written', () => {
  it('finds a callback\'s home in the ledger under another spelling, and a duplicate under another spelling', () => {
    const registers = createRegisters();
    const integrity = createIntegrity(registers);
    for (const d of ['units', 'callbacks'] as const) integrity.supplied(d);
    expect(integrity.check('units', { project: '海岸华庭', unit: '2号楼1单元401' }, at(2), {})).toEqual([]);
    expect(integrity.check('units', { project: '海岸华庭', unit: '1401' }, at(3), {})).toEqual([]);
    expect(integrity.check('units', { project: '海岸华庭', unit: '14-01' }, at(4), {})).toEqual([]);
    expect(integrity.check('units', { project: '海岸华庭', unit: '5#302' }, at(5), {})).toEqual([]);
    expect(codes(integrity.check('units', { project: '海岸华庭', unit: '02-01-0401' }, at(6), {}))).toEqual([['duplicate-id', '02-01-0401', { firstRow: 2, firstFile: 'f.csv', firstSheet: '' }]]);
    for (const [row, unit] of [[2, '2#1-401'], [3, '2栋1单元401室'], [4, '２－１－４０１'], [5, '5号楼302'], [6, '1401室'], [7, '14-01']] as const) {
      expect(integrity.check('callbacks', { id: `HF${row}`, project: '海岸华庭', unit }, at(row), {})).toEqual([]);
    }
    // Not the same homes: no unit vs a unit, another building, another project.
    expect(codes(integrity.check('callbacks', { id: 'HF8', project: '海岸华庭', unit: '5#1-302' }, at(8), {}))).toEqual([['unknown-unit', '5#1-302', { project: '海岸华庭' }]]);
    expect(codes(integrity.check('callbacks', { id: 'HF9', project: '海岸华庭', unit: '12-1-401' }, at(9), {}))).toEqual([['unknown-unit', '12-1-401', { project: '海岸华庭' }]]);
    expect(codes(integrity.check('callbacks', { id: 'HF10', project: '山语城', unit: '2-1-401' }, at(10), {}))).toEqual([['unknown-unit', '2-1-401', { project: '山语城' }]]);
    expect(registers.units.size).toBe(4);
  });

  it('the units index answers for any spelling of a home it holds', () => {
    const units = createUnitsIndex();
    units.add('海岸华庭', '2号楼1单元401', '2023-01-01', '2024-06-30');
    expect(units.deliveredAt('海岸华庭', '02-01-0401')).toBe('2024-06-30');
    expect(units.deliveredAt('海岸华庭', '2#1401')).toBeUndefined();
    units.markReached('海岸华庭', '2幢1单元401');
    expect(units.coverage('2025-12-31')).toEqual([['海岸华庭', { sold: 1, reached: 1 }]]);
  });
});

describe('5.1 counts a home once however its callbacks write it', () => {
  const period = { from: '2025-01-01', to: '2025-12-31' };
  it('with a units ledger', async () => {
    const units = [
      { project: '海岸华庭', unit: '2号楼1单元401', soldAt: '2024-01-01' },
      { project: '海岸华庭', unit: '2号楼1单元402', soldAt: '2024-01-01' },
      { project: '海岸华庭', unit: '1401', soldAt: '2024-01-01' },
      { project: '海岸华庭', unit: '14-01', soldAt: '2024-01-01' },
    ];
    const callbacks = [callback('1', { unit: '2#1-401' }), callback('2', { unit: '2-1-401' }), callback('3', { unit: '1401室' })];
    const r = await runCheck(c5_1, { units, callbacks, period });
    expect(r.metrics).toMatchObject({ soldUnits: 4, reachedUnits: 2, callbackRate: 0.5 });
  });
  it('with the profile\'s sold counts', async () => {
    const profile = { enterprise: { name: 'x', qualification: '二级' as const }, projects: [{ name: '海岸华庭', unitsSold: 10 }] };
    const callbacks = ['2号楼1单元401', '2#1-401', '02-01-0401', '1401', '14-01'].map((unit, i) => callback(String(i), { unit }));
    const r = await runCheck(c5_1, { profile, callbacks, period });
    expect(r.metrics).toMatchObject({ reachedUnits: 3, callbackRate: 0.3 });
  });
});

describe('4.6 finds the delivery date of a home written another way, and shows the complaint\'s own text', () => {
  it('fails a leak refused inside one year of delivery', async () => {
    const r = await runCheck(c4_6, {
      units: [{ project: '海岸华庭', unit: '2号楼1单元401', soldAt: '2023-01-01', deliveredAt: '2024-06-30' }],
      complaints: [complaint('A', { unit: '2#1-401', kind: '报修', category: '渗漏', receivedAt: '2025-03-03T10:00:00', warranty: '超出保修期' })],
    });
    expect(r.status).toBe('fail');
    expect(ids(r)).toEqual(['A']);
    expect(r.findings[0]!.data).toMatchObject({ unit: '海岸华庭/2#1-401', delivered: '2024-06-30' });
  });
});

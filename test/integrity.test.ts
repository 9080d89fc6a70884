// The registers every id is numbered in once, shared by the integrity checks, the units index and
// 3.2.4: each must see the same numbers and keep its own facts.
import { describe, expect, it } from 'vitest';
import { createUnitsIndex } from '../src/units-index.js';
import { issueMessage } from '../src/i18n.js';
import { createIntegrity, createRegisters, unitKey } from '../src/validate/integrity.js';

const at = (row: number) => ({ file: 'f.csv', sheet: null, row });
const codes = (issues: readonly { code: string; data: object }[]) => issues.map((i) => [i.code, i.data]);

describe('integrity over shared registers', () => {
  it('a duplicate names both places, across files and sheets, in both languages', () => {
    const integrity = createIntegrity(createRegisters());
    const place = (file: string, sheet: string | null, row: number) => ({ file, sheet, row });
    expect(integrity.check('complaints', { id: 'TS1' }, place('上半年投诉台账.xlsx', '3月', 2), {})).toEqual([]);
    expect(integrity.check('complaints', { id: 'TS2' }, place('下半年投诉台账.csv', null, 2), {})).toEqual([]);
    const [again] = integrity.check('complaints', { id: 'TS1' }, place('下半年投诉台账.csv', null, 2), { id: '编号' });
    expect(again).toMatchObject({ code: 'duplicate-id', file: '下半年投诉台账.csv', sheet: null, row: 2, data: { firstRow: 2, firstFile: '上半年投诉台账.xlsx', firstSheet: '3月' } });
    expect(issueMessage(again!, 'zh')).toBe('编号重复：与 上半年投诉台账.xlsx「3月」第 2 行的编号相同');
    expect(issueMessage(again!, 'en')).toBe('duplicate id: the same as 上半年投诉台账.xlsx [3月] row 2');
    const [inCsv] = integrity.check('complaints', { id: 'TS2' }, place('下半年投诉台账.csv', null, 7), {});
    expect(issueMessage(inCsv!, 'zh')).toBe('编号重复：与 下半年投诉台账.csv 第 2 行的编号相同');
    expect(integrity.placeOf('complaints', { id: 'TS2' })).toEqual(place('下半年投诉台账.csv', null, 2));
    expect(integrity.placeOf('complaints', { id: 'TS9' })).toBeNull();
  });

  it('reports duplicates with the row first seen, and references to unknown cases and units', () => {
    const registers = createRegisters();
    const integrity = createIntegrity(registers);
    for (const d of ['units', 'complaints', 'callbacks'] as const) integrity.supplied(d);
    expect(integrity.check('units', { project: '海岸华庭', unit: '1-1-101' }, at(2), {})).toEqual([]);
    expect(codes(integrity.check('units', { project: '海岸华庭', unit: '1-1-101' }, at(9), {}))).toEqual([['duplicate-id', { firstRow: 2, firstFile: 'f.csv', firstSheet: '' }]]);
    expect(integrity.check('complaints', { id: 'TS1' }, at(3), {})).toEqual([]);
    expect(integrity.check('complaints', { id: 'TS2' }, at(4), {})).toEqual([]);
    expect(codes(integrity.check('complaints', { id: 'TS1' }, at(5), {}))).toEqual([['duplicate-id', { firstRow: 3, firstFile: 'f.csv', firstSheet: '' }]]);
    expect(integrity.check('callbacks', { id: 'HF1', complaintId: 'TS2', project: '海岸华庭', unit: '1-1-101' }, at(2), {})).toEqual([]);
    expect(codes(integrity.check('callbacks', { id: 'HF2', complaintId: 'TS9', project: '海岸华庭', unit: '9-9-909' }, at(3), {}))).toEqual([
      ['unknown-complaint', {}],
      ['unknown-unit', { project: '海岸华庭' }],
    ]);
    expect(codes(integrity.check('callbacks', { id: 'HF1' }, at(4), {}))).toEqual([['duplicate-id', { firstRow: 2, firstFile: 'f.csv', firstSheet: '' }]]);
    // Each id once, in reading order.
    expect([registers.complaints.size, registers.callbacks.size, registers.units.size]).toEqual([2, 2, 1]);
    expect(registers.complaints.idAt(1)).toBe('TS2');
    expect(registers.units.indexOf(unitKey('海岸华庭', '1-1-101'))).toBe(0);
  });

  it('a unit key is its own project and unit, asked in any order (the last key is kept between calls)', () => {
    const a = unitKey('海岸华庭', '1-1-101');
    expect(unitKey('海岸华庭', '1-1-101')).toBe(a);
    expect(unitKey('海岸华庭', '1号楼1单元101')).toBe(a);
    expect(unitKey('山语城', '1-1-101')).not.toBe(a);
    expect(unitKey('海岸华庭', '1-1-102')).not.toBe(a);
    expect(unitKey('海岸华庭', '1-1-101')).toBe(a);
  });

  it('a reserve before a file is read keeps what was numbered and finds what comes', () => {
    const registers = createRegisters();
    const integrity = createIntegrity(registers);
    integrity.check('complaints', { id: 'TS1' }, at(2), {});
    integrity.expect('complaints', 100_000);
    integrity.expect('staff', 10);
    expect(codes(integrity.check('complaints', { id: 'TS1' }, at(3), {}))).toEqual([['duplicate-id', { firstRow: 2, firstFile: 'f.csv', firstSheet: '' }]]);
    integrity.supplied('complaints');
    expect(integrity.check('callbacks', { id: 'HF1', complaintId: 'TS1' }, at(2), {})).toEqual([]);
    expect(codes(integrity.check('callbacks', { id: 'HF2', complaintId: 'TS2' }, at(3), {}))).toEqual([['unknown-complaint', {}]]);
  });

  it('the units index keeps the first of a duplicated unit, and knows only units it was given', () => {
    const registers = createRegisters();
    const integrity = createIntegrity(registers);
    const units = createUnitsIndex(registers.units);
    const read = (project: string, unit: string, soldAt: string, deliveredAt: string) => {
      integrity.check('units', { project, unit }, at(2), {}); // the reading registers it first
      units.add(project, unit, soldAt, deliveredAt);
    };
    read('海岸华庭', '1-1-101', '2023-01-01', '2024-06-30');
    read('海岸华庭', '1-1-101', '2023-02-01', '2024-09-30');
    read('山语城', '2-1-201', '2023-03-01', '2024-06-30');
    // A key registered by someone else (not a ledger row) is no unit of the index.
    registers.units.add(unitKey('山语城', '9-9-909'));
    expect(units.size).toBe(2);
    expect(units.deliveredAt('海岸华庭', '1-1-101')).toBe('2024-06-30');
    expect(units.deliveredAt('山语城', '9-9-909')).toBeUndefined();
    units.markReached('山语城', '2-1-201');
    units.markReached('山语城', '9-9-909');
    expect(units.coverage('2025-12-31')).toEqual([
      ['山语城', { sold: 1, reached: 1 }],
      ['海岸华庭', { sold: 1, reached: 0 }],
    ]);
  });
});

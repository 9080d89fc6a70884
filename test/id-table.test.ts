import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIdTable } from '../src/validate/id-table.js';

describe('IdTable', () => {
  it('adds, finds and updates ids exactly, across growth', () => {
    const table = createIdTable(4);
    for (let i = 0; i < 10_000; i++) expect(table.add(`TS${i}`, i)).toBeUndefined();
    expect(table.size).toBe(10_000);
    expect(table.add('TS42', 99)).toBe(42);
    expect(table.get('TS9999')).toBe(9999);
    expect(table.has('TS10000')).toBe(false);
    expect(table.set('TS1', 7)).toBe(true);
    expect(table.set('nope', 7)).toBe(false);
    expect(table.get('TS1')).toBe(7);
    expect([...table.entries()].length).toBe(10_000);
  });

  it('behaves as a Map for any strings (Chinese, empty, look-alikes)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'binary', maxLength: 12 }), fc.integer({ min: 0, max: 1e9 })), { maxLength: 300 }), (pairs) => {
        const table = createIdTable(2);
        const map = new Map<string, number>();
        for (const [id, value] of pairs) {
          const before = map.get(id);
          expect(table.add(id, value)).toBe(before);
          if (before === undefined) map.set(id, value);
        }
        expect(table.size).toBe(map.size);
        for (const [id, value] of map) expect(table.get(id)).toBe(value);
        expect(new Map(table.entries())).toEqual(map);
      }),
    );
    const table = createIdTable();
    table.add('投诉编号一', 1);
    expect(table.has('投诉编号一')).toBe(true);
    expect(table.has('投诉编号二')).toBe(false);
  });
});

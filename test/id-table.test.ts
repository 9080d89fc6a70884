import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createColumn, createIdIndex } from '../src/validate/id-table.js';

describe('IdIndex', () => {
  it('numbers ids in the order first added, exactly, across growth', () => {
    const index = createIdIndex(4);
    for (let i = 0; i < 10_000; i++) expect(index.add(`TS${i}`)).toBe(i);
    expect(index.size).toBe(10_000);
    expect(index.add('TS42')).toBe(42);
    expect(index.size).toBe(10_000);
    expect(index.indexOf('TS9999')).toBe(9999);
    expect(index.indexOf('TS10000')).toBe(-1);
    expect(index.idAt(1234)).toBe('TS1234');
    expect(() => index.idAt(10_000)).toThrow(RangeError);
  });

  it('behaves as a Map from id to first-seen order for any strings (Chinese, empty, lone surrogates, look-alikes)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 300 }), (ids) => {
        const index = createIdIndex(2);
        const map = new Map<string, number>();
        for (const id of ids) {
          if (!map.has(id)) map.set(id, map.size);
          expect(index.add(id)).toBe(map.get(id));
        }
        expect(index.size).toBe(map.size);
        for (const [id, n] of map) {
          expect(index.indexOf(id)).toBe(n);
          expect(index.idAt(n)).toBe(id);
        }
      }),
    );
    const index = createIdIndex();
    index.add('投诉编号一');
    expect(index.indexOf('投诉编号一')).toBe(0);
    expect(index.indexOf('投诉编号二')).toBe(-1);
    expect(index.indexOf('投诉编号')).toBe(-1);
  });

  it('answers again after an add: an id looked up, absent, then added, is found', () => {
    const index = createIdIndex(2);
    expect(index.indexOf('TS1')).toBe(-1);
    expect(index.indexOf('TS1')).toBe(-1);
    expect(index.add('TS1')).toBe(0);
    expect(index.indexOf('TS1')).toBe(0);
    expect(index.indexOf('TS2')).toBe(-1);
    expect(index.add('TS2')).toBe(1);
    expect(index.indexOf('TS2')).toBe(1);
  });

  it('keeps every number when room is made ahead (reserve), empty or not, larger or smaller than now', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 200 }), fc.array(fc.nat(5000), { minLength: 1, maxLength: 4 }), (ids, reserves) => {
        const index = createIdIndex(2);
        const map = new Map<string, number>();
        ids.forEach((id, i) => {
          if (i % 50 === 0) index.reserve(reserves[(i / 50) % reserves.length]!);
          if (!map.has(id)) map.set(id, map.size);
          expect(index.add(id)).toBe(map.get(id));
        });
        index.reserve(reserves[0]!);
        for (const [id, n] of map) {
          expect(index.indexOf(id)).toBe(n);
          expect(index.idAt(n)).toBe(id);
        }
        expect(index.size).toBe(map.size);
      }),
    );
  });
});

describe('Column', () => {
  it('reads 0 where never set, and keeps 32-bit values across growth', () => {
    const column = createColumn();
    expect(column.get(5_000_000)).toBe(0);
    column.set(3, 0xffffffff);
    column.set(100_000, 7);
    expect(column.get(3)).toBe(0xffffffff);
    expect(column.get(100_000)).toBe(7);
    expect(column.get(99_999)).toBe(0);
    const narrow = createColumn(16);
    narrow.set(70_000, 0xffff);
    expect(narrow.get(70_000)).toBe(0xffff);
    narrow.set(1, 0x1_0001); // wraps, as a 16-bit array does
    expect(narrow.get(1)).toBe(1);
  });
});

// A compact, exact table of ids (complaint 编号, callback 回访编号) → a number, for the cross-file
// checks that must remember every id of a million-row register. A Map<string, number> costs about
// 70 bytes an id; this keeps the ids' UTF-16 code units in one growing buffer (an exact encoding of
// any JS string, lone surrogates included) and the slots of an open-addressing hash table in typed
// arrays: about 40 bytes for a 9-character id. Lookups compare the bytes: no false matches.

const EMPTY = 0;

export interface IdTable {
  readonly size: number;
  /** Adds `id` with `value` unless present. Returns the value already stored, or undefined when added. */
  add(id: string, value: number): number | undefined;
  get(id: string): number | undefined;
  has(id: string): boolean;
  /** Replaces the value of a present id; returns false when absent. */
  set(id: string, value: number): boolean;
  /** Every id with its value, in no particular order. */
  entries(): IterableIterator<[string, number]>;
}

export function createIdTable(expected = 1024): IdTable {
  let capacity = 1;
  while (capacity * 7 < expected * 10) capacity *= 2;
  let offsets = new Int32Array(capacity); // arena offset + 1 of the id's length prefix; 0 = empty
  let values = new Float64Array(capacity);
  let arena = Buffer.allocUnsafe(Math.max(4096, expected * 12));
  let used = 0;
  let size = 0;
  let scratch = Buffer.allocUnsafe(256);

  /** The id's UTF-16 code units in `scratch`; returns their byte length. */
  const encode = (id: string): number => {
    const length = id.length * 2;
    if (length > scratch.length) scratch = Buffer.allocUnsafe(length * 2);
    scratch.write(id, 0, 'utf16le');
    return length;
  };

  /** FNV-1a over the bytes. */
  const hash = (length: number): number => {
    let h = 0x811c9dc5;
    for (let i = 0; i < length; i++) h = Math.imul(h ^ scratch[i]!, 0x01000193);
    return h >>> 0;
  };

  const matches = (offset: number, length: number): boolean => {
    if (arena.readUInt16LE(offset) !== length) return false;
    const start = offset + 2;
    for (let i = 0; i < length; i++) if (arena[start + i] !== scratch[i]) return false;
    return true;
  };

  /** The slot holding the encoded id, or the empty slot where it would go. */
  const find = (length: number): number => {
    const mask = capacity - 1;
    let slot = hash(length) & mask;
    for (;;) {
      const stored = offsets[slot]!;
      if (stored === EMPTY || matches(stored - 1, length)) return slot;
      slot = (slot + 1) & mask;
    }
  };

  const grow = (): void => {
    const oldOffsets = offsets;
    const oldValues = values;
    capacity *= 2;
    offsets = new Int32Array(capacity);
    values = new Float64Array(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < oldOffsets.length; i++) {
      const stored = oldOffsets[i]!;
      if (stored === EMPTY) continue;
      const length = arena.readUInt16LE(stored - 1);
      let h = 0x811c9dc5;
      for (let k = 0; k < length; k++) h = Math.imul(h ^ arena[stored + 1 + k]!, 0x01000193);
      let slot = (h >>> 0) & mask;
      while (offsets[slot] !== EMPTY) slot = (slot + 1) & mask;
      offsets[slot] = stored;
      values[slot] = oldValues[i]!;
    }
  };

  const store = (length: number): number => {
    if (used + length + 2 > arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(arena.length * 2, used + length + 2));
      arena.copy(bigger, 0, 0, used);
      arena = bigger;
    }
    const offset = used;
    arena.writeUInt16LE(length, offset);
    scratch.copy(arena, offset + 2, 0, length);
    used += length + 2;
    return offset;
  };

  return {
    get size() {
      return size;
    },
    add(id, value) {
      const length = encode(id);
      if (length > 0xffff) throw new Error('id longer than 65535 bytes');
      const slot = find(length);
      if (offsets[slot] !== EMPTY) return values[slot];
      offsets[slot] = store(length) + 1;
      values[slot] = value;
      size++;
      if (size * 10 > capacity * 7) grow();
      return undefined;
    },
    get(id) {
      const slot = find(encode(id));
      return offsets[slot] === EMPTY ? undefined : values[slot];
    },
    has(id) {
      return offsets[find(encode(id))] !== EMPTY;
    },
    set(id, value) {
      const slot = find(encode(id));
      if (offsets[slot] === EMPTY) return false;
      values[slot] = value;
      return true;
    },
    *entries() {
      for (let i = 0; i < capacity; i++) {
        const stored = offsets[i]!;
        if (stored === EMPTY) continue;
        const length = arena.readUInt16LE(stored - 1);
        yield [arena.toString('utf16le', stored + 1, stored + 1 + length), values[i]!];
      }
    },
  };
}

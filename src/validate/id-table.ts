// A compact, exact table of ids (complaint 编号, callback 回访编号, project/unit) → a 32-bit number,
// for the cross-file checks that must remember every id of a million-row register. A
// Map<string, number> costs about 70 bytes an id; this keeps the ids' code units in 1 MiB chunks
// (one byte each when every one fits, else two: an exact encoding of any JS string) and the slots
// of an open-addressing hash table in typed arrays: about 25 bytes for a 9-character id.
// Lookups compare the stored code units: no false matches, and nothing is allocated.

const EMPTY = 0;
const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
/** An id's record: [code units: 2 bytes][wide: 1 byte][code units, 1 or 2 bytes each]. */
const HEAD = 3;

export interface IdTable {
  readonly size: number;
  /** Adds `id` with `value` (0 to 2³²−1) unless present. Returns the value already stored, or undefined when added. */
  add(id: string, value: number): number | undefined;
  get(id: string): number | undefined;
  has(id: string): boolean;
  /** Replaces the value of a present id; returns false when absent. */
  set(id: string, value: number): boolean;
  /** Every id with its value, in no particular order. */
  entries(): IterableIterator<[string, number]>;
}

export function createIdTable(expected = 1024): IdTable {
  let capacity = 16;
  while (capacity * 7 < expected * 10) capacity *= 2;
  let offsets = new Uint32Array(capacity); // position + 1 of the id's record; 0 = empty
  let values = new Uint32Array(capacity);
  const chunks: Uint8Array[] = [];
  let used = CHUNK; // position within the last chunk; starts "full" so the first add opens one
  let size = 0;

  // Set by hashOf for the id just hashed, so one pass over the string serves both.
  let wide = false;

  /** FNV-1a over the code units; notes in `wide` whether any needs two bytes. */
  const hashOf = (id: string): number => {
    let h = 0x811c9dc5;
    let high = 0;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      high |= c;
      h = Math.imul(h ^ c, 0x01000193);
    }
    wide = high > 0xff;
    return h >>> 0;
  };

  /** The same hash, read back from a stored record (for growing without making strings). */
  const hashAt = (position: number): number => {
    const chunk = chunks[position >>> CHUNK_BITS]!;
    const at = position & (CHUNK - 1);
    const length = chunk[at]! | (chunk[at + 1]! << 8);
    const step = chunk[at + 2] === 1 ? 2 : 1;
    let h = 0x811c9dc5;
    for (let i = at + HEAD, end = at + HEAD + length * step; i < end; i += step) {
      const c = step === 2 ? chunk[i]! | (chunk[i + 1]! << 8) : chunk[i]!;
      h = Math.imul(h ^ c, 0x01000193);
    }
    return h >>> 0;
  };

  const matches = (position: number, id: string): boolean => {
    const chunk = chunks[position >>> CHUNK_BITS]!;
    const at = position & (CHUNK - 1);
    if ((chunk[at]! | (chunk[at + 1]! << 8)) !== id.length || (chunk[at + 2] === 1) !== wide) return false;
    const start = at + HEAD;
    if (wide) {
      for (let i = 0; i < id.length; i++) if ((chunk[start + 2 * i]! | (chunk[start + 2 * i + 1]! << 8)) !== id.charCodeAt(i)) return false;
    } else {
      for (let i = 0; i < id.length; i++) if (chunk[start + i] !== id.charCodeAt(i)) return false;
    }
    return true;
  };

  /** The slot holding `id`, or the empty slot where it would go. */
  const find = (id: string): number => {
    const mask = capacity - 1;
    let slot = hashOf(id) & mask;
    for (;;) {
      const stored = offsets[slot]!;
      if (stored === EMPTY || matches(stored - 1, id)) return slot;
      slot = (slot + 1) & mask;
    }
  };

  const textAt = (position: number): string => {
    const chunk = chunks[position >>> CHUNK_BITS]!;
    const at = position & (CHUNK - 1);
    const length = chunk[at]! | (chunk[at + 1]! << 8);
    const bytes = chunk.subarray(at + HEAD, at + HEAD + (chunk[at + 2] === 1 ? 2 : 1) * length);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString(chunk[at + 2] === 1 ? 'utf16le' : 'latin1');
  };

  const grow = (): void => {
    const oldOffsets = offsets;
    const oldValues = values;
    capacity *= 2;
    offsets = new Uint32Array(capacity);
    values = new Uint32Array(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < oldOffsets.length; i++) {
      const stored = oldOffsets[i]!;
      if (stored === EMPTY) continue;
      let slot = hashAt(stored - 1) & mask;
      while (offsets[slot] !== EMPTY) slot = (slot + 1) & mask;
      offsets[slot] = stored;
      values[slot] = oldValues[i]!;
    }
  };

  /** Writes the id (hashed just before, so `wide` is its own) and returns its position. */
  const store = (id: string): number => {
    const length = HEAD + id.length * (wide ? 2 : 1);
    if (id.length > 0xffff || length > CHUNK) throw new Error('id longer than the table takes');
    if (used + length > CHUNK) {
      chunks.push(new Uint8Array(CHUNK));
      used = 0;
    }
    const position = (chunks.length - 1) * CHUNK + used;
    const chunk = chunks[chunks.length - 1]!;
    chunk[used] = id.length & 0xff;
    chunk[used + 1] = id.length >>> 8;
    chunk[used + 2] = wide ? 1 : 0;
    const start = used + HEAD;
    if (wide) {
      for (let i = 0; i < id.length; i++) {
        const c = id.charCodeAt(i);
        chunk[start + 2 * i] = c & 0xff;
        chunk[start + 2 * i + 1] = c >>> 8;
      }
    } else {
      for (let i = 0; i < id.length; i++) chunk[start + i] = id.charCodeAt(i);
    }
    used += length;
    return position;
  };

  return {
    get size() {
      return size;
    },
    add(id, value) {
      const slot = find(id);
      if (offsets[slot] !== EMPTY) return values[slot];
      offsets[slot] = store(id) + 1;
      values[slot] = value;
      size++;
      if (size * 10 > capacity * 7) grow();
      return undefined;
    },
    get(id) {
      const slot = find(id);
      return offsets[slot] === EMPTY ? undefined : values[slot];
    },
    has(id) {
      return offsets[find(id)] !== EMPTY;
    },
    set(id, value) {
      const slot = find(id);
      if (offsets[slot] === EMPTY) return false;
      values[slot] = value;
      return true;
    },
    *entries() {
      for (let i = 0; i < capacity; i++) {
        const stored = offsets[i]!;
        if (stored !== EMPTY) yield [textAt(stored - 1), values[i]!];
      }
    },
  };
}

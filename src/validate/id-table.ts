// A compact, exact table of ids (complaint 编号, callback 回访编号, project/unit) → a 32-bit number,
// for the cross-file checks that must remember every id of a million-row register. A
// Map<string, number> costs about 70 bytes an id; this keeps the ids' bytes in 1 MiB chunks
// (Latin-1 when every character fits, else UTF-16: an exact encoding of any JS string) and the
// slots of an open-addressing hash table in typed arrays: about 25 bytes for a 9-character id.
// Lookups compare the bytes: no false matches.

const EMPTY = 0;
const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;

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
  const chunks: Buffer[] = [];
  let used = CHUNK; // position within the last chunk; starts "full" so the first add opens one
  let size = 0;

  // An id is stored as [byte length: 2][flag: 1 = UTF-16, 0 = Latin-1][bytes]. Hashing and
  // comparing read the string's code units directly: a lookup writes nothing.
  const isWide = (id: string): boolean => {
    for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) > 0xff) return true;
    return false;
  };

  /** FNV-1a over the code units (the same for both encodings of one string). */
  const hashOf = (id: string): number => {
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };

  const chunkOf = (position: number): Buffer => chunks[position >>> CHUNK_BITS]!;
  const within = (position: number): number => position & (CHUNK - 1);

  const matches = (position: number, id: string, wide: boolean): boolean => {
    const chunk = chunkOf(position);
    const at = within(position);
    const length = chunk.readUInt16LE(at);
    if (length !== (wide ? id.length * 2 : id.length) || (chunk[at + 2] === 1) !== wide) return false;
    const start = at + 3;
    if (wide) {
      for (let i = 0; i < id.length; i++) if (chunk.readUInt16LE(start + i * 2) !== id.charCodeAt(i)) return false;
    } else {
      for (let i = 0; i < id.length; i++) if (chunk[start + i] !== id.charCodeAt(i)) return false;
    }
    return true;
  };

  const find = (id: string, wide: boolean): number => {
    const mask = capacity - 1;
    let slot = hashOf(id) & mask;
    for (;;) {
      const stored = offsets[slot]!;
      if (stored === EMPTY || matches(stored - 1, id, wide)) return slot;
      slot = (slot + 1) & mask;
    }
  };

  const textAt = (position: number): string => {
    const chunk = chunkOf(position);
    const at = within(position);
    const length = chunk.readUInt16LE(at);
    return chunk.toString(chunk[at + 2] === 1 ? 'utf16le' : 'latin1', at + 3, at + 3 + length);
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
      let slot = hashOf(textAt(stored - 1)) & mask;
      while (offsets[slot] !== EMPTY) slot = (slot + 1) & mask;
      offsets[slot] = stored;
      values[slot] = oldValues[i]!;
    }
  };

  const store = (id: string, wide: boolean): number => {
    const length = wide ? id.length * 2 : id.length;
    if (length + 3 > CHUNK) throw new Error('id longer than the table takes');
    if (used + length + 3 > CHUNK) {
      chunks.push(Buffer.allocUnsafeSlow(CHUNK));
      used = 0;
    }
    const position = (chunks.length - 1) * CHUNK + used;
    const chunk = chunks[chunks.length - 1]!;
    chunk.writeUInt16LE(length, used);
    chunk[used + 2] = wide ? 1 : 0;
    chunk.write(id, used + 3, wide ? 'utf16le' : 'latin1');
    used += length + 3;
    return position;
  };

  return {
    get size() {
      return size;
    },
    add(id, value) {
      const wide = isWide(id);
      const slot = find(id, wide);
      if (offsets[slot] !== EMPTY) return values[slot];
      offsets[slot] = store(id, wide) + 1;
      values[slot] = value;
      size++;
      if (size * 10 > capacity * 7) grow();
      return undefined;
    },
    get(id) {
      const slot = find(id, isWide(id));
      return offsets[slot] === EMPTY ? undefined : values[slot];
    },
    has(id) {
      return offsets[find(id, isWide(id))] !== EMPTY;
    },
    set(id, value) {
      const slot = find(id, isWide(id));
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

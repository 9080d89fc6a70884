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
  let scratch = Buffer.allocUnsafe(256);
  let wide = false;

  /** The id's bytes in `scratch` (a flag byte, then Latin-1 or UTF-16); returns their length. */
  const encode = (id: string): number => {
    wide = false;
    for (let i = 0; i < id.length; i++) {
      if (id.charCodeAt(i) > 0xff) {
        wide = true;
        break;
      }
    }
    const length = 1 + (wide ? id.length * 2 : id.length);
    if (length > scratch.length) scratch = Buffer.allocUnsafe(length * 2);
    scratch[0] = wide ? 1 : 0;
    scratch.write(id, 1, wide ? 'utf16le' : 'latin1');
    return length;
  };

  const hash = (bytes: Uint8Array, start: number, length: number): number => {
    let h = 0x811c9dc5;
    for (let i = start; i < start + length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    return h >>> 0;
  };

  /** The stored record at a position: [length: 2 bytes][bytes]. */
  const chunkOf = (position: number): Buffer => chunks[position >>> CHUNK_BITS]!;
  const within = (position: number): number => position & (CHUNK - 1);

  const matches = (position: number, length: number): boolean => {
    const chunk = chunkOf(position);
    const at = within(position);
    if (chunk.readUInt16LE(at) !== length) return false;
    for (let i = 0; i < length; i++) if (chunk[at + 2 + i] !== scratch[i]) return false;
    return true;
  };

  const find = (length: number): number => {
    const mask = capacity - 1;
    let slot = hash(scratch, 0, length) & mask;
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
    offsets = new Uint32Array(capacity);
    values = new Uint32Array(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < oldOffsets.length; i++) {
      const stored = oldOffsets[i]!;
      if (stored === EMPTY) continue;
      const chunk = chunkOf(stored - 1);
      const at = within(stored - 1);
      let slot = hash(chunk, at + 2, chunk.readUInt16LE(at)) & mask;
      while (offsets[slot] !== EMPTY) slot = (slot + 1) & mask;
      offsets[slot] = stored;
      values[slot] = oldValues[i]!;
    }
  };

  const store = (length: number): number => {
    if (used + length + 2 > CHUNK) {
      chunks.push(Buffer.allocUnsafeSlow(CHUNK));
      used = 0;
    }
    const position = (chunks.length - 1) * CHUNK + used;
    const chunk = chunks[chunks.length - 1]!;
    chunk.writeUInt16LE(length, used);
    scratch.copy(chunk, used + 2, 0, length);
    used += length + 2;
    return position;
  };

  return {
    get size() {
      return size;
    },
    add(id, value) {
      const length = encode(id);
      if (length + 2 > CHUNK) throw new Error('id longer than the table takes');
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
        const chunk = chunkOf(stored - 1);
        const at = within(stored - 1);
        const length = chunk.readUInt16LE(at);
        const text = chunk.toString(chunk[at + 2] === 1 ? 'utf16le' : 'latin1', at + 3, at + 2 + length);
        yield [text, values[i]!];
      }
    },
  };
}

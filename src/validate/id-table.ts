// A compact, exact index of ids (complaint 编号, callback 回访编号, project/unit) → dense numbers
// 0, 1, 2… in the order the ids were first added, for the cross-file checks that must remember
// every id of a million-row register. What is known of an id is kept in typed columns indexed by
// its number (`createColumn`), so one index serves every check that needs the same ids.
// A Map<string, number> costs about 70 bytes an id; this keeps the ids' code units in 1 MiB chunks
// (one byte each when every one fits, else two: an exact encoding of any JS string), their
// positions in a typed array and an open-addressing hash table of 32-bit slots with a 16-bit mark of each id's hash: about 25 bytes for
// a 9-character id. Lookups compare the stored code units: no false matches, nothing allocated.

const EMPTY = 0;
const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
/** An id's record: [code units: 2 bytes][wide: 1 byte][code units, 1 or 2 bytes each]. */
const HEAD = 3;

export interface IdIndex {
  /** How many distinct ids; the next new id gets this number. */
  readonly size: number;
  /** The number of `id`, added if new (a new id's number is the size before the call). */
  add(id: string): number;
  /** The number of `id`, or -1 when it was never added. */
  indexOf(id: string): number;
  /** The id with number `n`. */
  idAt(n: number): string;
  /** Makes room for `count` ids in all (an estimate of what is coming), so that the table does not grow step by step. */
  reserve(count: number): void;
}

/** A growable array of 32-bit (or 16-bit) numbers, 0 where never set: what is known of each id, by its number. */
export interface Column {
  get(n: number): number;
  set(n: number, value: number): void;
}

export function createColumn(bits: 16 | 32 = 32): Column {
  const make = (length: number): Uint16Array | Uint32Array => (bits === 16 ? new Uint16Array(length) : new Uint32Array(length));
  let data = make(1024);
  return {
    get: (n) => (n < data.length ? data[n]! : 0),
    set(n, value) {
      if (n >= data.length) {
        const bigger = make(Math.max(data.length * 2, n + 1));
        bigger.set(data);
        data = bigger;
      }
      data[n] = value;
    },
  };
}

export function createIdIndex(expected = 1024): IdIndex {
  let capacity = 16;
  while (capacity * 7 < expected * 10) capacity *= 2;
  let slots = new Uint32Array(capacity); // number + 1 of the id in the slot; 0 = empty
  // The high half of each slot's id's hash: a probe reads the stored id only when it agrees (the low
  // bits chose the slot), so a lookup of an absent id rarely touches the stored ids at all.
  let marks = new Uint16Array(capacity);
  let positions = new Uint32Array(Math.max(16, expected)); // number → position of its record
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

  /** The id indexOf was last asked for, and its answer (forgotten at each add). */
  let lastAsked: string | null = null;
  let lastAnswer = -1;

  /** The hash of the id `find` looked for last (`add` stores it with a new id). */
  let lastHash = 0;

  /** The slot holding `id`, or the empty slot where it would go. */
  const find = (id: string): number => {
    const mask = capacity - 1;
    const h = hashOf(id);
    lastHash = h;
    const mark = h >>> 16;
    let slot = h & mask;
    for (;;) {
      const stored = slots[slot]!;
      if (stored === EMPTY || (marks[slot] === mark && matches(positions[stored - 1]!, id))) return slot;
      slot = (slot + 1) & mask;
    }
  };

  /** The table rebuilt with at least `wanted` slots (a power of two). */
  const grow = (wanted = capacity * 2): void => {
    const old = slots;
    while (capacity < wanted) capacity *= 2;
    slots = new Uint32Array(capacity);
    marks = new Uint16Array(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < old.length; i++) {
      const stored = old[i]!;
      if (stored === EMPTY) continue;
      const h = hashAt(positions[stored - 1]!);
      let slot = h & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = stored;
      marks[slot] = h >>> 16;
    }
  };

  /** Writes the id (hashed just before, so `wide` is its own) and returns its position. */
  const store = (id: string): number => {
    const length = HEAD + id.length * (wide ? 2 : 1);
    if (id.length > 0xffff || length > CHUNK) throw new Error('id longer than the index takes');
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
    add(id) {
      lastAsked = null;
      const slot = find(id);
      const stored = slots[slot]!;
      if (stored !== EMPTY) return stored - 1;
      const h = lastHash;
      if (size === positions.length) {
        const bigger = new Uint32Array(positions.length * 2);
        bigger.set(positions);
        positions = bigger;
      }
      positions[size] = store(id);
      slots[slot] = ++size;
      marks[slot] = h >>> 16;
      if (size * 10 > capacity * 7) grow();
      return size - 1;
    },
    indexOf(id) {
      // The same id asked again (a callback's complaint, checked for the file and for a clause): the
      // answer stands until the next add.
      if (id === lastAsked) return lastAnswer;
      lastAnswer = slots[find(id)]! - 1;
      lastAsked = id;
      return lastAnswer;
    },
    reserve(count) {
      if (count > positions.length) {
        const bigger = new Uint32Array(count);
        bigger.set(positions);
        positions = bigger;
      }
      let wanted = capacity;
      while (count * 10 > wanted * 7) wanted *= 2;
      if (wanted > capacity) grow(wanted);
    },
    idAt(n) {
      if (n < 0 || n >= size) throw new RangeError(`no id number ${n}`);
      const position = positions[n]!;
      const chunk = chunks[position >>> CHUNK_BITS]!;
      const at = position & (CHUNK - 1);
      const length = chunk[at]! | (chunk[at + 1]! << 8);
      const isWide = chunk[at + 2] === 1;
      const bytes = chunk.subarray(at + HEAD, at + HEAD + (isWide ? 2 : 1) * length);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString(isWide ? 'utf16le' : 'latin1');
    },
  };
}

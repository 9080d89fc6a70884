// The CSV parsing itself, shared by the main thread (small files) and the parsing worker (large
// ones): a strict streaming TextDecoder into csv-parse; rows numbered by the editor line on which
// each record starts (a quoted field over two lines counts two).
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import { firstInvalidUtf8, firstUndecodable, type Encoding } from './encoding.js';

export interface CsvSetup {
  readonly path: string;
  readonly file: string;
  readonly encoding: Encoding;
  readonly delimiter: string;
  /** Cells kept of a row (limits.columns); the row's real count is handed on with it. */
  readonly maxColumns: number;
  /** Only bytes [start, end) of the file, whose first record starts on editor line `line` (csv-split.ts). */
  readonly range?: { readonly start: number; readonly end: number; readonly line: number };
  /** The caller hashes the file itself (parseCsv then returns ''). */
  readonly unhashed?: boolean;
  /**
   * The file's only line break, when planSplit found every line ending the same (LF alone, or CRLF
   * alone): csv-parse then looks for that one instead of three at every byte.
   */
  readonly lineEnd?: '\n' | '\r\n';
}

/** Waits for 'drain' (or 'close', when the consumer stopped), leaving no listener behind. */
function drained(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** The editor line (1-based) on which byte `offset` of the file lies: LF, CRLF and CR each end a line. */
async function lineAtByte(path: string, offset: number): Promise<number> {
  let line = 1;
  let afterCr = false;
  if (offset <= 0) return line;
  for await (const chunk of createReadStream(path, { start: 0, end: offset - 1, highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 10) {
        if (!afterCr) line++;
        afterCr = false;
      } else if (byte === 13) {
        line++;
        afterCr = true;
      } else afterCr = false;
    }
  }
  return line;
}

/**
 * The error for bytes that cannot be decoded in `chunk` (read from `chunkStart`): the exact byte and
 * its line. For UTF-8 the bad sequence is found by validating the chunk (bytes that continue a
 * character begun in the previous chunk skipped); for the others, by decoding ever longer prefixes.
 */
async function undecodable(path: string, file: string, encoding: Encoding, chunk: Buffer, chunkStart: number): Promise<InputError> {
  let at = -1;
  if (encoding === 'utf-8') {
    let from = 0;
    while (chunkStart > 0 && from < 3 && ((chunk[from] ?? 0) & 0xc0) === 0x80) from++;
    at = firstInvalidUtf8(chunk, from);
  } else {
    const found = firstUndecodable(chunk, encoding);
    at = found < chunk.length ? found : -1;
  }
  const offset = chunkStart + Math.max(at, 0);
  // Lines are counted in bytes; UTF-16 has no single-byte line breaks to count.
  const line = encoding === 'utf-16le' || encoding === 'utf-16be' ? null : await lineAtByte(path, offset);
  if (encoding === 'utf-8') {
    return new InputError(file, {
      zh: `第 ${line} 行（字节偏移 ${offset}）有无效的 UTF-8 字节序列：文件看起来是 UTF-8 编码，但这里的字节不是，可能混用了编码或已损坏；请检查该行，如文件是其他编码，可用 --encoding 指定（如 --encoding gbk）`,
      en: `line ${line} (byte offset ${offset}): an invalid UTF-8 byte sequence: the file looks like UTF-8 but these bytes are not, so it may mix encodings or be damaged; check that line, or if the file is in another encoding, choose it with --encoding (for example --encoding gbk)`,
    });
  }
  const where = line === null ? { zh: `字节偏移 ${offset}`, en: `byte offset ${offset}` } : { zh: `第 ${line} 行（字节偏移 ${offset}）`, en: `line ${line} (byte offset ${offset})` };
  return new InputError(file, {
    zh: `${where.zh}的字节无法按 ${encoding} 解码；文件可能混用了编码，可用 --encoding 指定`,
    en: `${where.en}: bytes that cannot be decoded as ${encoding}; the file may mix encodings: choose one with --encoding`,
  });
}

/** The file ends in the middle of a character. */
function cutShort(file: string, encoding: Encoding): InputError {
  return new InputError(file, {
    zh: `文件末尾有不完整的 ${encoding} 字符（文件可能被截断），可用 --encoding 指定编码`,
    en: `the file ends in the middle of a ${encoding} character (it may be cut short); choose the encoding with --encoding`,
  });
}

function isBreak(code: number): boolean {
  return code === 10 || code === 13;
}

/** How many bytes of `chunk` end with a whole UTF-8 character: a lead byte in the last three whose sequence runs past the end starts the carry. */
function completeUtf8(chunk: Buffer): number {
  const n = chunk.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const byte = chunk[n - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? n - back : n;
  }
  return n;
}

function countLineBreaks(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10) breaks++;
      else if (c === 13) {
        breaks++;
        if (field.charCodeAt(i + 1) === 10) i++;
      }
    }
  }
  return breaks;
}

/** Line breaks inside the cells of a record kept as bytes (`lengths` of its cells from `start` on), counted as countLineBreaks counts them. */
function countByteLineBreaks(buf: Uint8Array, start: number, lengths: readonly number[]): number {
  let breaks = 0;
  let at = start;
  for (const length of lengths) {
    const end = at + length;
    for (let i = at; i < end; i++) {
      const c = buf[i]!;
      if (c === 10) breaks++;
      else if (c === 13) {
        breaks++;
        if (i + 1 < end && buf[i + 1] === 10) i++;
      }
    }
    at = end;
  }
  return breaks;
}

/**
 * The cells of a file parsed for another thread, kept as their UTF-8 bytes rather than made into
 * strings (parseCsv's `bytes`): the parsing worker then hands on one buffer per batch, moved rather
 * than copied, and the main thread makes the strings, where the worker was the slower of the two.
 * It stands in for csv-parse's own cell buffer (`state.field`, whose methods it has), so a cell's
 * bytes are written once, where they stay: [head, mark) the records handed on and not yet taken,
 * [mark, tail) cells ended since, then the cell being read (`length` bytes).
 */
export class FieldBytes {
  buf: Buffer = Buffer.allocUnsafeSlow(1 << 20);
  head = 0;
  mark = 0;
  tail = 0;
  /** Bytes of the cell being read. */
  length = 0;

  /** Room for one more byte: the bytes not yet taken moved to the start, in a larger buffer if need be. */
  private room(): void {
    const kept = this.tail + this.length - this.head;
    const into = kept + 1 > this.buf.length / 2 ? Buffer.allocUnsafeSlow(this.buf.length * 2) : this.buf;
    this.buf.copy(into, 0, this.head, this.tail + this.length);
    this.buf = into;
    this.mark -= this.head;
    this.tail -= this.head;
    this.head = 0;
  }

  append(byte: number): void {
    if (this.tail + this.length >= this.buf.length) this.room();
    this.buf[this.tail + this.length++] = byte;
  }

  /** A quote put back before the cell's bytes (csv-parse, relax_quotes). */
  prepend(value: Buffer | number): void {
    const add = typeof value === 'number' ? Buffer.from([value]) : value;
    for (let i = 0; i < add.length; i++) this.append(0);
    const start = this.tail;
    this.buf.copy(this.buf, start + add.length, start, start + this.length - add.length);
    add.copy(this.buf, start);
  }

  reset(): void {
    this.length = 0;
  }

  /** As csv-parse's own buffer: the cell as text in `encoding`, or without one a copy of its bytes. */
  toString(encoding?: BufferEncoding): string;
  toString(encoding?: BufferEncoding): string | Uint8Array {
    if (encoding) return this.buf.toString(encoding, this.tail, this.tail + this.length);
    return Uint8Array.prototype.slice.call(this.buf, this.tail, this.tail + this.length);
  }

  /** Ends the cell being read: its bytes join those ended before it. Returns its length. */
  end(): number {
    const length = this.length;
    this.tail += length;
    this.length = 0;
    return length;
  }

  /** Takes back the last `length` bytes ended (a record csv-parse did not hand on). */
  drop(length: number): void {
    this.tail -= length;
  }

  /** The bytes of the records handed on since the last take, in a buffer of their own (to be moved to another thread). */
  take(): Uint8Array {
    const out = new Uint8Array(this.mark - this.head);
    out.set(this.buf.subarray(this.head, this.mark));
    this.head = this.mark;
    return out;
  }
}

/** Control characters a text export should not hold (tab, line feed and carriage return aside). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/**
 * The longest record read, in bytes. A row of an export is a few KB at most; without a bound, a quote
 * that is closed only far down the file makes one cell of the rest of it, held in memory whole (in
 * the parsing worker, a cell larger than its heap ends the whole process). Cells over the length
 * limit (limits.cellChars) are reported and cut, so no valid file comes near this.
 */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;

/**
 * Decoded text is handed to csv-parse in pieces of at most this many characters: csv-parse turns a
 * whole piece into records before it looks at back-pressure, so a piece of short lines (`,` alone on
 * each) must not become hundreds of thousands of records held at once.
 */
const PIECE_CHARS = 16 * 1024;

/**
 * Parses a whole file, calling `emit` for each row (`emit` may return a promise to slow the parse
 * down). A run of empty lines is one call with `cells` null and `span` the number of lines: csv-parse
 * skips them itself, so they cost a counter, not a record each. Returns the SHA-256 of the bytes read.
 * Throws InputError for undecodable bytes or broken CSV.
 */
/** What tuneParser touches of csv-parse 7's parser (not part of its typed API). */
interface ParserInternals {
  state?: { record?: unknown[]; expectedRecordLength?: number };
  __onField?: () => unknown;
  info?: { lines?: number; empty_lines?: number; records?: number };
  __onRecord?: (push: (output: object) => void) => unknown;
}

/**
 * Where each record handed on stands, in the order csv-parse hands them on: three numbers a record
 * (csv-parse's line count and empty-line count when it ended, and its real number of cells or -1),
 * read off the parser as each record ends. This is what csv-parse's `info: true` gives, without the
 * two objects it builds for every record (a third of the parse's time on a large file).
 */
export class RecordMarks {
  private data: number[] = [];
  private head = 0;

  add(lines: number, emptyLines: number, cells: number): void {
    this.data.push(lines, emptyLines, cells);
  }

  /** Takes back the marks of a record that was not handed on after all. */
  drop(): void {
    this.data.length -= 3;
  }

  /** The next record's marks, in order: [lines, emptyLines, cells or -1]. */
  next(into: number[]): void {
    const { data } = this;
    into[0] = data[this.head]!;
    into[1] = data[this.head + 1]!;
    into[2] = data[this.head + 2]!;
    this.head += 3;
    if (this.head === data.length) {
      data.length = 0;
      this.head = 0;
    } else if (this.head > 3 * 4096) {
      data.splice(0, this.head);
      this.head = 0;
    }
  }
}

/**
 * Three changes to csv-parse 7 made through its internals (`api.__onRecord`, `api.info`,
 * `state.record`, `state.expectedRecordLength`); returns null, and leaves the parser as it is, when
 * they are not there (the caller then parses with `info: true`, only slower).
 * - It builds an error object for every record whose length differs from the first record's, even
 *   with relax_column_count, where nothing reads it: ~100 µs a record, so a 5 MB file of lines
 *   holding a lone comma took six minutes. Making each record's own length the expected one skips it.
 * - Cells past `maxColumns` are not kept (a 29-line file of a million columns took 1.2 GB): a record
 *   is cut as it ends, and one still being read is cut by `trim`, which the feeder calls after each
 *   piece it writes (a piece of PIECE_CHARS holds at most that many cells). The record's real count
 *   of cells is in its marks. (Cutting each cell as it came, in `__onField`, cost a call a cell: 4%
 *   of the parse.)
 * - Each record's line counts are kept in RecordMarks (see there) instead of `info: true`.
 */
export function tuneParser(parser: object, maxColumns: number, bytes?: FieldBytes): { readonly marks: RecordMarks; trim(): void } | null {
  const api = (parser as { api?: ParserInternals }).api;
  const onRecord = api?.__onRecord;
  if (
    !api || typeof onRecord !== 'function' || !Array.isArray(api.state?.record) ||
    typeof api.info?.lines !== 'number' || typeof api.info.empty_lines !== 'number' || typeof api.info.records !== 'number'
  ) {
    return null;
  }
  const marks = new RecordMarks();
  let dropped = 0;
  const state = api.state!;
  if (bytes) {
    const fieldState = api.state as { field?: unknown };
    if (typeof api.__onField !== 'function' || !fieldState.field) return null;
    // Each cell's bytes stay where csv-parse wrote them, its byte length in the record; past
    // maxColumns nothing is kept (counted).
    fieldState.field = bytes;
    api.__onField = function (this: ParserInternals & { options: { encoding?: string } }): undefined {
      const s = this.state as { record: number[]; record_length: number; enabled?: boolean; wasQuoting: boolean };
      s.wasQuoting = false;
      if (s.enabled === false || s.record.length >= maxColumns) {
        if (s.enabled !== false) dropped++;
        bytes.reset();
        return undefined;
      }
      if (this.options.encoding !== 'utf8') throw new Error(`csv-parse switched to ${this.options.encoding}: cells cannot be kept as UTF-8 bytes`);
      const length = bytes.end();
      s.record.push(length);
      s.record_length += length;
      return undefined;
    };
  }
  const trim = (): void => {
    const record = state.record!;
    if (record.length > maxColumns) {
      dropped += record.length - maxColumns;
      record.length = maxColumns;
    }
  };
  api.__onRecord = function (this: ParserInternals, push: (output: object) => void): unknown {
    trim();
    const length = this.state!.record!.length;
    this.state!.expectedRecordLength = length;
    const info = this.info!;
    const records = info.records;
    marks.add(info.lines!, info.empty_lines!, dropped === 0 ? -1 : length + dropped);
    dropped = 0;
    const record = this.state!.record as number[];
    const result = onRecord.call(this, push);
    // A record csv-parse did not hand on (it counts each one it does).
    if (info.records === records) {
      marks.drop();
      if (bytes) bytes.drop(record.reduce((sum, n) => sum + n, 0));
    }
    return result;
  };
  return { marks, trim };
}

export async function parseCsv(
  setup: CsvSetup,
  emit: (row: number, cells: string[] | null, span: number, control: boolean, cellCount?: number) => void | Promise<void>,
  bytes?: FieldBytes,
): Promise<string> {
  const { path, file, encoding, delimiter, range } = setup;
  const hash = setup.unhashed ? null : createHash('sha256');
  // A segment after the first begins mid-file: a U+FEFF there is a character, not a byte-order mark.
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: range !== undefined && range.start > 0 });
  const options = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    // Empty lines are counted from info.empty_lines, never made into records: a record whose length
    // differs from the first one's costs csv-parse an error object (kept in `info`), and a file of
    // millions of empty lines took minutes and gigabytes that way.
    skip_empty_lines: true,
    record_delimiter: setup.lineEnd ? [setup.lineEnd] : ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_BYTES,
    // UTF-8 is handed over as bytes (below): csv-parse drops a byte-order mark at the file's start.
    bom: encoding === 'utf-8' && (range === undefined || range.start === 0),
  };
  let parser = parse(options);
  // With `bytes` (UTF-8 only), each row's cells are handed on as their byte lengths (numbers in
  // place of the strings), their bytes left in `bytes` up to its mark.
  const tuned = tuneParser(parser, setup.maxColumns, bytes);
  if (bytes && (tuned === null || encoding !== 'utf-8')) throw new Error('cells can be kept as bytes only for UTF-8, with csv-parse 7');
  const marks = tuned?.marks ?? null;
  const trim = tuned?.trim ?? ((): void => {});
  // Without the hold on csv-parse's internals, its own per-record info.
  if (tuned === null) parser = parse({ ...options, info: true });
  let bytesRead = range?.start ?? 0;
  // Whether the text ends with a line break: csv-parse then counts one more empty line at the end.
  let endsWithBreak = false;
  // Set once any decoded text held a control character: only then are cells scanned for them.
  let control = false;
  const feed = (async () => {
    try {
      const stream = range ? createReadStream(path, { highWaterMark: 256 * 1024, start: range.start, end: range.end - 1 }) : createReadStream(path, { highWaterMark: 256 * 1024 });
      // UTF-8 goes to csv-parse as bytes, checked (isUtf8) but not decoded: csv-parse works on bytes
      // and decodes each cell itself, so decoding the text first only to have it encoded again
      // costs a tenth of the parse. A character cut at the end of a chunk waits for the next one.
      const bytes = encoding === 'utf-8';
      let carry: Buffer | null = null;
      for await (const read of stream as AsyncIterable<Buffer>) {
        hash?.update(read);
        const readStart = bytesRead;
        bytesRead += read.length;
        if (bytes) {
          const chunk: Buffer = carry ? Buffer.concat([carry, read]) : read;
          const chunkStart = readStart - (carry?.length ?? 0);
          const whole = completeUtf8(chunk);
          carry = whole < chunk.length ? chunk.subarray(whole) : null;
          const checked = chunk.subarray(0, whole);
          if (!isUtf8(checked)) throw await undecodable(path, file, encoding, checked, chunkStart);
          if (parser.destroyed) break;
          if (!control && CONTROL.test(checked.toString('latin1'))) control = true;
          if (checked.length > 0) endsWithBreak = isBreak(checked[checked.length - 1]!);
          for (let at = 0; at < checked.length && !parser.destroyed; at += PIECE_CHARS) {
            const flowing = parser.write(checked.subarray(at, at + PIECE_CHARS));
            trim();
            if (!flowing) await drained(parser);
          }
          continue;
        }
        let text: string;
        try {
          text = decoder.decode(read, { stream: true });
        } catch {
          throw await undecodable(path, file, encoding, read, readStart);
        }
        if (parser.destroyed) break;
        if (!control && CONTROL.test(text)) control = true;
        if (text.length > 0) endsWithBreak = isBreak(text.charCodeAt(text.length - 1));
        for (let at = 0; at < text.length && !parser.destroyed; ) {
          let end = Math.min(at + PIECE_CHARS, text.length);
          // Never split a surrogate pair between two pieces.
          if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
          const flowing = parser.write(text.slice(at, end));
          trim();
          if (!flowing) await drained(parser);
          at = end;
        }
      }
      if (carry !== null) {
        throw cutShort(file, encoding);
      }
      if (parser.destroyed) return;
      let rest: string;
      try {
        rest = decoder.decode();
      } catch {
        throw cutShort(file, encoding);
      }
      if (rest) {
        endsWithBreak = isBreak(rest.charCodeAt(rest.length - 1));
        parser.write(rest);
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();

  let nextLine = range?.line ?? 1;
  let previousLines = 0;
  let previousEmpty = 0;
  const mark = [0, 0, -1];
  try {
    for await (const output of parser as AsyncIterable<string[] | { record: string[]; info: { lines: number; empty_lines: number } }>) {
      let record: string[];
      let cellCount: number | undefined;
      if (marks !== null) {
        record = output as string[];
        marks.next(mark);
        if (mark[2]! >= 0) cellCount = mark[2];
      } else {
        const withInfo = output as { record: string[]; info: { lines: number; empty_lines: number } };
        record = withInfo.record;
        mark[0] = withInfo.info.lines;
        mark[1] = withInfo.info.empty_lines;
      }
      const lines = mark[0]!;
      const emptyLines = mark[1]!;
      // Without tuneParser's hold on csv-parse, the row was read whole: cut it here.
      if (record.length > setup.maxColumns) {
        cellCount = record.length;
        record = record.slice(0, setup.maxColumns);
      }
      const blank = emptyLines - previousEmpty;
      if (blank > 0) {
        previousEmpty = emptyLines;
        const waiting = emit(nextLine, null, blank, control);
        nextLine += blank;
        if (waiting) await waiting;
      }
      const row = nextLine;
      // csv-parse counts \r\n inside quotes as two lines: only use its count to spot multi-line records.
      let span: number;
      if (bytes) {
        const lengths = record as unknown as number[];
        span = 1 + (lines - previousLines - blank > 1 ? countByteLineBreaks(bytes.buf, bytes.mark, lengths) : 0);
        for (let i = 0; i < lengths.length; i++) bytes.mark += lengths[i]!;
      } else {
        span = 1 + (lines - previousLines - blank > 1 ? countLineBreaks(record) : 0);
      }
      nextLine += span;
      previousLines = lines;
      const waiting = emit(row, record, span, control, cellCount);
      if (waiting) await waiting;
    }
    // Empty lines after the last record; the "line" after a final line break is not one.
    const trailing = parser.info.empty_lines - previousEmpty - (endsWithBreak ? 1 : 0);
    if (trailing > 0) {
      const waiting = emit(nextLine, null, trailing, control);
      if (waiting) await waiting;
    }
  } catch (error) {
    // Empty lines skipped since the last record come before the one that failed.
    nextLine += Math.max(0, parser.info.empty_lines - previousEmpty);
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
      const counted = (error as CsvError & { lines?: number }).lines;
      const last = counted === undefined ? nextLine : counted + (range?.line ?? 1) - 1;
      throw new InputError(file, {
        zh: `第 ${nextLine} 行开始的带引号单元格直到文件末尾（第 ${last} 行）都没有闭合，后面的行无法读取；请检查该行的引号`,
        en: `line ${nextLine}: a quoted cell that starts on this line is never closed (the file ends at line ${last}), so the rows after it cannot be read; check the quotes on that line`,
      });
    }
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') {
      const mb = MAX_RECORD_BYTES / 1024 / 1024;
      throw new InputError(file, {
        zh: `第 ${nextLine} 行开始的一条记录超过 ${mb} MB，导出的表格不会有这样的行；最可能是该行有未闭合的引号，请检查`,
        en: `line ${nextLine}: the record that starts on this line runs past ${mb} MB, which no export's row does; most likely a quote on that line is never closed: check it`,
      });
    }
    if (error instanceof CsvError) {
      const counted = (error as CsvError & { lines?: number }).lines;
      const line = counted === undefined ? nextLine : counted + (range?.line ?? 1) - 1;
      throw new InputError(file, {
        zh: `第 ${line} 行 CSV 格式错误：${error.message}`,
        en: `line ${line}: malformed CSV: ${error.message}`,
      });
    }
    throw error;
  } finally {
    // A consumer that stops early (or an error) must not leave the reader waiting for 'drain'.
    if (!parser.destroyed) parser.destroy();
    await feed;
  }
  return hash?.digest('hex') ?? '';
}

// The CSV parsing itself, shared by the main thread (small files) and the parsing worker (large
// ones): a strict streaming TextDecoder into csv-parse; rows numbered by the editor line on which
// each record starts (a quoted field over two lines counts two).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import type { Encoding } from './encoding.js';

export interface CsvSetup {
  readonly path: string;
  readonly file: string;
  readonly encoding: Encoding;
  readonly delimiter: string;
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

/**
 * Parses a whole file, calling `emit` for each row (`emit` may return a promise to slow the parse
 * down). Returns the SHA-256 of the bytes read. Throws InputError for undecodable bytes or broken CSV.
 */
/** Control characters a text export should not hold (tab, line feed and carriage return aside). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/**
 * The longest record read, in bytes. A row of an export is a few KB at most; without a bound, a quote
 * that is closed only far down the file makes one cell of the rest of it, held in memory whole (in
 * the parsing worker, a cell larger than its heap ends the whole process). Cells over the length
 * limit (limits.cellChars) are reported and cut, so no valid file comes near this.
 */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;

export async function parseCsv(
  setup: CsvSetup,
  emit: (row: number, cells: string[], span: number, control: boolean) => void | Promise<void>,
): Promise<string> {
  const { path, file, encoding, delimiter } = setup;
  const hash = createHash('sha256');
  const decoder = new TextDecoder(encoding, { fatal: true });
  const parser = parse({
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_BYTES,
  });
  let bytesRead = 0;
  // Set once any decoded text held a control character: only then are cells scanned for them.
  let control = false;
  const feed = (async () => {
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        const chunkStart = bytesRead;
        bytesRead += chunk.length;
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          throw new InputError(file, {
            zh: `第 ${chunkStart} 字节之后无法按 ${encoding} 解码；文件可能混用了编码，可用 --encoding 指定`,
            en: `cannot be decoded as ${encoding} after byte ${chunkStart}; the file may mix encodings: choose one with --encoding`,
          });
        }
        if (parser.destroyed) break;
        if (!control && CONTROL.test(text)) control = true;
        if (!parser.write(text)) await drained(parser);
      }
      if (parser.destroyed) return;
      let rest: string;
      try {
        rest = decoder.decode();
      } catch {
        throw new InputError(file, {
          zh: `文件末尾有不完整的 ${encoding} 字符（文件可能被截断），可用 --encoding 指定编码`,
          en: `the file ends in the middle of a ${encoding} character (it may be cut short); choose the encoding with --encoding`,
        });
      }
      if (rest) parser.write(rest);
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();

  let nextLine = 1;
  let previousLines = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const row = nextLine;
      // csv-parse counts \r\n inside quotes as two lines: only use its count to spot multi-line records.
      const span = 1 + (info.lines - previousLines > 1 ? countLineBreaks(record) : 0);
      nextLine += span;
      previousLines = info.lines;
      const waiting = emit(row, record, span, control);
      if (waiting) await waiting;
    }
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
      const last = (error as CsvError & { lines?: number }).lines ?? nextLine;
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
      const line = (error as CsvError & { lines?: number }).lines ?? nextLine;
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
  return hash.digest('hex');
}

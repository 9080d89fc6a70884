// CSV reader: streams a file through a strict TextDecoder into csv-parse and yields rows numbered by
// the line on which each record starts in a text editor (a quoted field over two lines counts two).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import type { RawRow } from '../model.js';
import { detectEncoding, encodingLabel, type Detected, type Encoding } from './encoding.js';

const HEAD_BYTES = 256 * 1024;

export interface CsvFile {
  readonly encoding: string;
  readonly delimiter: string;
  readonly rows: AsyncIterable<RawRow>;
  /** SHA-256 of the bytes read; complete once `rows` has been consumed. */
  sha256(): string;
}

async function readHead(path: string, file: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new InputError(file, {
      zh: `无法打开文件（${(error as NodeJS.ErrnoException).code ?? '未知错误'}）`,
      en: `cannot open the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    });
  }
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The delimiter used most in the first lines: comma, tab (Excel's "Unicode text") or semicolon. */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/, 20);
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', '\t', ';']) {
    let count = 0;
    for (const line of lines) count += line.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** NUL bytes and control characters do not occur in a text export (UTF-16 has NULs by design). */
export function looksBinary(head: Uint8Array, encoding: Encoding): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false;
  const sample = head.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.05;
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

export async function openCsv(path: string, file: string, forced: Encoding | null): Promise<CsvFile> {
  const head = await readHead(path, file);
  const detected: Detected = forced ? { encoding: forced, how: 'forced' } : detectEncoding(head);
  if (looksBinary(head, detected.encoding)) {
    throw new InputError(file, {
      zh: '不是文本文件（含二进制内容），不能按 CSV 读取；如是 Excel 文件请使用 .xlsx 扩展名',
      en: 'not a text file (binary content), so it cannot be read as CSV; if it is an Excel file, name it .xlsx',
    });
  }
  const headText = new TextDecoder(detected.encoding).decode(head.subarray(0, 64 * 1024), { stream: true });
  const delimiter = detectDelimiter(headText);
  const hash = createHash('sha256');

  async function* rows(): AsyncGenerator<RawRow> {
    const decoder = new TextDecoder(detected.encoding, { fatal: true });
    const parser = parse({
      delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n', '\r'],
    });
    let bytesRead = 0;
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
              zh: `第 ${chunkStart} 字节之后无法按 ${detected.encoding} 解码；文件可能混用了编码，可用 --encoding 指定`,
              en: `cannot be decoded as ${detected.encoding} after byte ${chunkStart}; the file may mix encodings: choose one with --encoding`,
            });
          }
          if (parser.destroyed) break;
          if (!parser.write(text)) await new Promise((resolve) => { parser.once('drain', resolve); parser.once('close', resolve); });
        }
        if (parser.destroyed) return;
        const rest = decoder.decode();
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
        nextLine += 1 + (info.lines - previousLines > 1 ? countLineBreaks(record) : 0);
        previousLines = info.lines;
        yield { row, cells: record };
      }
    } catch (error) {
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
  }

  let digest: string | null = null;
  return { encoding: encodingLabel(detected), delimiter, rows: rows(), sha256: () => (digest ??= hash.digest('hex')) };
}

// CSV reader: streams a file through a strict TextDecoder into csv-parse and yields rows numbered by
// the line on which each record starts in a text editor (a quoted field over two lines counts two).
import { stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { limits } from '../limits.js';
import { parseCsv, type CsvSetup } from './csv-parse-core.js';
import { detectEncoding, encodingLabel, type Detected, type Encoding } from './encoding.js';
import { fallBackOrThrow, heapBudget, startParse, workerFor, type RowSink, type WorkerParse } from './worker-host.js';
import { firstBytes } from './files.js';

const HEAD_BYTES = 256 * 1024;

export type { RowSink };

export interface CsvFile {
  readonly encoding: string;
  readonly delimiter: string;
  /** Starts parsing a large file in the worker now, ahead of `read` (which must then follow, or `close`). */
  readAhead(): void;
  /** Reads the whole file, handing each row to `sink`. */
  read(sink: RowSink): Promise<void>;
  /** SHA-256 of the bytes read; complete once `read` has finished. */
  sha256(): string;
  /** Ends a parse started ahead that will not be read. */
  close(): void;
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

/** A parsing worker's heap: parsing a CSV holds little, so a small heap keeps its footprint small. */
const CSV_WORKER_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 48 };

export async function openCsv(path: string, file: string, forced: Encoding | null): Promise<CsvFile> {
  const head = await firstBytes(path, file, HEAD_BYTES);
  const detected: Detected = forced ? { encoding: forced, how: 'forced' } : detectEncoding(head);
  if (looksBinary(head, detected.encoding)) {
    throw new InputError(file, {
      zh: '不是文本文件（含二进制内容），不能按 CSV 读取；如是 Excel 文件请使用 .xlsx 扩展名',
      en: 'not a text file (binary content), so it cannot be read as CSV; if it is an Excel file, name it .xlsx',
    });
  }
  const headText = new TextDecoder(detected.encoding).decode(head.subarray(0, 64 * 1024), { stream: true });
  const delimiter = detectDelimiter(headText);
  let digest: string | null = null;
  const setup: CsvSetup = { path, file, encoding: detected.encoding, delimiter, maxColumns: limits().columns };
  const worker = workerFor((await stat(path)).size);
  const budget = heapBudget(CSV_WORKER_LIMITS);
  let ahead: WorkerParse | null = null;

  const readAhead = (): void => {
    if (worker && !ahead) ahead = startParse(worker, { kind: 'csv', setup }, budget);
  };

  async function read(sink: RowSink): Promise<void> {
    if (worker) {
      readAhead();
      try {
        digest = (await ahead!.read(sink)).sha256!;
        return;
      } catch (error) {
        fallBackOrThrow(error, file, { zh: '读取', en: 'reading it' }, budget);
      }
    }
    digest = await parseCsv(setup, sink);
  }

  return {
    encoding: encodingLabel(detected),
    delimiter,
    readAhead,
    read,
    close: () => ahead?.close(),
    sha256: () => {
      if (digest === null) throw new Error('sha256() before read() finished');
      return digest;
    },
  };
}

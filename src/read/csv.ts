// CSV reader: streams a file through a strict TextDecoder into csv-parse and yields rows numbered by
// the line on which each record starts in a text editor (a quoted field over two lines counts two).
import { existsSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { parseCsv, type CsvSetup } from './csv-parse-core.js';
import type { CellValue } from '../model.js';
import { detectEncoding, encodingLabel, type Detected, type Encoding } from './encoding.js';

const HEAD_BYTES = 256 * 1024;

/** Receives each physical row; rows arrive in order, pushed (no promise per row). */
/** `span`: lines the row covers when more than one; `control`: the file holds control characters. */
export type RowSink = (row: number, cells: readonly CellValue[], span?: number, control?: boolean) => void;

export interface CsvFile {
  readonly encoding: string;
  readonly delimiter: string;
  /** Reads the whole file, handing each row to `sink`. */
  read(sink: RowSink): Promise<void>;
  /** SHA-256 of the bytes read; complete once `read` has finished. */
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

/** Files this large are parsed on a second thread; smaller ones are not worth the hand-over. */
const WORKER_BYTES = 1024 * 1024;

function workerThreshold(): number {
  const forced = Number(process.env['AFTERSALES_AUDIT_WORKER_BYTES']);
  return Number.isFinite(forced) && process.env['AFTERSALES_AUDIT_WORKER_BYTES'] !== '' && process.env['AFTERSALES_AUDIT_WORKER_BYTES'] !== undefined ? forced : WORKER_BYTES;
}

/** The compiled worker beside this module; absent when running from TypeScript sources (tests). */
function workerScript(): URL | null {
  const url = new URL('./csv-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

let shared: Worker | null = null;

/** The one parsing worker, started on first use; it does not keep the process alive. */
function parsingWorker(script: URL): Worker {
  if (!shared) {
    // Parsing needs little memory: a small heap keeps the second thread's footprint small too.
    shared = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 48 } });
    shared.unref();
    shared.on('exit', () => (shared = null));
  }
  return shared;
}

/** Runs the parse in the worker thread; rows come back in batches and go to `sink` in order. */
function parseInWorker(script: URL, setup: CsvSetup, sink: RowSink): Promise<string> {
  const worker = parsingWorker(script);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (): void => {
      settled = true;
      worker.off('message', onMessage);
      worker.off('error', fail);
      worker.off('exit', onExit);
    };
    function fail(error: unknown): void {
      if (settled) return;
      finish();
      // A worker left in the middle of a file is of no further use.
      void worker.terminate();
      reject(error);
    }
    function onExit(code: number): void {
      fail(new Error(`the CSV parsing worker stopped (exit code ${code})`));
    }
    function onMessage(message: { rows?: number[]; cells?: string[][]; spans?: number[]; control?: boolean; done?: boolean; sha256?: string; error?: { zh: string; en: string }; input?: boolean }): void {
      if (settled) return;
      if (message.error) return fail(message.input ? new InputError(setup.file, stripFile(message.error, setup.file)) : new Error(message.error.en));
      if (message.done) {
        finish();
        resolve(message.sha256!);
        return;
      }
      try {
        const { rows, cells, spans, control } = message;
        let next = 0;
        for (let i = 0; i < rows!.length; i++) {
          if (spans && spans[next] === i) {
            sink(rows![i]!, cells![i]!, spans[next + 1], control);
            next += 2;
          } else sink(rows![i]!, cells![i]!, undefined, control);
        }
        worker.postMessage({ ack: true });
      } catch (error) {
        fail(error);
      }
    }
    worker.on('message', onMessage);
    worker.on('error', fail);
    worker.on('exit', onExit);
    worker.postMessage({ job: setup });
  });
}

/** The worker's InputError already names the file: keep the message only. */
function stripFile(text: { zh: string; en: string }, file: string): { zh: string; en: string } {
  return { zh: text.zh.replace(`${file}：`, ''), en: text.en.replace(`${file}: `, '') };
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
  let digest: string | null = null;
  const setup: CsvSetup = { path, file, encoding: detected.encoding, delimiter };

  async function read(sink: RowSink): Promise<void> {
    const size = (await stat(path)).size;
    const worker = size >= workerThreshold() ? workerScript() : null;
    digest = worker ? await parseInWorker(worker, setup, sink) : await parseCsv(setup, sink);
  }

  return {
    encoding: encodingLabel(detected),
    delimiter,
    read,
    sha256: () => {
      if (digest === null) throw new Error('sha256() before read() finished');
      return digest;
    },
  };
}

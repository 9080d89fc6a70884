// CSV reader: streams a file through a strict TextDecoder into csv-parse and yields rows numbered by
// the line on which each record starts in a text editor (a quoted field over two lines counts two).
import { stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { limits } from '../limits.js';
import { parseCsv, type CsvSetup } from './csv-parse-core.js';
import { detectEncoding, encodingLabel, type Detected, type Encoding } from './encoding.js';
import { fallBackOrThrow, heapBudget, startParse, workerFor, workerScript, type RowSink, type WorkerParse } from './worker-host.js';
import { firstBytes, sha256File } from './files.js';
import { planSplit, readSegments, splitWorkers, type SplitPlan } from './csv-split.js';
import type { SplitHooks } from './dataset.js';

const HEAD_BYTES = 256 * 1024;

export type { RowSink };

export interface CsvFile {
  readonly encoding: string;
  readonly delimiter: string;
  /** About how many lines the file holds, from its size and its first bytes. */
  readonly rowsEstimate: number;
  /** Starts parsing a large file in the worker now, ahead of `read` (which must then follow, or `close`). */
  readAhead(): void;
  /** Reads the whole file, handing each row to `sink` (a large file's records, prepared on every core, to `split` when given). */
  read(sink: RowSink, split?: SplitHooks): Promise<void>;
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
/** A split worker's heap: it holds a batch of a few hundred records at a time (one per core: keep each small). */
const SPLIT_WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };

/**
 * Files this large are split over the workers (csv-split.ts); the head read on this thread first,
 * and each segment, are about these sizes. AFTERSALES_AUDIT_SPLIT_BYTES and
 * AFTERSALES_AUDIT_SEGMENT_BYTES override them (tests split small files into many segments).
 */
const SPLIT_BYTES = 8 * 1024 * 1024;
const HEAD_SPLIT_BYTES = 256 * 1024;
const SEGMENT_BYTES = 2 * 1024 * 1024;

/** About how many lines a file of `size` bytes holds, from the line feeds among its first bytes (`head`). */
function rowsEstimate(head: Buffer, size: number): number {
  if (head.length === 0) return 0;
  let lines = 0;
  for (let i = head.indexOf(0x0a); i !== -1; i = head.indexOf(0x0a, i + 1)) lines++;
  return head.length >= size ? lines : Math.round((lines * size) / head.length);
}

function sizeSetting(name: string, fallback: number): number {
  const forced = process.env[name];
  return forced !== undefined && forced !== '' && Number(forced) > 0 ? Number(forced) : fallback;
}

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
  const size = (await stat(path)).size;
  const worker = workerFor(size);
  const budget = heapBudget(CSV_WORKER_LIMITS);
  let ahead: WorkerParse | null = null;
  // UTF-16 has no single-byte quotes and line breaks to cut at.
  const splittable =
    size >= sizeSetting('AFTERSALES_AUDIT_SPLIT_BYTES', SPLIT_BYTES) && splitWorkers() > 0 && detected.encoding !== 'utf-16le' && detected.encoding !== 'utf-16be' && workerScript() !== null;
  let plan: Promise<SplitPlan | null> | null = null;
  const planned = (): Promise<SplitPlan | null> => (plan ??= planSplit(path, delimiter, sizeSetting('AFTERSALES_AUDIT_SPLIT_HEAD_BYTES', HEAD_SPLIT_BYTES), sizeSetting('AFTERSALES_AUDIT_SEGMENT_BYTES', SEGMENT_BYTES)));

  const readAhead = (): void => {
    // A file to be split is cut while the previous one is checked.
    if (splittable) void planned().catch(() => {});
    else if (worker && !ahead) ahead = parseInWorker(worker);
  };

  /** The split read: the head here (the header is found in it), the rest on every core. False: read it as one stream. */
  async function readSplit(sink: RowSink, split: SplitHooks): Promise<boolean> {
    const cut = await planned();
    if (cut === null) return false;
    const uniform = cut.lineEnd ? { ...setup, lineEnd: cut.lineEnd } : setup;
    await parseCsv({ ...uniform, range: cut.head }, sink);
    const spec = split.spec();
    const first = cut.segments[0]!;
    const rest = { ...uniform, range: { start: first.start, end: size, line: first.line } };
    if (spec === null) {
      // No header yet: the rest as one stream, rows to the sink.
      await parseCsv(rest, sink);
    } else {
      try {
        await readSegments(workerScript()!, cut, uniform, spec, sink, split.accept, heapBudget(SPLIT_WORKER_LIMITS));
      } catch (error) {
        // Workers that outgrew their heap before handing on a row: the rest is read here instead.
        fallBackOrThrow(error, file, { zh: '读取', en: 'reading it' }, budget);
        await parseCsv(rest, sink);
      }
    }
    digest = cut.sha256;
    return true;
  }

  /**
   * The file parsed in the worker, and hashed here meanwhile: the worker is the slower side of a
   * large CSV's read, and this thread has time to spare while it waits for it.
   */
  let hashing: Promise<string> | null = null;
  function parseInWorker(script: URL): WorkerParse {
    hashing = sha256File(path);
    hashing.catch(() => {});
    return startParse(script, { kind: 'csv', setup: { ...setup, unhashed: true } }, budget);
  }

  async function read(sink: RowSink, split?: SplitHooks): Promise<void> {
    if (split && splittable && (await readSplit(sink, split))) return;
    if (worker) {
      ahead ??= parseInWorker(worker);
      try {
        await ahead.read(sink);
        digest = await hashing!;
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
    rowsEstimate: rowsEstimate(head, size),
    readAhead,
    read,
    close: () => ahead?.close(),
    sha256: () => {
      if (digest === null) throw new Error('sha256() before read() finished');
      return digest;
    },
  };
}

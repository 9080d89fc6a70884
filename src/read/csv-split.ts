// A large CSV read on every core. The file is cut into segments at record boundaries (planSplit);
// the main thread reads the head itself (the header is found there), then each segment is parsed,
// and its record rows prepared (prepare-row.ts: built, normalised, validated), by one of several
// parsing workers, while the main thread hands the results on in file order: every record, issue
// and line number is what one pass over the file gives (test/csv-split.test.ts compares the two).
//
// Cutting on bytes is safe for UTF-8 and GB18030 (a quote, a delimiter and a line break are single
// bytes that never occur inside a multi-byte character); UTF-16 files are read as one stream.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { CellValue, Issue } from '../model.js';
import type { CsvSetup } from './csv-parse-core.js';
import { recordKeys, type PrepareSpec } from './prepare-row.js';
import { withoutFile, WorkerOutOfMemory, type RowSink } from './worker-host.js';

/** Bytes [start, end) of the file, whose first record starts on editor line `line`. */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

export interface SplitPlan {
  /** The file's first bytes, read on the main thread (the header is found in them). */
  readonly head: Segment;
  readonly segments: readonly Segment[];
  readonly sha256: string;
  /** The file's only kind of line break, when every one is the same (CsvSetup.lineEnd). */
  readonly lineEnd: '\n' | '\r\n' | undefined;
}

const BLOCK = 4 * 1024 * 1024;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Line breaks in buf[from, to): CR, LF and CRLF each count one; `afterCr`: the byte before `from` was a CR. */
function countBreaks(buf: Buffer, from: number, to: number, afterCr: boolean): number {
  let count = 0;
  for (let i = buf.indexOf(CR, from); i !== -1 && i < to; i = buf.indexOf(CR, i + 1)) count++;
  for (let i = buf.indexOf(LF, from); i !== -1 && i < to; i = buf.indexOf(LF, i + 1)) {
    const before = i > from ? buf[i - 1] : afterCr ? CR : 0;
    if (before !== CR) count++;
  }
  return count;
}

/**
 * Reads the whole file once (its SHA-256 on the way) and cuts it: the head ends at the first line
 * break outside quotes at or after `headBytes`, each segment at the first one at or after
 * `segmentBytes` more. Quotes are followed as csv-parse reads them with relax_quotes: a quote opens
 * a quoted cell only at the start of a cell; inside one, "" is a quote and a quote followed by the
 * delimiter or a line break (or the end) closes it. Returns null when the file cannot be cut safely:
 * a quote inside a quoted cell followed by anything else, a quote never closed (one pass reports
 * those as it always did), or no cut at all (a small file).
 */
export async function planSplit(path: string, delimiter: string, headBytes: number, segmentBytes: number): Promise<SplitPlan | null> {
  const delim = delimiter.charCodeAt(0);
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(BLOCK);
    const cuts: { at: number; line: number }[] = [];
    let offset = 0;
    let lines = 0;
    let afterCr = false;
    let lastByte = LF;
    let inQuotes = false;
    /** Inside a quoted cell, a quote was the block's last byte: the next byte says what it was. */
    let quotePending = false;
    let target = headBytes;
    let first = true;
    // Line breaks of each kind, inside quoted cells too: one kind alone lets csv-parse look for one.
    let crs = 0;
    let lfs = 0;
    let crlfs = 0;
    for (;;) {
      const { bytesRead: n } = await handle.read(buf, 0, BLOCK, offset);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      let pos = 0;
      // A byte-order mark is not a cell's first byte: a quote after it opens a quoted cell.
      let bomEnd = -1;
      if (first) {
        first = false;
        if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = bomEnd = 3;
        else if (n >= 4 && buf[0] === 0x84 && buf[1] === 0x31 && buf[2] === 0x95 && buf[3] === 0x33) pos = bomEnd = 4;
      }
      let counted = 0;
      while (pos < n) {
        if (quotePending) {
          quotePending = false;
          const b = buf[pos]!;
          if (b === QUOTE) {
            pos++;
            continue;
          }
          if (b !== delim && b !== LF && b !== CR) return null;
          inQuotes = false;
          continue;
        }
        if (inQuotes) {
          const q = buf.indexOf(QUOTE, pos);
          if (q === -1 || q >= n) {
            pos = n;
            break;
          }
          if (q + 1 >= n) {
            if (offset + n >= size) inQuotes = false;
            else quotePending = true;
            pos = n;
            break;
          }
          const b = buf[q + 1]!;
          if (b === QUOTE) {
            pos = q + 2;
            continue;
          }
          if (b !== delim && b !== LF && b !== CR) return null;
          inQuotes = false;
          pos = q + 1;
          continue;
        }
        const q = buf.indexOf(QUOTE, pos);
        const regionEnd = q === -1 || q >= n ? n : q;
        // Cuts in [pos, regionEnd), where no quote is: after a line feed at or past the target.
        while (target - offset < regionEnd) {
          const lf = buf.indexOf(LF, Math.max(pos, target - offset));
          if (lf === -1 || lf >= regionEnd) break;
          const at = offset + lf + 1;
          if (at >= size) {
            target = Number.POSITIVE_INFINITY;
            break;
          }
          lines += countBreaks(buf, counted, lf + 1, afterCr);
          afterCr = false;
          counted = lf + 1;
          cuts.push({ at, line: lines + 1 });
          target = at + segmentBytes;
        }
        if (regionEnd === n) {
          pos = n;
          break;
        }
        const before = q === bomEnd ? LF : q > 0 ? buf[q - 1]! : lastByte;
        if (before === delim || before === LF || before === CR) inQuotes = true;
        pos = q + 1;
      }
      lines += countBreaks(buf, counted, n, counted === 0 ? afterCr : false);
      for (let i = buf.indexOf(CR, 0); i !== -1 && i < n; i = buf.indexOf(CR, i + 1)) {
        crs++;
        if (i + 1 < n && buf[i + 1] === LF) crlfs++;
      }
      for (let i = buf.indexOf(LF, 0); i !== -1 && i < n; i = buf.indexOf(LF, i + 1)) lfs++;
      if (buf[0] === LF && afterCr) crlfs++;
      afterCr = buf[n - 1] === CR;
      lastByte = buf[n - 1]!;
      offset += n;
    }
    if (inQuotes || quotePending || cuts.length < 2) return null;
    const head: Segment = { start: 0, end: cuts[0]!.at, line: 1 };
    const segments: Segment[] = [];
    for (let i = 0; i < cuts.length; i++) {
      segments.push({ start: cuts[i]!.at, end: i + 1 < cuts.length ? cuts[i + 1]!.at : size, line: cuts[i]!.line });
    }
    const lineEnd = crs === 0 ? '\n' : crs === lfs && crlfs === crs ? '\r\n' : undefined;
    return { head, segments, sha256: hash.digest('hex'), lineEnd };
  } finally {
    await handle.close();
  }
}

/** A row of a segment that is not a record (blank, title, footer): handed to the sink as read. */
export interface RawEntry {
  readonly cells: CellValue[] | null;
  readonly span: number;
  readonly control: boolean;
  readonly cellCount?: number;
}

/** What a worker posts for a segment: a batch of rows, its end, or the error that stopped it. */
export interface SegmentMessage {
  readonly segment: number;
  readonly rows?: number[];
  /** Per row: 1 a record (its values next in `values`), 0 a raw entry (next in `raws`). */
  readonly kinds?: Uint8Array;
  /** The records' values, one after another, in recordKeys order; null for no value. */
  readonly values?: (string | null)[];
  /** Pairs of (index in batch, issues) for records with issues. */
  readonly issues?: [number, Issue[]][];
  readonly raws?: RawEntry[];
  readonly done?: boolean;
  readonly error?: { readonly zh: string; readonly en: string };
  readonly input?: boolean;
}

/** The job a split worker gets first; then one `{ segment }` message per segment. */
export interface SplitJob {
  readonly kind: 'csv-split';
  readonly setup: CsvSetup;
  readonly spec: PrepareSpec;
}

/**
 * How many workers a large CSV is split over: none (it is read as one stream, parsed in one worker
 * beside the main thread) on fewer than three cores, else one per core but the main thread's, at
 * most three. Measured on two cores, splitting over two workers beside the main thread cost about
 * five CPU seconds more on the 1M-row set than it saved (three threads on two cores, each worker
 * warming up the same code, three heaps), so two cores keep the single parsing worker; each worker
 * also holds a heap of its own, and three keep the audit within its memory bound.
 * AFTERSALES_AUDIT_SPLIT_WORKERS sets the number outright (tests, and the benchmark's comparison).
 */
export function splitWorkers(): number {
  const forced = Number(process.env['AFTERSALES_AUDIT_SPLIT_WORKERS'] ?? '');
  if (forced > 0) return Math.floor(forced);
  const cores = availableParallelism();
  return cores < 3 ? 0 : Math.min(3, cores - 1);
}

/**
 * Reads the segments of `plan` on the workers and hands their rows on in file order: records to
 * `accept`, other rows to `sink`. At most two segments per worker are read ahead of the one being
 * handed on, so memory stays flat whatever the file's size.
 */
export function readSegments(
  script: URL,
  plan: SplitPlan,
  setup: CsvSetup,
  spec: PrepareSpec,
  sink: RowSink,
  accept: (row: number, record: Record<string, string>, issues: readonly Issue[]) => void,
  resourceLimits: ResourceLimits,
): Promise<void> {
  const keys = recordKeys(spec.source.dataset);
  const width = keys.length;
  const template: Record<string, undefined> = {};
  for (const key of keys) template[key] = undefined;
  const segments = plan.segments;
  const count = Math.min(splitWorkers(), segments.length);
  const ahead = 2 * count;
  /** The worker reading each segment assigned. */
  const owner: number[] = [];
  /**
   * Each worker posts its batches on a port of its own, which this thread never listens to: a batch
   * stays there, serialised and outside the heap, until it is taken (receiveMessageOnPort) when its
   * turn comes. Taken early, batches of later segments would wait on the heap long enough to be
   * moved to the old generation: a third more time and 100 MB more on a large file.
   */
  const ports: MessagePort[] = [];
  let current = 0;
  let assigned = 0;
  let delivered = false;
  const workers: Worker[] = [];
  /** Segments handed to each worker and not yet done (a worker queues them: it never waits for the next). */
  const outstanding: number[] = [];

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const end = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      for (const port of ports) port.close();
      for (const worker of workers) {
        worker.removeAllListeners();
        worker.on('error', () => {});
        void worker.terminate();
      }
      if (error === undefined) resolve();
      else reject(error);
    };
    const assign = (): void => {
      while (assigned < segments.length && assigned < current + ahead) {
        let w = 0;
        for (let i = 1; i < workers.length; i++) if (outstanding[i]! < outstanding[w]!) w = i;
        const segment = segments[assigned]!;
        workers[w]!.postMessage({ segment: { id: assigned, ...segment } });
        owner[assigned] = w;
        outstanding[w]!++;
        assigned++;
      }
    };
    const deliver = (message: SegmentMessage): void => {
      if (message.error) {
        const text = message.error;
        const file = setup.file;
        end(message.input ? new InputError(file, withoutFile(text, file)) : new Error(text.en));
        return;
      }
      const { rows, kinds, values, issues, raws } = message;
      if (!rows) return;
      delivered = true;
      let v = 0;
      let r = 0;
      let nextIssue = 0;
      for (let i = 0; i < rows.length; i++) {
        if (kinds![i] === 1) {
          const record = { ...template } as Record<string, string | undefined>;
          for (let k = 0; k < width; k++) {
            const value = values![v + k];
            if (value !== null) record[keys[k]!] = value;
          }
          v += width;
          let found: readonly Issue[] = NO_ISSUES;
          if (issues && nextIssue < issues.length && issues[nextIssue]![0] === i) found = issues[nextIssue++]![1];
          accept(rows[i]!, record as Record<string, string>, found);
        } else {
          const raw = raws![r++]!;
          if (raw.cellCount === undefined) sink(rows[i]!, raw.cells, raw.span, raw.control);
          else sink(rows[i]!, raw.cells, raw.span, raw.control, raw.cellCount);
        }
      }
    };
    /** Hands on what has come of the current segment, and of the next ones once each is done. */
    const drain = (): void => {
      while (!settled) {
        const w = owner[current];
        if (w === undefined) return;
        const received = receiveMessageOnPort(ports[w]!);
        if (received === undefined) return;
        const message = received.message as SegmentMessage;
        try {
          deliver(message);
        } catch (error) {
          end(error);
          return;
        }
        if (message.done) {
          outstanding[w]!--;
          current++;
          if (current === segments.length) {
            end();
            return;
          }
          assign();
        }
      }
    };
    for (let w = 0; w < count; w++) {
      const worker = new Worker(script, { resourceLimits });
      workers.push(worker);
      outstanding.push(0);
      const { port1, port2 } = new MessageChannel();
      ports.push(port1);
      // A worker says so on its parent port each time it has posted a batch.
      worker.on('message', () => {
        if (!settled) drain();
      });
      worker.on('error', (error) => end((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? new WorkerOutOfMemory(delivered) : error));
      worker.on('exit', (code) => end(new Error(`a parsing worker stopped (exit code ${code})`)));
      worker.postMessage({ job: { kind: 'csv-split', setup, spec } satisfies SplitJob, port: port2 }, [port2]);
    }
    assign();
  });
}

const NO_ISSUES: readonly Issue[] = Object.freeze([]);

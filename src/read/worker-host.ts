// Runs a parse in the parsing worker (parse-worker.ts) and hands its rows to the main thread's sink
// in order. Large files only: for a small one the hand-over costs more than it saves. Each file gets
// its own worker, ended when the file is done, so no idle heap outlives its file.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { InputError, type Bilingual } from '../errors.js';
import type { CellValue } from '../model.js';
import type { ParseJob, ParseMessage } from './parse-worker.js';

/**
 * Receives each physical row; rows arrive in order, pushed (no promise per row). `span`: lines the
 * row covers when more than one; `control`: the file holds control characters. `cells` null: a run
 * of `span` empty CSV lines from `row` on, handed over as one call so that they cost nothing but a count.
 * `cellCount`: the row's real number of cells when only the first limits.columns were kept.
 */
export type RowSink = (row: number, cells: readonly CellValue[] | null, span?: number, control?: boolean, cellCount?: number) => void;

/** Files this large are parsed on a second thread; smaller ones are not worth the hand-over. */
const WORKER_BYTES = 1024 * 1024;

/** The size from which a file is parsed in the worker (AFTERSALES_AUDIT_WORKER_BYTES overrides it, for tests). */
function workerThreshold(): number {
  const forced = process.env['AFTERSALES_AUDIT_WORKER_BYTES'];
  return forced !== undefined && forced !== '' && Number.isFinite(Number(forced)) ? Number(forced) : WORKER_BYTES;
}

/**
 * The compiled worker: beside this module, or under read/ beside the bundled CLI (dist/cli.cjs, see
 * scripts/bundle-cli.mjs); absent when running from TypeScript sources (unit tests).
 */
export function workerScript(): URL | null {
  for (const relative of ['./parse-worker.js', './read/parse-worker.js']) {
    const url = new URL(relative, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/** A worker's heap budget: `planned`, unless AFTERSALES_AUDIT_WORKER_HEAP_MB sets one outright (tests starve workers with it). */
export function heapBudget(planned: ResourceLimits): ResourceLimits {
  const forced = Number(process.env['AFTERSALES_AUDIT_WORKER_HEAP_MB'] ?? '');
  return forced > 0 ? { maxOldGenerationSizeMb: forced } : planned;
}

/** The worker script for a file of `bytes`, or null: parse it on this thread. */
export function workerFor(bytes: number): URL | null {
  return bytes >= workerThreshold() ? workerScript() : null;
}

export interface WorkerResult {
  /** The CSV file's SHA-256 (null for a sheet: the reader hashes the workbook itself). */
  readonly sha256: string | null;
}

/** The worker ran out of its heap budget; `delivered` says whether rows had already reached the sink. */
export class WorkerOutOfMemory extends Error {
  constructor(readonly delivered: boolean) {
    super('the parsing worker ran out of memory');
  }
}

/**
 * After a worker's parse failed: returns when the worker ran out of heap before handing on any row
 * (the caller then reads the file on this thread, whose heap has no such bound); otherwise throws,
 * an out-of-heap after rows as an error naming the file, what was being read and the budget.
 */
export function fallBackOrThrow(error: unknown, file: string, reading: Bilingual, budget: ResourceLimits): void {
  if (!(error instanceof WorkerOutOfMemory)) throw error;
  if (!error.delivered) return;
  const mb = budget.maxOldGenerationSizeMb;
  throw new InputError(file, {
    zh: `${reading.zh}时内存超出解析线程的上限（${mb} MB）`,
    en: `${reading.en} needed more memory than the parsing thread's budget (${mb} MB)`,
  });
}

/** A parse under way in a worker: its first batches wait until `read` is called. */
export interface WorkerParse {
  /** Hands every row to `sink`, in order (call once); resolves when the file is done. */
  read(sink: RowSink): Promise<WorkerResult>;
  /** Ends the worker (a parse that will not be read, or read no further). */
  close(): void;
}

/**
 * Starts `job` in a new worker. The worker parses ahead of the reader by a few batches at most:
 * started while the previous file is still being checked, it has its workbook's shared strings
 * loaded and its first rows parsed by the time they are wanted.
 */
export function startParse(script: URL, job: ParseJob, resourceLimits: ResourceLimits): WorkerParse {
  const worker = new Worker(script, { resourceLimits });
  const file = job.kind === 'csv' ? job.setup.file : job.file;
  // Messages that came before `read`, or the failure that ended the worker then.
  const early: ParseMessage[] = [];
  let earlyFailure: unknown = null;
  let delivered = false;
  let deliver: ((message: ParseMessage) => void) | null = null;
  let failed: ((error: unknown) => void) | null = null;
  let closed = false;

  const close = (): void => {
    if (closed) return;
    closed = true;
    worker.removeAllListeners('message');
    worker.removeAllListeners('error');
    worker.removeAllListeners('exit');
    worker.on('error', () => {}); // an error while it is being ended is of no interest
    // Ending the worker frees its heap; nothing waits for it.
    void worker.terminate();
  };
  const failure = (error: unknown): unknown => {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    return code === 'ERR_WORKER_OUT_OF_MEMORY' ? new WorkerOutOfMemory(delivered) : error;
  };
  worker.on('message', (message: ParseMessage) => (deliver ? deliver(message) : early.push(message)));
  worker.on('error', (error) => (failed ? failed(failure(error)) : (earlyFailure ??= failure(error))));
  worker.on('exit', (code) => {
    const error = new Error(`the parsing worker stopped (exit code ${code})`);
    if (failed) failed(error);
    else earlyFailure ??= error;
  });
  worker.postMessage({ job });

  return {
    close,
    read(sink) {
      return new Promise<WorkerResult>((resolve, reject) => {
        let settled = false;
        failed = (error) => {
          if (settled) return;
          settled = true;
          close();
          reject(error);
        };
        deliver = (message) => {
          if (settled) return;
          if (message.error) return failed!(message.input ? new InputError(file, withoutFile(message.error, file)) : new Error(message.error.en));
          if (message.done) {
            settled = true;
            close();
            resolve({ sha256: message.sha256 ?? null });
            return;
          }
          try {
            const { rows, spans, wide, control } = message;
            const cells = message.cells ?? cellsOf(message);
            delivered = true;
            let next = 0;
            let nextWide = 0;
            for (let i = 0; i < rows!.length; i++) {
              let span: number | undefined;
              let cellCount: number | undefined;
              if (spans && spans[next] === i) {
                span = spans[next + 1];
                next += 2;
              }
              if (wide && wide[nextWide] === i) {
                cellCount = wide[nextWide + 1];
                nextWide += 2;
              }
              if (cellCount === undefined) sink(rows![i]!, cells![i] ?? null, span, control);
              else sink(rows![i]!, cells![i] ?? null, span, control, cellCount);
            }
            worker.postMessage({ ack: true });
          } catch (error) {
            failed!(error);
          }
        };
        // What came before `read`, in order; a failure then is reported after the rows before it.
        for (const message of early.splice(0)) deliver(message);
        if (earlyFailure !== null) failed(earlyFailure);
      });
    },
  };
}

/** The rows of a batch whose cells crossed as UTF-8 bytes (ParseMessage `counts`, `lengths`, `bytes`), made into strings. */
function cellsOf(message: ParseMessage): (CellValue[] | null)[] {
  const { counts, lengths } = message;
  const bytes = Buffer.from(message.bytes!.buffer, message.bytes!.byteOffset, message.bytes!.byteLength);
  const rows: (CellValue[] | null)[] = new Array(counts!.length);
  let cell = 0;
  let at = 0;
  for (let i = 0; i < counts!.length; i++) {
    const count = counts![i]!;
    if (count < 0) {
      rows[i] = null;
      continue;
    }
    const cells: string[] = new Array(count);
    for (let k = 0; k < count; k++) {
      const length = lengths![cell++]!;
      cells[k] = length === 0 ? '' : bytes.toString('utf8', at, at + length);
      at += length;
    }
    rows[i] = cells;
  }
  return rows;
}

/** The worker's InputError already names the file: keep the message only. */
export function withoutFile(text: { zh: string; en: string }, file: string): { zh: string; en: string } {
  return { zh: text.zh.replace(`${file}：`, ''), en: text.en.replace(`${file}: `, '') };
}

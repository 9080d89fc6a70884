// The parsing worker for large files: parses one CSV file or one XLSX sheet on the second core and
// posts its rows in batches, so the main thread validates and checks while the next batch is
// parsed. A worker serves one file and is then ended, which frees its heap. At most a few batches
// are in flight (the main thread acknowledges each), so memory stays flat whatever the file size.
import { parentPort, type MessagePort } from 'node:worker_threads';
import { AuditError } from '../errors.js';
import type { CellValue, Issue } from '../model.js';
import { parse } from 'csv-parse';
import { FieldBytes, parseCsv, tuneParser, type CsvSetup } from './csv-parse-core.js';
import type { RawEntry, Segment, SegmentMessage, SplitJob } from './csv-split.js';
import { isRecordRow, prepareRecord, preparerFromSpec, recordKeys, type Preparer } from './prepare-row.js';
import { readSheet, type SheetParts } from './xlsx.js';

export const BATCH_ROWS = 2000;
const IN_FLIGHT = 4;
/**
 * Records a split worker posts at once: their values make one array, which must stay under V8's
 * large-object size (an array of 128 KB or more is made in the old generation, and each batch would
 * then wait for a full collection to be freed: 100 MB more and a third more time on a large file).
 */
const SPLIT_BATCH_ROWS = 400;

export type ParseJob = { readonly kind: 'csv'; readonly setup: CsvSetup } | { readonly kind: 'xlsx'; readonly path: string; readonly file: string; readonly sheet: string; readonly parts: SheetParts };

/** What the worker posts: a batch of rows, the end of the file, or the error that stopped it. */
export interface ParseMessage {
  readonly rows?: number[];
  /** null: a run of empty lines (its length in `spans`). */
  readonly cells?: (CellValue[] | null)[];
  /** Instead of `cells` (a UTF-8 CSV): each row's count of cells (-1: a run of empty lines), each cell's byte length, and their bytes. */
  readonly counts?: Int32Array;
  readonly lengths?: Uint32Array;
  readonly bytes?: Uint8Array;
  /** Pairs of (index in batch, lines spanned) for the rare CSV records over several lines. */
  readonly spans?: number[];
  /** Pairs of (index in batch, cells in the row) for CSV rows cut at limits.columns. */
  readonly wide?: number[];
  /** The CSV file holds control characters (cells are then scanned for them). */
  readonly control?: boolean;
  readonly done?: boolean;
  readonly sha256?: string | null;
  readonly error?: { readonly zh: string; readonly en: string };
  /** The error is about the input (an InputError), not a failure of the tool. */
  readonly input?: boolean;
}

const port = parentPort!;
let inFlight = 0;
let wake: (() => void) | null = null;

/** Whether this csv-parse lets cells be kept as bytes (FieldBytes); if not, they cross as strings. */
const BYTES_WORK = tuneParser(parse(), 1, new FieldBytes()) !== null;

async function run(job: ParseJob): Promise<void> {
  let rows: number[] = [];
  let cells: (CellValue[] | null)[] = [];
  let spans: number[] = [];
  let wide: number[] = [];
  let control = false;
  // A UTF-8 CSV's cells cross as bytes: per row its count of cells (-1: a run of empty lines), per
  // cell its byte length, and the bytes of the batch in one buffer, moved, not copied.
  const bytes = job.kind === 'csv' && job.setup.encoding === 'utf-8' && BYTES_WORK ? new FieldBytes() : undefined;
  const counts = new Int32Array(BATCH_ROWS);
  let lengths = new Uint32Array(BATCH_ROWS * 32);
  let cellsKept = 0;
  const flush = async (): Promise<void> => {
    if (rows.length === 0) return;
    if (bytes) {
      const message = { rows, counts: counts.slice(0, rows.length), lengths: lengths.slice(0, cellsKept), bytes: bytes.take(), spans, control, ...(wide.length > 0 ? { wide } : {}) } satisfies ParseMessage;
      port.postMessage(message, [message.counts.buffer as ArrayBuffer, message.lengths.buffer as ArrayBuffer, message.bytes.buffer as ArrayBuffer]);
      cellsKept = 0;
    } else {
      port.postMessage({ rows, cells, spans, control, ...(wide.length > 0 ? { wide } : {}) } satisfies ParseMessage);
      cells = [];
    }
    rows = [];
    spans = [];
    wide = [];
    inFlight++;
    while (inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
  };
  const push = (row: number, record: CellValue[] | null): Promise<void> | undefined => {
    if (!bytes) cells.push(record);
    else if (record === null) counts[rows.length] = -1;
    else {
      counts[rows.length] = record.length;
      if (cellsKept + record.length > lengths.length) {
        const more = new Uint32Array(2 * (cellsKept + record.length));
        more.set(lengths.subarray(0, cellsKept));
        lengths = more;
      }
      for (let i = 0; i < record.length; i++) lengths[cellsKept++] = record[i] as unknown as number;
    }
    rows.push(row);
    return rows.length >= BATCH_ROWS ? flush() : undefined;
  };
  try {
    let sha256: string | null = null;
    if (job.kind === 'csv') {
      sha256 = await parseCsv(
        job.setup,
        (row, record, span, sawControl, cellCount) => {
          control = sawControl;
          if (span > 1 || record === null) spans.push(rows.length, span);
          if (cellCount !== undefined) wide.push(rows.length, cellCount);
          return push(row, record);
        },
        bytes,
      );
    } else {
      await readSheet(job.path, job.file, job.sheet, (row, record) => push(row, record as CellValue[]), job.parts);
    }
    await flush();
    port.postMessage({ done: true, sha256 } satisfies ParseMessage);
  } catch (error) {
    const text = error instanceof AuditError ? error.text : { zh: String((error as Error).message), en: String((error as Error).message) };
    port.postMessage({ error: text, input: error instanceof AuditError } satisfies ParseMessage);
  }
}

/** The segments queued so far, read in turn. */
let segmentsDone: Promise<void> = Promise.resolve();

/** A split worker (csv-split.ts): the preparer of its file, and the record keys in packing order. */
let split: { job: SplitJob; preparer: Preparer; keys: readonly string[]; port: MessagePort } | null = null;

/** Parses one segment of a split file, preparing its record rows, and posts them in batches. */
async function runSegment(segment: Segment & { id: number }): Promise<void> {
  const { job, preparer, keys, port: out } = split!;
  /** A batch on the split's own port, and a word on the parent port that it is there. */
  const post = (message: SegmentMessage): void => {
    out.postMessage(message);
    port.postMessage(null);
  };
  const id = segment.id;
  let rows: number[] = [];
  let kinds: number[] = [];
  let values: (string | null)[] = [];
  let issues: [number, Issue[]][] = [];
  let raws: RawEntry[] = [];
  const flush = (): void => {
    if (rows.length === 0) return;
    post({ segment: id, rows, kinds: Uint8Array.from(kinds), values, issues, raws });
    rows = [];
    kinds = [];
    values = [];
    issues = [];
    raws = [];
  };
  try {
    await parseCsv({ ...job.setup, range: { start: segment.start, end: segment.end, line: segment.line } }, (row, cells, span, control, cellCount) => {
      if (cells !== null && isRecordRow(preparer, cells)) {
        const prepared = prepareRecord(preparer, row, cells, span, control, cellCount ?? cells.length);
        if (prepared.issues.length > 0) issues.push([rows.length, prepared.issues as Issue[]]);
        const record = prepared.record as Record<string, string | undefined>;
        for (const key of keys) values.push(record[key] ?? null);
        kinds.push(1);
      } else {
        raws.push(cellCount === undefined ? { cells, span, control } : { cells, span, control, cellCount });
        kinds.push(0);
      }
      rows.push(row);
      if (rows.length >= SPLIT_BATCH_ROWS) flush();
    });
    flush();
    post({ segment: id, done: true });
  } catch (error) {
    flush();
    const text = error instanceof AuditError ? error.text : { zh: String((error as Error).message), en: String((error as Error).message) };
    post({ segment: id, error: text, input: error instanceof AuditError });
  }
}

port.on('message', (message: { ack?: true; job?: ParseJob | SplitJob; port?: MessagePort; segment?: Segment & { id: number } }) => {
  if (message.segment) {
    // Segments are read one after another, in the order they came.
    const segment = message.segment;
    segmentsDone = segmentsDone.then(() => runSegment(segment));
  } else if (message.job?.kind === 'csv-split') {
    split = { job: message.job, preparer: preparerFromSpec(message.job.spec), keys: recordKeys(message.job.spec.source.dataset), port: message.port! };
  } else if (message.ack) {
    inFlight--;
    wake?.();
    wake = null;
  } else if (message.job) {
    inFlight = 0;
    void run(message.job as ParseJob);
  }
});

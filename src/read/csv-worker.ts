// The parsing worker for large CSV files: parses on the second core and posts rows in batches, so
// the main thread validates and checks while the next batch is parsed. One worker serves every file
// of a run, one at a time (its compiled parser stays warm). At most a few batches are in flight
// (the main thread acknowledges each), so memory stays flat whatever the file size.
import { parentPort } from 'node:worker_threads';
import { AuditError } from '../errors.js';
import { parseCsv, type CsvSetup } from './csv-parse-core.js';

export const BATCH_ROWS = 2000;
const IN_FLIGHT = 4;

const port = parentPort!;
let inFlight = 0;
let wake: (() => void) | null = null;

async function run(setup: CsvSetup): Promise<void> {
  let rows: number[] = [];
  let cells: string[][] = [];
  /** Pairs of (index in batch, lines spanned) for the rare records over several lines. */
  let spans: number[] = [];
  let control = false;
  const flush = async (): Promise<void> => {
    if (rows.length === 0) return;
    port.postMessage({ rows, cells, spans, control });
    rows = [];
    cells = [];
    spans = [];
    inFlight++;
    while (inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
  };
  try {
    const sha256 = await parseCsv(setup, (row, record, span, sawControl) => {
      control = sawControl;
      if (span > 1) spans.push(rows.length, span);
      rows.push(row);
      cells.push(record);
      return rows.length >= BATCH_ROWS ? flush() : undefined;
    });
    await flush();
    port.postMessage({ done: true, sha256 });
  } catch (error) {
    const text = error instanceof AuditError ? error.text : { zh: String((error as Error).message), en: String((error as Error).message) };
    port.postMessage({ error: text, input: error instanceof AuditError });
  }
}

port.on('message', (message: { ack?: true; job?: CsvSetup }) => {
  if (message.ack) {
    inFlight--;
    wake?.();
    wake = null;
  } else if (message.job) {
    inFlight = 0;
    void run(message.job);
  }
});

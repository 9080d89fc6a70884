// When a CSV's parsing worker runs out of heap (src/read/csv.ts): before it handed on any row, the
// file is read on this thread instead, from its first line; after, the run ends with an error that
// names the file and the worker's budget, not an internal error. The worker is stood in for here,
// since a real one cannot be made to run out of heap gradually after its first rows (a single huge
// cell is stopped by the record-size bound first: test/hostile.test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../src/errors.js';
import type { CellValue } from '../src/model.js';
import type * as WorkerHost from '../src/read/worker-host.js';

const worker = vi.hoisted(() => ({ delivered: false, started: 0 }));

vi.mock('../src/read/worker-host.js', async (importOriginal) => {
  const actual = await importOriginal<typeof WorkerHost>();
  return {
    ...actual,
    workerFor: () => new URL('file:///stand-in/parse-worker.js'),
    startParse: (): WorkerHost.WorkerParse => {
      worker.started++;
      return { read: () => Promise.reject(new actual.WorkerOutOfMemory(worker.delivered)), close: () => {} };
    },
  };
});

const { openCsv } = await import('../src/read/csv.js');

function csvFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'aa-csv-oom-')), '回访记录.csv');
  writeFileSync(path, '编号,回访时间\nH1,2025-03-01\nH2,2025-03-02\n');
  return path;
}

describe('a CSV worker out of heap', () => {
  beforeEach(() => {
    worker.started = 0;
  });

  it('before its first row: the file is read on this thread, every row once', async () => {
    worker.delivered = false;
    const csv = await openCsv(csvFile(), '回访记录.csv', null);
    const rows: [number, readonly CellValue[] | null][] = [];
    await csv.read((row, cells) => void rows.push([row, cells]));
    expect(worker.started).toBe(1);
    expect(rows).toEqual([
      [1, ['编号', '回访时间']],
      [2, ['H1', '2025-03-01']],
      [3, ['H2', '2025-03-02']],
    ]);
    expect(csv.sha256()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('after rows were handed on: an input error naming the file and the budget', async () => {
    worker.delivered = true;
    const csv = await openCsv(csvFile(), '回访记录.csv', null);
    const failure = await csv.read(() => {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).file).toBe('回访记录.csv');
    expect((failure as InputError).text.zh).toContain('128 MB');
    expect((failure as InputError).text.en).toContain("parsing thread's budget (128 MB)");
  });
});

// The batch's worker pool: Node's own worker_threads, one audit at a time per worker, as many
// workers as asked (the machine's parallelism by default). No pool library: the pool is a queue and
// a replacement for a worker that dies, some sixty lines; a library would bring its own worker
// start-up, where ours must start from the built bundle with its code cache (src/launch.ts).
// Answers arrive in any order; the caller sorts (the summary is by folder name).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchAnswer, BatchSetup, BatchTask } from './worker.js';
import { failedRow } from './summary.js';

/**
 * dist/launch.js, which loads the bundle with its code cache: beside the bundle (dist/cli.cjs,
 * whose import.meta.url this is once bundled) or one folder up (dist/batch/pool.js, unbundled).
 */
function launchScript(): string {
  for (const relative of ['./launch.js', '../launch.js']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('dist/launch.js is missing: run npm run build');
}

// The worker's first lines: load the bundle as bin/ does, then serve the pool from inside it.
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
import(pathToFileURL(workerData.launch).href)
  .then((launch) => launch.loadCli().serveBatchWorker(parentPort, workerData.setup))
  .catch((error) => parentPort.postMessage({ fatal: String((error && error.stack) || error) }));
`;

export interface Running {
  readonly folder: string;
  /** When it started (progress only: never in an output). */
  readonly since: number;
}

export interface PoolEvents {
  /** Each answer as it arrives (the enterprise's reports are written here). */
  answer(answer: BatchAnswer): Promise<void>;
  /** After each start and answer: how many are done, and what runs. */
  progress?(done: number, total: number, running: readonly Running[]): void;
}

export async function runPool(tasks: readonly BatchTask[], setup: BatchSetup, jobs: number, events: PoolEvents): Promise<void> {
  const launch = launchScript();
  const queue = [...tasks];
  const running = new Map<number, Running>();
  const writes: Promise<void>[] = [];
  let done = 0;
  const size = Math.max(1, Math.min(jobs, tasks.length));
  const report = (): void => events.progress?.(done, tasks.length, [...running.values()]);

  await new Promise<void>((resolve, reject) => {
    let live = 0;
    let failed = false;
    const finish = (answer: BatchAnswer): void => {
      running.delete(answer.id);
      done += 1;
      writes.push(events.answer(answer));
      report();
    };
    const start = (): void => {
      live += 1;
      const worker = new Worker(BOOT, { eval: true, workerData: { launch, setup }, stdout: false, stderr: false });
      let current: BatchTask | null = null;
      let ready = false;
      const next = (): void => {
        current = queue.shift() ?? null;
        if (current === null) {
          void worker.terminate();
          return;
        }
        running.set(current.id, { folder: current.folder, since: Date.now() });
        report();
        worker.postMessage(current);
      };
      worker.on('message', (message: BatchAnswer | { ready: true } | { fatal: string }) => {
        if ('fatal' in message) {
          failed = true;
          reject(new Error(message.fatal));
          void worker.terminate();
          return;
        }
        if ('ready' in message) {
          ready = true;
          next();
          return;
        }
        current = null;
        finish(message);
        next();
      });
      const died = (why: string): void => {
        if (current !== null) {
          const task: BatchTask = current;
          current = null;
          finish({ id: task.id, reduced: { row: failedRow(task.folder, { zh: `审计进程异常退出：${why}`, en: `the audit's worker crashed: ${why}` }) }, files: [], inputs: [] });
        }
      };
      worker.on('error', (error) => died(error.message));
      worker.on('exit', (code) => {
        live -= 1;
        died(`exit code ${code}`);
        if (failed) return;
        // A worker that died before it could start: the next would too.
        if (!ready && code !== 0) {
          failed = true;
          reject(new Error(`a batch worker could not start (exit code ${code})`));
          return;
        }
        if (queue.length > 0) start();
        else if (live === 0) resolve();
      });
    };
    if (tasks.length === 0) resolve();
    for (let i = 0; i < size; i++) start();
  });
  await Promise.all(writes);
}

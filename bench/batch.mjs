#!/usr/bin/env node
// `npm run build && node bench/batch.mjs`: the batch of issue 17 measured. Generates 200 enterprises
// (bench/generate.mjs, a different seed each, a few thousand records each: --complaints complaints,
// about as many callbacks, 500 sold homes) and 50 (the first 50 of them, generated again), then runs
// `batch` under /usr/bin/time -v on 1 worker and on every core, over 50 and over 200 enterprises,
// interleaved and repeated (the machine is shared and noisy: a slow spell hits every variant
// alike). Prints the median wall time of each, the speed-up, and the highest peak RSS (the process's,
// worker threads included): the peak must not grow with the number of enterprises.
//
//   node bench/batch.mjs                      200 and 50 enterprises of 1,500 complaints, 2 rounds
//   node bench/batch.mjs --rounds 3 --complaints 3000
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 2);
const COMPLAINTS = arg('complaints', 1500);
const CORES = availableParallelism();
const AS_OF = '2025-12-31';

function ensure(count) {
  const parent = join(root, 'bench', 'data', `batch-${count}x${COMPLAINTS}`);
  const done = join(parent, `e${String(count).padStart(3, '0')}`, 'planted.json');
  if (existsSync(done)) return parent;
  process.stderr.write(`generating ${count} enterprises of ${COMPLAINTS} complaints …\n`);
  rmSync(parent, { recursive: true, force: true });
  mkdirSync(parent, { recursive: true });
  for (let i = 1; i <= count; i++) {
    const out = join(parent, `e${String(i).padStart(3, '0')}`);
    execFileSync(process.execPath, [join(root, 'bench', 'generate.mjs'), '--complaints', String(COMPLAINTS), '--out', out, '--format', 'csv', '--seed', String(1000 + i)], { stdio: 'ignore' });
  }
  return parent;
}

function measure(parent, jobs) {
  const result = spawnSync('/usr/bin/time', ['-v', process.execPath, join(root, 'bin', 'aftersales-audit.js'), 'batch', parent, '--as-of', AS_OF, '--jobs', String(jobs), '--format', 'json', '-q'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, CI: 'true' },
  });
  if (result.status !== 1 && result.status !== 0) throw new Error(`batch failed (${result.status}): ${result.stderr}`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(result.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  // CPU seconds and the share of a core the run got: on a busy machine, what the wall time hides.
  const cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(result.stderr)[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(result.stderr)[1]);
  const share = Number(/Percent of CPU this job got: (\d+)%/.exec(result.stderr)[1]);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const enterprises = JSON.parse(result.stdout).totals.enterprises;
  return { seconds, maxRssMB: Number(rss[1]) / 1024, enterprises, cpu, share };
}

const sets = { 50: ensure(50), 200: ensure(200) };
const loadBefore = loadavg();
const variants = [
  { count: 200, jobs: 1 },
  { count: 200, jobs: CORES },
  { count: 50, jobs: CORES },
  { count: 50, jobs: 1 },
];
const runs = new Map(variants.map((v) => [`${v.count}/${v.jobs}`, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (const v of variants) {
    const m = measure(sets[v.count], v.jobs);
    if (m.enterprises !== v.count) throw new Error(`expected ${v.count} enterprises, got ${m.enterprises}`);
    runs.get(`${v.count}/${v.jobs}`).push(m);
    process.stderr.write(`round ${r + 1}: ${v.count} enterprises, ${v.jobs} worker(s): ${m.seconds.toFixed(1)} s, ${m.maxRssMB.toFixed(0)} MB, ${m.cpu.toFixed(1)} CPU s (${m.share}% of a core)\n`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const rows = variants.map((v) => {
  const list = runs.get(`${v.count}/${v.jobs}`);
  return { enterprises: v.count, jobs: v.jobs, seconds: median(list.map((m) => m.seconds)), times: list.map((m) => m.seconds), shares: list.map((m) => m.share), maxRssMB: Math.max(...list.map((m) => m.maxRssMB)) };
});
const at = (count, jobs) => rows.find((r) => r.enterprises === count && r.jobs === jobs);
console.log(`machine: ${CORES} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}; ${COMPLAINTS} complaints per enterprise; ${ROUNDS} rounds, interleaved`);
console.log(`load average before: ${loadBefore.map((x) => x.toFixed(1)).join(', ')}; after: ${loadavg().map((x) => x.toFixed(1)).join(', ')}`);
console.log('| enterprises | workers | wall time (median) | runs | share of a core | peak RSS |');
console.log('| ---: | ---: | ---: | --- | --- | ---: |');
for (const r of rows) console.log(`| ${r.enterprises} | ${r.jobs} | ${r.seconds.toFixed(1)} s | ${r.times.map((t) => t.toFixed(1)).join(', ')} | ${r.shares.map((p) => `${p}%`).join(', ')} | ${r.maxRssMB.toFixed(0)} MB |`);
console.log(`speed-up on ${CORES} workers: ${(at(200, 1).seconds / at(200, CORES).seconds).toFixed(2)}× over 200 enterprises, ${(at(50, 1).seconds / at(50, CORES).seconds).toFixed(2)}× over 50`);
console.log(`peak RSS, 200 vs 50 enterprises: ${at(200, CORES).maxRssMB.toFixed(0)} vs ${at(50, CORES).maxRssMB.toFixed(0)} MB on ${CORES} workers, ${at(200, 1).maxRssMB.toFixed(0)} vs ${at(50, 1).maxRssMB.toFixed(0)} MB on 1`);

#!/usr/bin/env node
// `npm run bench`: generates the data sets (once; about 1 GB in bench/data, not committed), then
// measures, each alone on the machine (run nothing else meanwhile), bare parsing (the floor),
// validate and audit on each, in separate processes, interleaved and repeated (the machine is
// shared: a run can be 20% off; the table gives the median time and the highest peak), and checks
// the 4.7 lateness count against DuckDB running the same rule as SQL on the same CSV with the same
// calendar.
//
//   npm run bench                 100k and 1M complaint rows (CSV) and 200k (XLSX), 3 runs each
//   npm run bench -- --quick      100k CSV and 20k XLSX only, 1 run (a minute)
//   npm run bench -- --runs 5     more runs per measurement
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const quick = process.argv.includes('--quick');
const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : quick ? 1 : 3;
const AS_OF = '2025-12-31';
const SETS = quick
  ? [{ name: '100k-csv', n: 100_000, format: 'csv' }, { name: '20k-xlsx', n: 20_000, format: 'xlsx' }]
  : [{ name: '100k-csv', n: 100_000, format: 'csv' }, { name: '1m-csv', n: 1_000_000, format: 'csv', target: true }, { name: '200k-xlsx', n: 200_000, format: 'xlsx', target: true }];

function ensure(set) {
  const dir = join(root, 'bench', 'data', set.name);
  if (!existsSync(join(dir, 'planted.json'))) {
    process.stderr.write(`generating ${set.name} …\n`);
    execFileSync(process.execPath, [join(root, 'bench', 'generate.mjs'), '--complaints', String(set.n), '--out', dir, '--format', set.format], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return dir;
}

function measureOnce(mode, dir) {
  const result = spawnSync(process.execPath, [join(root, 'bench', 'one.mjs'), mode, dir, AS_OF], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${mode} ${dir} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

/** Each mode RUNS times, interleaved (a slow spell of the machine hits all modes alike): the median time, the highest peak. */
function measureAll(modes, dir) {
  const runs = Object.fromEntries(modes.map((m) => [m, []]));
  for (let r = 0; r < RUNS; r++) for (const mode of modes) runs[mode].push(measureOnce(mode, dir));
  return Object.fromEntries(
    modes.map((mode) => {
      const list = runs[mode];
      const seconds = list.map((m) => m.seconds).sort((a, b) => a - b);
      return [mode, { ...list[0], seconds: seconds[Math.floor(seconds.length / 2)], times: seconds, maxRssMB: Math.max(...list.map((m) => m.maxRssMB)) }];
    }),
  );
}

const megabytes = (dir) => readdirSync(dir).filter((f) => /\.(csv|xlsx)$/.test(f)).reduce((s, f) => s + statSync(join(dir, f)).size, 0) / 1e6;

/** The 4.7 rule as SQL: complaints late at the as-of date, against a date → deadline table from our calendar. */
async function duckdbLate(dir) {
  const { buildCalendar, workingDayDeadline } = await import(join(root, 'dist', 'calendar', 'calendar.js'));
  const calendar = buildCalendar();
  const lines = ['day,deadline'];
  for (let t = Date.UTC(2024, 11, 1); t <= Date.UTC(2026, 1, 1); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    lines.push(`${day},${workingDayDeadline(calendar, day, 3).deadline}`);
  }
  const calendarFile = join(mkdtempSync(join(tmpdir(), 'aa-bench-')), 'deadlines.csv');
  writeFileSync(calendarFile, `${lines.join('\n')}\n`);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const started = performance.now();
  const sql = `
    WITH c AS (
      SELECT TRY_CAST(substr("受理时间", 1, 10) AS DATE) AS received,
             TRY_CAST(substr("处理意见时间", 1, 10) AS DATE) AS opinion
      FROM read_csv('${join(dir, '投诉台账.csv')}', header = true, all_varchar = true)
      WHERE "类别" = '投诉'
    )
    SELECT count(*) AS late
    FROM c JOIN read_csv('${calendarFile}', header = true, columns = {'day': 'DATE', 'deadline': 'DATE'}) d ON d.day = c.received
    WHERE c.received BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'
      AND ((c.opinion IS NOT NULL AND c.opinion > d.deadline) OR (c.opinion IS NULL AND d.deadline < DATE '${AS_OF}'))`;
  const reader = await connection.runAndReadAll(sql);
  const seconds = (performance.now() - started) / 1000;
  connection.closeSync();
  instance.closeSync();
  return { late: Number(reader.getRows()[0][0]), seconds };
}

function demoSeconds() {
  const times = [];
  for (let i = 0; i < 11; i++) {
    const started = performance.now();
    spawnSync(process.execPath, [join(root, 'bin', 'aftersales-audit.js'), 'audit', join(root, 'fixtures', 'demo'), '--format', 'json'], { encoding: 'utf8' });
    times.push((performance.now() - started) / 1000);
  }
  return times.sort((a, b) => a - b)[5];
}

const fmt = (x, d = 2) => x.toFixed(d);
const rows = [];
const checks = [];
// First, while this process is small and nothing else has run: the start-up target.
const demo = demoSeconds();
for (const set of SETS) {
  const dir = ensure(set);
  const mb = megabytes(dir);
  const modes = set.format === 'xlsx' ? ['parse', 'parse-hosted', 'validate', 'audit'] : ['parse', 'validate', 'audit'];
  process.stderr.write(`measuring ${set.name} (${RUNS} × ${modes.join(', ')}) …\n`);
  const m = measureAll(modes, dir);
  const floor = m.parse;
  const names = { parse: 'parse (floor)', 'parse-hosted': 'parse, hosted as the reader hosts it', validate: 'validate', audit: 'audit --format json' };
  for (const mode of modes) {
    const r = m[mode];
    rows.push(`| ${set.name} | ${names[mode]} | ${fmt(r.seconds)} | ${Math.round(floor.rows / r.seconds).toLocaleString('en-US')} | ${fmt(mb / r.seconds, 1)} | ${fmt(r.maxRssMB, 0)} | ${fmt(r.seconds / floor.seconds)} | ${r.times.map((t) => fmt(t, 1)).join(' ')} |`);
  }
  const audit = m.audit;
  // The targets of the issue: 1M-row CSV and 200k-row XLSX; the smaller sets are reported only.
  if (set.target) {
    checks.push([`${set.name}: audit ≤ 1.3× the floor`, audit.seconds / floor.seconds <= 1.3, `${fmt(audit.seconds / floor.seconds)}× (median of ${RUNS})`]);
    checks.push([`${set.name}: audit peak memory ≤ 300 MB`, audit.maxRssMB <= 300, `${fmt(audit.maxRssMB, 0)} MB (highest of ${RUNS})`]);
    // SPEC §5: for XLSX, whose shared-strings table exceljs holds in memory, also at most 1.2× the
    // reader's own peak (exceljs parsing the sheet in a plain process).
    if (set.format === 'xlsx') checks.push([`${set.name}: audit peak ≤ 1.2× exceljs's own (${fmt(floor.maxRssMB, 0)} MB)`, audit.maxRssMB <= floor.maxRssMB * 1.2, `${fmt(audit.maxRssMB / floor.maxRssMB)}×`]);
  }
  if (set.format === 'csv') {
    const peer = await duckdbLate(dir);
    checks.push([`${set.name}: DuckDB agrees on the 4.7 late count`, peer.late === audit.late, `ours ${audit.late}, DuckDB ${peer.late} (${fmt(peer.seconds)} s)`]);
  }
  set.audit = audit;
}
const csvSets = SETS.filter((s) => s.format === 'csv');
if (csvSets.length === 2) {
  const [small, big] = csvSets;
  const perHundredK = (big.audit.maxRssMB - small.audit.maxRssMB) / ((big.n - small.n) / 100_000);
  checks.push(['memory growth per 100k complaint rows (cross-file ids)', true, `${fmt(perHundredK, 1)} MB`]);
}
checks.push(['audit fixtures/demo end to end < 0.5 s', demo < 0.5, `${fmt(demo)} s (median of 11, node start included)`]);

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
console.log(`\nMachine: ${machine}\n`);
console.log('| data | step | seconds | rows/s | MB/s | peak RSS MB | × floor | each run (s) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
console.log('\n| target | met | measured |\n| --- | --- | --- |');
for (const [name, ok, value] of checks) console.log(`| ${name} | ${ok ? 'yes' : 'NO'} | ${value} |`);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;

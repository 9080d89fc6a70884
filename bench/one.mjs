#!/usr/bin/env node
// One measurement in a fresh process: `node bench/one.mjs MODE PATH [AS_OF]`, printing JSON with the
// wall time and CPU time of the measured work (start-up excluded), the process's peak RSS and what
// it counted. PATH is an enterprise folder (every CSV, and for the parse modes every workbook, in
// it) or, for the parse modes, one CSV file. MODE is
//   parse-default-256k  the same fed in 256 KB reads, as the reader reads (faster here: fewer, larger writes)
//   parse-default  the floor for CSV: one bare single-threaded csv-parse pass with its default
//            options, fed the file's bytes by fs.createReadStream, counting records and nothing else
//   parse    csv-parse with the reader's own options (those src/read/csv-parse-core.ts gives it, fed
//            by a strict TextDecoder), and for XLSX the reader's exceljs path, counting rows and
//            nothing else, all on the main thread of a plain process (the libraries' own cost)
//   parse-hosted  the same, but each workbook's sheet parsed the way the reader runs it (in the
//            parsing worker with its heap budget, for a large one)
//   validate aftersales-audit validate DIR --format json (output discarded)
//   audit    aftersales-audit audit DIR --format json (the 4.7 late count kept for the peer check,
//            the report's SHA-256 for the check that the cores used do not change a byte)
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'csv-parse';

const [mode, target, asOf] = process.argv.slice(2);
const MODES = ['parse-default', 'parse-default-256k', 'parse', 'parse-hosted', 'validate', 'audit'];
if (!MODES.includes(mode) || !target) {
  process.stderr.write(`usage: node bench/one.mjs ${MODES.join('|')} PATH [AS_OF]\n`);
  process.exit(2);
}
const dist = new URL('../dist/', import.meta.url);
const cpuBefore = process.cpuUsage();
const started = performance.now();
let rows = 0;
let late = null;
let sha256 = null;

/** The files a parse mode reads: PATH itself, or the folder's files in name order. */
function files(path) {
  if (statSync(path).isFile()) return [{ dir: dirname(path), name: basename(path) }];
  return readdirSync(path).sort().map((name) => ({ dir: path, name }));
}

/** The plainest use of csv-parse: the file piped in (64 KB reads, or `highWaterMark`), default options. */
async function defaultCsv(path, highWaterMark) {
  const parser = parse();
  createReadStream(path, highWaterMark ? { highWaterMark } : {}).on('error', (e) => parser.destroy(e)).pipe(parser);
  for await (const _ of parser) rows++;
}

async function readerCsv(path) {
  // The options parseCsv (src/read/csv-parse-core.ts) gives csv-parse for UTF-8 (with `info: true`
  // only when its hold on csv-parse's line counters is unavailable), fed the bytes in 256 KB reads as
  // it feeds them (it also checks them with buffer.isUtf8, which is left out here).
  const parser = parse({ delimiter: ',', relax_column_count: true, relax_quotes: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'], max_record_size: 32 * 1024 * 1024, bom: true });
  const feed = (async () => {
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
      if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
    }
    parser.end();
  })();
  for await (const _ of parser) rows++;
  await feed;
}

if (mode === 'parse-default' || mode === 'parse-default-256k') {
  for (const { dir, name } of files(target)) if (name.endsWith('.csv')) await defaultCsv(join(dir, name), mode === 'parse-default' ? null : 256 * 1024);
} else if (mode === 'parse' || mode === 'parse-hosted') {
  for (const { dir, name } of files(target)) {
    if (name.endsWith('.csv')) await readerCsv(join(dir, name));
    if (name.endsWith('.xlsx')) {
      const { readSheet, sheetRows, inspectWorkbook } = await import(new URL('read/xlsx.js', dist));
      const info = await inspectWorkbook(join(dir, name), name);
      if (mode === 'parse') await readSheet(join(dir, name), name, info.sheets[0].name, () => void rows++);
      else await sheetRows(join(dir, name), name, info.sheets[0].name).read(() => void rows++);
    }
  }
} else {
  const { main } = (await import(new URL('launch.js', dist))).loadCli();
  let out = '';
  const io = { stdout: { write: (t) => (mode === 'audit' ? (out += t) : 0), isTTY: false }, stderr: { write: () => 0, isTTY: false }, env: { CI: 'true' } };
  const args = [mode, target, '--format', 'json', '--max-issues', '1000'];
  if (mode === 'audit' && asOf) args.push('--as-of', asOf);
  await main(args, io);
  if (mode === 'audit') {
    sha256 = createHash('sha256').update(out).digest('hex');
    const report = JSON.parse(out);
    const clause = report.chapters.flatMap((c) => c.clauses).find((c) => c.id === '4.7');
    late = clause?.metrics.late ?? null;
    rows = report.inputs.reduce((sum, i) => sum + (i.rows ?? 0), 0);
  } else rows = -1;
}

const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
console.log(JSON.stringify({ mode, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMB: process.resourceUsage().maxRSS / 1024, rows, late, sha256 }));

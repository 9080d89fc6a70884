#!/usr/bin/env node
// One measurement in a fresh process: `node bench/one.mjs MODE DIR [AS_OF]`, printing JSON with the
// wall time, the process's peak RSS and what it counted. MODE is
//   parse    the floor: the CSV parser with the reader's own options (csv-parse fed by a strict
//            TextDecoder), and for XLSX the reader's exceljs path, counting rows and nothing else,
//            all on the main thread of a plain process (the libraries' own cost)
//   parse-hosted  the same, but each workbook's sheet parsed the way the reader runs it (in the
//            parsing worker with its heap budget, for a large one)
//   validate aftersales-audit validate DIR --format json (output discarded)
//   audit    aftersales-audit audit DIR --format json (the 4.7 late count kept for the peer check)
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse';

const [mode, dir, asOf] = process.argv.slice(2);
const dist = new URL('../dist/', import.meta.url);
const started = performance.now();
let rows = 0;
let late = null;

async function bareCsv(path) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // The options openCsv (src/read/csv.ts) gives csv-parse.
  const parser = parse({ delimiter: ',', info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'], max_record_size: 32 * 1024 * 1024 });
  const feed = (async () => {
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
      if (!parser.write(decoder.decode(chunk, { stream: true }))) await new Promise((r) => parser.once('drain', r));
    }
    parser.end();
  })();
  for await (const _ of parser) rows++;
  await feed;
}

if (mode === 'parse' || mode === 'parse-hosted') {
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.csv')) await bareCsv(join(dir, name));
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
  const args = [mode, dir, '--format', 'json', '--max-issues', '1000'];
  if (mode === 'audit' && asOf) args.push('--as-of', asOf);
  await main(args, io);
  if (mode === 'audit') {
    const report = JSON.parse(out);
    const clause = report.chapters.flatMap((c) => c.clauses).find((c) => c.id === '4.7');
    late = clause?.metrics.late ?? null;
    rows = report.inputs.reduce((sum, i) => sum + i.rows, 0);
  } else rows = -1;
}

const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ mode, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, rows, late }));

// A large CSV is cut into segments read on every core (src/read/csv-split.ts). Two properties make
// that safe: the cuts fall between records, with the right line numbers (checked here against one
// pass over random files with quotes, line breaks inside cells, CRLF, CR, blank lines and a BOM),
// and the audit of a split file is byte for byte the audit of one pass (checked through the
// compiled binary on every CSV fixture and a generated enterprise, with tiny segments forced).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, type CsvSetup } from '../src/read/csv-parse-core.js';
import { planSplit } from '../src/read/csv-split.js';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const fixtures = new URL('../fixtures/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'aa-split-'));

type Emitted = [number, string[] | null, number];

/** What a parse hands on, blank runs spelled out line by line (a run may be cut in two). */
async function emitted(setup: CsvSetup): Promise<Emitted[]> {
  const out: Emitted[] = [];
  await parseCsv(setup, (row, cells, span) => {
    if (cells === null) for (let i = 0; i < span; i++) out.push([row + i, null, 1]);
    else out.push([row, cells, span]);
  });
  return out;
}

const cell = fc.oneof(
  fc.constantFrom('', 'a', '编号', '海岸 华庭', '1-2-0301', '2025-03-03 08:00'),
  fc.array(fc.constantFrom('a', '"', ',', '\n', '\r\n', '\r', ' ', '投'), { maxLength: 8 }).map((parts) => parts.join('')),
);

/** A CSV as exports write it: a cell is quoted when it holds a quote, comma or line break (or at random). */
function csvOf(rows: string[][], eol: string, bom: boolean, quoteAll: boolean, blanks: number[]): string {
  const lines = rows.map((row, i) => {
    const text = row.map((c) => (quoteAll || /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
    return `${text}${eol.repeat(1 + (blanks[i] ?? 0))}`;
  });
  return `${bom ? '\uFEFF' : ''}${lines.join('')}`;
}

describe('planSplit cuts a CSV between records, each segment starting on its line', () => {
  it('gives the same rows, cells and line numbers as one pass', async () => {
    let cut = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 3, maxLength: 60 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat({ max: 3 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 60 }),
        async (rows, eol, bom, quoteAll, blanks, headBytes, segmentBytes) => {
          const path = join(dir, 'p.csv');
          writeFileSync(path, csvOf(rows, eol, bom, quoteAll, blanks));
          const setup: CsvSetup = { path, file: 'p.csv', encoding: 'utf-8', delimiter: ',', maxColumns: 1000 };
          const whole = await emitted(setup);
          const plan = await planSplit(path, ',', headBytes, segmentBytes);
          // Cuts are made after line feeds only: a file of CR line ends is read as one stream.
          if (plan === null) return;
          cut++;
          // With the one line break the plan found, when it found only one kind.
          const cutSetup: CsvSetup = plan.lineEnd ? { ...setup, lineEnd: plan.lineEnd } : setup;
          if (!rows.flat().some((c) => /\r/.test(c)) && eol === '\n') expect(plan.lineEnd).toBe('\n');
          const parts = [await emitted({ ...cutSetup, range: plan.head })];
          for (const segment of plan.segments) parts.push(await emitted({ ...cutSetup, range: segment }));
          expect(parts.flat()).toEqual(whole);
          expect(plan.segments.at(-1)!.end).toBe(statSync(path).size);
        },
      ),
      { numRuns: 300, seed: 19 },
    );
    // Most random files were cut (the property is not vacuous).
    expect(cut).toBeGreaterThan(150);
  });

  it('refuses to cut where a quote inside a quoted cell is followed by text, or a quote is never closed', async () => {
    const stray = join(dir, 'stray.csv');
    writeFileSync(stray, `a,b\n${'1,2\n'.repeat(50)}"x"y,3\n${'1,2\n'.repeat(50)}`);
    expect(await planSplit(stray, ',', 10, 10)).toBeNull();
    const open = join(dir, 'open.csv');
    writeFileSync(open, `a,b\n${'1,2\n'.repeat(50)}"x,3\n${'1,2\n'.repeat(50)}`);
    expect(await planSplit(open, ',', 10, 10)).toBeNull();
    // A quote inside an unquoted cell is a character (relax_quotes), and cuts go on past it.
    const inner = join(dir, 'inner.csv');
    writeFileSync(inner, `a,b\n${'1,2\n'.repeat(50)}x"y,3\n${'1,2\n'.repeat(50)}`);
    expect((await planSplit(inner, ',', 10, 10))!.segments.length).toBeGreaterThan(20);
  });

  it('hashes the whole file', async () => {
    const path = join(dir, 'h.csv');
    writeFileSync(path, 'a,b\n1,2\n3,4\n5,6\n');
    const single = await parseCsv({ path, file: 'h.csv', encoding: 'utf-8', delimiter: ',', maxColumns: 10 }, () => {});
    expect((await planSplit(path, ',', 1, 1))!.sha256).toBe(single);
  });
});

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every CSV file split: the head after 3 KB (the header found there) in segments of 700 bytes, on 2 and 3 workers. */
const SPLIT = { AFTERSALES_AUDIT_SPLIT_BYTES: '1', AFTERSALES_AUDIT_SPLIT_HEAD_BYTES: '3000', AFTERSALES_AUDIT_SEGMENT_BYTES: '700', AFTERSALES_AUDIT_SPLIT_WORKERS: '2' };
/** A head too short to hold the header search: the rest read as one stream. */
const SHORT_HEAD = { ...SPLIT, AFTERSALES_AUDIT_SPLIT_HEAD_BYTES: '100' };

function csvFolders(root: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    const entries = readdirSync(folder, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name.toLowerCase().endsWith('.csv'))) found.push(folder);
    for (const e of entries) if (e.isDirectory()) walk(join(folder, e.name));
  };
  walk(root);
  return found.sort();
}

describe('the audit of a split CSV, or of one read in the parsing worker, is the audit of one pass on the main thread, byte for byte', () => {
  const folders = csvFolders(fixtures).map((f) => [f.slice(fixtures.length)]);

  it.each(folders)('fixtures/%s', (folder) => {
    const args = ['audit', join(fixtures, folder), '--format', 'json', '--as-of', '2026-01-31'];
    const single = run(args);
    expect(single.stdout.length + single.stderr.length).toBeGreaterThan(0);
    expect(run(args, SPLIT)).toEqual(single);
    expect(run(args, SHORT_HEAD)).toEqual(single);
    // Read whole in the parsing worker (a UTF-8 file's cells crossing as bytes) it is the same too.
    expect(run(args, { AFTERSALES_AUDIT_WORKER_BYTES: '0' })).toEqual(single);
  });

  it('a generated enterprise of 5,000 complaints in CSV, on 1, 2 and 3 workers, in both languages', () => {
    const enterprise = join(mkdtempSync(join(tmpdir(), 'aa-split-')), 'enterprise');
    const generator = new URL('../bench/generate.mjs', import.meta.url).pathname;
    expect(spawnSync(process.execPath, [generator, '--complaints', '5000', '--out', enterprise, '--format', 'csv']).status).toBe(0);
    for (const lang of ['zh', 'en']) {
      const args = ['--lang', lang, 'audit', enterprise, '--format', 'json', '--as-of', '2025-12-31'];
      const single = run(args);
      expect(single.stderr).toBe('');
      for (const workers of ['1', '2', '3']) {
        const split = run(args, { ...SPLIT, AFTERSALES_AUDIT_SEGMENT_BYTES: '40000', AFTERSALES_AUDIT_SPLIT_WORKERS: workers });
        expect(split).toEqual(single);
      }
    }
    const text = ['audit', enterprise, '--as-of', '2025-12-31'];
    expect(run(text, { ...SPLIT, AFTERSALES_AUDIT_SEGMENT_BYTES: '40000' })).toEqual(run(text));
  });

  it('bytes that cannot be decoded in a late segment are reported with their line and offset, as one pass reports them', () => {
    // Past the first 256 KB, where the encoding is told: the file is UTF-8 until these bytes.
    const enterprise = join(mkdtempSync(join(tmpdir(), 'aa-split-')), 'enterprise');
    const generator = new URL('../bench/generate.mjs', import.meta.url).pathname;
    expect(spawnSync(process.execPath, [generator, '--complaints', '3000', '--out', enterprise, '--format', 'csv']).status).toBe(0);
    const complaints = join(enterprise, '投诉台账.csv');
    writeFileSync(complaints, Buffer.concat([readFileSync(complaints), Buffer.from([0x54, 0x53, 0x2c, 0xff, 0xfe, 0x0a])]));
    const args = ['--lang', 'en', 'validate', enterprise, '--format', 'json'];
    const single = run(args);
    const split = run(args, SPLIT);
    const message = (out: string): string => (JSON.parse(out) as { skipped: { message: string }[] }).skipped.map((s) => s.message).join('\n');
    expect(message(single.stdout)).toMatch(/line \d+ \(byte offset \d+\): an invalid UTF-8/);
    // How many rows came before the failure depends on how far ahead the reading had got (one pass
    // in a worker hands on whole batches of 2,000): the rest of the message is the same.
    const steady = (text: string): string => text.replace(/ \(only its first \d+ data rows were read\)/, '');
    expect(steady(message(split.stdout))).toBe(steady(message(single.stdout)));
    expect(message(split.stdout)).toMatch(/only its first \d+ data rows were read/);
    expect(split.code).toBe(single.code);
  });
});

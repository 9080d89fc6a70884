// Large files are parsed in a worker thread (src/read/worker-host.ts); small ones, like every
// fixture, on the main thread. These runs of the compiled binary force the worker for every file
// (AFTERSALES_AUDIT_WORKER_BYTES=0) and require the very same bytes out, errors and exit codes
// included, so the path a large export takes is tested on the fixtures too.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const fixture = (path: string): string => new URL(`../fixtures/${path}`, import.meta.url).pathname;

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const inWorker = { AFTERSALES_AUDIT_WORKER_BYTES: '0' };

/** Runs the binary with test/support/observe.mjs preloaded: how many workers it started, which packages it loaded. */
function observe(args: string[], env: Record<string, string> = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'aa-observe-')), 'observed.json');
  const preload = new URL('./support/observe.mjs', import.meta.url).pathname;
  const result = spawnSync(process.execPath, ['--import', preload, bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env, AFTERSALES_AUDIT_OBSERVE: file } });
  return { code: result.status, ...(JSON.parse(readFileSync(file, 'utf8')) as { workers: number; packages: string[]; files: string[] }) };
}

describe('how the compiled CLI runs', () => {
  it('parses each file in its own worker when told to (the worker script is found beside the bundle)', () => {
    // The demo: staff and callbacks CSV, units and complaints XLSX.
    expect(observe(['audit', fixture('demo'), '--format', 'json'], inWorker)).toMatchObject({ code: 1, workers: 4 });
  });

  it('on small files starts no worker, and uses the precompiled validators without loading ajv', () => {
    const { code, workers, packages, files } = observe(['audit', fixture('demo'), '--format', 'json']);
    expect({ code, workers }).toEqual({ code: 1, workers: 0 });
    // Of ajv, only the one run-time helper the generated code calls (string length in code points).
    expect(files.filter((f) => f.startsWith('ajv/'))).toEqual(['ajv/dist/runtime/ucs2length.js']);
    // exceljs's reader is inside the bundle, without unzipper (whose bluebird would come with it).
    expect(packages).not.toContain('exceljs');
    expect(packages).not.toContain('bluebird');
  });

  it('loads exceljs itself only to write a workbook', () => {
    expect(observe(['validate', fixture('messy/csv-utf8-bom'), '--format', 'json']).packages).not.toContain('exceljs');
    const out = join(mkdtempSync(join(tmpdir(), 'aa-observe-')), 'report.xlsx');
    const written = observe(['audit', fixture('demo'), '--format', 'json', '-o', out, '-q']);
    expect(written.code).toBe(1);
    expect(written.packages).toContain('exceljs');
  });
});

describe('files parsed in the worker give the same results as on the main thread', () => {
  it.each([
    ['the demo enterprise (XLSX and CSV)', ['audit', fixture('demo'), '--format', 'json']],
    ['the demo enterprise, Markdown', ['audit', fixture('demo'), '--format', 'markdown']],
    ['a workbook with several sheets', ['validate', fixture('messy/xlsx-multi-sheet'), '--format', 'json']],
    ['a workbook with title and totals rows', ['validate', fixture('messy/xlsx-title-totals'), '--format', 'json']],
    ['a GB18030 CSV', ['validate', fixture('messy/csv-gb18030'), '--format', 'json']],
    ['a UTF-16 CSV with cells over several lines', ['validate', fixture('messy/csv-utf16-multiline'), '--format', 'json']],
    ['a truncated workbook', ['validate', fixture('messy/unreadable/truncated')]],
    ['a PDF named .xlsx', ['validate', fixture('messy/unreadable/pdf')]],
    ['binary garbage named .csv', ['validate', fixture('messy/unreadable/garbage')]],
    ['项目名称 merged down, LibreOffice .xlsx (#14.1)', ['audit', fixture('layouts/merged-project/libreoffice-xlsx'), '--format', 'json', '--from', '2025-01-01', '--to', '2025-12-31', '--as-of', '2026-01-31']],
    ['项目名称 merged down, openpyxl (#14.1)', ['audit', fixture('layouts/merged-project/openpyxl'), '--format', 'json', '--from', '2025-01-01', '--to', '2025-12-31', '--as-of', '2026-01-31']],
  ])('%s', (_name, args) => {
    const main = run(args);
    const worker = run(args, inWorker);
    expect(main.stdout.length + main.stderr.length).toBeGreaterThan(0);
    expect(worker).toEqual(main);
  });

  it('a generated enterprise in XLSX: the planted violations, found alike', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'aa-worker-')), 'enterprise');
    const generator = new URL('../bench/generate.mjs', import.meta.url).pathname;
    // 5,000 rows: more than two batches of the worker, so batches and acknowledgements are crossed.
    expect(spawnSync(process.execPath, [generator, '--complaints', '5000', '--out', dir, '--format', 'xlsx']).status).toBe(0);
    const args = ['audit', dir, '--format', 'json', '--as-of', '2025-12-31'];
    const main = run(args);
    const worker = run(args, inWorker);
    expect(worker.stderr).toBe('');
    expect(worker).toEqual(main);
    const report = JSON.parse(worker.stdout) as { inputs: { dataset: string; rows: number }[] };
    expect(report.inputs.find((i) => i.dataset === 'complaints')!.rows).toBe(5000);
  });

  it('a worker that outgrows its heap before the first row gives way to the main thread', () => {
    // 4 MB cannot hold exceljs and a workbook: the worker dies before its first row (without the
    // fallback the audit would end in an error), and the sheet is read on the main thread instead.
    const args = ['audit', fixture('demo'), '--format', 'json'];
    const starved = run(args, { ...inWorker, AFTERSALES_AUDIT_WORKER_HEAP_MB: '4' });
    expect(starved).toEqual(run(args));
  });

  it('a file that fails while the next workbook is parsed ahead is listed as not read, and the audit goes on', () => {
    // The staff CSV breaks while it is read; the units workbook after it is already being parsed
    // in a worker by then. The run must not wait on that worker, nor stop: the staff file is
    // listed as not read with its error, the other files are audited.
    const dir = join(mkdtempSync(join(tmpdir(), 'aa-worker-')), 'enterprise');
    cpSync(fixture('demo'), dir, { recursive: true });
    const staff = join(dir, '人员花名册.csv');
    writeFileSync(staff, `${readFileSync(staff, 'utf8')}KF099,"王五,客服专员\n`);
    const result = spawnSync(process.execPath, [bin, 'audit', dir, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, ...inWorker }, timeout: 30_000 });
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { skipped: { file: string; reason: string; message: string }[]; inputs: { file: string; rows: number }[] };
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]).toMatchObject({ file: '人员花名册.csv', reason: 'unreadable' });
    expect(report.skipped[0]!.message).toMatch(/没有闭合/);
    expect(report.inputs.map((i) => [i.file, i.rows])).toEqual([
      ['profile.yaml', 1],
      ['已售房源台账.xlsx', 360],
      ['2025年度客户投诉台账.xlsx', 264],
      ['回访记录.csv', 301],
    ]);
  });

  it('a CSV worker that outgrows its heap before the first row gives way to the main thread', () => {
    // Only the CSV files of the demo: 2 MB cannot hold the worker's modules, so without the
    // fallback the audit would end in an error.
    const dir = join(mkdtempSync(join(tmpdir(), 'aa-worker-')), 'enterprise');
    cpSync(fixture('demo'), dir, { recursive: true, filter: (path) => !path.endsWith('.xlsx') });
    const args = ['audit', dir, '--format', 'json', '--as-of', '2026-06-30'];
    const starved = run(args, { ...inWorker, AFTERSALES_AUDIT_WORKER_HEAP_MB: '2' });
    expect(starved).toEqual(run(args));
    expect(starved.code).toBe(1);
  });
});

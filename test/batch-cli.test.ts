// `batch` through the real binary: a small batch of fixture enterprises (compliant, non-compliant,
// and two that cannot be audited), golden summaries, the same bytes whatever the number of workers,
// and a summary merged from separately made reports equal to the local batch's, byte for byte.
// Regenerate the golden summaries after an intended change with:
//   UPDATE_GOLDEN=1 npx vitest run test/batch-cli.test.ts
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const parent = new URL('../fixtures/batch/enterprises/', import.meta.url).pathname;
const golden = new URL('./golden/', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(new URL('../schemas/batch.schema.json', import.meta.url), 'utf8')) as object;
const AS_OF = '2026-01-10';
const SUMMARIES = ['batch-summary.txt', 'batch-summary.json', 'batch-summary.html', 'batch-summary.xlsx'];

function run(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const normalise = (text: string): string => text.split(VERSION).join('<version>');

/** A batch of the fixture enterprises with --jobs N: every summary format and each enterprise's reports. */
function batch(jobs: number, extra: string[] = []): { dir: string; code: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), `aa-batch-${jobs}-`));
  const outputs = SUMMARIES.flatMap((f) => ['-o', join(dir, f)]);
  const result = run(['batch', parent, '--as-of', AS_OF, '--jobs', String(jobs), '--out', join(dir, 'reports'), '--reports', 'json,html', ...outputs, '-q', ...extra]);
  return { dir, ...result };
}

describe('batch over a folder of enterprise folders', () => {
  const one = batch(1);
  const two = batch(2);

  it('audits every enterprise, lists the two that cannot be audited, and exits 1 with nothing on stdout or stderr', () => {
    expect(one.stderr).toBe('');
    expect(one.stdout).toBe('');
    expect(one.code).toBe(1);
    const summary = JSON.parse(readFileSync(join(one.dir, 'batch-summary.json'), 'utf8')) as {
      totals: Record<string, number>;
      enterprises: { folder: string; verdict: string; error: { zh: string; en: string } | null; metrics: Record<string, unknown>; dataQualityIssues: number | null; clauses: Record<string, string> }[];
      clauses: { id: string; counts: Record<string, number> }[];
    };
    expect(summary.totals).toEqual({ enterprises: 4, compliant: 1, 'non-compliant': 1, 'insufficient-data': 0, failed: 2 });
    expect(summary.enterprises.map((e) => [e.folder, e.verdict])).toEqual([
      ['broken-profile', 'failed'],
      ['nothing-to-read', 'failed'],
      ['山语置业', 'compliant'],
      ['海岸置业', 'non-compliant'],
    ]);
    expect(summary.enterprises[0]!.error!.en).toMatch(/^profile\.yaml: /);
    // The error names the enterprise's folder, never the path of the batch's parent.
    expect(summary.enterprises[1]!.error!.en).toMatch(/^nothing-to-read: /);
    expect(JSON.stringify(summary)).not.toContain(parent);
    const demo = summary.enterprises[3]!;
    expect(demo.metrics).toMatchObject({ onTimeRate: expect.any(Number), handlingRate: expect.any(Number), fullTimeStaff: 4, fullTimeRequired: 2 });
    expect(demo.dataQualityIssues).toBe(4);
    expect(demo.clauses['4.7']).toBe('fail');
    expect(summary.clauses.find((c) => c.id === '4.7')!.counts).toMatchObject({ fail: 1, pass: 1 });
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(summary), JSON.stringify(validate.errors)).toBe(true);
  });

  it('writes each enterprise\'s reports under --out DIR/<folder>/, the same as `audit` of that folder', () => {
    const reports = join(one.dir, 'reports');
    expect(readdirSync(reports).sort()).toEqual(['山语置业', '海岸置业']);
    expect(readdirSync(join(reports, '海岸置业')).sort()).toEqual(['report.html', 'report.json']);
    const alone = run(['audit', join(parent, '海岸置业'), '--as-of', AS_OF, '--format', 'json']);
    expect(alone.code).toBe(1);
    expect(readFileSync(join(reports, '海岸置业', 'report.json'), 'utf8')).toBe(alone.stdout);
    // Masked by default, as a single report.
    expect(alone.stdout).not.toContain('1381234567');
  });

  it.each(SUMMARIES)('%s is the same bytes with --jobs 1 and --jobs 2', (name) => {
    expect(two.code).toBe(1);
    expect(readFileSync(join(two.dir, name))).toEqual(readFileSync(join(one.dir, name)));
  });

  it.each(SUMMARIES.filter((f) => !f.endsWith('.xlsx')))('%s matches its golden file', (name) => {
    const produced = normalise(readFileSync(join(one.dir, name), 'utf8'));
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(join(golden, name), produced);
    expect(produced).toBe(readFileSync(join(golden, name), 'utf8'));
  });

  it('gives the summary on stdout in English, and exits 0 when every enterprise is compliant', () => {
    const en = run(['--lang', 'en', 'batch', parent, '--as-of', AS_OF]);
    expect(en.stderr).toBe('');
    expect(en.stdout).toContain('enterprises: 4 · compliant 1 · non-compliant 1 · insufficient data 0 · not audited 2');
    const dir = mkdtempSync(join(tmpdir(), 'aa-batch-ok-'));
    cpSync(join(parent, '山语置业'), join(dir, '山语置业'), { recursive: true });
    const ok = run(['batch', dir, '--as-of', AS_OF, '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).totals.compliant).toBe(1);
  });

  it('is a usage error (exit 2) with no enterprise folder, or with --out inside the batch\'s folder', () => {
    const empty = mkdtempSync(join(tmpdir(), 'aa-batch-empty-'));
    const none = run(['--lang', 'en', 'batch', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no enterprise sub-folder to audit');
    const inside = run(['--lang', 'en', 'batch', parent, '--out', join(parent, 'reports')]);
    expect(inside.code).toBe(2);
    expect(existsSync(join(parent, 'reports'))).toBe(false);
    expect(run(['batch', parent, '--jobs', '0']).code).toBe(2);
  });

  it('applies --waivers to every enterprise, as audit --waivers does to one, and refuses an invalid waivers file (exit 2) before any audit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-batch-waivers-'));
    const waivers = join(dir, 'waivers.yaml');
    writeFileSync(waivers, 'waivers:\n  - id: W1\n    clause: "4.7"\n    justification: 整改中\n    approvedBy: 检查员\n    expires: 2026-06-30\n');
    const waived = run(['batch', parent, '--as-of', AS_OF, '--waivers', waivers, '--format', 'json', '--out', join(dir, 'reports'), '-q']);
    expect(waived.stderr).toBe('');
    const summary = JSON.parse(waived.stdout) as { enterprises: { folder: string; clauses: Record<string, string> }[] };
    // Every failing 4.7 finding waived: warn, not pass (docs/waivers.md).
    expect(summary.enterprises.find((e) => e.folder === '海岸置业')!.clauses['4.7']).toBe('warn');
    expect(summary.enterprises.find((e) => e.folder === '山语置业')!.clauses['4.7']).toBe('pass');
    const alone = run(['audit', join(parent, '海岸置业'), '--as-of', AS_OF, '--waivers', waivers, '--format', 'json']);
    expect(readFileSync(join(dir, 'reports', '海岸置业', 'report.json'), 'utf8')).toBe(alone.stdout);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'waivers:\n  - clause: "9.9"\n    justification: x\n    expires: 2026-06-30\n');
    const refused = run(['--lang', 'en', 'batch', parent, '--as-of', AS_OF, '--waivers', bad, '--out', join(dir, 'refused')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('invalid waivers file');
    expect(existsSync(join(dir, 'refused'))).toBe(false);
  });

  it('lists an enterprise whose worker crashes as not audited, and audits the rest on a new worker', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-batch-crash-'));
    const crashed = run(['batch', parent, '--as-of', AS_OF, '--jobs', '1', '--format', 'json', '--out', join(dir, 'reports'), '-q'], { AFTERSALES_AUDIT_TEST_CRASH: '山语置业' });
    expect(crashed.code).toBe(1);
    expect(crashed.stderr).toBe('');
    const summary = JSON.parse(crashed.stdout) as { totals: Record<string, number>; enterprises: { folder: string; verdict: string; error: { zh: string; en: string } | null }[] };
    expect(summary.totals).toEqual({ enterprises: 4, compliant: 0, 'non-compliant': 1, 'insufficient-data': 0, failed: 3 });
    const row = summary.enterprises.find((e) => e.folder === '山语置业')!;
    expect(row.verdict).toBe('failed');
    expect(row.error!.en).toBe("the audit's worker crashed: exit code 70");
    // 海岸置业 comes after it in the queue: a new worker audited it.
    expect(summary.enterprises.find((e) => e.folder === '海岸置业')!.verdict).toBe('non-compliant');
    expect(readdirSync(join(dir, 'reports'))).toEqual(['海岸置业']);
  });

  it('keeps the guards of audit: an unknown clause, a period that ends before it starts, an as-of before it starts are exit 2 before any audit', () => {
    const clause = run(['--lang', 'en', 'batch', parent, '--only', '9.9']);
    expect(clause.code).toBe(2);
    expect(clause.stderr).toContain('the standard has no clause 9.9');
    const period = run(['--lang', 'en', 'batch', parent, '--from', '2026-02-01', '--to', '2026-01-01']);
    expect(period.code).toBe(2);
    expect(period.stderr).toContain('the period ends (2026-01-01) before it starts (2026-02-01)');
    expect(period.stdout).toBe('');
    const asOf = run(['--lang', 'en', 'batch', parent, '--from', '2026-02-01', '--as-of', '2026-01-10']);
    expect(asOf.code).toBe(2);
    expect(asOf.stderr).toContain('--as-of 2026-01-10 is before the period starts (2026-02-01)');
  });
});

describe('batch --merge', () => {
  // The auditable enterprises, as a local batch and as separate audits (one CI job each).
  const dir = mkdtempSync(join(tmpdir(), 'aa-merge-'));
  const local = join(dir, 'enterprises');
  for (const name of ['山语置业', '海岸置业']) cpSync(join(parent, name), join(local, name), { recursive: true });
  const formats = ['summary.txt', 'summary.json', 'summary.html', 'summary.xlsx'];
  const outputs = (at: string): string[] => formats.flatMap((f) => ['-o', join(at, f)]);
  mkdirSync(join(dir, 'local'));
  const batched = run(['batch', local, '--as-of', AS_OF, '--out', join(dir, 'reports'), ...outputs(join(dir, 'local')), '-q']);
  for (const name of ['山语置业', '海岸置业']) run(['audit', join(local, name), '--as-of', AS_OF, '-o', join(dir, 'jobs', name, 'report.json'), '-q']);

  it.each(formats)('%s from the batch\'s own reports, or from separate audits, equals the local batch\'s byte for byte', (name) => {
    expect(batched.code).toBe(1);
    const fromBatch = join(dir, 'merged-batch');
    const fromJobs = join(dir, 'merged-jobs');
    mkdirSync(fromBatch, { recursive: true });
    mkdirSync(fromJobs, { recursive: true });
    expect(run(['batch', '--merge', join(dir, 'reports'), '-o', join(fromBatch, name), '-q']).code).toBe(1);
    expect(run(['batch', '--merge', join(dir, 'jobs', '山语置业', 'report.json'), join(dir, 'jobs', '海岸置业', 'report.json'), '-o', join(fromJobs, name), '-q']).code).toBe(1);
    const expected = readFileSync(join(dir, 'local', name));
    expect(readFileSync(join(fromBatch, name))).toEqual(expected);
    expect(readFileSync(join(fromJobs, name))).toEqual(expected);
  });

  it('refuses reports of different as-of dates or parameters (exit 2) unless --force', () => {
    const mixed = join(dir, 'mixed');
    cpSync(join(dir, 'reports', '海岸置业'), join(mixed, '海岸置业'), { recursive: true });
    expect(run(['audit', join(local, '山语置业'), '--as-of', '2026-01-11', '-o', join(mixed, '山语置业', 'report.json'), '-q']).code).toBe(0);
    const refused = run(['--lang', 'en', 'batch', '--merge', mixed]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('differ in their as-of date; add --force');
    const forced = run(['batch', '--merge', mixed, '--force', '--format', 'json']);
    expect(forced.code).toBe(1);
    expect(JSON.parse(forced.stdout).asOf).toBeNull();

    const config = join(dir, 'strict.yaml');
    writeFileSync(config, 'parameters:\n  handlingRate: 0.95\n');
    const params = join(dir, 'params');
    cpSync(join(dir, 'reports', '海岸置业'), join(params, '海岸置业'), { recursive: true });
    run(['audit', join(local, '山语置业'), '--as-of', AS_OF, '--config', config, '-o', join(params, '山语置业', 'report.json'), '-q']);
    const differ = run(['--lang', 'en', 'batch', '--merge', params]);
    expect(differ.code).toBe(2);
    expect(differ.stderr).toContain('differ in their parameters');
  });

  it('names a file that is not an audit report (exit 2)', () => {
    const other = join(dir, 'summary-as-input.json');
    cpSync(join(dir, 'local', 'summary.json'), other);
    const result = run(['--lang', 'en', 'batch', '--merge', other]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('summary-as-input.json: not an audit report');
  });
});

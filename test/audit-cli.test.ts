// The audit through the real binary on the demo enterprise: the JSON contract, exit codes, and
// the same bytes in any time zone.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const demo = new URL('../fixtures/demo/', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(new URL('../schemas/report.schema.json', import.meta.url), 'utf8')) as object;

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Report {
  verdict: string;
  summary: Record<string, number>;
  period: { from: string; to: string; asOf: string; source: string };
  chapters: { id: string; clauses: { id: string; status: string; metrics: Record<string, unknown>; findingCount: number; findings: { record: string | null; row: number | null; file: string | null; code: string }[] }[] }[];
  dataQuality: { count: number };
}

const clauses = (report: Report) => new Map(report.chapters.flatMap((c) => c.clauses).map((c) => [c.id, c]));

describe('audit fixtures/demo', () => {
  const { code, stdout, stderr } = run(['audit', demo, '--format', 'json'], { TZ: 'America/New_York' });
  const report = JSON.parse(stdout) as Report;

  it('exits 1 with an empty stderr, and its JSON validates against schemas/report.schema.json', () => {
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('gives a mixed verdict over every clause of chapters 1–5', () => {
    expect(report.verdict).toBe('non-compliant');
    expect(report.period).toEqual({ from: '2025-01-01', to: '2025-12-31', asOf: '2025-12-31', source: 'profile' });
    expect(report.summary).toEqual({ fail: 9, warn: 2, 'no-data': 0, manual: 12, pass: 8, 'not-applicable': 6 });
    const statuses = Object.fromEntries([...clauses(report)].map(([id, c]) => [id, c.status]));
    expect(statuses).toEqual({
      '1.1': 'not-applicable', '1.2': 'not-applicable', '1.3': 'pass', '1.4': 'pass', '1.5': 'not-applicable', '1.6': 'pass', '1.7': 'pass', '1.8': 'not-applicable', '1.9': 'not-applicable',
      '2.1': 'manual', '2.2': 'pass', '2.3': 'pass', '2.4': 'fail', '2.5': 'not-applicable',
      '3.1.1': 'pass', '3.1.2': 'manual', '3.1.3': 'manual', '3.1.4': 'manual', '3.1.5': 'fail', '3.1.6': 'manual', '3.1.7': 'fail', '3.2.1': 'manual', '3.2.2': 'fail', '3.2.3': 'pass', '3.2.4': 'warn',
      '4.1': 'manual', '4.2': 'manual', '4.3': 'manual', '4.4': 'fail', '4.5': 'fail', '4.6': 'fail', '4.7': 'fail', '4.8': 'fail',
      '5.1': 'warn', '5.2': 'manual', '5.3': 'manual', '5.4': 'manual',
    });
  });

  it('names the records behind the findings, with file and row', () => {
    const c = clauses(report);
    expect(c.get('2.4')!.metrics['minFullTime']).toBe(2);
    expect(c.get('3.1.5')!.findings.map((f) => [f.record, f.row, f.code])).toEqual([
      ['TS2025-0018', 21, 'by-enterprise'],
      ['TS2025-0089', 92, 'other'],
    ]);
    expect(c.get('4.6')!.findings.map((f) => [f.record, f.file, f.row])).toEqual([['TS2025-0005', '2025年度客户投诉台账.xlsx', 8]]);
    expect(c.get('4.8')!.findings.map((f) => f.record)).toEqual(['TS2025-0009']);
    expect(c.get('4.7')!.metrics).toMatchObject({ late: 15, onTime: 142, pending: 0 });
    expect(c.get('4.4')!.metrics['handlingRate']).toBeCloseTo(0.968153, 6);
    expect(c.get('4.5')!.metrics['satisfactionRate']).toBeCloseTo(0.898917, 6);
    expect(c.get('5.1')!.metrics['callbackRate']).toBeCloseTo(0.516667, 6);
    expect(c.get('3.1.4')!.findings.map((f) => f.code)).toEqual(['evidence-missing']);
    expect(report.dataQuality.count).toBe(4);
  });

  it('gives byte-identical JSON in New York and Shanghai', () => {
    const shanghai = run(['audit', demo, '--format', 'json'], { TZ: 'Asia/Shanghai' });
    expect(shanghai.stdout).toBe(stdout);
  });
});

describe('audit options', () => {
  it('exits 0 when no clause is at the --fail-on level, 1 when one is', () => {
    expect(run(['audit', demo, '--only', '1.3,2.2,2.3']).code).toBe(0);
    expect(run(['audit', demo, '--only', '5.1']).code).toBe(0);
    expect(run(['audit', demo, '--only', '5.1', '--fail-on', 'warn']).code).toBe(1);
    expect(run(['audit', demo, '--only', '4', '--skip', '4.4,4.5,4.6,4.7,4.8']).code).toBe(0);
  });

  it('--only selects a chapter; the report holds just those clauses', () => {
    const report = JSON.parse(run(['audit', demo, '--only', '2', '--format', 'json']).stdout) as Report;
    expect(report.chapters.map((c) => c.id)).toEqual(['2']);
    expect([...clauses(report).keys()]).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5']);
  });

  it('--as-of inside the period makes recent complaints pending, not late', () => {
    const report = JSON.parse(run(['audit', demo, '--only', '4.7', '--as-of', '2025-06-30', '--to', '2025-06-30', '--format', 'json']).stdout) as Report;
    const c = clauses(report).get('4.7')!;
    expect(report.period).toMatchObject({ to: '2025-06-30', asOf: '2025-06-30', source: 'flags' });
    expect(c.metrics['late']).toBeLessThan(15);
  });

  it('config parameters change thresholds, and the report prints the values used', () => {
    const config = join(new URL('../fixtures/', import.meta.url).pathname, 'config', 'lenient.yaml');
    const report = JSON.parse(run(['audit', demo, '--only', '4.5', '--config', config, '--format', 'json']).stdout) as Report & { parameters: { satisfactionRate: number } };
    expect(report.parameters.satisfactionRate).toBe(0.85);
    expect(clauses(report).get('4.5')!.status).toBe('pass');
  });

  it('prints an inspector\'s worksheet in the terminal, in English with --lang en', () => {
    const zh = run(['audit', demo]);
    expect(zh.stdout).toContain('第一章 总则');
    expect(zh.stdout).toContain('✖ 4.7   三个工作日内做出处理意见  不符合');
    expect(zh.stdout).toContain('第 8 行: TS2025-0005');
    const en = run(['--lang', 'en', 'audit', demo]);
    expect(en.stdout).toContain('Chapter 4 Quality standards');
    expect(en.stdout).toContain('Verdict: non-compliant');
    // Only the data stays Chinese: no heading, status, note or remedy of ours.
    for (const word of ['不符合', '第一章', '人工核查', '整改', '统计分析', '审计日']) expect(en.stdout).not.toContain(word);
  });

  it('usage errors exit 2 with one line', () => {
    for (const args of [['--only', '9.9'], ['--as-of', '2025-02-30'], ['-o', 'report.pdf'], ['--fail-on', 'sometimes']]) {
      const r = run(['audit', demo, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});

describe('rules and deadline', () => {
  it('rules lists all 37 clauses; rules 4.7 explains one', () => {
    const all = run(['rules']);
    expect(all.code).toBe(0);
    expect(all.stdout.match(/^ {2}\d\.\d/gm)).toHaveLength(37);
    const one = run(['--lang', 'en', 'rules', '4.7']);
    expect(one.stdout).toContain('responseWorkingDays = 3');
    expect(run(['rules', '9.9']).code).toBe(2);
  });

  it('deadline shows the days counted across National Day 2025', () => {
    const r = run(['deadline', '2025-09-30']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2025-10-11 周六  第 3 个工作日');
    expect(r.stdout).toContain('处理时限：2025-10-11 周六 当日结束前');
    const beyond = run(['--lang', 'en', 'deadline', '2026-12-30']);
    expect(beyond.code).toBe(1);
    expect(beyond.stdout).toContain('2027-01-01');
  });
});

describe('report formats', () => {
  it('writes several formats in one run (format from the extension) and a chosen one to stdout', async () => {
    const { mkdtempSync, readdirSync, readFileSync: read } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'aa-formats-'));
    const files = ['a.json', 'a.md', 'a.html', 'a.xlsx', 'a.xml', 'a.txt'];
    const r = run(['audit', demo, '--format', 'md', ...files.flatMap((f) => ['-o', join(dir, f)])]);
    expect(r.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([...files].sort());
    expect(r.stdout.startsWith('# 售后服务机构规范化管理标准 审计报告')).toBe(true);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(6);
    expect(read(join(dir, 'a.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(read(join(dir, 'a.xml'), 'utf8')).toContain('<testsuites name="aftersales-audit" tests="37" failures="9"');
  });

  it('only files, nothing on stdout unless --format asks', async () => {
    const { mkdtempSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const out = join(mkdtempSync(join(tmpdir(), 'aa-only-')), 'report.json');
    const r = run(['audit', demo, '-o', out, '-q']);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(true);
    expect(run(['audit', demo, '--format', 'xlsx']).code).toBe(2);
  });
});

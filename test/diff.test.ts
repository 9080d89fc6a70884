// `diff OLD.json NEW.json` (#16.6) on two golden reports of the demo: its first half year
// (demo-h1.json) and the whole year (demo.json), as text, Markdown and JSON, compared byte for byte;
// and the refusals. Regenerate with: UPDATE_GOLDEN=1 npx vitest run test/diff.test.ts (after npm run build).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const demo = new URL('../fixtures/demo/', import.meta.url).pathname;
const golden = new URL('./golden/', import.meta.url).pathname;
const update = process.env['UPDATE_GOLDEN'] === '1';

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const normalise = (text: string): string => text.split(VERSION).join('<version>');
const work = mkdtempSync(join(tmpdir(), 'aa-diff-'));

describe('the golden reports compared', () => {
  it('demo-h1.json is the demo audited over its first half year', () => {
    const out = join(work, 'h1.json');
    run(['audit', demo, '--from', '2025-01-01', '--to', '2025-06-30', '-o', out, '-q']);
    const produced = normalise(readFileSync(out, 'utf8'));
    if (update) writeFileSync(join(golden, 'demo-h1.json'), produced);
    expect(produced).toBe(readFileSync(join(golden, 'demo-h1.json'), 'utf8'));
  });

  it.each([
    ['diff.txt', ['--format', 'text'], 'America/New_York'],
    ['diff.md', ['--format', 'md'], 'Asia/Shanghai'],
    ['diff.json', ['--format', 'json'], 'UTC'],
    ['diff.en.md', ['--format', 'md', '--lang', 'en'], 'America/New_York'],
  ])('%s matches its golden file', (name, flags, tz) => {
    const r = run(['diff', join(golden, 'demo-h1.json'), join(golden, 'demo.json'), ...flags], { TZ: tz });
    expect([r.code, r.stderr]).toEqual([0, '']);
    if (update) writeFileSync(join(golden, name), r.stdout);
    expect(r.stdout).toBe(readFileSync(join(golden, name), 'utf8'));
  });

  it('says what changed: statuses, findings added and resolved, the rates then and now', () => {
    const d = JSON.parse(run(['diff', join(golden, 'demo-h1.json'), join(golden, 'demo.json'), '--format', 'json']).stdout) as {
      clauses: { id: string; then: string | null; now: string | null; added: { key: string }[]; resolved: { key: string }[]; persisting: number }[];
      metrics: { clause: string; metric: string; then: number | null; now: number | null }[];
      totals: { added: number; resolved: number; persisting: number };
    };
    const c47 = d.clauses.find((c) => c.id === '4.7')!;
    const h1 = JSON.parse(readFileSync(join(golden, 'demo-h1.json'), 'utf8')) as { chapters: { clauses: { id: string; findings: { key: string }[]; metrics: Record<string, unknown> }[] }[] };
    const year = JSON.parse(readFileSync(join(golden, 'demo.json'), 'utf8')) as typeof h1;
    const keys = (r: typeof h1, id: string): Set<string> => new Set(r.chapters.flatMap((c) => c.clauses).find((c) => c.id === id)!.findings.map((f) => f.key));
    const before = keys(h1, '4.7');
    const after = keys(year, '4.7');
    expect(c47.added.map((f) => f.key).sort()).toEqual([...after].filter((k) => !before.has(k)).sort());
    expect(c47.resolved.map((f) => f.key).sort()).toEqual([...before].filter((k) => !after.has(k)).sort());
    expect(c47.persisting).toBe([...after].filter((k) => before.has(k)).length);
    expect(d.metrics.find((m) => m.clause === '4.7')).toEqual({
      clause: '4.7', metric: 'onTimeRate',
      then: h1.chapters.flatMap((c) => c.clauses).find((c) => c.id === '4.7')!.metrics['onTimeRate'],
      now: year.chapters.flatMap((c) => c.clauses).find((c) => c.id === '4.7')!.metrics['onTimeRate'],
    });
    expect(d.totals.added).toBeGreaterThan(0);
  });

  it('a report compared with itself: nothing added or resolved', () => {
    const r = run(['diff', join(golden, 'demo.json'), join(golden, 'demo.json'), '--format', 'json']);
    const d = JSON.parse(r.stdout) as { totals: { added: number; resolved: number; statusChanges: number } };
    expect(d.totals).toMatchObject({ added: 0, resolved: 0, statusChanges: 0 });
  });

  it('refuses reports of different enterprises, and of another schema version, with a clear message (exit 2)', () => {
    const report = JSON.parse(readFileSync(join(golden, 'demo.json'), 'utf8')) as { enterprise: { name: string; uscc: string | null }; schemaVersion: string };
    const other = join(work, 'other.json');
    writeFileSync(other, JSON.stringify({ ...report, enterprise: { ...report.enterprise, name: '别家置业有限公司', uscc: '91370200000000000X' } }));
    const r = run(['diff', join(golden, 'demo.json'), other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('是不同企业的报告');
    expect(r.stderr).toContain('别家置业有限公司');
    const old = join(work, 'old-version.json');
    writeFileSync(old, JSON.stringify({ ...report, schemaVersion: '1.0' }));
    const v = run(['diff', old, join(golden, 'demo.json'), '--lang', 'en']);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('report schema version 1.0 differs from this tool\'s 1.1');
    const audit = run(['audit', demo, '--baseline', other, '-q']);
    expect(audit.code).toBe(2);
    expect(audit.stderr).toContain('是另一企业的报告（别家置业有限公司）');
    const notReport = join(work, 'not.json');
    writeFileSync(notReport, '{"a":1}');
    expect(run(['diff', notReport, join(golden, 'demo.json')]).stderr).toContain('不是 JSON 审计报告');
  });
});

// The benchmark's generator plants a known number of violations per clause; the audit must find
// exactly those, so the benchmark measures a pipeline that is right, not just fast.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('the audit finds exactly the violations planted in a generated enterprise', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'aa-gen-')), 'enterprise');
  const generator = new URL('../bench/generate.mjs', import.meta.url).pathname;
  expect(spawnSync(process.execPath, [generator, '--complaints', '3000', '--out', dir, '--format', 'csv']).status).toBe(0);
  const planted = JSON.parse(readFileSync(join(dir, 'planted.json'), 'utf8')) as { expected: Record<string, number>; complaints: number };
  const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
  const run = spawnSync(process.execPath, [bin, 'audit', dir, '--format', 'json', '--as-of', '2025-12-31'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as { dataQuality: { count: number }; inputs: { dataset: string; rows: number }[]; chapters: { clauses: { id: string; findingCount: number; status: string }[] }[] };
  const clauses = new Map(report.chapters.flatMap((c) => c.clauses).map((c) => [c.id, c]));
  const { dataQuality, ...perClause } = planted.expected;
  for (const [id, count] of Object.entries(perClause)) expect(clauses.get(id)!.findingCount, id).toBe(count);
  expect(report.dataQuality.count).toBe(dataQuality);
  expect(report.inputs.find((i) => i.dataset === 'complaints')!.rows).toBe(planted.complaints);
  // Nothing else fails: the clauses without planted violations pass (or are manual / informative).
  const failing = [...clauses.values()].filter((c) => c.status === 'fail').map((c) => c.id).sort();
  expect(failing).toEqual(Object.keys(perClause).filter((id) => id !== '3.2.4').sort());
});

// Every data-checked clause (3.1.5, 3.1.7, 3.2.2, 3.2.4, 4.4-4.8, 5.1) against an independent
// reading of SPEC §3 (test/reference/: its own holiday table, its own clause loops), over random
// enterprises: CSV and XLSX registers, clean and messy (title rows, blank rows, header aliases,
// dates and times in every shape, 房号 spelt five ways), periods in 2024-2026 (their holidays and
// make-up days), as-of days before, at and after the period end, duplicate ids. Status, rates and
// the records of the failing findings must agree. REFERENCE_SEEDS=500 runs more.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nthWorkingDayAfter } from './reference/calendar.js';
import { judge, type Verdict } from './reference/clauses.js';
import { generate, writeEnterprise } from './reference/enterprise.js';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const SEEDS = Array.from({ length: Number(process.env['REFERENCE_SEEDS'] ?? 24) }, (_, i) => 1000 + i);

interface Clause {
  id: string;
  status: string;
  metrics: Record<string, unknown>;
  findings: { record: string | null; row: number | null; level: string }[];
}

export async function disagreements(seed: number): Promise<string[]> {
  const g = generate(seed);
  const dir = join(mkdtempSync(join(tmpdir(), 'aa-ref-')), 'enterprise');
  await writeEnterprise(dir, g, seed);
  const run = spawnSync(process.execPath, [bin, 'audit', dir, '--format', 'json', '--as-of', g.enterprise.asOf, '--max-issues', '100000'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) return [`seed ${seed}: exit ${run.status}: ${run.stderr}`];
  const report = JSON.parse(run.stdout) as { chapters: { clauses: Clause[] }[] };
  const clauses = new Map(report.chapters.flatMap((c) => c.clauses).map((c) => [c.id, c]));
  const expected = judge(g.enterprise);
  const out: string[] = [];
  const where = `seed ${seed} (${g.messy ? 'messy' : 'clean'} ${g.xlsx ? 'xlsx' : 'csv'}, ${g.enterprise.from}..${g.enterprise.to} as of ${g.enterprise.asOf}, dir ${dir})`;
  for (const [id, want] of Object.entries(expected) as [string, Verdict][]) {
    const got = clauses.get(id)!;
    if (got.status !== want.status) out.push(`${where} ${id}: status ${got.status}, reference ${want.status}`);
    for (const [key, rate] of Object.entries(want.rates)) {
      const value = got.metrics[key] ?? null;
      if (value !== rate) out.push(`${where} ${id}: ${key} ${String(value)}, reference ${String(rate)}`);
    }
    // A record with two findings in one clause (no handler and no opinion) is one place: compare
    // the distinct (record, row) pairs, so a duplicated id on two rows still counts twice.
    const got2 = [...new Set(got.findings.filter((f) => f.level === 'fail' || f.level === 'warn').map((f) => `${f.record ?? ''}@${f.row ?? ''}`))].filter((k) => !k.startsWith('@')).sort();
    const want2 = [...new Set(want.findings)].sort();
    const extra = got2.filter((k) => !want2.includes(k));
    const missing = want2.filter((k) => !got2.includes(k));
    if (extra.length || missing.length) out.push(`${where} ${id}: findings only in audit [${extra.join(' ')}], only in reference [${missing.join(' ')}]`);
  }
  return out;
}

describe('the audit agrees with an independent reading of SPEC', () => {
  it('the reference calendar gives DOMAIN.md\'s worked deadlines', () => {
    expect(['2025-09-25', '2025-09-30', '2025-01-24', '2025-03-08'].map((d) => nthWorkingDayAfter(d, 3))).toEqual(['2025-09-29', '2025-10-11', '2025-02-05', '2025-03-12']);
  });

  it.each(SEEDS)('random enterprise %i', async (seed) => {
    expect(await disagreements(seed)).toEqual([]);
  });
});

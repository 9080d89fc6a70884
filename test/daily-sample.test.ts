// `sample` on the demo: reproducible from its seed, reaching the rate in every project, and, once
// filled in as planned and put beside the records, read back as a callbacks file that makes 5.1
// pass in every project.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { allocate, buildingOf, planSample, seededRandom, targetOf, type SampleOptions } from '../src/daily/sample.js';
import { readEnterprise } from '../src/pipeline.js';
import { homeKey } from '../src/validate/identifiers.js';
import { datasets } from '../src/datasets.js';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const demo = new URL('../fixtures/demo/', import.meta.url).pathname;

function run(args: string[]) {
  // Today pinned: the default as-of date never depends on the clock.
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, AFTERSALES_AUDIT_TODAY: '2026-01-10' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const base: SampleOptions = {
  dir: demo, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000,
  rate: 0.3, seed: 1, from: null, to: null, today: '2026-01-10', asOf: null, excludeDays: 0, byBuilding: false,
};

const units = (plan: Awaited<ReturnType<typeof planSample>>) => plan.projects.flatMap((p) => p.planned.map((u) => `${u.project}/${u.unit}`));

interface Clause { id: string; status: string; metrics: { projectRates: Record<string, number> } }

/**
 * The plan's bytes as exceljs should load them. Its drop-downs cover whole columns (A2:A1048576, as
 * init's templates do), and exceljs expands such a range cell by cell on load: tens of seconds per
 * plan. Bounded here to the first 2,000 rows (a plan of the demo has far fewer); the drop-downs
 * play no part in what these tests check (init's own test reads them from the sheet XML).
 */
async function planBytes(file: string): Promise<ArrayBuffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(readFileSync(file));
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    zip.file(name, xml.replace(/(sqref="[A-Z]+2:[A-Z]+)1048576"/g, (_, range: string) => `${range}2001"`));
  }
  return zip.generateAsync({ type: 'arraybuffer' });
}

/** The plan filled in as the callers would, saved in a copy of the demo beside its records, then audited. */
async function fillAndAudit(plan: string, args: string[] = []): Promise<{ clause: Clause; issuesInPlan: number }> {
  const folder = join(mkdtempSync(join(tmpdir(), 'sample-')), 'demo');
  cpSync(demo, folder, { recursive: true });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await planBytes(plan));
  const sheet = workbook.getWorksheet('回访记录')!;
  const column = (key: string) => datasets.callbacks.columns.findIndex((c) => c.key === key) + 1;
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.getCell(1).value) continue;
    row.getCell(column('date')).value = '2025-12-20';
    row.getCell(column('method')).value = '电话';
    row.getCell(column('caller')).value = '李娜';
    row.getCell(column('reached')).value = '已回访';
    row.getCell(column('satisfaction')).value = '满意';
  }
  writeFileSync(join(folder, '回访计划.xlsx'), new Uint8Array(await workbook.xlsx.writeBuffer()));
  const audit = run(['audit', folder, '--only', '5.1', '--format', 'json', ...args]);
  const report = JSON.parse(audit.stdout) as { chapters: { clauses: Clause[] }[]; dataQuality: { issues: { file: string }[] } };
  return {
    clause: report.chapters.flatMap((c) => c.clauses).find((c) => c.id === '5.1')!,
    issuesInPlan: report.dataQuality.issues.filter((i) => i.file === '回访计划.xlsx').length,
  };
}

describe('sample: the draw', () => {
  it('is reproducible from its seed, and another seed draws other homes', async () => {
    const a = await planSample(base);
    const b = await planSample(base);
    const c = await planSample({ ...base, seed: 2 });
    expect(units(a)).toEqual(units(b));
    expect(units(a)).not.toEqual(units(c));
    expect(units(a).length).toBe(units(c).length);
  });

  it('the generator is our own and fixed: the same numbers on every machine', () => {
    const random = seededRandom(42, '海岸华庭');
    const first = [random(), random(), random()];
    const again = seededRandom(42, '海岸华庭');
    expect([again(), again(), again()]).toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it('rounds the target up, and is exact on a whole number (30% of 10 is 3)', () => {
    expect(targetOf(0.3, 7)).toBe(3);
    expect(targetOf(0.3, 10)).toBe(3);
    expect(targetOf(0.3, 60)).toBe(18);
    expect(targetOf(0.35, 1)).toBe(1);
  });

  it('brings every project to the rate: 30% (only 金沙湾 needs homes) and 70% (every project does)', async () => {
    for (const rate of [0.3, 0.7]) {
      const plan = await planSample({ ...base, rate });
      expect(plan.projects.map((p) => p.project)).toEqual(['山语城', '海岸华庭', '金沙湾']);
      for (const p of plan.projects) {
        expect(p.short).toBe(0);
        expect(p.reached + p.planned.length).toBe(Math.max(p.reached, targetOf(rate, p.sold)));
        expect(p.rateAfter!).toBeGreaterThanOrEqual(rate);
      }
    }
    const seventy = await planSample({ ...base, rate: 0.7 });
    expect(seventy.projects.every((p) => p.planned.length > 0)).toBe(true);
  });

  it('stratified by building, each building gets its proportional share of the draw', async () => {
    const plan = await planSample({ ...base, rate: 0.7, byBuilding: true });
    for (const p of plan.projects) {
      const all = await planSample({ ...base, rate: 1, byBuilding: true });
      const candidates = all.projects.find((x) => x.project === p.project)!.planned;
      const sizes = new Map<string, number>();
      for (const u of candidates) sizes.set(u.building, (sizes.get(u.building) ?? 0) + 1);
      const seats = allocate(sizes, p.planned.length);
      const drawn = new Map<string, number>();
      for (const u of p.planned) drawn.set(u.building, (drawn.get(u.building) ?? 0) + 1);
      for (const [building, n] of seats) expect(drawn.get(building) ?? 0, `${p.project} ${building}`).toBe(n);
    }
    expect(buildingOf('2号楼1单元401')).toBe('2');
    expect(buildingOf('5#302')).toBe('5');
    expect(buildingOf('14-01')).toBe('');
    expect(allocate(new Map([['1', 10], ['2', 20], ['3', 30]]), 6)).toEqual(new Map([['1', 1], ['2', 2], ['3', 3]]));
  });

  it('--exclude-days leaves out exactly the homes reached in the last N days', async () => {
    // A period that begins after the demo's callbacks: nothing is reached in it, so all homes are due.
    const period = { from: '2026-01-01', to: '2026-12-31', asOf: '2026-01-10', rate: 1 };
    const all = await planSample({ ...base, ...period });
    const kept = await planSample({ ...base, ...period, excludeDays: 30 });
    const recent = new Set<string>();
    await readEnterprise(base, (record, source) => {
      if (source.dataset !== 'callbacks' || !record['date'] || (record['reached'] && record['reached'] !== '已回访')) return;
      if (record['date'] >= '2025-12-12' && record['date'] <= '2026-01-10') recent.add(`${record['project']}/${homeKey(record['unit']!)}`);
    });
    const key = (u: string) => `${u.split('/')[0]}/${homeKey(u.split('/')[1]!)}`;
    expect(recent.size).toBeGreaterThan(0);
    expect(units(kept).filter((u) => recent.has(key(u)))).toEqual([]);
    expect(units(all).filter((u) => !recent.has(key(u)))).toEqual(units(kept));
  });
});

describe('sample: the plan as a callbacks file', () => {
  it('filled in as planned and audited again, 5.1 passes in every project (30%)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'plan-')), '回访计划.xlsx');
    const { code, stdout, stderr } = run(['sample', demo, '--seed', '20260105', '-o', out]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('金沙湾：已售 60 套，期内已回访 0 套，目标 18 套，本次抽取 18 套，完成后回访率 30.0%');
    const before = JSON.parse(run(['audit', demo, '--only', '5.1', '--format', 'json']).stdout) as { chapters: { clauses: Clause[] }[] };
    expect(before.chapters.flatMap((c) => c.clauses)[0]!.status).toBe('warn');
    const { clause, issuesInPlan } = await fillAndAudit(out);
    expect(issuesInPlan).toBe(0);
    expect(clause.status).toBe('pass');
    for (const [project, rate] of Object.entries(clause.metrics.projectRates)) expect(rate, project).toBeGreaterThanOrEqual(0.3);
  });

  it('at 70%, stratified, every project reaches 70% once the plan is done', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'plan-')), '回访计划.xlsx');
    const { code } = run(['sample', demo, '--seed', '7', '--rate', '0.7', '--by-building', '-o', out]);
    expect(code).toBe(0);
    const { clause } = await fillAndAudit(out);
    expect(Object.keys(clause.metrics.projectRates)).toEqual(['山语城', '海岸华庭', '金沙湾']);
    for (const [project, rate] of Object.entries(clause.metrics.projectRates)) expect(rate, project).toBeGreaterThanOrEqual(0.7);
  });

  it('keeps the template layout, masks the owner unless --no-mask, and summarises the plan', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'plan-'));
    run(['sample', demo, '--seed', '3', '-o', join(folder, 'a.xlsx')]);
    run(['sample', demo, '--seed', '3', '-o', join(folder, 'b.xlsx'), '--no-mask']);
    const load = async (file: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await planBytes(join(folder, file)));
      return workbook;
    };
    const a = await load('a.xlsx');
    const b = await load('b.xlsx');
    expect(a.worksheets.map((s) => s.name)).toEqual(['回访记录', '填写说明', '抽样汇总']);
    const header = (a.getWorksheet('回访记录')!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...datasets.callbacks.columns.map((c) => c.header), '业主姓名']);
    const owner = datasets.callbacks.columns.length + 1;
    const masked = String(a.getWorksheet('回访记录')!.getRow(2).getCell(owner).value);
    const plain = String(b.getWorksheet('回访记录')!.getRow(2).getCell(owner).value);
    expect(masked).toMatch(/^.\*+$/);
    expect(plain).not.toContain('*');
    expect(masked[0]).toBe(plain[0]);
    expect(String(a.getWorksheet('抽样汇总')!.getRow(4).getCell(1).value)).toBe('金沙湾');
  });

  it('refuses a plan inside the enterprise folder, and a rate that is no fraction (exit 2)', () => {
    expect(run(['sample', demo, '-o', join(demo, 'x.xlsx')]).code).toBe(2);
    expect(run(['sample', demo, '--rate', '30', '-o', join(tmpdir(), 'x.xlsx')]).code).toBe(2);
    expect(run(['sample', demo]).code).toBe(2);
  });
});

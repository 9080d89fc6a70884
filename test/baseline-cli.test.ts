// Audits compared over time, through the real binary (#16.5-#16.7): a baseline round trip on a
// copy of the demo (fix two late complaints, re-audit: exactly those are 已整改), --fail-on new,
// waivers in the printed report and after their expiry, and diff of two saved reports.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const demo = new URL('../fixtures/demo/', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(new URL('../schemas/report.schema.json', import.meta.url), 'utf8')) as object;
const REGISTER = '2025年度客户投诉台账.xlsx';

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, AFTERSALES_AUDIT_TODAY: '2026-01-15', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface F { key: string; record: string | null; code: string; level: string; waiver: { entry: string; justification: string; approvedBy: string | null; expires: string } | null; baseline: string | null }
interface C { id: string; status: string; statusBeforeWaivers: string | null; waived: number; metrics: Record<string, unknown>; findings: F[]; baseline: { status: string | null; resolved: { key: string }[] } | null }
interface R { schemaVersion: string; chapters: { clauses: C[] }[]; baseline: { added: number; persisting: number; resolved: number; newFailing: number } | null; waivers: { entries: { entry: string; state: string; matched: number }[] } | null }
const clausesOf = (r: R): Map<string, C> => new Map(r.chapters.flatMap((c) => c.clauses).map((c) => [c.id, c]));

/** Edits the complaint register of a folder: each complaint id → column (1-based) → new value; `add` copies a row under a new id. */
async function editRegister(dir: string, edits: Record<string, Record<number, string>>, add?: { from: string; id: string }): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, REGISTER));
  const ws = wb.getWorksheet('投诉台账')!;
  let copy: { row: number; values: ExcelJS.CellValue[] } | null = null;
  ws.eachRow((row, n) => {
    const id = String(row.getCell(1).value ?? '');
    for (const [col, value] of Object.entries(edits[id] ?? {})) row.getCell(Number(col)).value = value;
    if (add && id === add.from) copy = { row: n, values: (row.values as ExcelJS.CellValue[]).slice() };
  });
  if (add) {
    const { row, values } = copy as unknown as { row: number; values: ExcelJS.CellValue[] };
    values[1] = add.id;
    ws.insertRow(row + 1, values.slice(1));
  }
  await wb.xlsx.writeFile(join(dir, REGISTER));
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'aftersales-baseline-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a baseline round trip on the demo (整改复查)', () => {
  it('fixing two late complaints marks exactly those 已整改, the rest 仍存在, and nothing 新增', async () => {
    const dir = join(work, 'round');
    cpSync(demo, dir, { recursive: true });
    const old = join(work, 'round-old.json');
    expect(run(['audit', dir, '-o', old, '-q']).code).toBe(1);
    const before = JSON.parse(readFileSync(old, 'utf8')) as R;
    expect(clausesOf(before).get('4.7')!.findings.map((f) => f.key)).toContain('4.7|TS2025-0006|late');
    // 处理意见时间 is column K (11): on the day after receipt, within the deadline.
    await editRegister(dir, { 'TS2025-0006': { 11: '2025-07-22 10:00' }, 'TS2025-0041': { 11: '2025-10-27 10:00' } });
    const now = run(['audit', dir, '--baseline', old, '--format', 'json']);
    expect(now.stderr).toBe('');
    const report = JSON.parse(now.stdout) as R;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const resolved = [...clausesOf(report).values()].flatMap((c) => c.baseline!.resolved.map((f) => f.key));
    expect(resolved.sort()).toEqual(['4.7|TS2025-0006|late', '4.7|TS2025-0041|late']);
    const marks = [...clausesOf(report).values()].flatMap((c) => c.findings.filter((f) => f.level !== 'info').map((f) => f.baseline));
    expect(new Set(marks)).toEqual(new Set(['persisting']));
    expect(report.baseline).toMatchObject({ added: 0, resolved: 2, newFailing: 0 });
    expect(report.baseline!.persisting).toBe(marks.length);
    expect(clausesOf(report).get('4.7')!.baseline!.status).toBe('fail');
    // The printed report says the same.
    const text = run(['audit', dir, '--baseline', old]).stdout;
    expect(text).toContain('✓ 已整改: TS2025-0006');
    expect(text).toContain('［仍存在］');
    expect(text).not.toContain('［新增］');
  });

  it('--fail-on new: exit 0 on an unchanged register, 1 once one new late complaint is added', async () => {
    const dir = join(work, 'ci');
    cpSync(demo, dir, { recursive: true });
    const old = join(work, 'ci-old.json');
    run(['audit', dir, '-o', old, '-q']);
    const same = run(['audit', dir, '--baseline', old, '--fail-on', 'new', '-q']);
    expect([same.code, same.stderr]).toEqual([0, '']);
    await editRegister(dir, {}, { from: 'TS2025-0006', id: 'TS2025-9001' });
    const added = run(['audit', dir, '--baseline', old, '--fail-on', 'new', '--format', 'json']);
    expect(added.code).toBe(1);
    const report = JSON.parse(added.stdout) as R;
    const fresh = [...clausesOf(report).values()].flatMap((c) => c.findings.filter((f) => f.baseline === 'new' && f.level === 'fail').map((f) => f.key));
    expect(fresh).toContain('4.7|TS2025-9001|late');
    // Without --fail-on new the same audit fails on its clauses as before.
    expect(run(['audit', dir, '--baseline', old, '-q']).code).toBe(1);
  });

  it('--fail-on new without --baseline is a usage error', () => {
    const r = run(['audit', demo, '--fail-on', 'new']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--baseline');
  });
});

describe('waivers through the binary', () => {
  const waivers = (expires: string): string => {
    const file = join(work, `w-${expires}.yaml`);
    writeFileSync(file, `waivers:\n  - id: 业主失联\n    clause: "4.7"\n    records: [TS2025-0006]\n    justification: 业主长期出国无法联系\n    approvedBy: 李检查员\n    granted: 2025-12-01\n    expires: ${expires}\n`);
    return file;
  };

  it('a waived late complaint is marked 已豁免 in the printed report and in the JSON; after its expiry the audit flags the waiver', () => {
    const file = waivers('2025-12-31');
    const inForce = run(['audit', demo, '--waivers', file]);
    expect(inForce.stderr).toBe('');
    expect(inForce.stdout).toMatch(/TS2025-0006 .*［已豁免：业主长期出国无法联系；批准人 李检查员；有效至 2025-12-31］/);
    const json = JSON.parse(run(['audit', demo, '--waivers', file, '--format', 'json']).stdout) as R;
    const c47 = clausesOf(json).get('4.7')!;
    expect(c47.findings.find((f) => f.record === 'TS2025-0006')!.waiver).toEqual({ entry: '业主失联', justification: '业主长期出国无法联系', approvedBy: '李检查员', granted: '2025-12-01', expires: '2025-12-31' });
    expect([c47.waived, c47.statusBeforeWaivers]).toEqual([1, 'fail']);
    // 142 of 157 on time before, 143 after: the waived one counts as on time.
    expect([c47.metrics['onTimeRate'], c47.metrics['onTimeRateAfterWaivers']]).toEqual([Math.round((142 / 157) * 1e6) / 1e6, Math.round((143 / 157) * 1e6) / 1e6]);
    expect(json.waivers!.entries).toEqual([expect.objectContaining({ entry: '业主失联', state: 'active', matched: 1 })]);

    const later = run(['audit', demo, '--waivers', file, '--as-of', '2026-01-01', '--format', 'json']);
    const after = JSON.parse(later.stdout) as R;
    const c = clausesOf(after).get('4.7')!;
    expect(c.findings.find((f) => f.record === 'TS2025-0006')!.waiver).toBeNull();
    expect(c.findings.filter((f) => f.code === 'waiver-expired').map((f) => f.level)).toEqual(['warn']);
    expect(after.waivers!.entries[0]).toMatchObject({ state: 'expired', matched: 0 });
    expect(run(['audit', demo, '--waivers', file, '--as-of', '2026-01-01']).stdout).toContain('豁免「业主失联」（4.7）已于 2025-12-31 到期，不再适用');
  });

  it('a config file names the waivers file, relative to its own folder; --waivers overrides it', () => {
    const dir = join(work, 'config');
    cpSync(demo, join(work, 'config-demo'), { recursive: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'w.yaml'), 'waivers:\n  - clause: "4.7"\n    records: [TS2025-0041]\n    justification: 停电\n    expires: 2026-12-31\n');
    writeFileSync(join(dir, 'config.yaml'), 'waivers: w.yaml\n');
    const r = run(['audit', join(work, 'config-demo'), '--config', join(dir, 'config.yaml'), '--format', 'json']);
    expect(r.stderr).toBe('');
    const c47 = clausesOf(JSON.parse(r.stdout) as R).get('4.7')!;
    expect(c47.findings.filter((f) => f.waiver !== null).map((f) => f.record)).toEqual(['TS2025-0041']);
    const override = run(['audit', join(work, 'config-demo'), '--config', join(dir, 'config.yaml'), '--waivers', waivers('2025-12-31'), '--format', 'json']);
    expect(clausesOf(JSON.parse(override.stdout) as R).get('4.7')!.findings.filter((f) => f.waiver !== null).map((f) => f.record)).toEqual(['TS2025-0006']);
  });

  it('waivers check: exit 0 when valid and in force, 1 when expired or invalid, an unmatched entry listed', () => {
    const file = waivers('2026-01-31');
    const ok = run(['waivers', 'check', file, '--as-of', '2026-01-10']);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toContain('将于 2026-01-31 到期（30 天内）');
    expect(run(['waivers', 'check', file, '--as-of', '2026-01-31']).code).toBe(0);
    const expired = run(['waivers', 'check', file, '--as-of', '2026-02-01', '--lang', 'en']);
    expect(expired.code).toBe(1);
    expect(expired.stdout).toContain('expired on 2026-01-31');
    // Today comes from the (injected) China date, whatever the machine's zone.
    expect(run(['waivers', 'check', file], { AFTERSALES_AUDIT_TODAY: '2026-02-01', TZ: 'Pacific/Honolulu' }).code).toBe(1);
    const unmatched = join(work, 'unmatched.yaml');
    writeFileSync(unmatched, 'waivers:\n  - clause: "4.7"\n    records: [TS2099-0001]\n    justification: x\n    expires: 2026-06-30\n');
    const u = run(['waivers', 'check', unmatched, demo, '--as-of', '2025-12-31']);
    expect(u.stdout).toContain('未匹配');
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, 'waivers:\n  - clause: "9.9"\n    justification: x\n    expires: 2026-02-30\n');
    const b = run(['waivers', 'check', bad]);
    expect(b.code).toBe(1);
    expect(b.stdout).toContain('没有条款 9.9');
    expect(b.stdout).toContain('expires 不是有效日期');
    // audit refuses an invalid file outright.
    const a = run(['audit', demo, '--waivers', bad]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('bad.yaml');
  });
});

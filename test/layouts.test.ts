// Registers laid out the ways enterprises keep them by hand (fixtures/layouts-h, written by
// xlsxwriter and openpyxl: see make.py there) are read whole: every record with the values of the
// same records in one plain sheet, from its own file, sheet and row; nothing invented; the same
// findings, metrics and analysis as the plain sheet. Each folder's expected.json says where each
// record is and what is skipped.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit, type AuditResult } from '../src/audit.js';
import { buildCalendar } from '../src/calendar/calendar.js';
import { DEFAULT_PARAMETERS } from '../src/checks/parameters.js';
import { readEnterprise, type Reading } from '../src/pipeline.js';

interface Expected {
  description: string;
  places: Record<string, { file: string; sheet: string | null; row: number }>;
  skipped: { file: string; sheet: string | null; reason: string }[];
  issues: { file: string; sheet: string | null; row: number | null; code: string }[];
  skippedRows?: number[];
}

const root = new URL('../fixtures/layouts-h/', import.meta.url).pathname;
const calendar = buildCalendar();
const cases = readdirSync(root).filter((name) => name !== 'plain' && !name.includes('.'));

async function read(dir: string): Promise<{ reading: Reading; records: Map<string, { values: Record<string, string>; place: object }> }> {
  const records = new Map<string, { values: Record<string, string>; place: object }>();
  const reading = await readEnterprise({ dir, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000 }, (record, source, row) => {
    if (source.dataset === 'complaints') records.set(record['id']!, { values: { ...record }, place: { file: source.file, sheet: source.sheet, row } });
  });
  return { reading, records };
}

function audit(dir: string): Promise<AuditResult> {
  return runAudit({
    dir, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000,
    from: '2025-01-01', to: '2025-03-31', asOf: '2025-04-30', today: '2026-01-01', only: null, skip: [],
    params: DEFAULT_PARAMETERS, calendar,
  });
}

/** What the audit says, without where records are (that differs by layout by design). */
function judged(result: AuditResult) {
  return {
    clauses: result.clauses.map((c) => ({
      id: c.check.id,
      status: c.result.status,
      metrics: c.result.metrics,
      findingCount: c.findingCount,
      findings: c.result.findings.map((f) => [f.record, f.level, f.message, f.data]),
    })),
    analysis: result.analysis,
  };
}

describe('registers as enterprises lay them out', async () => {
  const plain = await read(join(root, 'plain'));
  const plainAudit = judged(await audit(join(root, 'plain')));

  it('the plain reference reads twelve complaints without an issue', () => {
    expect(plain.records.size).toBe(12);
    expect(plain.reading.dataQuality.count).toBe(0);
    expect(plainAudit.clauses.find((c) => c.id === '4.7')?.metrics['late']).toBeGreaterThan(0);
  });

  describe.each(cases)('%s', (name) => {
    const dir = join(root, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;

    it(`${expected.description}: every record, from its own place, with the plain sheet's values`, async () => {
      const { reading, records } = await read(dir);
      expect(Object.fromEntries([...records].map(([id, r]) => [id, r.place]))).toEqual(expected.places);
      for (const [id, r] of plain.records) expect(records.get(id)?.values, id).toEqual(r.values);
      expect(reading.dataQuality.issues.map((i) => ({ file: i.file, sheet: i.sheet, row: i.row, code: i.code }))).toEqual(expected.issues);
      expect(reading.skipped.map((s) => ({ file: s.file, sheet: s.sheet, reason: s.reason }))).toEqual(expected.skipped);
      for (const s of reading.skipped) expect(s.message.zh.length * s.message.en.length).toBeGreaterThan(0);
      if (expected.skippedRows) expect(reading.inputs.flatMap((i) => i.skippedRows.map((s) => s.row))).toEqual(expected.skippedRows);
    });

    it('the same findings, metrics and analysis as the plain sheet', async () => {
      expect(judged(await audit(dir))).toEqual(name === 'unreadable' ? expect.anything() : plainAudit);
    });
  });
});

describe('a file that breaks after some of its records were read', () => {
  it('keeps those records (listed in inputs) and lists the file as read in part; the other files are read', async () => {
    const { mkdtempSync, copyFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const ExcelJS = (await import('exceljs')).default;
    const { setLimits } = await import('../src/limits.js');
    const dir = mkdtempSync(join(tmpdir(), 'aa-part-'));
    copyFileSync(join(root, 'plain', '人员花名册.csv'), join(dir, '人员花名册.csv'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('投诉台账');
    ws.addRow(['编号', '项目名称', '受理渠道', '类别', '受理时间', '处理状态', '经办人']);
    for (let i = 0; i < 60; i++) ws.addRow([`A${i}`, '海岸华庭', '来电', '投诉', '2025-03-05', '已办结', '李娜']);
    await wb.xlsx.writeFile(join(dir, '投诉台账.xlsx'));
    setLimits({ sheetRows: 40 });
    try {
      const { reading, records } = await read(dir);
      expect(records.size).toBe(39); // rows 2–40
      expect(reading.inputs.map((i) => [i.file, i.rows])).toEqual([['人员花名册.csv', 2], ['投诉台账.xlsx', 39]]);
      expect(reading.skipped).toHaveLength(1);
      expect(reading.skipped[0]).toMatchObject({ file: '投诉台账.xlsx', sheet: '投诉台账', reason: 'unreadable' });
      expect(reading.skipped[0]!.message.zh).toMatch(/limits\.sheetRows.*只读取了前 39 行数据/);
      expect(reading.skipped[0]!.message.en).toMatch(/only its first 39 data rows were read/);
    } finally {
      setLimits({});
    }
  });
});

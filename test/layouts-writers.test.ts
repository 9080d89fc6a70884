// Issue #14's done-criterion, for every habit × writer of fixtures/layouts (workbooks written by
// openpyxl, xlsxwriter, xlwt and LibreOffice as .xlsx, .xls and .ods: scripts/make-layout-fixtures.sh):
// each folder is read whole (every record with its values, file, sheet and row as its
// *.expected.json says), with no invented issue, and audits to the same results (status, metrics,
// finding records) as the same records written in one plain sheet per dataset (a CSV made here
// from the expected rows, the English keys as its header).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit, type AuditResult } from '../src/audit.js';
import { buildCalendar } from '../src/calendar/calendar.js';
import { DEFAULT_PARAMETERS } from '../src/checks/parameters.js';
import type { DatasetName } from '../src/model.js';
import { readEnterprise, type Reading } from '../src/pipeline.js';

interface Expected {
  file: string;
  dataset: DatasetName;
  records: { file: string; sheet: string; row: number; values: Record<string, string> }[];
}

const LAYOUTS = new URL('../fixtures/layouts/', import.meta.url).pathname;
const calendar = buildCalendar();
const tmp = mkdtempSync(join(tmpdir(), 'aa-writers-'));

/** A file the reader takes as a copy of another (its records are the original's, read once). */
const isCopy = (file: string): boolean => /副本|复件|copy|\(\d\)|（\d）/i.test(basename(file, extname(file)));

const cases = readdirSync(LAYOUTS)
  .sort()
  .flatMap((habit) => readdirSync(join(LAYOUTS, habit)).sort().map((writer) => [habit, writer] as const));

interface Read {
  reading: Reading;
  /** dataset → one line per record: where it is and its values. */
  records: Map<DatasetName, { file: string; sheet: string | null; row: number; values: Record<string, string> }[]>;
}

async function read(dir: string): Promise<Read> {
  const records: Read['records'] = new Map();
  const reading = await readEnterprise({ dir, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000 }, (record, source, row) => {
    const list = records.get(source.dataset) ?? [];
    list.push({ file: source.file, sheet: source.sheet, row, values: { ...record } });
    records.set(source.dataset, list);
  });
  return { reading, records };
}

function audit(dir: string): Promise<AuditResult> {
  return runAudit({
    dir, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000,
    from: '2025-01-01', to: '2025-12-31', asOf: '2026-01-31', today: '2026-02-01', only: null, skip: [],
    params: DEFAULT_PARAMETERS, calendar,
  });
}

/**
 * What the audit says, without where records are (that differs by layout by design): findings are
 * listed in the order of their places (file, sheet name, row), so they are compared by record here.
 */
function judged(result: AuditResult) {
  return {
    clauses: result.clauses.map((c) => ({
      id: c.check.id,
      status: c.result.status,
      metrics: c.result.metrics,
      findingCount: c.findingCount,
      findings: c.result.findings.map((f) => JSON.stringify([f.record, f.level, f.message, f.data])).sort(),
    })),
    analysis: result.analysis,
  };
}

const csvCell = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The same records in one plain sheet per dataset: a CSV named like the workbook, English keys as header. */
function plainFolder(expected: readonly Expected[], name: string): string {
  const dir = join(tmp, name);
  const byDataset = new Map<DatasetName, { file: string; values: Record<string, string>[] }>();
  for (const e of expected) {
    if (isCopy(e.file)) continue;
    const entry = byDataset.get(e.dataset) ?? { file: `${basename(e.file, extname(e.file))}.csv`, values: [] };
    entry.values.push(...e.records.map((r) => r.values));
    byDataset.set(e.dataset, entry);
  }
  mkdirSync(dir, { recursive: true });
  for (const { file, values } of byDataset.values()) {
    const keys = [...new Set(values.flatMap((v) => Object.keys(v)))];
    const lines = [keys.join(','), ...values.map((v) => keys.map((k) => csvCell(v[k] ?? '')).join(','))];
    writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
  }
  return dir;
}

describe.each(cases)('fixtures/layouts/%s/%s', (habit, writer) => {
  const dir = join(LAYOUTS, habit, writer);
  const expected = readdirSync(dir)
    .filter((name) => name.endsWith('.expected.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Expected);

  it('is read whole: every record with its values and its own file, sheet and row; no issue; nothing unreadable', async () => {
    const { reading, records } = await read(dir);
    for (const dataset of new Set(expected.map((e) => e.dataset))) {
      const want = expected.filter((e) => e.dataset === dataset && !isCopy(e.file)).flatMap((e) => e.records);
      const got = records.get(dataset) ?? [];
      const key = (r: { file: string; sheet: string | null; row: number }) => `${r.file}|${r.sheet}|${String(r.row).padStart(6, '0')}`;
      expect([...got].sort((a, b) => key(a).localeCompare(key(b))), dataset).toEqual([...want].sort((a, b) => key(a).localeCompare(key(b))));
    }
    expect(reading.dataQuality.issues.map((i) => `${i.file} ${i.sheet} ${i.row} ${i.column} ${i.code}`)).toEqual([]);
    expect(reading.skipped.filter((s) => s.reason === 'unreadable' || s.reason === 'unsupported-format')).toEqual([]);
    // A copy is named as such; nothing else is skipped but what is not data.
    const notData = new Set(['summary-sheet', 'instructions-sheet', 'empty-sheet', 'hidden-sheet']);
    for (const s of reading.skipped) expect(s.reason === 'copy' ? isCopy(s.file) : notData.has(s.reason), `${s.file} ${s.sheet} ${s.reason}`).toBe(true);
  });

  it('audits to the same results as the same records in one plain sheet', async () => {
    const plain = plainFolder(expected, `${habit}-${writer}`);
    const plainRead = await read(plain);
    expect(plainRead.reading.dataQuality.issues.map((i) => `${i.file} ${i.row} ${i.column} ${i.code}`)).toEqual([]);
    expect(judged(await audit(dir))).toEqual(judged(await audit(plain)));
  });
});

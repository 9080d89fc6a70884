// Each messy export in fixtures/messy carries the issues it must produce in expected.json:
// exactly those issues, on exactly those rows and columns, and the right number of data rows.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnterprise, DEFAULT_MAX_ISSUES } from '../src/pipeline.js';

interface Expected {
  description: string;
  encoding?: string;
  rows: Record<string, number>;
  headerRow?: number;
  skipped?: number[];
  ignoredColumns?: string[];
  issues: { file: string; sheet?: string; row: number | null; column: string; code: string }[];
  records?: Record<string, Record<string, string>>;
}

const root = new URL('../fixtures/messy/', import.meta.url).pathname;
const cases = readdirSync(root).filter((name) => {
  try {
    readFileSync(join(root, name, 'expected.json'));
    return true;
  } catch {
    return false;
  }
});

describe.each(cases)('messy export %s', (name) => {
  const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Expected;

  it(`${expected.description}: rows, issues and values as expected`, async () => {
    const records = new Map<string, Record<string, string>>();
    const reading = await readEnterprise(
      { dir: join(root, name), explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: DEFAULT_MAX_ISSUES },
      (record) => {
        const key = record['id'] ?? record['unit'];
        if (key) records.set(key, { ...record });
      },
    );
    const rows: Record<string, number> = {};
    for (const input of reading.inputs) if (input.dataset !== 'profile') rows[input.dataset] = (rows[input.dataset] ?? 0) + input.rows;
    expect(rows).toEqual(expected.rows);

    const issues = reading.dataQuality.issues.map((i) => ({
      file: i.file,
      ...(expected.issues.some((e) => e.sheet) ? { sheet: i.sheet ?? undefined } : {}),
      row: i.row,
      column: i.column,
      code: i.code,
    }));
    expect(issues).toEqual(expected.issues);
    expect(reading.dataQuality.count).toBe(expected.issues.length);

    const [input] = reading.inputs.filter((i) => i.dataset !== 'profile');
    if (expected.encoding) expect(input?.encoding).toBe(expected.encoding);
    if (expected.headerRow) expect(input?.headerRow).toBe(expected.headerRow);
    if (expected.skipped) expect(input?.skippedRows.map((s) => s.row)).toEqual(expected.skipped);
    if (expected.ignoredColumns) expect(input?.ignoredColumns).toEqual(expected.ignoredColumns);
    // Rows with issues are counted per input: left out of every check, or still judged.
    const withIssues = reading.inputs.reduce((sum, i) => sum + i.rejected + i.withIssues, 0);
    expect(withIssues).toBe(new Set(expected.issues.filter((i) => i.row !== null).map((i) => `${i.file}/${i.sheet ?? ''}/${i.row}`)).size);
    for (const [id, values] of Object.entries(expected.records ?? {})) expect(records.get(id)).toMatchObject(values);
  });
});

it('covers every messy case with an expected.json', () => {
  expect(cases.sort()).toEqual(['csv-gb18030', 'csv-utf16-multiline', 'csv-utf8-bom', 'missing-columns', 'xlsx-multi-sheet', 'xlsx-title-totals']);
});

// Property-based tests (fast-check): random bytes and random damage to valid files, through every
// reader and the whole audit, never end in anything but a result or one of the tool's own errors
// (which the CLI turns into exit 2 and one line). And init's templates read back unchanged.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../src/audit.js';
import { buildCalendar } from '../src/calendar/calendar.js';
import { DEFAULT_PARAMETERS } from '../src/checks/parameters.js';
import { datasets } from '../src/datasets.js';
import { AuditError } from '../src/errors.js';
import { SAMPLE_ROWS, writeTemplates } from '../src/init.js';
import type { DatasetName } from '../src/model.js';
import { readEnterprise } from '../src/pipeline.js';
import { parseLocalDate, parseLocalDateTime } from '../src/read/values.js';

const demo = new URL('../fixtures/demo/', import.meta.url).pathname;
const calendar = buildCalendar();

async function outcome(dir: string): Promise<'result' | 'error'> {
  try {
    await runAudit({
      dir, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000,
      from: null, to: null, asOf: '2025-12-31', today: '2026-01-01', only: null, skip: [],
      params: DEFAULT_PARAMETERS, calendar,
    });
    return 'result';
  } catch (error) {
    // Only the tool's own errors may escape: they carry a message in both languages and an exit code.
    if (!(error instanceof AuditError)) throw error;
    expect(error.text.zh.length).toBeGreaterThan(0);
    return 'error';
  }
}

function withFile(name: string, bytes: Uint8Array | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aa-fuzz-'));
  writeFileSync(join(dir, name), bytes);
  return dir;
}

/** A copy of `bytes` with some bytes overwritten and perhaps cut short. */
const damaged = (bytes: Buffer) =>
  fc
    .record({
      flips: fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
      cut: fc.option(fc.nat({ max: bytes.length }), { nil: undefined }),
    })
    .map(({ flips, cut }) => {
      const copy = Buffer.from(bytes);
      for (const [at, value] of flips) copy[at] = value;
      return cut === undefined ? copy : copy.subarray(0, cut);
    });

describe('random and damaged input never escapes as a crash', () => {
  it('random bytes as a CSV, an XLSX, a YAML and a JSON profile', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('投诉台账.csv', '投诉台账.xlsx', 'profile.yaml', 'profile.json'), async (bytes, name) => {
        const dir = withFile(name, bytes);
        try {
          await outcome(dir);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 60) },
    );
  });

  it('random text as a CSV and as a profile', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 2000 }), fc.constantFrom('投诉台账.csv', 'profile.yaml'), async (text, name) => {
        const dir = withFile(name, text);
        try {
          await outcome(dir);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 60) },
    );
  });

  it.each(['2025年度客户投诉台账.xlsx', '回访记录.csv', '人员花名册.csv', 'profile.yaml'])('damaged copies of the demo %s, in the whole audit', async (name) => {
    const original = readFileSync(join(demo, name));
    await fc.assert(
      fc.asyncProperty(damaged(original), async (bytes) => {
        const dir = mkdtempSync(join(tmpdir(), 'aa-damaged-'));
        try {
          for (const other of ['2025年度客户投诉台账.xlsx', '回访记录.csv', '人员花名册.csv', '已售房源台账.xlsx', 'profile.yaml']) {
            if (other !== name) copyFileSync(join(demo, other), join(dir, other));
          }
          writeFileSync(join(dir, name), bytes);
          await outcome(dir);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? (name.endsWith('.xlsx') ? 25 : 40)) },
    );
  });
});

describe('init templates round trip', () => {
  it('sample values written by init read back unchanged, every dataset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-roundtrip-'));
    await writeTemplates(dir, { sample: true, force: false });
    const read: Record<string, Record<string, string>[]> = {};
    const reading = await readEnterprise({ dir, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 100 }, (record, source) => {
      const kept = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Record<string, string>;
      (read[source.dataset] ??= []).push(kept);
    });
    expect(reading.dataQuality.count).toBe(0);
    for (const dataset of Object.keys(SAMPLE_ROWS) as DatasetName[]) {
      const expected = SAMPLE_ROWS[dataset].map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => {
            const kind = datasets[dataset].columns.find((c) => c.key === key)!.kind;
            return [key, kind === 'datetime' ? parseLocalDateTime(value) : kind === 'date' ? parseLocalDate(value) : value];
          }),
        ),
      );
      expect(read[dataset], dataset).toEqual(expected);
    }
  });
});

describe('odd cell content written by a spreadsheet', () => {
  it('any cell text in an XLSX register is read or reported, never a crash', async () => {
    const { default: ExcelJS } = await import('exceljs');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.double(), fc.boolean(), fc.constant(null)), { maxLength: 10 }), { maxLength: 8 }), async (rows) => {
        const dir = mkdtempSync(join(tmpdir(), 'aa-cells-'));
        try {
          const book = new ExcelJS.Workbook();
          const sheet = book.addWorksheet('投诉台账');
          sheet.addRow(['编号', '项目名称', '受理渠道', '类别', '受理时间', '处理状态', '经办人']);
          for (const r of rows) sheet.addRow(r.map((v) => (typeof v === 'string' ? v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/g, '') : v)));
          await book.xlsx.writeFile(join(dir, '投诉台账.xlsx'));
          await outcome(dir);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 30) },
    );
  });
});

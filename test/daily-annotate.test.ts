// `annotate` on the demo: every data-quality issue and every finding of the audit is found on its
// cell (read back with exceljs), the copies keep the original sheets, values, formats and row
// numbers, and the enterprise's own files keep their bytes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LEVEL_FILL } from '../src/daily/annotate.js';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const demo = new URL('../fixtures/demo/', import.meta.url).pathname;
const xlsFolder = new URL('../fixtures/layouts/monthly-sheets/libreoffice-xls/', import.meta.url).pathname;

function run(args: string[]) {
  // Today pinned: the default as-of date never depends on the clock.
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, AFTERSALES_AUDIT_TODAY: '2026-01-10' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function hashes(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(path, createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(folder);
  return out;
}

async function load(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return workbook;
}

const noteText = (cell: ExcelJS.Cell): string => {
  const note = cell.note as unknown;
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: { text: string }[] } | undefined)?.texts;
  return texts ? texts.map((t) => t.text).join('') : '';
};
const fillOf = (cell: ExcelJS.Cell): string | undefined => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

interface Report {
  inputs: { file: string; sheet: string | null; headerRow: number }[];
  dataQuality: { issues: { file: string; sheet: string | null; row: number | null; column: string | null; message: string }[] };
  chapters: { clauses: { id: string; findings: { file: string | null; sheet: string | null; row: number | null; level: 'fail' | 'warn' | 'info'; message: string }[] }[] }[];
}

describe('annotate fixtures/demo', async () => {
  const before = hashes(demo);
  const out = join(mkdtempSync(join(tmpdir(), 'annotate-')), '标注副本');
  const result = run(['annotate', demo, '--out', out]);
  const after = hashes(demo);
  const report = JSON.parse(run(['audit', demo, '--format', 'json']).stdout) as Report;
  const copyOf = (file: string) => join(out, file.endsWith('.xlsx') ? file : `${file}.xlsx`);
  const books = new Map<string, ExcelJS.Workbook>();
  for (const name of readdirSync(out)) books.set(name, await load(join(out, name)));
  const sheetOf = (file: string, sheet: string | null): ExcelJS.Worksheet => {
    const book = books.get(copyOf(file).slice(out.length + 1))!;
    return sheet ? book.getWorksheet(sheet)! : book.worksheets.find((s) => s.name !== '标注清单')!;
  };

  it('exits 1 (there are marks), writes one copy per file, and leaves every byte of the enterprise folder unchanged', () => {
    expect(result.code, result.stderr).toBe(1);
    expect([...books.keys()].sort()).toEqual(['2025年度客户投诉台账.xlsx', '人员花名册.csv.xlsx', '回访记录.csv.xlsx', '已售房源台账.xlsx']);
    expect(after).toEqual(before);
    expect(result.stdout).toContain('回访记录.csv.xlsx');
    expect(result.stdout).toContain('CSV 转为 .xlsx');
  });

  it('marks every data-quality issue on its own cell: a fill and a note with the Chinese message', () => {
    const issues = report.dataQuality.issues.filter((i) => i.row !== null && i.column !== null);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      const sheet = sheetOf(issue.file, issue.sheet);
      const input = report.inputs.find((i) => i.file === issue.file && i.sheet === issue.sheet)!;
      const header = sheet.getRow(input.headerRow);
      let column = 0;
      header.eachCell((cell, c) => {
        if (cell.text.trim() === issue.column) column = c;
      });
      expect(column, `${issue.file} ${issue.column}`).toBeGreaterThan(0);
      const cell = sheet.getRow(issue.row!).getCell(column);
      expect(noteText(cell), `${issue.file} row ${issue.row}`).toContain(issue.message);
      expect(fillOf(cell)).toBeDefined();
    }
  });

  it('marks every finding on its row: the row filled by level, the message in the note of its first cell', () => {
    const findings = report.chapters.flatMap((c) => c.clauses.flatMap((clause) => clause.findings.map((f) => ({ ...f, clause: clause.id }))));
    const onRows = findings.filter((f) => f.file !== null && f.row !== null);
    expect(onRows.length).toBeGreaterThan(50);
    for (const f of onRows) {
      const cell = sheetOf(f.file!, f.sheet).getRow(f.row!).getCell(1);
      expect(noteText(cell), `${f.clause} ${f.file} row ${f.row}`).toContain(`${f.clause} ${f.message}`);
      // A fail fills red; a warning at least its orange unless a worse mark shares the cell.
      if (f.level === 'fail') expect(fillOf(cell)).toBe(LEVEL_FILL.fail);
      else expect(fillOf(cell)).toBeDefined();
    }
  });

  it('puts a first sheet 标注清单 listing every mark with a link to its cell', () => {
    const book = books.get('2025年度客户投诉台账.xlsx')!;
    expect(book.worksheets.map((s) => s.name)).toEqual(['标注清单', '投诉台账']);
    const index = book.worksheets[0]!;
    const issues = report.dataQuality.issues.filter((i) => i.file === '2025年度客户投诉台账.xlsx').length;
    const findings = report.chapters.flatMap((c) => c.clauses.flatMap((x) => x.findings)).filter((f) => f.file === '2025年度客户投诉台账.xlsx').length;
    expect(index.rowCount - 2).toBe(issues + findings);
    const links: string[] = [];
    for (let r = 3; r <= index.rowCount; r++) links.push((index.getRow(r).getCell(7).value as { hyperlink: string }).hyperlink);
    expect(links).toContain("'投诉台账'!P124");
    expect(links.every((l) => /^'投诉台账'![A-Z]+\d+$/.test(l))).toBe(true);
  });

  it('keeps the original sheets, values, number formats and row numbers of an .xlsx', async () => {
    const original = await load(join(demo, '2025年度客户投诉台账.xlsx'));
    const copy = books.get('2025年度客户投诉台账.xlsx')!;
    for (const sheet of original.worksheets) {
      const copied = copy.getWorksheet(sheet.name)!;
      expect(copied.rowCount).toBe(sheet.rowCount);
      sheet.eachRow({ includeEmpty: false }, (row, r) => {
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          const other = copied.getRow(r).getCell(c);
          expect(other.value, `${sheet.name}!${cell.address}`).toEqual(cell.value);
          expect(other.numFmt).toBe(cell.numFmt);
        });
      });
      expect(copied.columns.map((c) => c.width)).toEqual(sheet.columns.map((c) => c.width));
    }
  });

  it('a CSV copy holds each row at its line: the GBK callbacks file reads as in the audit', () => {
    const sheet = sheetOf('回访记录.csv', null);
    expect(sheet.getRow(1).getCell(1).text).toBe('回访编号');
    expect(sheet.getRow(2).getCell(1).text).toBe('HF2025-0001');
    expect(sheet.getRow(2).getCell(2).text).toBe('海岸华庭');
  });

  it('refuses --out equal to the enterprise folder or inside it, writing nothing (exit 2)', () => {
    const inside = run(['annotate', demo, '--out', join(demo, '标注')]);
    expect(inside.code).toBe(2);
    expect(existsSync(join(demo, '标注'))).toBe(false);
    const same = run(['annotate', demo, '--out', demo]);
    expect(same.code).toBe(2);
    expect(hashes(demo)).toEqual(before);
    expect(run(['annotate', demo]).code).toBe(2);
  });
});

describe('annotate an .xls workbook', () => {
  it('becomes an .xlsx copy with every sheet, each mark on its sheet and row', async () => {
    const before = hashes(xlsFolder);
    const out = mkdtempSync(join(tmpdir(), 'annotate-xls-'));
    const { code, stdout } = run(['annotate', xlsFolder, '--out', out]);
    expect(code).toBe(1);
    expect(stdout).toContain('XLS 转为 .xlsx');
    expect(hashes(xlsFolder)).toEqual(before);
    const book = await load(join(out, '投诉台账.xls.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual(['标注清单', '汇总', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)]);
    const report = JSON.parse(run(['audit', xlsFolder, '--format', 'json']).stdout) as Report;
    const findings = report.chapters.flatMap((c) => c.clauses.flatMap((x) => x.findings.map((f) => ({ ...f, clause: x.id })))).filter((f) => f.row !== null);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(noteText(book.getWorksheet(f.sheet!)!.getRow(f.row!).getCell(1))).toContain(`${f.clause} ${f.message}`);
  });
});

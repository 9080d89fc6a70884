import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { html } from '../../src/report/html.js';
import { junit } from '../../src/report/junit.js';
import { markdown, mdText } from '../../src/report/markdown.js';
import { safeText, xlsx } from '../../src/report/xlsx.js';
import { sampleReport } from './sample.js';

const PAYLOAD = '=HYPERLINK("http://evil.invalid","x")<script>alert(1)</script>';

describe('JUnit', () => {
  it('maps clauses to test cases: fail → failure, manual → skipped, pass → plain', () => {
    expect(junit(sampleReport())).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="aftersales-audit" tests="3" failures="1" errors="0" skipped="1">
  <testsuite name="第四章 售后服务质量标准" tests="3" failures="1" errors="0" skipped="1">
    <testcase classname="第四章 售后服务质量标准" name="4.1 实行售后服务承诺制度">
      <skipped message="人工核查；查看承诺书。"/>
    </testcase>
    <testcase classname="第四章 售后服务质量标准" name="4.5 满意率"/>
    <testcase classname="第四章 售后服务质量标准" name="4.7 三个工作日内做出处理意见">
      <failure type="fail" message="1 条发现。按时处理。">三个工作日内做出处理意见。
A1 投诉.csv 第 2 行: A1 逾期</failure>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it('keeps payloads inert and strips characters XML forbids', () => {
    const out = junit(sampleReport('en', `${PAYLOAD}\u0001`));
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;');
    expect(out).not.toContain('\u0001');
  });
});

describe('Markdown', () => {
  it('writes the verdict, a table per chapter and the details of clauses with findings', () => {
    const out = markdown(sampleReport());
    expect(out).toContain('- **结论: 不符合**');
    expect(out).toContain('| 4.7 三个工作日内做出处理意见 | 不符合 | onTimeRate 50.0%; late 1 |');
    expect(out).toContain('| 不符合 | A1 | 投诉.csv 第 2 行 | A1 逾期 |');
    expect(out).toContain('整改建议: 按时处理。');
    expect(out.endsWith('_由 aftersales-audit 0.0.0-test 生成_\n')).toBe(true);
  });

  it('escapes what would be markup or break a table', () => {
    expect(mdText('a|b <script> *x* [l](u) `c`\nnext')).toBe('a\\|b \\<script\\> \\*x\\* \\[l\\](u) \\`c\\` next');
    const out = markdown(sampleReport('zh', PAYLOAD));
    expect(out).not.toContain('<script>');
  });
});

describe('HTML', () => {
  it('is one self-contained page: inline CSS, inline SVG charts, no script, no network', () => {
    const out = html(sampleReport());
    expect(out.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(out).toContain('<style>');
    expect(out).toContain('@page { size: A4;');
    expect(out.match(/<svg class="chart"/g)).toHaveLength(5);
    expect(out).not.toMatch(/<script|<link|src="http|href="http|@import/i);
  });

  it('escapes every value from the data', () => {
    const out = html(sampleReport('zh', PAYLOAD));
    expect(out).not.toContain('<script>alert');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).not.toContain('"http://evil.invalid"');
  });

  it('speaks English with --lang en, charts included', () => {
    const out = html(sampleReport('en'));
    expect(out).toContain('<html lang="en">');
    expect(out).toContain('aria-label="Complaints by month"');
    expect(out).toContain('>Verdict: <span class="badge s-fail">Non-compliant</span>');
  });
});

describe('XLSX', () => {
  it('neutralises text that would start a formula', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'ok', '1-1'].map(safeText)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", 'ok', '1-1']);
  });

  it('has a summary, a findings sheet with one row per finding, data quality and analysis; payloads stay text', async () => {
    const buffer = await xlsx(sampleReport('zh', PAYLOAD));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['概要', '发现', '数据质量', '统计分析']);
    const findings = book.getWorksheet('发现')!;
    expect(findings.rowCount).toBe(2);
    expect(findings.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(findings.autoFilter).toBeTruthy();
    expect(findings.getRow(2).getCell(1).value).toBe('4.7');
    const quality = book.getWorksheet('数据质量')!;
    expect(quality.getRow(2).getCell(6).value).toBe(`钱多多${PAYLOAD}`);
    // Every cell is a plain value: no formula anywhere in the workbook.
    for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined()));
    const summary = book.getWorksheet('概要')!;
    expect(summary.getRow(2).getCell(2).value).toBe(`示例置业${PAYLOAD}`);
  });

  it('lists at most so many rows per sheet, with the totals exact and a note of what was not listed', async () => {
    // An issue flood took 2.5 GB when every row was a cell model; the workbook is now streamed and cut.
    const report = sampleReport('zh');
    const clause = report.chapters[0]!.clauses[2]!;
    const finding = clause.findings[0]!;
    const many = Array.from({ length: 5 }, (_, i) => ({ ...finding, record: `A${i}`, row: i + 2 }));
    const cut = {
      ...report,
      dataQuality: { count: 9, truncated: true, issues: Array.from({ length: 4 }, () => report.dataQuality.issues[0]!) },
      chapters: [{ ...report.chapters[0]!, clauses: [report.chapters[0]!.clauses[0]!, { ...clause, findingCount: 12, findings: many }] }],
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx(cut, 3)) as unknown as ArrayBuffer);
    const rows = (name: string): unknown[][] => {
      const out: unknown[][] = [];
      book.getWorksheet(name)!.eachRow((row) => void out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const findings = rows('发现');
    expect(findings.slice(1).map((r) => r[3] ?? null)).toEqual(['A0', 'A1', 'A2', null]);
    expect(findings[4]![7]).toBe('另有 9 条未列出（共 12 条）');
    const quality = rows('数据质量');
    expect(quality).toHaveLength(1 + 3 + 1);
    expect(quality[4]![0]).toBe('另有 6 条未列出（共 9 条）');
    // The summary still counts all 12 findings of 4.7.
    expect(rows('概要').find((r) => String(r[0]).startsWith('4.7'))![4]).toBe(12);
  });

  it('names its sheets in English with --lang en', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx(sampleReport('en'))) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Summary', 'Findings', 'Data quality', 'Analysis']);
  });
});

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
    expect(out).toContain('| 4.7 三个工作日内做出处理意见 | 不符合 | 按时率 50.0%，超时 1 件 |');
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
    expect(out).toMatch(/@page \{\s+size: A4;/);
    // Page numbers and a running header (enterprise, audit date) in the print margins.
    expect(out).toContain('@bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页";');
    expect(out).toContain('@top-left { content: "示例置业 · 售后服务机构规范化管理标准 审计报告";');
    expect(out).toContain('@top-right { content: "审计日 2025-12-31";');
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

describe('HTML for print', () => {
  it('puts data into the print header only as an escaped CSS string', async () => {
    const { cssString } = await import('../../src/report/html.js');
    expect(cssString('a"b\\c</style>\n')).toBe('"a\\22 b\\5c c\\3c /style\\3e \\a "');
    const out = html(sampleReport('zh', PAYLOAD));
    const style = out.slice(out.indexOf('<style>') + '<style>'.length, out.indexOf('</style>'));
    expect(style).not.toMatch(/<|"http/);
  });

  it('closes with a signature block and groups findings by file', () => {
    const out = html(sampleReport());
    expect(out).toMatch(/<section class="signatures"><h2>签字确认<\/h2>.*检查人员.*签字：.*日期：.*企业负责人/);
    expect(out).toContain('<tr class="group"><th colspan="4">投诉.csv</th></tr><tr><td class="level">不符合</td><td class="record">A1</td><td class="nowrap">2</td><td>A1 逾期</td></tr>');
  });
});

describe('XLSX for print', () => {
  it('prints the findings one page wide in landscape with the header row on every page, and a summary to sign', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx(sampleReport())) as unknown as ArrayBuffer);
    const findings = book.getWorksheet('发现')!;
    expect(findings.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(findings.headerFooter.oddHeader).toBe('&L示例置业 · 售后服务机构规范化管理标准 审计报告&R审计日 2025-12-31');
    expect(findings.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    const summary = book.getWorksheet('概要')!;
    expect(summary.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const rows: string[] = [];
    summary.eachRow((r) => rows.push([1, 2, 3].map((c) => r.getCell(c).text).join('|')));
    expect(rows.slice(-3)).toEqual(['签字确认||', '检查人员|签字：|日期：', '企业负责人|签字：|日期：']);
    // Parameters as sentences and small tables, not JSON.
    expect(rows).toContain('满意率要求|≥ 90.0%|');
    expect(rows).toContain('各资质等级的专职人员要求|资质等级|专职人员要求');
    expect(rows).toContain('|四级|设专职负责人（不少于 1 人）');
  });

  it('doubles an ampersand of the enterprise name in the print header (& starts a code there)', async () => {
    const report = sampleReport();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx({ ...report, enterprise: { ...report.enterprise!, name: 'A&B 置业' } })) as unknown as ArrayBuffer);
    expect(book.getWorksheet('发现')!.headerFooter.oddHeader).toContain('&LA&&B 置业 · ');
  });
});

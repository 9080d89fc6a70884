// Waivers and baselines in every format for people and CI (#16.7): formatters are pure, so each
// test states what the output holds, from a hand-built report.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { html } from '../../src/report/html.js';
import { junit } from '../../src/report/junit.js';
import { markdown } from '../../src/report/markdown.js';
import { xlsx } from '../../src/report/xlsx.js';
import type { Report } from '../../src/report/labels.js';
import { sampleReport } from './sample.js';

function withWaiverAndBaseline(lang: 'zh' | 'en' = 'zh'): Report {
  const report = sampleReport(lang);
  const chapter = report.chapters[0]!;
  const c47 = chapter.clauses[2]!;
  const waived = { ...c47.findings[0]!, waiver: { entry: '业主失联', justification: '业主出国', approvedBy: '李检查员', granted: '2025-12-01', expires: '2026-03-31' }, baseline: 'persisting' as const };
  const fresh = { ...c47.findings[0]!, key: '4.7|A2|late', record: 'A2', row: 3, message: 'A2 逾期', waiver: null, baseline: 'new' as const };
  const resolved = { key: '4.7|A0|late', record: 'A0', dataset: 'complaints', file: '投诉.csv', sheet: null, row: 9, level: 'fail' as const, code: 'late', message: 'A0 逾期' };
  return {
    ...report,
    chapters: [{ ...chapter, clauses: [chapter.clauses[0]!, chapter.clauses[1]!, { ...c47, findingCount: 2, waived: 1, statusBeforeWaivers: 'fail', findings: [waived, fresh], baseline: { status: 'fail', resolved: [resolved] } }] }],
    waivers: { file: 'w.yaml', entries: [] },
    baseline: { file: 'old.json', asOf: '2025-06-30', verdict: 'non-compliant', added: 1, persisting: 1, resolved: 1, newFailing: 1 },
  } as Report;
}

describe('waivers and baselines in the reports', () => {
  it('JUnit: a waived finding is a skipped test case with its waiver as the reason, counted as skipped', () => {
    const out = junit(withWaiverAndBaseline());
    expect(out).toContain('<testcase classname="第四章 售后服务质量标准" name="4.7 A1">\n      <skipped message="已豁免：业主出国；批准人 李检查员；有效至 2026-03-31（业主失联）"/>');
    // 3 clauses + 1 waived finding; skipped: the manual clause and the waived finding.
    expect(out).toMatch(/<testsuites name="aftersales-audit" tests="4" failures="1" errors="0" skipped="2">/);
    expect(out).toMatch(/<testsuite name="第四章 售后服务质量标准" tests="4" failures="1" errors="0" skipped="2">/);
    // The failure lists the finding not waived, not the waived one.
    const failure = /<failure[^>]*>([^<]*)<\/failure>/.exec(out)![1]!;
    expect(failure).toContain('A2 逾期');
    expect(failure).not.toContain('A1 逾期');
  });

  it('JUnit without waivers is unchanged: no extra test case', () => {
    expect(junit(sampleReport())).toMatch(/tests="3" failures="1" errors="0" skipped="1"/);
  });

  it('HTML: a waiver column and a since-baseline column, and the resolved findings', () => {
    const out = html(withWaiverAndBaseline());
    expect(out).toContain('<th>豁免</th><th>与基线比较</th>');
    expect(out).toContain('<td>已豁免：业主出国；批准人 李检查员；有效至 2026-03-31</td><td class="nowrap">仍存在</td>');
    expect(out).toContain('<td></td><td class="nowrap">新增</td>');
    expect(out).toContain('<li><strong>已整改:</strong> A0 A0 逾期</li>');
    expect(html(sampleReport())).not.toContain('<th>豁免</th>');
  });

  it('Markdown: the same columns in English', () => {
    const out = markdown(withWaiverAndBaseline('en'));
    expect(out).toContain('| Waiver | Since baseline |');
    expect(out).toContain('| waived: 业主出国; approved by 李检查员; until 2026-03-31 | persisting |');
    expect(out).toContain('- resolved: A0 A0 逾期');
  });

  it('XLSX: the findings sheet carries the two columns and a row per resolved finding', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx(withWaiverAndBaseline())) as unknown as ArrayBuffer);
    const sheet = book.worksheets[1]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]!.slice(9)).toEqual(['豁免', '与基线比较']);
    expect(rows.map((r) => [r[3], r[9] ?? null, r[10] ?? null])).toEqual([
      ['记录', '豁免', '与基线比较'],
      ['A1', '已豁免：业主出国；批准人 李检查员；有效至 2026-03-31', '仍存在'],
      ['A2', null, '新增'],
      ['A0', null, '已整改'],
    ]);
  });
});

// The statistics as a reader compares them (issue 15, item 9): every month of the period, an empty
// one as 0; the Pareto line says what it is and labels its shares; the satisfaction chart's axis
// fits the intervals so they can be told apart.
import { Chalk } from 'chalk';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit.js';
import { buildCalendar } from '../../src/calendar/calendar.js';
import { DEFAULT_PARAMETERS } from '../../src/checks/parameters.js';
import { paretoChart, rateAxis, rateChart } from '../../src/report/charts.js';
import { renderReport } from '../../src/report/render.js';

const demoAudit = (from: string, to: string) =>
  runAudit({
    dir: new URL('../../fixtures/demo/', import.meta.url).pathname,
    explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000,
    from, to, asOf: to, today: '2026-01-10', only: null, skip: [],
    params: DEFAULT_PARAMETERS, calendar: buildCalendar(),
  });

describe('complaints by month', () => {
  it('lists every month of the period, a month without complaints as 0, in every format', async () => {
    // The demo's register starts in 2025: Nov and Dec 2024 have no complaint.
    const audit = await demoAudit('2024-11-01', '2025-02-28');
    expect(audit.analysis.complaintsByMonth.map((m) => m.key)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(audit.analysis.complaintsByMonth.slice(0, 2).map((m) => m.count)).toEqual([0, 0]);
    const options = { lang: 'zh' as const, mask: true };
    const color = new Chalk({ level: 0 });
    const text = String(await renderReport(audit, 'text', options, color));
    expect(text).toMatch(/各月投诉: 2024-11:0 2024-12:0 2025-01:\d+ 2025-02:\d+/);
    const page = String(await renderReport(audit, 'html', options, color));
    // The chart draws a bar (of height 0) and a value label for each month.
    const chart = page.slice(page.indexOf('aria-label="各月投诉件数"'));
    expect(chart.slice(0, chart.indexOf('</svg>')).match(/<rect /g)).toHaveLength(4);
    expect(chart).toContain('<title>24-11: 0</title>');
    expect(page).toMatch(/<th>24-12<\/th>/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderReport(audit, 'xlsx', options, color)) as unknown as ArrayBuffer);
    const rows: string[] = [];
    book.getWorksheet('统计分析')!.eachRow((r) => rows.push(`${r.getCell(1).text}|${r.getCell(2).text}`));
    expect(rows).toContain('2024-11|0');
    expect(rows).toContain('2024-12|0');
  });
});

describe('charts', () => {
  it('the Pareto line has a legend and labels each cumulative share', () => {
    const svg = paretoChart('问题分类', [{ label: '渗漏', value: 3, cumulative: 0.5 }, { label: '其他', value: 3, cumulative: 1 }], { count: '件数', cumulative: '累计占比' });
    expect(svg).toContain('>累计占比</text>');
    expect(svg).toContain('>件数</text>');
    expect(svg).toContain('>50%</text>');
    expect(svg.match(/>100%<\/text>/g)!.length).toBeGreaterThanOrEqual(2); // the axis and the last point
  });

  it('fits the satisfaction axis to the data: 80-100% when every interval lies there', () => {
    expect(rateAxis([0.834, 0.954, 0.9, 0.914, 0.89], true)).toEqual({ from: 0.8, to: 1, step: 0.05 });
    expect(rateAxis([0.2, 0.9], true)).toEqual({ from: 0.2, to: 0.9, step: 0.1 });
    expect(rateAxis([0, 1], true)).toEqual({ from: 0, to: 1, step: 0.25 });
    expect(rateAxis([0.834, 0.954], false)).toEqual({ from: 0, to: 1, step: 0.25 });
    const svg = rateChart('满意率', [{ label: 'A', rate: 0.914, interval: [0.845, 0.954] }, { label: 'B', rate: 0.89, interval: [0.834, 0.928] }], 0.9, { fit: true });
    expect(svg).toContain('>80%</text>');
    expect(svg).toContain('>100%</text>');
    expect(svg).not.toContain('>0%</text>');
    // The two intervals now span most of the plot: A's runs from x(84.5%) to x(95.4%) of 460 px.
    const ends = [...svg.matchAll(/<line x1="([\d.]+)" y1="(\d+)" x2="([\d.]+)" y2="\2" stroke="#555"/g)].map((m) => Number(m[3]) - Number(m[1]));
    expect(ends[0]).toBeGreaterThan(200);
  });
});

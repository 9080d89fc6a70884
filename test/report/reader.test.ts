// What a Chinese reader sees: the demo's report in every format for people (text, Markdown, HTML,
// XLSX, JUnit) holds no JSON and no English key outside file names, record ids and profile keys
// (issue 15, item 8). English output says the same in English.
import ExcelJS from 'exceljs';
import { Chalk } from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit, type AuditResult } from '../../src/audit.js';
import { buildCalendar } from '../../src/calendar/calendar.js';
import { DEFAULT_PARAMETERS } from '../../src/checks/parameters.js';
import { METRIC_LABEL } from '../../src/report/labels.js';
import { renderReport } from '../../src/report/render.js';

let audit: AuditResult;
beforeAll(async () => {
  audit = await runAudit({
    dir: new URL('../../fixtures/demo/', import.meta.url).pathname,
    explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000,
    from: null, to: null, asOf: null, today: '2026-01-10', only: null, skip: [],
    params: DEFAULT_PARAMETERS, calendar: buildCalendar(),
  });
});

const decode = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');

/** The text of an HTML page as a reader sees it (styles and tags gone, tooltips kept). */
const htmlText = (page: string): string => decode(page.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]*>/g, ' '));

/** What a CI page shows of JUnit XML: the names, the messages and the failure texts. */
const junitText = (xml: string): string => decode([...xml.matchAll(/\b(?:name|message)="([^"]*)"/g)].map((m) => m[1]).join('\n') + xml.replace(/<[^>]*>/g, ' '));

async function xlsxText(buffer: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: string[] = [];
  book.eachSheet((sheet) => {
    // A print header's codes (&L left, &P page…) are not text.
    for (const hf of [sheet.headerFooter?.oddHeader, sheet.headerFooter?.oddFooter]) out.push((hf ?? '').replace(/&[LCRPN]/g, ' ').replace(/&&/g, '&'));
    out.push(sheet.name);
    sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text))));
  });
  return out.join('\n');
}

/** Everything a reader may legitimately see in Latin letters: names from the data and the profile. */
function allowed(a: AuditResult): RegExp[] {
  const literal = (s: string): RegExp => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
  const names = new Set<string>();
  for (const i of a.reading.inputs) names.add(i.file);
  for (const c of a.clauses) {
    for (const f of c.result.findings) {
      if (f.file) names.add(f.file);
      if (f.record) names.add(f.record);
    }
    for (const e of c.result.evidence) names.add(e.path);
  }
  for (const i of a.reading.dataQuality.issues) if (i.value) names.add(i.value);
  return [
    ...[...names].sort((x, y) => y.length - x.length).map(literal),
    /\b[0-9a-f]{64}\b/g, // SHA-256 of an input
    /SHA-256/g,
    /\b(utf-8(-bom)?|utf-16(le|be)|gb18030)\b/gi, // the encoding an input was read in
    /aftersales-audit( validate)?( \S+)?/g,
    /--[a-z-]+/g, // an option the reader can use
    /profile\.(yaml|json)/g,
    // Keys of profile.yaml a note tells the reader to look at or fill in.
    /\b(enterprise|organization|entrustment|evidence|projects|period)(\.[A-Za-z]+)*\b/g,
  ];
}

function leftovers(text: string, a: AuditResult): string[] {
  let rest = text;
  for (const re of allowed(a)) rest = rest.replace(re, ' ');
  return [...new Set(rest.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [])];
}

async function rendered(lang: 'zh' | 'en'): Promise<Record<string, string>> {
  const options = { lang, mask: true };
  const color = new Chalk({ level: 0 });
  return {
    text: String(await renderReport(audit, 'text', options, color)),
    md: String(await renderReport(audit, 'md', options, color)),
    html: htmlText(String(await renderReport(audit, 'html', options, color))),
    xlsx: await xlsxText((await renderReport(audit, 'xlsx', options, color)) as Buffer),
    junit: junitText(String(await renderReport(audit, 'junit', options, color))),
  };
}

describe('a Chinese report shows no JSON and no English key', () => {
  it.each(['text', 'md', 'html', 'xlsx', 'junit'])('%s', async (format) => {
    const text = (await rendered('zh'))[format]!;
    expect(text).not.toContain('{');
    expect(text).not.toContain('":');
    expect(leftovers(text, audit)).toEqual([]);
    // No metric key leaks, whatever its case.
    for (const key of Object.keys(METRIC_LABEL)) expect(text, key).not.toMatch(new RegExp(`\\b${key}\\b`));
  });
});

describe('an English report shows labels, not keys', () => {
  it.each(['text', 'md', 'html', 'xlsx'])('%s', async (format) => {
    const text = (await rendered('en'))[format]!;
    expect(text).not.toMatch(/\{"|":[[{"\d]/);
    for (const key of ['handlingRate', 'satisfactionRate', 'onTimeRate', 'callbackRate', 'minFullTime', 'warrantyMonths', 'heatingSeason', 'satisfiedGrades']) expect(text, key).not.toContain(key);
    expect(text).toMatch(/handling rate 96\.8%/);
  });
});

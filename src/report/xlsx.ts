// XLSX report (exceljs): a summary sheet (verdict, counts, clauses, parameters, inputs with
// SHA-256), one row per finding (frozen header, autofilter, status colours), the data-quality
// issues, and the analysis tables. Text that could start a formula is neutralised.
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { xmlChars } from './present.js';
import { DATASET_LABEL, LEVEL_LABEL, STATUS_LABEL, VERDICT_LABEL, metricText, percent, words, type Report } from './labels.js';

/** A text cell never starts a formula in Excel or when exported again to CSV: = + - @ tab CR get a quote. */
export function safeText(value: unknown): string {
  // Characters XML forbids (U+FFFE, controls, lone surrogates) would make the sheet's XML ill-formed.
  const text = xmlChars(String(value ?? ''));
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const cell = (value: unknown): string | number | null => (value === null || value === undefined ? null : typeof value === 'number' ? value : safeText(value));

const FILL: Readonly<Record<string, string>> = {
  fail: 'FFF4CCCC',
  warn: 'FFFCE8C3',
  info: 'FFE8EEF7',
  pass: 'FFD5EFD9',
  manual: 'FFD6E6F5',
  'no-data': 'FFE8DAEF',
  'not-applicable': 'FFEEEEEE',
};

function header(sheet: ExcelJS.Worksheet, titles: readonly string[], widths: readonly number[]): void {
  sheet.columns = titles.map((title, i) => ({ header: title, width: widths[i] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: titles.length } };
}

function paint(row: ExcelJS.Row, key: string, columns: number): void {
  const argb = FILL[key];
  if (!argb) return;
  for (let c = 1; c <= columns; c++) row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

export async function xlsx(report: Report): Promise<Buffer> {
  const Excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
  const { lang } = report;
  const w = words(lang);
  const book = new Excel.Workbook();
  book.creator = 'aftersales-audit';
  book.created = new Date(Date.UTC(2000, 0, 1));
  book.modified = book.created;

  const summary = book.addWorksheet(w.summarySheet);
  summary.columns = [{ width: 22 }, { width: 40 }, { width: 14 }, { width: 60 }, { width: 12 }, { width: 66 }];
  summary.addRow([safeText(w.title)]).font = { bold: true, size: 14 };
  summary.addRow([w.enterprise, cell(report.enterprise?.name ?? '')]);
  summary.addRow([w.qualification, cell(report.enterprise?.qualification ?? '')]);
  summary.addRow([w.period, `${report.period.from ?? '?'} — ${report.period.to ?? '?'} (${w.source[report.period.source]})`]);
  summary.addRow([w.asOf, report.period.asOf]);
  const verdict = summary.addRow([w.verdict, VERDICT_LABEL[report.verdict][lang]]);
  verdict.font = { bold: true };
  paint(verdict, report.verdict === 'compliant' ? 'pass' : report.verdict === 'non-compliant' ? 'fail' : 'warn', 2);
  for (const s of Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[]) summary.addRow([STATUS_LABEL[s][lang], report.summary[s]]);
  summary.addRow([]);
  summary.addRow([w.clause, w.requirement, w.status, w.metrics, w.findings]).font = { bold: true };
  for (const chapter of report.chapters) {
    summary.addRow([cell(chapter.title)]).font = { bold: true };
    for (const c of chapter.clauses) {
      const metrics = Object.entries(c.metrics).map(([k, v]) => `${k} ${metricText(k, v)}`).join('; ');
      const row = summary.addRow([cell(`${c.id} ${c.title}`), cell(c.requirement), STATUS_LABEL[c.status][lang], cell(metrics), c.findingCount]);
      row.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[c.status]! } };
    }
  }
  summary.addRow([]);
  summary.addRow([w.parameters]).font = { bold: true };
  for (const [key, value] of Object.entries(report.parameters)) summary.addRow([key, cell(JSON.stringify(value))]);
  summary.addRow([]);
  summary.addRow([w.inputs]).font = { bold: true };
  summary.addRow([w.dataset, w.file, w.encoding, w.sheet, w.rows, 'SHA-256']).font = { bold: true };
  for (const i of report.inputs) summary.addRow([DATASET_LABEL[i.dataset][lang], cell(i.file), i.encoding ?? '', cell(i.sheet ?? ''), i.rows, i.sha256]);

  const findings = book.addWorksheet(w.findingsSheet);
  header(findings, [w.clause, w.status, w.level, w.record, w.file, w.sheet, w.row, w.message, w.remediation], [8, 10, 8, 16, 28, 12, 7, 70, 50]);
  for (const chapter of report.chapters) {
    for (const c of chapter.clauses) {
      for (const f of c.findings) {
        const row = findings.addRow([c.id, STATUS_LABEL[c.status][lang], LEVEL_LABEL[f.level][lang], cell(f.record), cell(f.file), cell(f.sheet), f.row, cell(f.message), cell(c.remediation)]);
        paint(row, f.level, 9);
      }
    }
  }

  const quality = book.addWorksheet(w.dataQualitySheet);
  header(quality, [w.dataset, w.file, w.sheet, w.row, w.column, w.value, w.code, w.message], [12, 28, 12, 7, 14, 24, 18, 60]);
  for (const i of report.dataQuality.issues) {
    quality.addRow([DATASET_LABEL[i.dataset][lang], cell(i.file), cell(i.sheet), i.row, cell(i.column), cell(i.value), i.code, cell(i.message)]);
  }

  const analysis = book.addWorksheet(w.analysisSheet);
  analysis.columns = [{ width: 24 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 22 }];
  const block = (title: string, headers: readonly string[], rows: readonly (readonly unknown[])[]): void => {
    if (rows.length === 0) return;
    analysis.addRow([safeText(title)]).font = { bold: true, size: 12 };
    analysis.addRow([...headers]).font = { bold: true };
    for (const r of rows) analysis.addRow(r.map(cell));
    analysis.addRow([]);
  };
  const a = report.analysis;
  block(w.byMonth, [w.month, w.count], a.complaintsByMonth.map((x) => [x.key, x.count]));
  block(w.byProject, [w.project, w.count], a.complaintsByProject.map((x) => [x.key, x.count]));
  block(w.byChannel, [w.key, w.count], a.complaintsByChannel.map((x) => [x.key, x.count]));
  block(w.categories, [w.key, w.count, w.share, w.cumulative], a.categories.map((x) => [x.key, x.count, percent(x.share), percent(x.cumulative)]));
  block(w.toOpinion, [w.days, w.count], a.workingDaysToOpinion.histogram.map((x) => [x.days, x.count]));
  block(w.openByAge, [w.age, w.count], a.openByAge.map((x) => [x.key, x.count]));
  block(w.satisfaction, [w.project, w.valid, w.satisfied, w.rate, w.interval], a.satisfactionByProject.map((x) => [x.project, x.valid, x.satisfied, percent(x.rate), x.interval95 ? `${percent(x.interval95[0])} – ${percent(x.interval95[1])}` : '—']));
  block(w.coverage, [w.project, w.sold, w.reached, w.rate], a.callbackCoverageByProject.map((x) => [x.project, x.sold, x.reached, percent(x.rate)]));

  return Buffer.from(await book.xlsx.writeBuffer());
}

// XLSX report (exceljs): a summary sheet (verdict, counts, clauses, parameters, inputs with
// SHA-256), one row per finding (frozen header, autofilter, status colours), the data-quality
// issues, and the analysis tables. Text that could start a formula is neutralised.
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { DATASET_LABEL, LEVEL_LABEL, STATUS_LABEL, VERDICT_LABEL, metricsText, parametersText, percent, signatureBlock, words, type Report } from './labels.js';

/** A text cell never starts a formula in Excel or when exported again to CSV: = + - @ tab CR get a quote. */
export function safeText(value: unknown): string {
  const text = String(value ?? '');
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

/** Text of a print header or footer: & starts a code there, so a literal one is doubled. */
const headerText = (text: string): string => text.replace(/&/g, '&&');

/** A4, one page wide, the header row on every page, enterprise and audit date above, page numbers below. */
function printSetup(sheet: ExcelJS.Worksheet, report: Report, orientation: 'portrait' | 'landscape', titles: boolean): void {
  const w = words(report.lang);
  sheet.pageSetup = { paperSize: 9, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 } };
  if (titles) sheet.pageSetup.printTitlesRow = '1:1';
  const enterprise = report.enterprise?.name ? `${report.enterprise.name} · ` : '';
  sheet.headerFooter = {
    oddHeader: `&L${headerText(`${enterprise}${w.title}`)}&R${headerText(`${w.asOf} ${report.period.asOf}`)}`,
    oddFooter: `&C${headerText(w.pageOf).replace('{page}', '&P').replace('{pages}', '&N')}`,
  };
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
      const row = summary.addRow([cell(`${c.id} ${c.title}`), cell(c.requirement), STATUS_LABEL[c.status][lang], cell(metricsText(c.metrics, lang)), c.findingCount]);
      row.alignment = { vertical: 'top', wrapText: true };
      row.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[c.status]! } };
    }
  }
  summary.addRow([]);
  summary.addRow([w.parameters]).font = { bold: true };
  for (const p of parametersText(report.parameters, lang)) {
    if (!p.table) {
      summary.addRow([cell(p.label), cell(p.value)]).alignment = { vertical: 'top', wrapText: true };
      continue;
    }
    summary.addRow([cell(p.label), ...p.table.headers.map(cell)]).font = { italic: true };
    for (const r of p.table.rows) summary.addRow([null, ...r.map(cell)]);
  }
  summary.addRow([]);
  summary.addRow([w.inputs]).font = { bold: true };
  summary.addRow([w.dataset, w.file, w.encoding, w.sheet, w.rows, 'SHA-256']).font = { bold: true };
  for (const i of report.inputs) summary.addRow([DATASET_LABEL[i.dataset][lang], cell(i.file), i.encoding ?? '', cell(i.sheet ?? ''), i.rows, i.sha256]);
  // The closing block the inspector and the enterprise's head sign on paper.
  summary.addRow([]);
  const sign = signatureBlock(lang);
  summary.addRow([sign.title]).font = { bold: true };
  for (const who of sign.rows) {
    const r = summary.addRow([who, sign.signature, sign.date]);
    r.height = 36;
    r.alignment = { vertical: 'bottom' };
    for (const c of [2, 3]) r.getCell(c).border = { bottom: { style: 'thin' } };
  }
  printSetup(summary, report, 'portrait', false);

  const findings = book.addWorksheet(w.findingsSheet);
  header(findings, [w.clause, w.status, w.level, w.record, w.file, w.sheet, w.row, w.message, w.remediation], [8, 10, 8, 16, 28, 12, 7, 70, 50]);
  for (const chapter of report.chapters) {
    for (const c of chapter.clauses) {
      for (const f of c.findings) {
        const row = findings.addRow([c.id, STATUS_LABEL[c.status][lang], LEVEL_LABEL[f.level][lang], cell(f.record), cell(f.file), cell(f.sheet), f.row, cell(f.message), cell(c.remediation)]);
        paint(row, f.level, 9);
        row.alignment = { vertical: 'top', wrapText: true };
      }
    }
  }
  printSetup(findings, report, 'landscape', true);

  const quality = book.addWorksheet(w.dataQualitySheet);
  // The issue's code stays in the JSON; a reader gets its message.
  header(quality, [w.dataset, w.file, w.sheet, w.row, w.column, w.value, w.message], [12, 28, 12, 7, 14, 24, 60]);
  for (const i of report.dataQuality.issues) {
    quality.addRow([DATASET_LABEL[i.dataset][lang], cell(i.file), cell(i.sheet), i.row, cell(i.column), cell(i.value), cell(i.message)]);
  }
  printSetup(quality, report, 'landscape', true);

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
  printSetup(analysis, report, 'portrait', false);

  return Buffer.from(await book.xlsx.writeBuffer());
}

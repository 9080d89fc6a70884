// XLSX report (exceljs): a summary sheet (verdict, counts, clauses, parameters, inputs with
// SHA-256), one row per finding (frozen header, autofilter, status colours), the data-quality
// issues, and the analysis tables. Text that could start a formula is neutralised.
import { baselineLabel, columnTitles, waiverLabel } from './comparison-labels.js';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { xmlChars } from './present.js';
import { DATASET_LABEL, LEVEL_LABEL, STATUS_LABEL, VERDICT_LABEL, fill, metricsText, reportParameters, percent, signatureBlock, words, type Report } from './labels.js';

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

/**
 * Rows a sheet of findings or data-quality issues lists at most. The summary's counts stay exact and
 * a note row says how many were not listed (an issue flood held 2.5 GB when every row was listed).
 */
export const XLSX_ROWS_LISTED = 50_000;

type Sheet = ExcelJS.Worksheet;

function header(sheet: Sheet, titles: readonly string[], widths: readonly number[]): void {
  sheet.columns = titles.map((_, i) => ({ width: widths[i] ?? 14 }));
  const row = sheet.addRow([...titles]);
  row.font = { bold: true };
  row.commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: titles.length } };
}

/** Text of a print header or footer: & starts a code there, so a literal one is doubled. */
const headerText = (text: string): string => xmlChars(text).replace(/&/g, '&&');

/**
 * A4, one page wide, the header row on every page, enterprise and audit date above, page numbers
 * below. Given to addWorksheet: the streaming writer writes a sheet's properties (fitToPage among
 * them) when the sheet is created, so they cannot be set afterwards.
 */
function pageOptions(report: Report, orientation: 'portrait' | 'landscape', titles: boolean): Pick<ExcelJS.AddWorksheetOptions, 'pageSetup' | 'headerFooter'> {
  const w = words(report.lang);
  const enterprise = report.enterprise?.name ? `${report.enterprise.name} · ` : '';
  return {
    pageSetup: {
      paperSize: 9,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
      ...(titles ? { printTitlesRow: '1:1' } : {}),
    },
    headerFooter: {
      oddHeader: `&L${headerText(`${enterprise}${w.title}`)}&R${headerText(`${w.asOf} ${report.period.asOf}`)}`,
      oddFooter: `&C${headerText(w.pageOf).replace('{page}', '&P').replace('{pages}', '&N')}`,
    },
  };
}

function paint(row: ExcelJS.Row, key: string, columns: number): void {
  const argb = FILL[key];
  if (!argb) return;
  for (let c = 1; c <= columns; c++) row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/**
 * A workbook written with exceljs's streaming writer into memory (inline strings: a shared-string
 * table would hold every distinct text until the end); `finish` commits it and returns its bytes.
 */
export function streamedWorkbook(): { book: ExcelJS.stream.xlsx.WorkbookWriter; finish(): Promise<Buffer> } {
  const Excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const created = new Date(Date.UTC(2000, 0, 1));
  const options = { stream, useStyles: true, useSharedStrings: false, created, modified: created, creator: 'aftersales-audit' };
  const book = new Excel.stream.xlsx.WorkbookWriter(options as unknown as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  return {
    book,
    async finish() {
      await book.commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

/**
 * The workbook, written with exceljs's streaming writer: each row is committed (turned into XML and
 * compressed) as it is added, so only the compressed workbook is held, never a model of every cell.
 * Returns the file's bytes.
 */
export async function xlsx(report: Report, rowsListed = XLSX_ROWS_LISTED): Promise<Buffer> {
  const { lang } = report;
  const w = words(lang);
  const { book, finish } = streamedWorkbook();
  const frozen = { views: [{ state: 'frozen' as const, ySplit: 1 }] };
  const add = (sheet: Sheet, values: readonly unknown[], style?: (row: ExcelJS.Row) => void): void => {
    const row = sheet.addRow([...values]);
    style?.(row);
    row.commit();
  };
  const bold = (row: ExcelJS.Row): void => void (row.font = { bold: true });
  /** A note that a list was cut: how many rows were not listed, of how many. */
  const more = (sheet: Sheet, n: number, total: number): void => add(sheet, [safeText(fill(w.more, { n, total }))], (row) => (row.font = { italic: true }));

  const summary = book.addWorksheet(w.summarySheet, pageOptions(report, 'portrait', false));
  summary.columns = [{ width: 22 }, { width: 40 }, { width: 14 }, { width: 60 }, { width: 12 }, { width: 66 }];
  add(summary, [safeText(w.title)], (row) => (row.font = { bold: true, size: 14 }));
  add(summary, [w.enterprise, cell(report.enterprise?.name ?? '')]);
  add(summary, [w.qualification, cell(report.enterprise?.qualification ?? '')]);
  add(summary, [w.period, `${report.period.from ?? '?'} — ${report.period.to ?? '?'} (${w.source[report.period.source]})`]);
  add(summary, [w.asOf, report.period.asOf]);
  if (report.period.today) add(summary, [safeText(fill(w.futureAsOf, { today: report.period.today }))], (row) => (row.font = { bold: true }));
  add(summary, [w.verdict, VERDICT_LABEL[report.verdict][lang]], (row) => {
    row.font = { bold: true };
    paint(row, report.verdict === 'compliant' ? 'pass' : report.verdict === 'non-compliant' ? 'fail' : 'warn', 2);
  });
  for (const s of Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[]) add(summary, [STATUS_LABEL[s][lang], report.summary[s]]);
  add(summary, []);
  add(summary, [w.clause, w.requirement, w.status, w.metrics, w.findings], bold);
  for (const chapter of report.chapters) {
    add(summary, [cell(chapter.title)], bold);
    for (const c of chapter.clauses) {
      add(summary, [cell(`${c.id} ${c.title}`), cell(c.requirement), STATUS_LABEL[c.status][lang], cell(metricsText(c.metrics, lang)), c.findingCount], (row) => {
        row.alignment = { vertical: 'top', wrapText: true };
        row.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[c.status]! } };
      });
    }
  }
  add(summary, []);
  add(summary, [w.parameters], bold);
  for (const p of reportParameters(report, lang)) {
    if (!p.table) {
      add(summary, [cell(p.label), cell(p.value)], (row) => (row.alignment = { vertical: 'top', wrapText: true }));
      continue;
    }
    add(summary, [cell(p.label), ...p.table.headers.map(cell)], (row) => (row.font = { italic: true }));
    for (const r of p.table.rows) add(summary, [null, ...r.map(cell)]);
  }
  add(summary, []);
  add(summary, [w.inputs], bold);
  add(summary, [w.dataset, w.file, w.encoding, w.sheet, w.rows, 'SHA-256'], bold);
  for (const i of report.inputs) add(summary, [DATASET_LABEL[i.dataset][lang], cell(i.file), i.encoding ?? '', cell(i.sheet ?? ''), i.rows, i.sha256]);
  if (report.skipped.length > 0) {
    add(summary, []);
    add(summary, [w.skipped], bold);
    add(summary, [w.file, w.sheet, w.reason], bold);
    for (const s of report.skipped) add(summary, [cell(s.file), cell(s.sheet ?? ''), cell(`${s.message} (${s.reason})`)]);
  }
  // The closing block the inspector and the enterprise's head sign on paper.
  add(summary, []);
  const sign = signatureBlock(lang);
  add(summary, [sign.title], bold);
  for (const who of sign.rows) {
    add(summary, [who, sign.signature, sign.date], (r) => {
      r.height = 36;
      r.alignment = { vertical: 'bottom' };
      for (const c of [2, 3]) r.getCell(c).border = { bottom: { style: 'thin' } };
    });
  }
  summary.commit();

  const findings = book.addWorksheet(w.findingsSheet, { ...frozen, ...pageOptions(report, 'landscape', true) });
  // With waivers or a baseline, a column each (#16.7); with a baseline, the findings gone since are rows too.
  const usedWaivers = report.waivers !== null;
  const usedBaseline = report.baseline !== null;
  const extraTitles = [...(usedWaivers ? [columnTitles.waiver[lang]] : []), ...(usedBaseline ? [columnTitles.baseline[lang]] : [])];
  const extra = (f: (typeof report.chapters)[number]['clauses'][number]['findings'][number]): (string | number | null)[] => [
    ...(usedWaivers ? [cell(waiverLabel(f, lang))] : []),
    ...(usedBaseline ? [baselineLabel(f.baseline, lang)] : []),
  ];
  const columnCount = 9 + extraTitles.length;
  header(findings, [w.clause, w.status, w.level, w.record, w.file, w.sheet, w.row, w.message, w.remediation, ...extraTitles], [8, 10, 8, 16, 28, 12, 7, 70, 50, ...extraTitles.map(() => 30)]);
  let listed = 0;
  for (const chapter of report.chapters) {
    for (const c of chapter.clauses) {
      const room = Math.max(0, rowsListed - listed);
      const shown = c.findings.length <= room ? c.findings : c.findings.slice(0, room);
      for (const f of shown) {
        add(findings, [c.id, STATUS_LABEL[c.status][lang], LEVEL_LABEL[f.level][lang], cell(f.record), cell(f.file), cell(f.sheet), f.row, cell(f.message), cell(c.remediation), ...extra(f)], (row) => {
          paint(row, f.waiver ? 'info' : f.level, columnCount);
          row.alignment = { vertical: 'top', wrapText: true };
        });
      }
      listed += shown.length;
      // The clause's findings not listed here: cut by this sheet's bound or by the report's own.
      if (c.findingCount > shown.length) {
        add(findings, [c.id, STATUS_LABEL[c.status][lang], '', '', '', '', null, safeText(fill(w.more, { n: c.findingCount - shown.length, total: c.findingCount }))], (row) => (row.font = { italic: true }));
      }
      for (const f of c.baseline?.resolved ?? []) {
        add(findings, [c.id, STATUS_LABEL[c.status][lang], LEVEL_LABEL[f.level][lang], cell(f.record), cell(f.file), cell(f.sheet), f.row, cell(f.message), cell(c.remediation), ...(usedWaivers ? [''] : []), baselineLabel('resolved', lang)], (row) => {
          paint(row, 'pass', columnCount);
          row.alignment = { vertical: 'top', wrapText: true };
        });
      }
    }
  }
  findings.commit();

  const quality = book.addWorksheet(w.dataQualitySheet, { ...frozen, ...pageOptions(report, 'landscape', true) });
  // The issue's code stays in the JSON; a reader gets its message.
  header(quality, [w.dataset, w.file, w.sheet, w.row, w.column, w.value, w.message], [12, 28, 12, 7, 14, 24, 60]);
  const issues = report.dataQuality.issues;
  const shownIssues = Math.min(issues.length, rowsListed);
  for (let n = 0; n < shownIssues; n++) {
    const i = issues[n]!;
    add(quality, [DATASET_LABEL[i.dataset][lang], cell(i.file), cell(i.sheet), i.row, cell(i.column), cell(i.value), cell(i.message)]);
  }
  if (report.dataQuality.count > shownIssues) more(quality, report.dataQuality.count - shownIssues, report.dataQuality.count);
  quality.commit();

  const analysis = book.addWorksheet(w.analysisSheet, pageOptions(report, 'portrait', false));
  analysis.columns = [{ width: 24 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 22 }];
  const block = (title: string, headers: readonly string[], rows: readonly (readonly unknown[])[]): void => {
    if (rows.length === 0) return;
    add(analysis, [safeText(title)], (row) => (row.font = { bold: true, size: 12 }));
    add(analysis, [...headers], bold);
    for (const r of rows) add(analysis, r.map(cell));
    add(analysis, []);
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
  analysis.commit();

  return finish();
}

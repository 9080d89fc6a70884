// The batch summary as a workbook (exceljs's streaming writer, as src/report/xlsx.ts): the
// enterprises × clauses matrix with each clause cell coloured by status, an autofilter to sort and
// filter, totals per clause, and the spread of the key rates. Fixed dates: the same bytes each run.
import type ExcelJS from 'exceljs';
import { STATUSES, type Status } from '../checks/types.js';
import { STATUS_LABEL } from '../report/labels.js';
import { safeText, streamedWorkbook } from '../report/xlsx.js';
import { BATCH_VERDICT_LABEL, RATE_LABEL, summaryWords } from './labels.js';
import { RATE_KEYS, type BatchVerdict, type Summary } from './summary.js';

const FILL: Readonly<Record<Status, string>> = {
  fail: 'FFF4CCCC', warn: 'FFFCE8C3', pass: 'FFD5EFD9', manual: 'FFD6E6F5', 'no-data': 'FFE8DAEF', 'not-applicable': 'FFEEEEEE',
};
const VERDICT_FILL: Readonly<Record<BatchVerdict, string>> = { compliant: FILL.pass, 'non-compliant': FILL.fail, 'insufficient-data': FILL.warn, failed: FILL['no-data'] };

const text = (value: string | null): string | null => (value === null ? null : safeText(value));
const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

export async function summaryXlsx(summary: Summary): Promise<Buffer> {
  const { lang } = summary;
  const w = summaryWords(lang);
  const { book, finish } = streamedWorkbook();
  const page = (titles: boolean): Pick<ExcelJS.AddWorksheetOptions, 'pageSetup' | 'headerFooter'> => ({
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 }, ...(titles ? { printTitlesRow: '1:1' } : {}) },
    headerFooter: { oddHeader: `&L${w.title.replace(/&/g, '&&')}&R${w.asOf} ${summary.asOf ?? '—'}`, oddFooter: '&C&P / &N' },
  });

  const fixed = ['folder', 'name', 'uscc', 'qualification', 'verdict', ...STATUSES, ...RATE_KEYS, 'interval', 'staff', 'issues'] as const;
  const heads = [
    w.folder, w.name, w.uscc, w.qualification, w.verdict, ...STATUSES.map((s) => STATUS_LABEL[s][lang]),
    ...RATE_KEYS.map((k) => RATE_LABEL[k][lang]), w.interval, w.staff, w.issues, ...summary.clauses.map((c) => c.id),
  ];
  const sheet = book.addWorksheet(lang === 'zh' ? '企业' : 'Enterprises', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }], ...page(true) });
  sheet.columns = heads.map((_, i) => ({ width: i === 0 ? 18 : i === 1 ? 28 : i === 2 ? 20 : i < fixed.length ? 11 : 5 }));
  const head = sheet.addRow(heads);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  head.commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: heads.length } };
  for (const r of summary.enterprises) {
    const row = sheet.addRow([
      text(r.folder), text(r.name), text(r.uscc), text(r.qualification), BATCH_VERDICT_LABEL[r.verdict][lang],
      ...STATUSES.map((s) => (r.counts ? r.counts[s] : null)),
      ...RATE_KEYS.map((k) => r.metrics[k]),
      r.metrics.satisfactionInterval ? `${(r.metrics.satisfactionInterval[0] * 100).toFixed(1)}%–${(r.metrics.satisfactionInterval[1] * 100).toFixed(1)}%` : null,
      r.metrics.fullTimeStaff, r.dataQualityIssues,
      ...summary.clauses.map((c) => (r.clauses[c.id] ? STATUS_LABEL[r.clauses[c.id]!][lang] : null)),
    ]);
    row.getCell(5).fill = solid(VERDICT_FILL[r.verdict]);
    if (r.error) row.getCell(5).note = safeText(r.error[lang]);
    RATE_KEYS.forEach((_, i) => (row.getCell(6 + STATUSES.length + i).numFmt = '0.0%'));
    summary.clauses.forEach((c, i) => {
      const s = r.clauses[c.id];
      if (s) row.getCell(fixed.length + 1 + i).fill = solid(FILL[s]);
    });
    row.commit();
  }
  sheet.commit();

  const totals = book.addWorksheet(lang === 'zh' ? '各条款汇总' : 'Clauses', { views: [{ state: 'frozen', ySplit: 1 }], ...page(true) });
  totals.columns = [{ width: 8 }, { width: 40 }, ...STATUSES.map(() => ({ width: 10 }))];
  const th = totals.addRow([w.clause, '', ...STATUSES.map((s) => STATUS_LABEL[s][lang])]);
  th.font = { bold: true };
  th.commit();
  totals.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 2 + STATUSES.length } };
  for (const c of summary.clauses) {
    const row = totals.addRow([c.id, text(c.title), ...STATUSES.map((s) => c.counts[s])]);
    STATUSES.forEach((s, i) => {
      if (c.counts[s] > 0 && (s === 'fail' || s === 'warn')) row.getCell(3 + i).fill = solid(FILL[s]);
    });
    row.commit();
  }
  totals.commit();

  const spread = book.addWorksheet(lang === 'zh' ? '指标分布' : 'Spread', page(false));
  spread.columns = [{ width: 22 }, ...Array.from({ length: 16 }, () => ({ width: 10 }))];
  const sh = spread.addRow(['', w.n, w.min, w.p25, w.median, w.p75, w.max, ...Array.from({ length: 10 }, (_, i) => `${i * 10}–${i === 9 ? 100 : i * 10 + 10}%`)]);
  sh.font = { bold: true };
  sh.commit();
  for (const k of RATE_KEYS) {
    const d = summary.distributions[k];
    const row = spread.addRow([RATE_LABEL[k][lang], d.n, d.min, d.p25, d.median, d.p75, d.max, ...d.tenths]);
    for (let c = 3; c <= 7; c++) row.getCell(c).numFmt = '0.0%';
    row.commit();
  }
  spread.commit();

  return fixedZipDates(await finish());
}

/** 2000-01-01 00:00 as a zip entry's DOS date and time. */
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;

/**
 * The zip writer stamps each part with the time it was written: here every part gets the same fixed
 * date, in the central directory and in each local header, so the same summary is the same bytes.
 */
export function fixedZipDates(zip: Buffer): Buffer {
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65_535); at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return zip;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let n = 0; n < entries && zip.readUInt32LE(at) === 0x02014b50; n++) {
    zip.writeUInt16LE(0, at + 12);
    zip.writeUInt16LE(DOS_DATE, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) === 0x04034b50) {
      zip.writeUInt16LE(0, local + 10);
      zip.writeUInt16LE(DOS_DATE, local + 12);
    }
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}

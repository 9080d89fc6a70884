// The batch summary for a terminal: the enterprises, their errors, the enterprises × clauses matrix
// with totals per clause, and the spread of the key rates. Pure; no clock, no locale.
import { STATUSES } from '../checks/types.js';
import { STATUS_LABEL, percent } from '../report/labels.js';
import { terminalSafe } from '../report/present.js';
import { BATCH_VERDICT_LABEL, MARK, RATE_LABEL, staffText, summaryWords } from './labels.js';
import { RATE_KEYS, type BatchVerdict, type Summary } from './summary.js';

/** Display width: CJK characters take two columns. */
function width(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return n;
}
const pad = (text: string, w: number): string => text + ' '.repeat(Math.max(0, w - width(text)));

function columns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd()).join('\n');
}

export function summaryText(summary: Summary): string {
  const { lang } = summary;
  const w = summaryWords(lang);
  const out: string[] = [];
  out.push(w.title);
  out.push(`${w.asOf}: ${summary.asOf ?? (summary.totals.enterprises > 0 ? w.mixed : '—')}`);
  const verdicts: BatchVerdict[] = ['compliant', 'non-compliant', 'insufficient-data', 'failed'];
  out.push(`${w.enterprises}: ${summary.totals.enterprises} · ${verdicts.map((v) => `${BATCH_VERDICT_LABEL[v][lang]} ${summary.totals[v]}`).join(' · ')}`);
  if (summary.totals.enterprises === 0) return `${out.join('\n')}\n${w.none}\n`;
  out.push('');
  const head = [w.folder, w.name, w.uscc, w.verdict, RATE_LABEL.onTimeRate[lang], RATE_LABEL.handlingRate[lang], RATE_LABEL.satisfactionRate[lang], RATE_LABEL.callbackRate[lang], w.staff, w.issues];
  const rows = summary.enterprises.map((r) => [
    r.folder, r.name ?? '—', r.uscc ?? '—', BATCH_VERDICT_LABEL[r.verdict][lang],
    percent(r.metrics.onTimeRate), percent(r.metrics.handlingRate), percent(r.metrics.satisfactionRate), percent(r.metrics.callbackRate), staffText(r), r.dataQualityIssues === null ? '—' : String(r.dataQualityIssues),
  ].map((c) => terminalSafe(c)));
  out.push(columns([head, ...rows]));
  const failed = summary.enterprises.filter((r) => r.error);
  if (failed.length > 0) {
    out.push('');
    for (const r of failed) out.push(`${terminalSafe(r.folder)}: ${w.error}: ${terminalSafe(r.error![lang])}`);
  }
  if (summary.clauses.length > 0) {
    out.push('');
    out.push(`${w.totals} (${STATUSES.map((s) => `${MARK[s]} ${STATUS_LABEL[s][lang]}`).join(' · ')})`);
    const matrixHead = [w.folder, ...summary.clauses.map((c) => c.id)];
    const matrix = summary.enterprises.filter((r) => !r.error).map((r) => [terminalSafe(r.folder), ...summary.clauses.map((c) => (r.clauses[c.id] ? MARK[r.clauses[c.id]!] : ''))]);
    const totals = STATUSES.filter((s) => summary.clauses.some((c) => c.counts[s] > 0)).map((s) => [`${MARK[s]} ${STATUS_LABEL[s][lang]}`, ...summary.clauses.map((c) => String(c.counts[s]))]);
    out.push(columns([matrixHead, ...matrix, ...totals]));
    out.push('');
    out.push(w.distribution);
    out.push(columns([
      ['', w.n, w.min, w.p25, w.median, w.p75, w.max],
      ...RATE_KEYS.map((k) => {
        const d = summary.distributions[k];
        return [RATE_LABEL[k][lang], String(d.n), percent(d.min), percent(d.p25), percent(d.median), percent(d.p75), percent(d.max)];
      }),
    ]));
  }
  return `${out.join('\n')}\n`;
}

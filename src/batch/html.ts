// The batch summary for a browser and for print: the enterprises × clauses matrix coloured by
// status, sortable by a click on any heading (a few lines of inline script; the page works without
// it), totals per clause, and the spread of the key rates as histograms. Pure; no clock.
import { STATUSES, type Status } from '../checks/types.js';
import { barChart } from '../report/charts.js';
import { escapeHtml as e } from '../report/html-escape.js';
import { STATUS_LABEL, percent } from '../report/labels.js';
import { xmlChars } from '../report/present.js';
import { BATCH_VERDICT_LABEL, MARK, RATE_LABEL, intervalText, staffText, summaryWords } from './labels.js';
import { RATE_CLAUSE, RATE_KEYS, type BatchVerdict, type Summary } from './summary.js';

const STATUS_CLASS: Readonly<Record<Status, string>> = { pass: 's-pass', fail: 's-fail', warn: 's-warn', manual: 's-manual', 'not-applicable': 's-na', 'no-data': 's-nodata' };
const VERDICT_CLASS: Readonly<Record<BatchVerdict, string>> = { compliant: 's-pass', 'non-compliant': 's-fail', 'insufficient-data': 's-warn', failed: 's-nodata' };

/** A cell sortable by a value (data-v), shown as text. */
const td = (shown: string, value: string | number | null, cls = ''): string =>
  `<td${cls ? ` class="${cls}"` : ''} data-v="${e(value === null ? '' : String(value))}">${e(shown)}</td>`;

const SORT_SCRIPT = `document.querySelectorAll('table.sortable').forEach(function(t){var hs=t.tHead.rows[0].cells;Array.prototype.forEach.call(hs,function(h,i){h.addEventListener('click',function(){var b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows),d=h.getAttribute('data-d')==='a'?'d':'a';Array.prototype.forEach.call(hs,function(x){x.removeAttribute('data-d')});h.setAttribute('data-d',d);rs.sort(function(x,y){var p=x.cells[i].getAttribute('data-v'),q=y.cells[i].getAttribute('data-v'),m=parseFloat(p),n=parseFloat(q),c=(p===''||q==='')?(p===''?1:0)-(q===''?1:0):(!isNaN(m)&&!isNaN(n)&&String(m)===p&&String(n)===q)?m-n:(p<q?-1:p>q?1:0);return d==='a'?c:-c});rs.forEach(function(r){b.appendChild(r)})})})});`;

export function summaryHtml(summary: Summary): string {
  const { lang } = summary;
  const w = summaryWords(lang);
  const body: string[] = [];
  body.push(`<h1>${e(w.title)}</h1>`);
  const verdicts: BatchVerdict[] = ['compliant', 'non-compliant', 'insufficient-data', 'failed'];
  body.push(`<p>${e(w.asOf)}: ${e(summary.asOf ?? (summary.totals.enterprises > 0 ? w.mixed : '—'))} · ${e(w.enterprises)}: ${summary.totals.enterprises} · ${verdicts.map((v) => `<span class="badge ${VERDICT_CLASS[v]}">${e(BATCH_VERDICT_LABEL[v][lang])}</span> ${summary.totals[v]}`).join(' ')}</p>`);
  if (summary.totals.enterprises === 0) body.push(`<p>${e(w.none)}</p>`);
  else {
    body.push(`<p class="muted no-print">${e(w.sortHint)}</p>`);
    const heads = [w.folder, w.name, w.uscc, w.qualification, w.verdict, ...STATUSES.map((s) => STATUS_LABEL[s][lang]), RATE_LABEL.onTimeRate[lang], RATE_LABEL.handlingRate[lang], RATE_LABEL.satisfactionRate[lang], w.interval, RATE_LABEL.callbackRate[lang], w.staff, w.issues, ...summary.clauses.map((c) => c.id)];
    const titles = [...heads.slice(0, heads.length - summary.clauses.length).map(() => ''), ...summary.clauses.map((c) => c.title)];
    const rows = summary.enterprises.map((r) => {
      const cells = [
        td(r.folder, r.folder), td(r.name ?? '—', r.name), td(r.uscc ?? '—', r.uscc), td(r.qualification ?? '—', r.qualification),
        `<td class="${VERDICT_CLASS[r.verdict]}" data-v="${e(r.verdict)}"${r.error ? ` title="${e(r.error[lang])}"` : ''}>${e(BATCH_VERDICT_LABEL[r.verdict][lang])}${r.error ? `<div class="err">${e(r.error[lang])}</div>` : ''}</td>`,
        ...STATUSES.map((s) => td(r.counts ? String(r.counts[s]) : '—', r.counts ? r.counts[s] : null)),
        td(percent(r.metrics.onTimeRate), r.metrics.onTimeRate), td(percent(r.metrics.handlingRate), r.metrics.handlingRate), td(percent(r.metrics.satisfactionRate), r.metrics.satisfactionRate),
        td(intervalText(r), r.metrics.satisfactionInterval ? r.metrics.satisfactionInterval[0] : null), td(percent(r.metrics.callbackRate), r.metrics.callbackRate),
        td(staffText(r), r.metrics.fullTimeStaff), td(r.dataQualityIssues === null ? '—' : String(r.dataQualityIssues), r.dataQualityIssues),
        ...summary.clauses.map((c) => {
          const s = r.clauses[c.id];
          return s ? `<td class="m ${STATUS_CLASS[s]}" data-v="${STATUSES.indexOf(s)}" title="${e(`${c.id} ${STATUS_LABEL[s][lang]}`)}">${e(MARK[s])}</td>` : '<td class="m" data-v=""></td>';
        }),
      ];
      return `<tr>${cells.join('')}</tr>`;
    });
    const totals = STATUSES.filter((s) => summary.clauses.some((c) => c.counts[s] > 0)).map(
      (s) => `<tr class="total"><th colspan="${heads.length - summary.clauses.length}">${e(`${MARK[s]} ${STATUS_LABEL[s][lang]}`)}</th>${summary.clauses.map((c) => `<td class="m">${c.counts[s]}</td>`).join('')}</tr>`,
    );
    body.push(
      `<div class="wide"><table class="sortable"><thead><tr>${heads.map((h, i) => `<th${titles[i] ? ` title="${e(titles[i])}"` : ''}>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody><tfoot>${totals.join('')}</tfoot></table></div>`,
    );
    body.push(`<p class="muted">${e(w.legend)}: ${STATUSES.map((s) => `<span class="badge ${STATUS_CLASS[s]}">${e(MARK[s])}</span> ${e(STATUS_LABEL[s][lang])}`).join(' · ')}</p>`);
    body.push(`<h2>${e(w.totals)}</h2>`);
    body.push(`<table><thead><tr><th>${e(w.clause)}</th>${STATUSES.map((s) => `<th>${e(STATUS_LABEL[s][lang])}</th>`).join('')}</tr></thead><tbody>${summary.clauses
      .map((c) => `<tr><td>${e(c.id)} ${e(c.title)}</td>${STATUSES.map((s) => `<td class="${c.counts[s] > 0 && (s === 'fail' || s === 'warn') ? STATUS_CLASS[s] : ''}">${c.counts[s]}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`);
    body.push(`<h2>${e(w.distribution)}</h2>`);
    body.push(`<table><thead><tr><th></th><th>${e(w.n)}</th><th>${e(w.min)}</th><th>${e(w.p25)}</th><th>${e(w.median)}</th><th>${e(w.p75)}</th><th>${e(w.max)}</th></tr></thead><tbody>${RATE_KEYS.map((k) => {
      const d = summary.distributions[k];
      return `<tr><td>${e(RATE_LABEL[k][lang])}</td><td>${d.n}</td><td>${percent(d.min)}</td><td>${percent(d.p25)}</td><td>${percent(d.median)}</td><td>${percent(d.p75)}</td><td>${percent(d.max)}</td></tr>`;
    }).join('')}</tbody></table>`);
    for (const k of RATE_KEYS) {
      const d = summary.distributions[k];
      if (d.n === 0) continue;
      const bars = d.tenths.map((value, i) => ({ label: `${i * 10}–${i === 9 ? 100 : i * 10 + 10}%`, value }));
      body.push(`<figure>${barChart(`${RATE_LABEL[k][lang]} (${RATE_CLAUSE[k]})`, bars)}<figcaption>${e(RATE_LABEL[k][lang])} · ${e(w.n)} ${d.n}</figcaption></figure>`);
    }
  }
  const css = `body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:2px 6px;font-size:12px;vertical-align:top}th{background:#f3f3f3;cursor:pointer}td.m{text-align:center}.muted{color:#777}.err{font-size:11px;color:#555;max-width:28em}.badge{padding:0 4px;border-radius:3px}.s-pass{background:#d5efd9}.s-fail{background:#f4cccc}.s-warn{background:#fce8c3}.s-manual{background:#d6e6f5}.s-na{background:#eee}.s-nodata{background:#e8daef}tr.total th,tr.total td{background:#fafafa;font-weight:bold}.wide{overflow-x:auto}figure{margin:.5em 0}@media print{.no-print{display:none}th{cursor:auto}@page{size:A4 landscape;margin:12mm}thead{display:table-header-group}tr{break-inside:avoid}.wide{overflow:visible}}`;
  return `<!DOCTYPE html>\n<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${e(w.title)}</title><style>${css}</style></head><body>${xmlChars(body.join('\n'))}<script>${SORT_SCRIPT}</script></body></html>\n`;
}

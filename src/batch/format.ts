// The batch summary in text (terminal), JSON (schemas/batch.schema.json) and HTML (sortable
// enterprises × clauses matrix, totals per clause, the spread of the key rates as charts). Pure
// functions of the summary: no clock, no locale.
import { STATUSES, type Status } from '../checks/types.js';
import type { Lang } from '../model.js';
import { barChart } from '../report/charts.js';
import { escapeHtml as e } from '../report/html-escape.js';
import { STATUS_LABEL, percent } from '../report/labels.js';
import { terminalSafe, xmlChars } from '../report/present.js';
import { RATE_CLAUSE, RATE_KEYS, type BatchVerdict, type EnterpriseRow, type RateKey, type Summary } from './summary.js';

export const BATCH_VERDICT_LABEL: Readonly<Record<BatchVerdict, Readonly<Record<Lang, string>>>> = {
  compliant: { zh: '符合', en: 'compliant' },
  'non-compliant': { zh: '不符合', en: 'non-compliant' },
  'insufficient-data': { zh: '数据不足', en: 'insufficient data' },
  failed: { zh: '未能审计', en: 'not audited' },
};

export const RATE_LABEL: Readonly<Record<RateKey, Readonly<Record<Lang, string>>>> = {
  onTimeRate: { zh: '4.7 按时处理率', en: '4.7 on-time rate' },
  handlingRate: { zh: '4.4 处理率', en: '4.4 handling rate' },
  satisfactionRate: { zh: '4.5 满意率', en: '4.5 satisfaction' },
  callbackRate: { zh: '5.1 回访率', en: '5.1 callback rate' },
};

/** One-letter status marks of the text matrix. */
const MARK: Readonly<Record<Status, string>> = { pass: '✓', fail: '✗', warn: '!', manual: '?', 'not-applicable': '·', 'no-data': '∅' };

export function summaryWords(lang: Lang) {
  return lang === 'zh'
    ? {
        title: '售后服务机构规范化管理 批量审计汇总', enterprises: '企业', folder: '文件夹', name: '企业名称', uscc: '统一社会信用代码', qualification: '资质',
        verdict: '结论', asOf: '审计日', mixed: '不一致', staff: '2.4 专职人数', issues: '数据质量问题', interval: '95% 区间', error: '错误',
        totals: '各条款汇总', clause: '条款', distribution: '关键指标分布', n: '企业数', min: '最低', p25: '下四分位', median: '中位数', p75: '上四分位', max: '最高',
        legend: '图例', sortHint: '点击表头排序', none: '没有可审计的企业', counts: '各状态条款数',
      }
    : {
        title: 'After-sales organization audit: batch summary', enterprises: 'enterprises', folder: 'folder', name: 'enterprise', uscc: 'USCC', qualification: 'qualification',
        verdict: 'verdict', asOf: 'as of', mixed: 'differ', staff: '2.4 full-time staff', issues: 'data-quality issues', interval: '95% interval', error: 'error',
        totals: 'Totals per clause', clause: 'clause', distribution: 'Spread of the key rates', n: 'enterprises', min: 'min', p25: 'lower quartile', median: 'median', p75: 'upper quartile', max: 'max',
        legend: 'legend', sortHint: 'click a heading to sort', none: 'no enterprise to audit', counts: 'clauses by status',
      };
}

const staffText = (r: EnterpriseRow): string => (r.metrics.fullTimeStaff === null ? '—' : r.metrics.fullTimeRequired ? `${r.metrics.fullTimeStaff}/${r.metrics.fullTimeRequired}` : String(r.metrics.fullTimeStaff));
const intervalText = (r: EnterpriseRow): string => (r.metrics.satisfactionInterval ? `${percent(r.metrics.satisfactionInterval[0])}–${percent(r.metrics.satisfactionInterval[1])}` : '—');

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

export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

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

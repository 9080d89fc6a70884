// HTML report: one self-contained file (inline CSS and SVG, no script, no network) that reads well
// in a browser and prints on A4. Pure: report in, string out; everything from the data is escaped.
import { barChart, paretoChart, rateChart } from './charts.js';
import { escapeHtml as e } from './html-escape.js';
import { xmlChars } from './present.js';
import { DATASET_LABEL, LEVEL_LABEL, STATUS_LABEL, VERDICT_LABEL, fill, metricsText, reportParameters, percent, signatureBlock, where, words, type Report } from './labels.js';

/** A CSS string from data (for the print margin boxes): every character that could end it is escaped. */
export function cssString(text: string): string {
  return `"${xmlChars(text).replace(/[\u0000-\u001f"'\\<>&\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

function css(report: Report): string {
  const w = words(report.lang);
  const enterprise = report.enterprise?.name ? `${report.enterprise.name} · ` : '';
  // Chromium (131 and later) prints @page margin boxes: a running header and page numbers on every page.
  const running = `${enterprise}${w.title}`;
  const [before, between, after] = w.pageOf.split(/\{page\}|\{pages\}/);
  return `
@page {
  size: A4; margin: 16mm 12mm 14mm;
  @top-left { content: ${cssString(running)}; font-size: 8pt; color: #666; vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: ${cssString(`${w.asOf} ${report.period.asOf}`)}; font-size: 8pt; color: #666; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-center { content: ${cssString(before ?? '')} counter(page) ${cssString(between ?? '')} counter(pages) ${cssString(after ?? '')}; font-size: 8pt; color: #666; }
}
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; margin: 0 auto; max-width: 980px; padding: 16px; font-size: 13px; line-height: 1.45; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; border-bottom: 2px solid #4a7ab5; padding-bottom: 2px; margin: 20px 0 6px; break-after: avoid; }
h3 { font-size: 14px; margin: 12px 0 4px; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { border: 1px solid #ccc; padding: 2px 5px; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
tr.group th { background: #f6f6f6; font-weight: normal; color: #444; }
.badge { display: inline-block; padding: 0 5px; border-radius: 3px; color: #fff; font-size: 12px; white-space: nowrap; }
.s-pass { background: #2e8b57; } .s-fail { background: #c0392b; } .s-warn { background: #d68910; }
.s-manual { background: #2874a6; } .s-not-applicable { background: #999; } .s-no-data { background: #8e44ad; }
.verdict { font-size: 16px; font-weight: bold; margin: 6px 0; }
.requirement { color: #555; border-left: 3px solid #ccc; padding-left: 8px; margin: 4px 0; }
.clause h3, .clause .requirement { break-after: avoid; }
.muted { color: #777; }
.nowrap, .record, .level { white-space: nowrap; }
.notes { margin: 2px 0 0; padding-left: 16px; color: #444; }
.chart { max-width: 100%; height: auto; display: block; margin: 4px 0 8px; }
.charts { break-inside: avoid; }
.mono { font-family: monospace; font-size: 11px; word-break: break-all; }
.pair { display: flex; gap: 16px; align-items: flex-start; }
.pair > div { flex: 1; }
table.inputs th { white-space: nowrap; }
.signatures { margin-top: 12px; break-inside: avoid; }
.signatures td { height: 16mm; vertical-align: bottom; }
.signatures td.who { width: 18%; vertical-align: middle; font-weight: bold; }
footer { margin-top: 16px; color: #777; font-size: 11px; }
@media print {
  body { padding: 0; max-width: none; font-size: 9.5pt; line-height: 1.4; }
  h2 { font-size: 12.5pt; } h3 { font-size: 10.5pt; }
  .chart { width: auto; max-width: 100%; height: 42mm; margin-left: 0; }
  a { color: inherit; text-decoration: none; }
}
`;
}

const badge = (status: keyof typeof STATUS_LABEL, lang: Report['lang']): string => `<span class="badge s-${status}">${e(STATUS_LABEL[status][lang])}</span>`;

function table(headers: readonly string[], rows: readonly (readonly unknown[])[], raw: readonly number[] = [], className = ''): string {
  const cell = (v: unknown, i: number): string => `<td>${raw.includes(i) ? String(v) : e(v)}</td>`;
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

type Clause = Report['chapters'][number]['clauses'][number];
type Finding = Clause['findings'][number];

/** Where a group of findings lives: the file and sheet, or the dataset when no file is named (the profile). */
function groupOf(f: { file: string | null; sheet: string | null; dataset?: string | null }, lang: Report['lang']): string {
  if (f.file) return where({ file: f.file, sheet: f.sheet, row: null }, lang);
  const dataset = f.dataset as keyof typeof DATASET_LABEL | null | undefined;
  return dataset && DATASET_LABEL[dataset] ? DATASET_LABEL[dataset][lang] : '';
}

/** Findings grouped by file: the file once, as a row over its findings, then level, record, row and message. */
function findingsTable(findings: readonly Finding[], lang: Report['lang']): string {
  const w = words(lang);
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = groupOf(f, lang);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  // Findings about the profile name no record and no row: those columns are left out.
  const located = findings.some((f) => f.record !== null || f.row !== null);
  const rows: string[] = [];
  for (const [group, list] of groups) {
    if (group) rows.push(`<tr class="group"><th colspan="${located ? 4 : 2}">${e(group)}</th></tr>`);
    for (const f of list) {
      const where = located ? `<td class="record">${e(f.record ?? '')}</td><td class="nowrap">${f.row ?? ''}</td>` : '';
      rows.push(`<tr><td class="level">${e(LEVEL_LABEL[f.level][lang])}</td>${where}<td>${e(f.message)}</td></tr>`);
    }
  }
  const cols = located ? '<col style="width:4.5em"><col style="width:8.5em"><col style="width:3.5em"><col>' : '<col style="width:4.5em"><col>';
  const heads = located ? [w.level, w.record, w.row, w.message] : [w.level, w.message];
  return `<table><colgroup>${cols}</colgroup><thead><tr>${heads.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A clause with findings in the records gets its own block; the others (findings about the profile,
 * such as a missing evidence file) say all they have in the chapter's table. */
const hasBlock = (c: Clause): boolean => c.judged !== 'informative' && c.findings.some((f) => f.file !== null || f.row !== null);

function clauseCell(c: Clause, lang: Report['lang']): string {
  const w = words(lang);
  const parts: string[] = [];
  const metrics = metricsText(c.metrics, lang);
  if (metrics) parts.push(`<div>${e(metrics)}</div>`);
  if (!hasBlock(c) && c.judged !== 'informative') {
    const items = [
      ...c.notes.map((n) => e(n)),
      ...c.evidence.map((x) => `${e(w.evidence)}: ${e(x.path)}（${e(w[x.state])}）`),
      ...c.findings.map((f) => `<strong>${e(LEVEL_LABEL[f.level][lang])}:</strong> ${e(f.message)}`),
      ...(c.status === 'fail' || c.status === 'warn' ? [`<strong>${e(w.remediation)}:</strong> ${e(c.remediation)}`] : []),
    ];
    if (items.length > 0) parts.push(`<ul class="notes">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`);
  }
  if (hasBlock(c)) parts.push(`<div class="muted">${e(fill(w.seeBelow, { n: c.findingCount }))}</div>`);
  return parts.join('');
}

export function html(report: Report): string {
  const { lang } = report;
  const w = words(lang);
  const body: string[] = [];
  body.push(`<h1>${e(w.title)}</h1>`);
  body.push(`<p class="muted">${e(w.standard)}</p>`);
  const facts: [string, string][] = [];
  if (report.enterprise?.name) facts.push([w.enterprise, report.enterprise.name]);
  if (report.enterprise?.qualification) facts.push([w.qualification, report.enterprise.qualification]);
  facts.push([w.period, `${report.period.from ?? '?'} — ${report.period.to ?? '?'} (${w.source[report.period.source]})`]);
  facts.push([w.asOf, report.period.asOf]);
  body.push(table([w.key, w.value], facts));
  if (report.period.today) body.push(`<p class="s-warn">${e(fill(w.futureAsOf, { today: report.period.today }))}</p>`);
  const verdictClass = report.verdict === 'compliant' ? 's-pass' : report.verdict === 'non-compliant' ? 's-fail' : 's-warn';
  body.push(`<p class="verdict">${e(w.verdict)}: <span class="badge ${verdictClass}">${e(VERDICT_LABEL[report.verdict][lang])}</span></p>`);
  body.push(`<p>${(Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[]).map((s) => `<span class="nowrap">${badge(s, lang)} ${report.summary[s]}</span>`).join(' &nbsp; ')}</p>`);

  for (const chapter of report.chapters) {
    body.push(`<h2>${e(chapter.title)}</h2>`);
    body.push(
      `<table><colgroup><col style="width:30%"><col style="width:6.5em"><col></colgroup><thead><tr><th>${e(w.clause)}</th><th>${e(w.status)}</th><th>${e(w.metricsAndNotes)}</th></tr></thead><tbody>${chapter.clauses
        .map((c) => `<tr><td>${e(c.id)} ${e(c.title)}</td><td>${badge(c.status, lang)}</td><td>${clauseCell(c, lang)}</td></tr>`)
        .join('')}</tbody></table>`,
    );
    for (const c of chapter.clauses.filter(hasBlock)) {
      const parts = [`<div class="clause" id="clause-${e(c.id)}"><h3>${e(c.id)} ${e(c.title)} ${badge(c.status, lang)}</h3>`, `<p class="requirement">${e(c.requirement)}</p>`];
      for (const n of c.notes) parts.push(`<p>${e(n)}</p>`);
      if (c.evidence.length > 0) parts.push(`<p>${e(w.evidence)}: ${c.evidence.map((x) => `${e(x.path)}（${e(w[x.state])}）`).join('; ')}</p>`);
      parts.push(findingsTable(c.findings, lang));
      if (c.findingCount > c.findings.length) parts.push(`<p class="muted">${e(fill(w.more, { n: c.findingCount - c.findings.length, total: c.findingCount }))}</p>`);
      if (c.status === 'fail' || c.status === 'warn') parts.push(`<p><strong>${e(w.remediation)}:</strong> ${e(c.remediation)}</p>`);
      parts.push('</div>');
      body.push(parts.join(''));
    }
  }

  body.push(`<h2>${e(w.dataQuality)} (${report.dataQuality.count})</h2>`);
  if (report.dataQuality.issues.length === 0) body.push(`<p>${e(w.noIssues)}</p>`);
  else {
    const groups = new Map<string, (typeof report.dataQuality.issues)[number][]>();
    for (const i of report.dataQuality.issues) {
      const key = groupOf(i, lang);
      groups.set(key, [...(groups.get(key) ?? []), i]);
    }
    const rows: string[] = [];
    for (const [group, list] of groups) {
      rows.push(`<tr class="group"><th colspan="4">${e(group)}</th></tr>`);
      for (const i of list) rows.push(`<tr><td class="nowrap">${i.row ?? ''}</td><td class="nowrap">${e(i.column ?? '')}</td><td>${e(i.value ?? '')}</td><td>${e(i.message)}</td></tr>`);
    }
    body.push(`<table><thead><tr><th>${e(w.row)}</th><th>${e(w.column)}</th><th>${e(w.value)}</th><th>${e(w.message)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
  }

  const a = report.analysis;
  body.push(`<h2>${e(w.analysis)}</h2>`);
  if (a.complaintsByMonth.length > 0) {
    body.push(`<div class="charts"><h3>${e(w.byMonth)}</h3>${barChart(w.byMonth, a.complaintsByMonth.map((m) => ({ label: m.key.slice(2), value: m.count })))}</div>`);
    body.push(table([w.month, ...a.complaintsByMonth.map((m) => m.key.slice(2))], [[w.count, ...a.complaintsByMonth.map((m) => m.count)]]));
  }
  // Two short tables side by side.
  const pair: string[] = [];
  if (a.complaintsByProject.length > 0) pair.push(`<div><h3>${e(w.byProject)}</h3>${table([w.project, w.count], a.complaintsByProject.map((x) => [x.key, x.count]))}</div>`);
  if (a.complaintsByChannel.length > 0) pair.push(`<div><h3>${e(w.byChannel)}</h3>${table([w.channel, w.count], a.complaintsByChannel.map((x) => [x.key, x.count]))}</div>`);
  if (pair.length > 0) body.push(`<div class="pair">${pair.join('')}</div>`);
  if (a.categories.length > 0) {
    body.push(`<div class="charts"><h3>${e(w.categories)}</h3>${paretoChart(w.categories, a.categories.map((c) => ({ label: c.key, value: c.count, cumulative: c.cumulative })), { count: w.count, cumulative: w.cumulative })}</div>`);
    body.push(table([w.category, w.count, w.share, w.cumulative], a.categories.map((c) => [c.key, c.count, percent(c.share), percent(c.cumulative)])));
  }
  const t = a.workingDaysToOpinion;
  body.push(`<div class="charts"><h3>${e(w.toOpinion)}</h3>`);
  body.push(`<p>${e(w.median)} ${t.median ?? '—'} · ${e(w.p90)} ${t.p90 ?? '—'} · ${e(w.max)} ${t.max ?? '—'}${e(fill(w.complaintsN, { n: t.count }))}</p>`);
  if (t.histogram.length > 0) {
    const max = t.histogram[t.histogram.length - 1]!.days;
    const bars = Array.from({ length: max + 1 }, (_, d) => ({ label: String(d), value: t.histogram.find((h) => h.days === d)?.count ?? 0 }));
    const limit = typeof report.parameters.responseWorkingDays === 'number' ? String(report.parameters.responseWorkingDays) : '3';
    body.push(barChart(w.toOpinion, bars, { marker: { at: limit, label: `${limit} ${w.days}` } }));
  }
  body.push('</div>');
  if (a.openByAge.some((b) => b.count > 0)) body.push(`<h3>${e(w.openByAge)}</h3>`, table([w.age, ...a.openByAge.map((b) => b.key)], [[w.count, ...a.openByAge.map((b) => b.count)]]));
  if (a.satisfactionByProject.length > 0) {
    body.push(`<div class="charts"><h3>${e(w.satisfaction)}</h3>${rateChart(w.satisfaction, a.satisfactionByProject.map((s) => ({ label: s.project, rate: s.rate, interval: s.interval95 })), report.parameters.satisfactionRate, { fit: true })}</div>`);
    body.push(table([w.project, w.valid, w.satisfied, w.rate, w.interval], a.satisfactionByProject.map((s) => [s.project, s.valid, s.satisfied, percent(s.rate), s.interval95 ? `${percent(s.interval95[0])} – ${percent(s.interval95[1])}` : '—'])));
  }
  if (a.callbackCoverageByProject.length > 0) {
    body.push(`<div class="charts"><h3>${e(w.coverage)}</h3>${rateChart(w.coverage, a.callbackCoverageByProject.map((c) => ({ label: c.project, rate: c.rate })), report.parameters.callbackRate)}</div>`);
    body.push(table([w.project, w.sold, w.reached, w.rate], a.callbackCoverageByProject.map((c) => [c.project, c.sold, c.reached, percent(c.rate)])));
  }

  body.push(`<h2>${e(w.inputs)}</h2>`);
  body.push(
    table(
      [w.dataset, w.file, w.encoding, w.rows, w.rejected, w.withIssues, 'SHA-256'],
      report.inputs.map((i) => [`<span class="nowrap">${e(DATASET_LABEL[i.dataset][lang])}</span>`, e(i.sheet ? `${i.file} [${i.sheet}]` : i.file), `<span class="nowrap">${e(i.encoding ?? '')}</span>`, i.rows, i.rejected, i.withIssues, `<span class="mono">${e(i.sha256)}</span>`]),
      [0, 1, 2, 3, 4, 5, 6],
      'inputs',
    ),
  );
  if (report.skipped.length > 0) {
    body.push(`<h3>${e(w.skipped)}</h3>`, table([w.file, w.reason], report.skipped.map((s) => [e(s.sheet ? `${s.file} [${s.sheet}]` : s.file), e(`${s.message} (${s.reason})`)]), [0, 1]));
  }
  // Parameters: sentences in one table, then the small tables (staffing, warranty) side by side.
  const parameters = reportParameters(report, lang);
  body.push(`<h2>${e(w.parameters)}</h2>`, table([w.parameter, w.value], parameters.filter((p) => !p.table).map((p) => [p.label, p.value]), [], 'params'));
  const tables = parameters.filter((p) => p.table).map((p) => `<div><h3>${e(p.label)}</h3>${table(p.table!.headers, p.table!.rows)}</div>`);
  if (tables.length > 0) body.push(`<div class="pair">${tables.join('')}</div>`);
  // The closing block: the signatures, kept on one page with the line naming the tool.
  const sign = signatureBlock(lang);
  body.push(
    `<section class="signatures"><h2>${e(sign.title)}</h2><table><tbody>${sign.rows
      .map((who) => `<tr><td class="who">${e(who)}</td><td>${e(sign.signature)}</td><td style="width:30%">${e(sign.date)}</td></tr>`)
      .join('')}</tbody></table><footer>${e(fill(w.generated, { version: report.tool.version }))}</footer></section>`,
  );

  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(w.title)}${report.enterprise?.name ? ` — ${e(report.enterprise.name)}` : ''}</title>
<style>${css(report)}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

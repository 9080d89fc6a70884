// HTML report: one self-contained file (inline CSS and SVG, no script, no network) that reads well
// in a browser and prints on A4. Pure: report in, string out; everything from the data is escaped.
import { barChart, paretoChart, rateChart } from './charts.js';
import { escapeHtml as e } from './html-escape.js';
import { DATASET_LABEL, LEVEL_LABEL, STATUS_LABEL, VERDICT_LABEL, fill, metricText, percent, where, words, type Report } from './labels.js';

const CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; margin: 0 auto; max-width: 980px; padding: 16px; font-size: 13px; line-height: 1.5; }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 16px; border-bottom: 2px solid #4a7ab5; padding-bottom: 2px; margin-top: 28px; break-after: avoid; }
h3 { font-size: 14px; margin: 16px 0 6px; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
tr { break-inside: avoid; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; white-space: nowrap; }
.s-pass { background: #2e8b57; } .s-fail { background: #c0392b; } .s-warn { background: #d68910; }
.s-manual { background: #2874a6; } .s-not-applicable { background: #999; } .s-no-data { background: #8e44ad; }
.verdict { font-size: 16px; font-weight: bold; }
.requirement { color: #555; border-left: 3px solid #ccc; padding-left: 8px; margin: 4px 0; }
.clause { break-inside: avoid-page; }
.muted { color: #777; }
.chart { max-width: 100%; height: auto; display: block; margin: 6px 0 12px; }
.mono { font-family: monospace; font-size: 11px; word-break: break-all; }
footer { margin-top: 24px; color: #777; font-size: 11px; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

const badge = (status: keyof typeof STATUS_LABEL, lang: Report['lang']): string => `<span class="badge s-${status}">${e(STATUS_LABEL[status][lang])}</span>`;

function table(headers: readonly string[], rows: readonly (readonly unknown[])[], raw: readonly number[] = []): string {
  const cell = (v: unknown, i: number): string => `<td>${raw.includes(i) ? String(v) : e(v)}</td>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

export function html(report: Report): string {
  const { lang } = report;
  const w = words(lang);
  const body: string[] = [];
  body.push(`<h1>${e(w.title)}</h1>`);
  body.push(`<p class="muted">${e(w.standard)}</p>`);
  const facts: [string, string][] = [];
  if (report.enterprise?.name) facts.push([w.enterprise, `${report.enterprise.name}${report.enterprise.qualification ? ` (${report.enterprise.qualification})` : ''}`]);
  facts.push([w.period, `${report.period.from ?? '?'} — ${report.period.to ?? '?'} (${w.source[report.period.source]})`]);
  facts.push([w.asOf, report.period.asOf]);
  body.push(table([w.key, w.value], facts));
  const verdictClass = report.verdict === 'compliant' ? 's-pass' : report.verdict === 'non-compliant' ? 's-fail' : 's-warn';
  body.push(`<p class="verdict">${e(w.verdict)}: <span class="badge ${verdictClass}">${e(VERDICT_LABEL[report.verdict][lang])}</span></p>`);
  body.push(`<p>${(Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[]).map((s) => `${badge(s, lang)} ${report.summary[s]}`).join(' &nbsp; ')}</p>`);

  for (const chapter of report.chapters) {
    body.push(`<h2>${e(chapter.title)}</h2>`);
    body.push(
      table(
        [w.clause, w.status, w.metrics],
        chapter.clauses.map((c) => [`${e(c.id)} ${e(c.title)}`, badge(c.status, lang), e(Object.entries(c.metrics).map(([k, v]) => `${k} ${metricText(k, v)}`).join('; '))]),
        [0, 1, 2],
      ),
    );
    for (const c of chapter.clauses) {
      if (c.judged === 'informative' || (c.findings.length === 0 && c.notes.length === 0 && c.evidence.length === 0)) continue;
      const parts = [`<div class="clause" id="clause-${e(c.id)}"><h3>${e(c.id)} ${e(c.title)} ${badge(c.status, lang)}</h3>`, `<p class="requirement">${e(c.requirement)}</p>`];
      for (const n of c.notes) parts.push(`<p>${e(n)}</p>`);
      if (c.evidence.length > 0) parts.push(`<p>${e(w.evidence)}: ${c.evidence.map((x) => `${e(x.path)} (${e(w[x.state])})`).join('; ')}</p>`);
      if (c.findings.length > 0) {
        parts.push(table([w.level, w.record, w.file, w.message], c.findings.map((f) => [LEVEL_LABEL[f.level][lang], f.record ?? '', where(f, lang), f.message])));
        if (c.findingCount > c.findings.length) parts.push(`<p class="muted">${e(fill(w.more, { n: c.findingCount - c.findings.length, total: c.findingCount }))}</p>`);
      }
      if (c.status === 'fail' || c.status === 'warn') parts.push(`<p><strong>${e(w.remediation)}:</strong> ${e(c.remediation)}</p>`);
      parts.push('</div>');
      body.push(parts.join(''));
    }
  }

  body.push(`<h2>${e(w.dataQuality)} (${report.dataQuality.count})</h2>`);
  body.push(
    report.dataQuality.issues.length === 0
      ? `<p>${e(w.noIssues)}</p>`
      : table([w.file, w.row, w.column, w.value, w.message], report.dataQuality.issues.map((i) => [i.sheet ? `${i.file} [${i.sheet}]` : i.file, i.row ?? '', i.column ?? '', i.value ?? '', i.message])),
  );

  const a = report.analysis;
  body.push(`<h2>${e(w.analysis)}</h2>`);
  if (a.complaintsByMonth.length > 0) {
    body.push(`<h3>${e(w.byMonth)}</h3>`, barChart(w.byMonth, a.complaintsByMonth.map((m) => ({ label: m.key.slice(2), value: m.count }))));
  }
  if (a.complaintsByProject.length > 0) body.push(`<h3>${e(w.byProject)}</h3>`, table([w.project, w.count], a.complaintsByProject.map((x) => [x.key, x.count])));
  if (a.complaintsByChannel.length > 0) body.push(`<h3>${e(w.byChannel)}</h3>`, table([w.key, w.count], a.complaintsByChannel.map((x) => [x.key, x.count])));
  if (a.categories.length > 0) {
    body.push(`<h3>${e(w.categories)}</h3>`, paretoChart(w.categories, a.categories.map((c) => ({ label: c.key, value: c.count, cumulative: c.cumulative }))));
    body.push(table([w.key, w.count, w.share, w.cumulative], a.categories.map((c) => [c.key, c.count, percent(c.share), percent(c.cumulative)])));
  }
  const t = a.workingDaysToOpinion;
  body.push(`<h3>${e(w.toOpinion)}</h3>`);
  body.push(`<p>${e(w.median)} ${t.median ?? '—'} · ${e(w.p90)} ${t.p90 ?? '—'} · ${e(w.max)} ${t.max ?? '—'} (n = ${t.count})</p>`);
  if (t.histogram.length > 0) {
    const max = t.histogram[t.histogram.length - 1]!.days;
    const bars = Array.from({ length: max + 1 }, (_, d) => ({ label: String(d), value: t.histogram.find((h) => h.days === d)?.count ?? 0 }));
    const limit = typeof report.parameters.responseWorkingDays === 'number' ? String(report.parameters.responseWorkingDays) : '3';
    body.push(barChart(w.toOpinion, bars, { marker: { at: limit, label: `${limit} ${w.days}` } }));
  }
  if (a.openByAge.some((b) => b.count > 0)) body.push(`<h3>${e(w.openByAge)}</h3>`, table([w.age, w.count], a.openByAge.map((b) => [b.key, b.count])));
  if (a.satisfactionByProject.length > 0) {
    body.push(`<h3>${e(w.satisfaction)}</h3>`, rateChart(w.satisfaction, a.satisfactionByProject.map((s) => ({ label: s.project, rate: s.rate, interval: s.interval95 })), report.parameters.satisfactionRate));
    body.push(table([w.project, w.valid, w.satisfied, w.rate, w.interval], a.satisfactionByProject.map((s) => [s.project, s.valid, s.satisfied, percent(s.rate), s.interval95 ? `${percent(s.interval95[0])} – ${percent(s.interval95[1])}` : '—'])));
  }
  if (a.callbackCoverageByProject.length > 0) {
    body.push(`<h3>${e(w.coverage)}</h3>`, rateChart(w.coverage, a.callbackCoverageByProject.map((c) => ({ label: c.project, rate: c.rate })), report.parameters.callbackRate));
    body.push(table([w.project, w.sold, w.reached, w.rate], a.callbackCoverageByProject.map((c) => [c.project, c.sold, c.reached, percent(c.rate)])));
  }

  body.push(`<h2>${e(w.inputs)}</h2>`);
  body.push(
    table(
      [w.dataset, w.file, w.encoding, w.rows, w.rejected, w.withIssues, 'SHA-256'],
      report.inputs.map((i) => [e(DATASET_LABEL[i.dataset][lang]), e(i.sheet ? `${i.file} [${i.sheet}]` : i.file), e(i.encoding ?? ''), i.rows, i.rejected, i.withIssues, `<span class="mono">${e(i.sha256)}</span>`]),
      [0, 1, 2, 3, 4, 5],
    ),
  );
  if (report.skipped.length > 0) {
    body.push(`<h3>${e(w.skipped)}</h3>`, table([w.file, w.reason], report.skipped.map((s) => [e(s.sheet ? `${s.file} [${s.sheet}]` : s.file), e(`${s.message} (${s.reason})`)]), [0, 1]));
  }
  body.push(`<h2>${e(w.parameters)}</h2>`, table([w.parameter, w.value], Object.entries(report.parameters).map(([k, v]) => [k, JSON.stringify(v)])));
  body.push(`<footer>${e(fill(w.generated, { version: report.tool.version }))}</footer>`);

  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(w.title)}${report.enterprise?.name ? ` — ${e(report.enterprise.name)}` : ''}</title>
<style>${CSS}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

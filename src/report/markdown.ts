// Markdown report: for people, in a repository, a ticket or a wiki. Pure: report in, string out.
import { terminalSafe } from './present.js';
import { DATASET_LABEL, LEVEL_LABEL, STATUS_LABEL, VERDICT_LABEL, fill, metricsText, reportParameters, percent, where, words, type Report } from './labels.js';

/** Markdown-inert text: no HTML, no emphasis, links or table breaks from the data. */
export function mdText(value: unknown): string {
  return terminalSafe(String(value ?? '').replace(/\r\n|\r|\n/g, ' '))
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^([#+\-=>])/, '\\$1');
}

const row = (cells: readonly unknown[]): string => `| ${cells.map(mdText).join(' | ')} |`;
const head = (cells: readonly string[]): string[] => [`| ${cells.join(' | ')} |`, `|${cells.map(() => ' --- ').join('|')}|`];

export function markdown(report: Report): string {
  const { lang } = report;
  const w = words(lang);
  const out: string[] = [`# ${w.title}`, ''];
  if (report.enterprise?.name) out.push(`- ${w.enterprise}: ${mdText(report.enterprise.name)}${report.enterprise.qualification ? ` (${mdText(report.enterprise.qualification)})` : ''}`);
  out.push(`- ${w.period}: ${report.period.from ?? '?'} — ${report.period.to ?? '?'} (${w.source[report.period.source]})`);
  out.push(`- ${w.asOf}: ${report.period.asOf}`);
  if (report.period.today) out.push(`- **${fill(w.futureAsOf, { today: report.period.today })}**`);
  out.push(`- **${w.verdict}: ${VERDICT_LABEL[report.verdict][lang]}**`);
  out.push(`- ${w.summary}: ${(Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[]).map((s) => `${STATUS_LABEL[s][lang]} ${report.summary[s]}`).join(' · ')}`);
  out.push('');

  for (const chapter of report.chapters) {
    out.push(`## ${mdText(chapter.title)}`, '');
    out.push(...head([w.clause, w.status, w.metrics]));
    for (const c of chapter.clauses) {
      out.push(row([`${c.id} ${c.title}`, STATUS_LABEL[c.status][lang], metricsText(c.metrics, lang)]));
    }
    out.push('');
    for (const c of chapter.clauses) {
      if (c.judged === 'informative' || (c.findings.length === 0 && c.notes.length === 0 && c.evidence.length === 0)) continue;
      out.push(`### ${mdText(c.id)} ${mdText(c.title)} — ${STATUS_LABEL[c.status][lang]}`, '');
      out.push(`> ${mdText(c.requirement)}`, '');
      for (const n of c.notes) out.push(`- ${mdText(n)}`);
      for (const e of c.evidence) out.push(`- ${w.evidence}: ${mdText(e.path)} (${w[e.state]})`);
      if (c.findings.length > 0) {
        out.push('', ...head([w.level, w.record, w.file, w.message]));
        for (const f of c.findings) out.push(row([LEVEL_LABEL[f.level][lang], f.record ?? '', where(f, lang), f.message]));
        if (c.findingCount > c.findings.length) out.push('', fill(w.more, { n: c.findingCount - c.findings.length, total: c.findingCount }));
      }
      if (c.status === 'fail' || c.status === 'warn') out.push('', `${w.remediation}: ${mdText(c.remediation)}`);
      out.push('');
    }
  }

  out.push(`## ${w.dataQuality} (${report.dataQuality.count})`, '');
  if (report.dataQuality.issues.length === 0) out.push(w.noIssues, '');
  else {
    out.push(...head([w.file, w.row, w.column, w.value, w.message]));
    for (const i of report.dataQuality.issues) out.push(row([i.sheet ? `${i.file} [${i.sheet}]` : i.file, i.row ?? '', i.column ?? '', i.value ?? '', i.message]));
    out.push('');
  }

  const a = report.analysis;
  out.push(`## ${w.analysis}`, '');
  const counts = (title: string, keyTitle: string, list: readonly { key: string; count: number }[]): void => {
    if (list.length === 0) return;
    out.push(`### ${title}`, '', ...head([keyTitle, w.count]), ...list.map((x) => row([x.key, x.count])), '');
  };
  counts(w.byMonth, w.month, a.complaintsByMonth);
  counts(w.byProject, w.project, a.complaintsByProject);
  counts(w.byChannel, w.channel, a.complaintsByChannel);
  if (a.categories.length > 0) {
    out.push(`### ${w.categories}`, '', ...head([w.category, w.count, w.share, w.cumulative]));
    for (const c of a.categories) out.push(row([c.key, c.count, percent(c.share), percent(c.cumulative)]));
    out.push('');
  }
  const t = a.workingDaysToOpinion;
  out.push(`### ${w.toOpinion}`, '', `${w.median} ${t.median ?? '—'} · ${w.p90} ${t.p90 ?? '—'} · ${w.max} ${t.max ?? '—'}${fill(w.complaintsN, { n: t.count })}`, '');
  counts(w.openByAge, w.age, a.openByAge);
  if (a.satisfactionByProject.length > 0) {
    out.push(`### ${w.satisfaction}`, '', ...head([w.project, w.valid, w.satisfied, w.rate, w.interval]));
    for (const s of a.satisfactionByProject) out.push(row([s.project, s.valid, s.satisfied, percent(s.rate), s.interval95 ? `${percent(s.interval95[0])} – ${percent(s.interval95[1])}` : '—']));
    out.push('');
  }
  if (a.callbackCoverageByProject.length > 0) {
    out.push(`### ${w.coverage}`, '', ...head([w.project, w.sold, w.reached, w.rate]));
    for (const c of a.callbackCoverageByProject) out.push(row([c.project, c.sold, c.reached, percent(c.rate)]));
    out.push('');
  }

  out.push(`## ${w.inputs}`, '', ...head([w.dataset, w.file, w.encoding, w.rows, w.rejected, w.withIssues, 'SHA-256']));
  for (const i of report.inputs) out.push(row([DATASET_LABEL[i.dataset][lang], i.sheet ? `${i.file} [${i.sheet}]` : i.file, i.encoding ?? '', i.rows, i.rejected, i.withIssues, i.sha256]));
  if (report.skipped.length > 0) {
    out.push('', `### ${w.skipped}`, '', ...head([w.file, w.reason]));
    for (const s of report.skipped) out.push(row([s.sheet ? `${s.file} [${s.sheet}]` : s.file, `${s.message} (${s.reason})`]));
  }
  out.push('', `## ${w.parameters}`, '', ...head([w.parameter, w.value]));
  const parameters = reportParameters(report, lang);
  for (const p of parameters) if (!p.table) out.push(row([p.label, p.value]));
  for (const p of parameters) {
    if (!p.table) continue;
    out.push('', `### ${mdText(p.label)}`, '', ...head(p.table.headers.map(mdText)), ...p.table.rows.map((r) => row(r)));
  }
  out.push('', `_${fill(w.generated, { version: report.tool.version })}_`, '');
  // No control character from anywhere reaches a reader's terminal (cat r.md).
  return terminalSafe(out.join('\n'));
}

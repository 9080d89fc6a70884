// `diff OLD.json NEW.json` (#16.6): two saved reports compared clause by clause, as text, Markdown or
// JSON. Pure: comparison in, string out (the comparison is baseline.ts compareReports).
import type { Comparison, ClauseComparison, SavedFinding } from './baseline.js';
import { STATUS_LABEL, VERDICT_LABEL } from './report/labels.js';
import type { Status } from './checks/types.js';

type Lang = 'zh' | 'en';

const statusName = (s: Status | null, lang: Lang): string => (s === null ? (lang === 'zh' ? '未判定' : 'not judged') : STATUS_LABEL[s][lang]);
const pct = (v: number | null): string => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);
const where = (f: SavedFinding): string => [f.file, f.sheet ? `[${f.sheet}]` : null, f.row !== null ? `#${f.row}` : null].filter(Boolean).join(' ');

const METRIC_NAME: Readonly<Record<string, { zh: string; en: string }>> = {
  handlingRate: { zh: '处理率', en: 'handling rate' },
  satisfactionRate: { zh: '满意率', en: 'satisfaction rate' },
  onTimeRate: { zh: '按时处理率', en: 'on-time rate' },
  callbackRate: { zh: '回访率', en: 'callback rate' },
};

const verdict = (v: string, lang: Lang): string => VERDICT_LABEL[v as keyof typeof VERDICT_LABEL]?.[lang] ?? v;

/** "+ 新增 TS-1 投诉.xlsx [台账] #9: message", without the parts a finding does not have. */
function findingLine(sign: string, word: string, f: SavedFinding): string {
  const head = [sign, word, f.record, where(f)].filter((x) => x !== null && x !== '').join(' ');
  return `        ${head}: ${f.message}`;
}

function changed(c: ClauseComparison): boolean {
  return c.then !== c.now || c.added.length > 0 || c.resolved.length > 0;
}

export function diffText(d: Comparison, lang: Lang): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(zh ? `整改复查对比${d.enterprise ? `：${d.enterprise}` : ''}` : `Audits compared${d.enterprise ? `: ${d.enterprise}` : ''}`);
  out.push(zh ? `  之前：审计日 ${d.then.asOf}（${d.then.from ?? '—'} 至 ${d.then.to ?? '—'}），结论 ${verdict(d.then.verdict, lang)}` : `  then: as of ${d.then.asOf} (${d.then.from ?? '—'} to ${d.then.to ?? '—'}), verdict ${verdict(d.then.verdict, lang)}`);
  out.push(zh ? `  现在：审计日 ${d.now.asOf}（${d.now.from ?? '—'} 至 ${d.now.to ?? '—'}），结论 ${verdict(d.now.verdict, lang)}` : `  now: as of ${d.now.asOf} (${d.now.from ?? '—'} to ${d.now.to ?? '—'}), verdict ${verdict(d.now.verdict, lang)}`);
  out.push(
    zh
      ? `  新增 ${d.totals.added} · 已整改 ${d.totals.resolved} · 仍存在 ${d.totals.persisting} · 状态变化的条款 ${d.totals.statusChanges}`
      : `  new ${d.totals.added} · resolved ${d.totals.resolved} · persisting ${d.totals.persisting} · clauses whose status changed ${d.totals.statusChanges}`,
  );
  if (d.metrics.length > 0) {
    out.push('', zh ? '指标（之前 → 现在）' : 'Metrics (then → now)');
    for (const m of d.metrics) out.push(`  ${m.clause} ${METRIC_NAME[m.metric]?.[lang] ?? m.metric}: ${pct(m.then)} → ${pct(m.now)}`);
  }
  out.push('', zh ? '条款' : 'Clauses');
  const shown = d.clauses.filter(changed);
  if (shown.length === 0) out.push(zh ? '  无变化' : '  no change');
  for (const c of shown) {
    out.push(`  ${c.id.padEnd(6)}${c.title}  ${statusName(c.then, lang)} → ${statusName(c.now, lang)}${c.partial ? (zh ? '（发现列表被截断，仅比较列出的部分）' : ' (finding lists cut: only those listed compared)') : ''}`);
    for (const f of c.added) out.push(findingLine('+', zh ? '新增' : 'new', f));
    for (const f of c.resolved) out.push(findingLine('-', zh ? '已整改' : 'resolved', f));
  }
  return `${out.join('\n')}\n`;
}

/** Markdown table cells: pipes and line breaks escaped. */
const cell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

export function diffMarkdown(d: Comparison, lang: Lang): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(`# ${zh ? '整改复查对比' : 'Audits compared'}${d.enterprise ? ` — ${cell(d.enterprise)}` : ''}`, '');
  out.push(zh ? '| | 审计日 | 期间 | 结论 |' : '| | as of | period | verdict |', '| --- | --- | --- | --- |');
  out.push(`| ${zh ? '之前' : 'then'} | ${d.then.asOf} | ${d.then.from ?? '—'} – ${d.then.to ?? '—'} | ${verdict(d.then.verdict, lang)} |`);
  out.push(`| ${zh ? '现在' : 'now'} | ${d.now.asOf} | ${d.now.from ?? '—'} – ${d.now.to ?? '—'} | ${verdict(d.now.verdict, lang)} |`, '');
  out.push(
    zh
      ? `新增 **${d.totals.added}** · 已整改 **${d.totals.resolved}** · 仍存在 **${d.totals.persisting}** · 状态变化的条款 **${d.totals.statusChanges}**`
      : `New **${d.totals.added}** · resolved **${d.totals.resolved}** · persisting **${d.totals.persisting}** · clauses whose status changed **${d.totals.statusChanges}**`,
    '',
  );
  if (d.metrics.length > 0) {
    out.push(`## ${zh ? '指标' : 'Metrics'}`, '', zh ? '| 条款 | 指标 | 之前 | 现在 |' : '| clause | metric | then | now |', '| --- | --- | ---: | ---: |');
    for (const m of d.metrics) out.push(`| ${m.clause} | ${METRIC_NAME[m.metric]?.[lang] ?? m.metric} | ${pct(m.then)} | ${pct(m.now)} |`);
    out.push('');
  }
  out.push(`## ${zh ? '条款' : 'Clauses'}`, '', zh ? '| 条款 | 之前 | 现在 | 新增 | 已整改 | 仍存在 |' : '| clause | then | now | new | resolved | persisting |', '| --- | --- | --- | ---: | ---: | ---: |');
  for (const c of d.clauses) out.push(`| ${c.id} ${cell(c.title)}${c.partial ? ' ¹' : ''} | ${statusName(c.then, lang)} | ${statusName(c.now, lang)} | ${c.added.length} | ${c.resolved.length} | ${c.persisting} |`);
  if (d.clauses.some((c) => c.partial)) out.push('', zh ? '¹ 发现列表被截断，仅比较列出的部分。' : '¹ finding lists cut: only those listed are compared.');
  const findings = d.clauses.filter((c) => c.added.length + c.resolved.length > 0);
  if (findings.length > 0) {
    out.push('', `## ${zh ? '发现的变化' : 'Findings changed'}`, '', zh ? '| 条款 | 变化 | 记录 | 位置 | 说明 |' : '| clause | change | record | where | message |', '| --- | --- | --- | --- | --- |');
    for (const c of findings) {
      for (const f of c.added) out.push(`| ${c.id} | ${zh ? '新增' : 'new'} | ${cell(f.record ?? '—')} | ${cell(where(f) || '—')} | ${cell(f.message)} |`);
      for (const f of c.resolved) out.push(`| ${c.id} | ${zh ? '已整改' : 'resolved'} | ${cell(f.record ?? '—')} | ${cell(where(f) || '—')} | ${cell(f.message)} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function diffJson(d: Comparison): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

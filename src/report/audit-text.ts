// The terminal report: an inspector's worksheet, chapter by chapter, one line per clause with its
// status, the first findings of a clause that fails or warns, what to look at for manual clauses.
import type { ChalkInstance } from 'chalk';
import type { AuditResult } from '../audit.js';
import { CHAPTERS, chapterOf } from '../checks/index.js';
import type { MetricValue, Status } from '../checks/types.js';
import { datasetTitles } from '../datasets.js';
import { UNREAD_REASONS, type Lang } from '../model.js';
import { fill } from '../i18n.js';
import { clauseText } from './audit-json.js';
import { metricsText } from './labels.js';
import { terminalOutput, terminalSafe, type PresentOptions } from './present.js';

/** Findings shown under a clause in the terminal; the other formats list them all. */
export const FINDINGS_SHOWN = 5;

const STATUS_TEXT: Readonly<Record<Status, Readonly<Record<Lang, string>>>> = {
  pass: { zh: '符合', en: 'pass' },
  fail: { zh: '不符合', en: 'FAIL' },
  warn: { zh: '警告', en: 'warn' },
  manual: { zh: '人工核查', en: 'manual' },
  'not-applicable': { zh: '不适用', en: 'n/a' },
  'no-data': { zh: '无数据', en: 'no data' },
};

const VERDICT_TEXT = {
  compliant: { zh: '符合', en: 'compliant' },
  'non-compliant': { zh: '不符合', en: 'non-compliant' },
  'insufficient-data': { zh: '数据不足，无法完整判定', en: 'insufficient data' },
} as const;

const WORDS = {
  zh: {
    title: '售后服务机构规范化管理标准 审计报告',
    enterprise: '企业',
    period: '审计期间',
    asOf: '审计日',
    futureAsOf: '⚠ 审计日晚于今天（{today}）：之后的记录尚不存在，本报告不是该审计日的完整结果',
    verdict: '结论',
    sources: { flags: '命令行参数', profile: '企业信息', data: '数据跨度', none: '未确定' },
    more: '… 另有 {n} 条',
    remediation: '整改',
    dataQuality: '数据质量：{n} 个问题（aftersales-audit validate 可逐条查看）',
    noDataQuality: '数据质量：未发现问题',
    analysis: '统计分析（5.2）',
    byMonth: '各月投诉',
    categories: '问题分类（投诉与报修）',
    categoryItem: '{category} {n} 件（累计 {cumulative}）',
    toOpinion: '处理意见用时（工作日）：中位数 {median}，90 分位 {p90}，最长 {max}（{n} 件）',
    satisfaction: '各项目满意率',
    satisfactionItem: '{project} {rate}（95% 区间 {low}–{high}，有效回答 {n} 个）',
    coverage: '各项目回访覆盖',
    open: '未办结投诉（按受理天数）',
    unplaced: '日历无法确定的日期：{days}（用 --calendar 补充）',
    notSupplied: '未提供：{list}',
    notRead: '未读取：{place}（{reason}）',
    calendarFile: '工作日日历：{file} 年取自 --calendar 文件（该年未列出的日子按周一至周五上班）；{official} 年为国务院公布的安排',
    parameters: '参数：处理时限 {days} 个工作日；满意率 ≥ {satisfaction}（满意：{grades}）；回访率 ≥ {callback}；专职人员 ≥ {staff}；转办渠道 {channels}',
    head: '专职负责人 1 名',
    sep: '、',
  },
  en: {
    title: 'After-sales organization standard: audit report',
    enterprise: 'Enterprise',
    period: 'Period',
    asOf: 'as of',
    futureAsOf: '⚠ The audit date is after today ({today}): records of later days do not exist yet, so this is not the complete result at that date',
    verdict: 'Verdict',
    sources: { flags: 'flags', profile: 'profile', data: 'span of the data', none: 'unknown' },
    more: '… and {n} more',
    remediation: 'Remedy',
    dataQuality: 'Data quality: {n} issues (list them with aftersales-audit validate)',
    noDataQuality: 'Data quality: no issues',
    analysis: 'Statistical analysis (5.2)',
    byMonth: 'Complaints by month',
    categories: 'Categories (complaints and repairs)',
    categoryItem: '{category} {n} (cumulative {cumulative})',
    toOpinion: 'Working days to a handling opinion: median {median}, 90th percentile {p90}, max {max} ({n} complaints)',
    satisfaction: 'Satisfaction by project',
    satisfactionItem: '{project} {rate} (95% interval {low}–{high}, {n} valid answers)',
    coverage: 'Callback coverage by project',
    open: 'Open complaints by days since receipt',
    unplaced: 'Days the calendar cannot place: {days} (supply them with --calendar)',
    notSupplied: 'Not supplied: {list}',
    notRead: 'Not read: {place} ({reason})',
    calendarFile: 'Working-day calendar: {file} from the --calendar file (days it does not list: Monday to Friday are working days); {official} the State Council\'s schedule',
    parameters: 'Parameters: {days} working days to an opinion; satisfaction ≥ {satisfaction} (satisfied: {grades}); callback rate ≥ {callback}; full-time staff ≥ {staff}; forwarded channels {channels}',
    head: 'a full-time head',
    sep: ', ',
  },
} as const;


const percent = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

function mark(status: Status, color: ChalkInstance): string {
  switch (status) {
    case 'pass':
      return color.green('✔');
    case 'fail':
      return color.red('✖');
    case 'warn':
      return color.yellow('!');
    case 'manual':
      return color.cyan('?');
    case 'no-data':
      return color.magenta('∅');
    default:
      return color.dim('–');
  }
}

/** The one or two metrics that say most about a clause, for its line, labelled in the reader's language. */
function headline(metrics: Readonly<Record<string, MetricValue>>, lang: Lang): string {
  const shown: Record<string, MetricValue> = {};
  for (const key of ['handlingRate', 'satisfactionRate', 'onTimeRate', 'callbackRate', 'followUpRate', 'minFullTime', 'required'] as const) {
    const value = metrics[key];
    if (typeof value === 'number') shown[key] = value;
  }
  if (typeof metrics['late'] === 'number' && metrics['late'] > 0) shown['late'] = metrics['late'];
  return metricsText(shown, lang);
}

/** The verdict and the count of clauses in each status: the report's one line (also alone, with -o). */
export function verdictLine(audit: Pick<AuditResult, 'verdict' | 'summary'>, lang: Lang, color: ChalkInstance): string {
  const verdictColor = audit.verdict === 'compliant' ? color.green : audit.verdict === 'non-compliant' ? color.red : color.yellow;
  const counts = (['fail', 'warn', 'no-data', 'manual', 'pass', 'not-applicable'] as const)
    .map((s) => `${STATUS_TEXT[s][lang]} ${audit.summary[s]}`)
    .join(' · ');
  return `${WORDS[lang].verdict}: ${verdictColor.bold(VERDICT_TEXT[audit.verdict][lang])}   ${counts}`;
}

export function auditText(audit: AuditResult, options: PresentOptions, color: ChalkInstance): string {
  const { lang } = options;
  const w = WORDS[lang];
  const out: string[] = [];
  const enterprise = audit.reading.profile?.enterprise;
  out.push(color.bold(w.title));
  if (enterprise?.name) out.push(`${w.enterprise}: ${terminalSafe(enterprise.name)}${enterprise.qualification ? ` (${terminalSafe(enterprise.qualification)})` : ''}`);
  const p = audit.period;
  out.push(`${w.period}: ${p.from ?? '?'} — ${p.to ?? '?'} (${w.sources[p.source]})   ${w.asOf}: ${p.asOf}`);
  if (audit.asOfAfterToday) out.push(color.yellow(fill(w.futureAsOf, { today: audit.asOfAfterToday })));
  out.push(verdictLine(audit, lang, color));
  const params = audit.params;
  const level = enterprise?.qualification ? params.staffing[enterprise.qualification as keyof typeof params.staffing] : undefined;
  out.push(
    color.dim(
      fill(w.parameters, {
        days: params.responseWorkingDays,
        satisfaction: percent(params.satisfactionRate),
        grades: params.satisfiedGrades.join('/'),
        callback: percent(params.callbackRate),
        staff: level ? (level.fullTimeHead ? w.head : String(level.fullTime)) : '—',
        channels: params.forwardedChannels.join('/'),
      }),
    ),
  );
  const { official, fromFile } = audit.calendarCoverage;
  if (fromFile.length > 0) out.push(color.dim(fill(w.calendarFile, { file: fromFile.join(w.sep), official: official.join('–') })));
  const missing = [...(audit.reading.plan.profile ? [] : [datasetTitles.profile[lang]]), ...audit.reading.plan.missing.map((d) => datasetTitles[d][lang])];
  if (missing.length > 0) out.push(color.yellow(fill(w.notSupplied, { list: missing.join(w.sep) })));
  for (const s of audit.reading.skipped) {
    const place = s.sheet ? (lang === 'zh' ? `${s.file}「${s.sheet}」` : `${s.file} [${s.sheet}]`) : s.file;
    const line = terminalSafe(fill(w.notRead, { place, reason: s.message[lang] }));
    out.push(UNREAD_REASONS.has(s.reason) ? color.yellow(line) : color.dim(line));
  }

  for (const chapter of CHAPTERS) {
    const clauses = audit.clauses.filter((c) => chapterOf(c.check.id) === chapter.id);
    if (clauses.length === 0) continue;
    out.push('', color.bold(chapter.title[lang]));
    for (const clause of clauses) {
      const { status } = clause.result;
      const metrics = headline(clause.result.metrics, lang);
      out.push(`  ${mark(status, color)} ${clause.check.id.padEnd(6)}${clause.check.title[lang]}  ${STATUS_TEXT[status][lang]}${metrics ? color.dim(`  ${metrics}`) : ''}`);
      const indent = '         ';
      if (status === 'fail' || status === 'warn') {
        // Breaches first, then warnings, then records listed for information.
        const rank = { fail: 0, warn: 1, info: 2 } as const;
        const shown = [...clause.result.findings].sort((a, b) => rank[a.level] - rank[b.level]).slice(0, FINDINGS_SHOWN);
        for (const f of shown) {
          const sheet = f.sheet ? (lang === 'zh' ? `「${f.sheet}」` : ` [${f.sheet}]`) : '';
          const where = f.file ? `${f.file}${sheet}${f.row !== null ? (lang === 'zh' ? ` 第 ${f.row} 行` : ` row ${f.row}`) : ''}: ` : '';
          out.push(`${indent}· ${terminalSafe(`${where}${clauseText(clause, f.message, f.data, lang)}`)}`);
        }
        const hidden = clause.findingCount - shown.length;
        if (hidden > 0) out.push(color.dim(`${indent}${fill(w.more, { n: hidden })}`));
        out.push(color.dim(`${indent}${w.remediation}: ${clause.check.remediation[lang]}`));
      }
      const notes = clause.result.notes.map((n) => clauseText(clause, n.message, n.data, lang));
      for (const n of notes) if (status !== 'not-applicable' || clause.check.judged !== 'informative') out.push(color.dim(`${indent}${terminalSafe(n)}`));
      if (status === 'manual') {
        for (const f of clause.result.findings) out.push(color.yellow(`${indent}! ${terminalSafe(clauseText(clause, f.message, f.data, lang))}`));
        for (const e of clause.result.evidence.filter((x) => x.state === 'present')) out.push(color.dim(`${indent}📎 ${terminalSafe(e.path)}`));
      }
    }
  }

  out.push('');
  const dq = audit.reading.dataQuality.count;
  out.push(dq > 0 ? color.yellow(fill(w.dataQuality, { n: dq })) : w.noDataQuality);
  if (audit.unplacedDays.length > 0) out.push(color.yellow(fill(w.unplaced, { days: audit.unplacedDays.join(w.sep) })));

  const a = audit.analysis;
  out.push('', color.bold(w.analysis));
  const safe = terminalSafe;
  if (a.complaintsByMonth.length > 0) {
    // Months of one year by their number; a period over several years keeps the year.
    const oneYear = new Set(a.complaintsByMonth.map((m) => m.key.slice(0, 4))).size === 1;
    out.push(`  ${w.byMonth}: ${a.complaintsByMonth.map((m) => `${oneYear ? m.key.slice(5) : m.key}:${m.count}`).join(' ')}`);
  }
  if (a.categories.length > 0) out.push(`  ${w.categories}: ${safe(a.categories.slice(0, 6).map((c) => fill(w.categoryItem, { category: c.key, n: c.count, cumulative: percent(c.cumulative) })).join(w.sep))}`);
  const t = a.workingDaysToOpinion;
  if (t.count > 0) out.push(`  ${fill(w.toOpinion, { median: t.median ?? '—', p90: t.p90 ?? '—', max: t.max ?? '—', n: t.count })}`);
  if (a.openByAge.some((b) => b.count > 0)) out.push(`  ${w.open}: ${a.openByAge.map((b) => `${b.key}: ${b.count}`).join(w.sep)}`);
  if (a.satisfactionByProject.length > 0) {
    out.push(`  ${w.satisfaction}: ${safe(a.satisfactionByProject.map((s) => fill(w.satisfactionItem, { project: s.project, rate: percent(s.rate), low: percent(s.interval95?.[0]), high: percent(s.interval95?.[1]), n: s.valid })).join(w.sep))}`);
  }
  if (a.callbackCoverageByProject.length > 0) {
    out.push(`  ${w.coverage}: ${safe(a.callbackCoverageByProject.map((c) => `${c.project} ${c.reached}/${c.sold} ${percent(c.rate)}`).join(w.sep))}`);
  }
  return terminalOutput(`${out.join('\n')}\n`);
}

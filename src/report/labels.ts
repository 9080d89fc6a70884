// Words the people-facing formats share (Markdown, HTML, XLSX, JUnit), in both languages.
import type { Status } from '../checks/types.js';
import type { Lang } from '../model.js';
import type { buildReport } from './audit-json.js';

export type Report = ReturnType<typeof buildReport>;

export const STATUS_LABEL: Readonly<Record<Status, Readonly<Record<Lang, string>>>> = {
  pass: { zh: '符合', en: 'pass' },
  fail: { zh: '不符合', en: 'fail' },
  warn: { zh: '警告', en: 'warn' },
  manual: { zh: '人工核查', en: 'manual' },
  'not-applicable': { zh: '不适用', en: 'not applicable' },
  'no-data': { zh: '无数据', en: 'no data' },
};

export const VERDICT_LABEL = {
  compliant: { zh: '符合', en: 'Compliant' },
  'non-compliant': { zh: '不符合', en: 'Non-compliant' },
  'insufficient-data': { zh: '数据不足，无法完整判定', en: 'Insufficient data' },
} as const;

export const LEVEL_LABEL = { fail: { zh: '不符合', en: 'fail' }, warn: { zh: '警告', en: 'warn' }, info: { zh: '备查', en: 'info' } } as const;

export const DATASET_LABEL = {
  complaints: { zh: '投诉台账', en: 'complaints' },
  staff: { zh: '人员花名册', en: 'staff' },
  callbacks: { zh: '回访记录', en: 'callbacks' },
  units: { zh: '已售房源', en: 'units' },
  profile: { zh: '企业信息', en: 'profile' },
} as const;

const WORDS = {
  zh: {
    title: '售后服务机构规范化管理标准 审计报告',
    standard: '青岛市房地产开发企业售后服务机构规范化管理标准',
    enterprise: '企业',
    qualification: '资质等级',
    period: '审计期间',
    asOf: '审计日',
    futureAsOf: '⚠ 审计日晚于今天（{today}）：之后的记录尚不存在，本报告不是该审计日的完整结果',
    verdict: '结论',
    summary: '各状态条款数',
    status: '状态',
    clause: '条款',
    requirement: '条文',
    metrics: '指标',
    findings: '发现',
    record: '记录',
    file: '文件',
    sheet: '工作表',
    row: '行',
    level: '级别',
    message: '说明',
    notes: '说明',
    evidence: '证明材料',
    remediation: '整改建议',
    inputs: '输入文件',
    skipped: '未读取的文件和工作表',
    reason: '原因',
    dataset: '数据',
    encoding: '编码',
    rows: '数据行',
    rejected: '未纳入判定的行',
    withIssues: '有问题仍判定的行',
    parameters: '参数',
    parameter: '参数',
    value: '值',
    dataQuality: '数据质量问题',
    column: '列',
    code: '代码',
    noIssues: '无',
    analysis: '统计分析（5.2）',
    byMonth: '各月投诉件数',
    byProject: '各项目投诉件数',
    byChannel: '各渠道投诉件数',
    categories: '问题分类（投诉与报修，帕累托）',
    cumulative: '累计占比',
    share: '占比',
    count: '件数',
    toOpinion: '处理意见用时（工作日）',
    days: '工作日',
    median: '中位数',
    p90: '90 分位',
    max: '最长',
    openByAge: '未办结投诉（受理天数）',
    satisfaction: '各项目满意率（95% 区间）',
    coverage: '各项目回访覆盖率',
    project: '项目',
    valid: '有效回答',
    satisfied: '满意',
    rate: '比率',
    interval: '95% 区间',
    sold: '已售',
    reached: '已回访',
    more: '另有 {n} 条未列出（共 {total} 条）',
    present: '已提供',
    missing: '缺失',
    outside: '路径越界，未打开',
    'too-long': '路径过长，未检查',
    source: { flags: '命令行参数', profile: '企业信息', data: '数据跨度', none: '未确定' },
    generated: '由 aftersales-audit {version} 生成',
    month: '月份',
    age: '天数',
    key: '项目',
    findingsSheet: '发现',
    summarySheet: '概要',
    dataQualitySheet: '数据质量',
    analysisSheet: '统计分析',
    pageOf: '第 {page} 页，共 {pages} 页',
    metricsAndNotes: '指标与说明',
    seeBelow: '{n} 条发现，见下文',
    channel: '渠道',
    category: '问题分类',
    complaintsN: '（{n} 件）',
  },
  en: {
    title: 'After-sales organization standard: audit report',
    standard: 'Qingdao standard for developers\' after-sales service organizations',
    enterprise: 'Enterprise',
    qualification: 'Qualification',
    period: 'Period',
    asOf: 'As of',
    futureAsOf: '⚠ The audit date is after today ({today}): records of later days do not exist yet, so this is not the complete result at that date',
    verdict: 'Verdict',
    summary: 'Clauses by status',
    status: 'Status',
    clause: 'Clause',
    requirement: 'Requirement',
    metrics: 'Metrics',
    findings: 'Findings',
    record: 'Record',
    file: 'File',
    sheet: 'Sheet',
    row: 'Row',
    level: 'Level',
    message: 'Message',
    notes: 'Notes',
    evidence: 'Evidence',
    remediation: 'Remedy',
    inputs: 'Inputs',
    skipped: 'Files and sheets not read',
    reason: 'Reason',
    dataset: 'Dataset',
    encoding: 'Encoding',
    rows: 'Rows',
    rejected: 'Rows left out',
    withIssues: 'Rows with issues, judged',
    parameters: 'Parameters',
    parameter: 'Parameter',
    value: 'Value',
    dataQuality: 'Data-quality issues',
    column: 'Column',
    code: 'Code',
    noIssues: 'None',
    analysis: 'Statistical analysis (5.2)',
    byMonth: 'Complaints by month',
    byProject: 'Complaints by project',
    byChannel: 'Complaints by channel',
    categories: 'Categories of complaints and repairs (Pareto)',
    cumulative: 'Cumulative',
    share: 'Share',
    count: 'Count',
    toOpinion: 'Working days to a handling opinion',
    days: 'Working days',
    median: 'Median',
    p90: '90th percentile',
    max: 'Max',
    openByAge: 'Open complaints by days since receipt',
    satisfaction: 'Satisfaction by project (95% interval)',
    coverage: 'Callback coverage by project',
    project: 'Project',
    valid: 'Valid answers',
    satisfied: 'Satisfied',
    rate: 'Rate',
    interval: '95% interval',
    sold: 'Sold',
    reached: 'Reached',
    more: '{n} more not listed ({total} in all)',
    present: 'present',
    missing: 'missing',
    outside: 'outside the folder, not opened',
    'too-long': 'path too long, not checked',
    source: { flags: 'flags', profile: 'profile', data: 'span of the data', none: 'unknown' },
    generated: 'Generated by aftersales-audit {version}',
    month: 'Month',
    age: 'Days',
    key: 'Key',
    findingsSheet: 'Findings',
    summarySheet: 'Summary',
    dataQualitySheet: 'Data quality',
    analysisSheet: 'Analysis',
    pageOf: 'Page {page} of {pages}',
    metricsAndNotes: 'Metrics and notes',
    seeBelow: '{n} findings, listed below',
    channel: 'Channel',
    category: 'Category',
    complaintsN: ' ({n} complaints)',
  },
} as const;

export type Words = (typeof WORDS)['zh'];

export function words(lang: Lang): Words {
  return WORDS[lang] as Words;
}

export { fill } from '../i18n.js';

export const percent = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

/** A metric value as a person reads it: rates (keys ending in Rate) as percentages. */
export function metricText(key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return /rate$/i.test(key) || key === 'threshold' ? percent(value) : String(value);
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'number' && v <= 1 ? percent(v) : String(v))).join(', ')}]`;
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k} ${metricText('rate', v)}`).join(', ');
  return String(value);
}

export function where(f: { file: string | null; sheet: string | null; row: number | null }, lang: Lang): string {
  if (!f.file) return '';
  const sheet = f.sheet ? (lang === 'zh' ? `「${f.sheet}」` : ` [${f.sheet}]`) : '';
  const row = f.row === null ? '' : lang === 'zh' ? ` 第 ${f.row} 行` : ` row ${f.row}`;
  return `${f.file}${sheet}${row}`;
}

// ---------------------------------------------------------------------------------------------
// Metrics and parameters as a reader reads them: a label and a unit in the report's language, never
// the JSON key. The JSON report keeps the keys; every other format goes through these.

type Unit = 'case' | 'person' | 'home' | 'answer' | 'record' | 'workday' | 'yuan' | 'none';

const UNIT: Readonly<Record<Unit, Readonly<Record<Lang, string>>>> = {
  case: { zh: ' 件', en: '' },
  person: { zh: ' 人', en: '' },
  home: { zh: ' 套', en: '' },
  answer: { zh: ' 个', en: '' },
  record: { zh: ' 条', en: '' },
  workday: { zh: ' 个工作日', en: ' working days' },
  yuan: { zh: ' 元', en: ' yuan' },
  none: { zh: '', en: '' },
};

interface MetricLabel {
  readonly zh: string;
  readonly en: string;
  readonly unit?: Unit;
  /** Text values that are codes, shown as words. */
  readonly values?: Readonly<Record<string, Readonly<Record<Lang, string>>>>;
}

/** Every metric key a check produces (test/report/labels.test.ts walks the checks and fails on a missing one). */
export const METRIC_LABEL: Readonly<Record<string, MetricLabel>> = {
  scope: { zh: '企业注册地', en: 'registered in' },
  independent: { zh: '机构独立设置', en: 'independent organization' },
  fundAmount: { zh: '专项资金', en: 'fund', unit: 'yuan' },
  filingNumber: { zh: '备案编号', en: 'filing number' },
  filingDate: { zh: '备案日期', en: 'filed on' },
  announcementDate: { zh: '公告日期', en: 'announced on' },
  hotline: { zh: '服务电话', en: 'hotline' },
  department: { zh: '机构部门', en: 'department' },
  members: { zh: '机构人员', en: 'members', unit: 'person' },
  generalManager: { zh: '总经理', en: 'general manager' },
  heads: { zh: '机构负责人', en: 'heads', unit: 'person' },
  qualification: { zh: '资质等级', en: 'qualification' },
  required: { zh: '应配专职人员', en: 'full-time staff required', unit: 'person' },
  minFullTime: { zh: '期间最少专职人员', en: 'fewest full-time staff on any day', unit: 'person' },
  counted: { zh: '计入的专职人员', en: 'full-time staff counted', unit: 'person' },
  arrangement: {
    zh: '机构安排',
    en: 'arrangement',
    values: { own: { zh: '自设售后服务机构', en: 'own organization' }, entrusted: { zh: '委托本地企业代管', en: 'entrusted to a local enterprise' } },
  },
  escalations: { zh: '越级投诉', en: 'escalations', unit: 'case' },
  byEnterprise: { zh: '因企业原因', en: 'caused by the enterprise', unit: 'case' },
  forwarded: { zh: '转办件', en: 'forwarded cases', unit: 'case' },
  onTime: { zh: '按时', en: 'on time', unit: 'case' },
  onTimeRate: { zh: '按时率', en: 'on-time rate' },
  pending: { zh: '未到时限', en: 'not yet due', unit: 'case' },
  records: { zh: '登记记录', en: 'records', unit: 'record' },
  incomplete: { zh: '记录不全', en: 'incomplete', unit: 'record' },
  inquiries: { zh: '咨询', en: 'inquiries', unit: 'case' },
  medianWorkingDays: { zh: '答复用时中位数', en: 'median', unit: 'workday' },
  p90WorkingDays: { zh: '答复用时 90 分位', en: '90th percentile', unit: 'workday' },
  maxWorkingDays: { zh: '最长答复用时', en: 'longest', unit: 'workday' },
  unanswered: { zh: '未答复', en: 'unanswered', unit: 'case' },
  closed: { zh: '已办结', en: 'closed', unit: 'case' },
  withCallback: { zh: '已回访', en: 'with a follow-up callback', unit: 'case' },
  followUpRate: { zh: '办结回访率', en: 'follow-up rate' },
  handlingRate: { zh: '处理率', en: 'handling rate' },
  due: { zh: '应处理', en: 'due', unit: 'case' },
  handled: { zh: '已处理', en: 'handled', unit: 'case' },
  unplaced: { zh: '日历无法确定时限', en: 'deadline the calendar cannot place', unit: 'case' },
  satisfactionRate: { zh: '满意率', en: 'satisfaction rate' },
  strictRate: { zh: '严格口径满意率', en: 'strict rate' },
  valid: { zh: '有效回答', en: 'valid answers', unit: 'answer' },
  satisfied: { zh: '满意', en: 'satisfied', unit: 'answer' },
  interval95: { zh: '95% 区间', en: '95% interval' },
  threshold: { zh: '要求', en: 'required' },
  refusals: { zh: '判为超出保修期', en: 'marked out of warranty', unit: 'case' },
  wrongRefusals: { zh: '错判超出保修期', en: 'wrongly marked out of warranty', unit: 'case' },
  unjudged: { zh: '无法核对', en: 'could not be checked', unit: 'case' },
  late: { zh: '超时', en: 'late', unit: 'case' },
  missing: { zh: '缺面复或书面报告', en: 'without reply or written report', unit: 'case' },
  callbackRate: { zh: '回访率', en: 'callback rate' },
  soldUnits: { zh: '已售房屋', en: 'homes sold', unit: 'home' },
  reachedUnits: { zh: '已回访房屋', en: 'homes reached', unit: 'home' },
  projectRates: { zh: '各项目回访率', en: 'by project' },
};

const LIST_SEP: Readonly<Record<Lang, string>> = { zh: '、', en: ', ' };
const yesNo = (value: boolean, lang: Lang): string => (value ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no');
const isRateKey = (key: string): boolean => /rate$/i.test(key) || key === 'threshold' || key === 'interval95' || key === 'projectRates';

/** One metric's value with its unit: 96.8%, 157 件, 是, 85.8%–92.9%, 山语城 60.8%、海岸华庭 62.8%. */
export function metricValueText(key: string, value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  const label = METRIC_LABEL[key];
  if (typeof value === 'boolean') return yesNo(value, lang);
  if (typeof value === 'number') return key === 'threshold' ? `≥ ${percent(value)}` : isRateKey(key) ? percent(value) : `${value}${UNIT[label?.unit ?? 'none'][lang]}`;
  if (Array.isArray(value)) {
    const items = value.map((v) => (typeof v === 'number' && isRateKey(key) ? percent(v) : String(v ?? '—')));
    return key === 'interval95' ? items.join('–') : items.join(LIST_SEP[lang]);
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k} ${typeof v === 'number' ? (isRateKey(key) ? percent(v) : String(v)) : '—'}`)
      .join(LIST_SEP[lang]);
  }
  const text = String(value);
  return label?.values?.[text]?.[lang] ?? text;
}

/** A clause's metrics as one line: 处理率 96.8%，应处理 157 件，已处理 152 件，未到时限 0 件. */
export function metricsText(metrics: Readonly<Record<string, unknown>>, lang: Lang): string {
  return Object.entries(metrics)
    .map(([key, value]) => `${METRIC_LABEL[key]?.[lang] ?? key} ${metricValueText(key, value, lang)}`)
    .join(lang === 'zh' ? '，' : '; ');
}

/** A parameter as it is printed: a sentence, or a small table. */
export interface ParameterText {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  readonly table?: { readonly headers: readonly string[]; readonly rows: readonly (readonly string[])[] };
}

const PARAMETER_LABEL: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  responseWorkingDays: { zh: '投诉处理意见时限', en: 'Time to a handling opinion' },
  handlingRate: { zh: '投诉处理率要求', en: 'Required handling rate' },
  satisfactionRate: { zh: '满意率要求', en: 'Required satisfaction rate' },
  satisfiedGrades: { zh: '计为满意的评价', en: 'Answers counted as satisfied' },
  strictGrades: { zh: '严格口径计为满意的评价', en: 'Answers counted as satisfied in the strict rate' },
  callbackRate: { zh: '回访率要求', en: 'Required callback rate' },
  forwardedChannels: { zh: '视为主管部门转办的受理渠道', en: 'Channels of forwarded complaints' },
  staffing: { zh: '各资质等级的专职人员要求', en: 'Full-time staff by qualification level' },
  headRoles: { zh: '表示机构负责人的岗位', en: 'Posts that mark the head of the organization' },
  localAgentLevels: { zh: '可受托代管的本地企业资质', en: 'Qualification a local agent must hold' },
  heatingSeason: { zh: '青岛供暖期', en: 'Qingdao heating season' },
  warrantyMonths: { zh: '法定最低保修期（自交付之日起）', en: 'Statutory minimum warranty (from delivery)' },
  findingsListed: { zh: '每个条款最多列出的发现', en: 'Findings listed per clause at most' },
};

export const PARAMETER_KEYS: readonly string[] = Object.keys(PARAMETER_LABEL);

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function monthDay(md: unknown, lang: Lang): string {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(String(md));
  if (!m) return String(md);
  const [month, day] = [Number(m[1]), Number(m[2])];
  return lang === 'zh' ? `${month} 月 ${day} 日` : `${day} ${EN_MONTHS[month - 1] ?? month}`;
}

function grade(g: string, lang: Lang): string {
  return /^\d$/.test(g) ? (lang === 'zh' ? `${g} 分` : `score ${g}`) : g;
}

function warrantyText(v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return lang === 'zh' ? '按约定（无法定最低期限）' : 'as agreed (no statutory minimum)';
  if (v === 'season') return lang === 'zh' ? '1 个供暖期或供冷期' : 'one heating or cooling season';
  if (typeof v !== 'number') return String(v);
  const years = v % 12 === 0 && v >= 12 ? v / 12 : null;
  if (lang === 'zh') return years ? `${v} 个月（${years} 年）` : `${v} 个月`;
  return years ? `${v} months (${years} year${years === 1 ? '' : 's'})` : `${v} month${v === 1 ? '' : 's'}`;
}

function staffingText(rule: { fullTime?: unknown; fullTimeHead?: unknown }, lang: Lang): string {
  const n = Number(rule.fullTime ?? 0);
  if (rule.fullTimeHead) {
    if (lang === 'zh') return n > 1 ? `设专职负责人，专职人员不少于 ${n} 人` : '设专职负责人（不少于 1 人）';
    return n > 1 ? `a full-time head, at least ${n} full-time staff` : 'a full-time head (at least 1)';
  }
  return lang === 'zh' ? `专职人员不少于 ${n} 人` : `at least ${n} full-time staff`;
}

const list = (items: unknown, lang: Lang, each: (s: string) => string = (s) => s): string =>
  Array.isArray(items) ? items.map((x) => each(String(x))).join(LIST_SEP[lang]) : String(items);

/** The parameters the audit used, each as a sentence or a small table, in the report's language. */
/**
 * The parameters as the reports show them, with a calendar row when a --calendar file supplied
 * years: which years are the user's (each of them complete), which the official schedule's.
 */
export function reportParameters(report: Pick<Report, 'parameters' | 'calendar'>, lang: Lang): ParameterText[] {
  const rows = parametersText(report.parameters, lang);
  const { officialYears, fileYears } = report.calendar;
  if (fileYears.length > 0) {
    const zh = lang === 'zh';
    rows.push({
      key: 'calendar',
      label: zh ? '工作日日历' : 'Working-day calendar',
      value: zh
        ? `${fileYears.join('、')} 年取自 --calendar 文件（该年未列出的日子按周一至周五上班）；${officialYears[0]}–${officialYears[1]} 年为国务院公布的安排`
        : `${fileYears.join(', ')} from the --calendar file (days it does not list: Monday to Friday are working days); ${officialYears[0]}–${officialYears[1]} the State Council's schedule`,
    });
  }
  return rows;
}

export function parametersText(parameters: object, lang: Lang): ParameterText[] {
  const zh = lang === 'zh';
  return Object.entries(parameters).map(([key, value]): ParameterText => {
    const label = PARAMETER_LABEL[key]?.[lang] ?? key;
    const at = (text: string): ParameterText => ({ key, label, value: text });
    switch (key) {
      case 'responseWorkingDays':
        return at(zh ? `受理后 ${value} 个工作日内（受理当日不计）` : `within ${value} working days after the day of receipt`);
      case 'handlingRate':
      case 'satisfactionRate':
      case 'callbackRate':
        return at(`${key === 'handlingRate' ? '' : '≥ '}${percent(value as number)}${key === 'callbackRate' ? (zh ? '（占已售房屋）' : ' of homes sold') : ''}`);
      case 'satisfiedGrades':
      case 'strictGrades':
        return at(list(value, lang, (g) => grade(g, lang)));
      case 'forwardedChannels':
      case 'headRoles':
      case 'localAgentLevels':
        return at(list(value, lang));
      case 'heatingSeason': {
        const s = value as { start?: unknown; end?: unknown };
        return at(zh ? `每年 ${monthDay(s.start, lang)}至次年 ${monthDay(s.end, lang)}` : `${monthDay(s.start, lang)} to ${monthDay(s.end, lang)} of the next year`);
      }
      case 'findingsListed':
        return at(zh ? `${value} 条` : String(value));
      case 'staffing': {
        const rows = Object.entries(value as Record<string, { fullTime?: unknown; fullTimeHead?: unknown }>).map(([level, rule]) => [level, staffingText(rule, lang)]);
        return { key, label, value: rows.map((r) => `${r[0]}：${r[1]}`).join(zh ? '；' : '; ').replace(/：/g, zh ? '：' : ': '), table: { headers: zh ? ['资质等级', '专职人员要求'] : ['Qualification', 'Full-time staff required'], rows } };
      }
      case 'warrantyMonths': {
        const rows = Object.entries(value as Record<string, unknown>).map(([category, months]) => [category, warrantyText(months, lang)]);
        return { key, label, value: rows.map((r) => `${r[0]}${zh ? '：' : ': '}${r[1]}`).join(zh ? '；' : '; '), table: { headers: zh ? ['问题分类', '最低保修期'] : ['Category', 'Minimum warranty'], rows } };
      }
      default:
        return at(typeof value === 'boolean' ? yesNo(value, lang) : Array.isArray(value) ? list(value, lang) : typeof value === 'object' && value !== null ? Object.entries(value).map(([k, v]) => `${k} ${String(v)}`).join(LIST_SEP[lang]) : String(value));
    }
  });
}

/** The closing block of a printed report: who signs, and when. */
export function signatureBlock(lang: Lang): { title: string; rows: readonly string[]; signature: string; date: string } {
  return lang === 'zh'
    ? { title: '签字确认', rows: ['检查人员', '企业负责人'], signature: '签字：', date: '日期：' }
    : { title: 'Signatures', rows: ['Inspector', "Enterprise's head"], signature: 'Signature:', date: 'Date:' };
}

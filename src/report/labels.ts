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
  },
  en: {
    title: 'After-sales organization standard: audit report',
    standard: 'Qingdao standard for developers\' after-sales service organizations',
    enterprise: 'Enterprise',
    qualification: 'Qualification',
    period: 'Period',
    asOf: 'As of',
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

// Words of the batch summary's formats, in both languages.
import type { Status } from '../checks/types.js';
import type { Lang } from '../model.js';
import { percent } from '../report/labels.js';
import type { BatchVerdict, EnterpriseRow, RateKey } from './summary.js';

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

/** One-character status marks of the matrix. */
export const MARK: Readonly<Record<Status, string>> = { pass: '✓', fail: '✗', warn: '!', manual: '?', 'not-applicable': '·', 'no-data': '∅' };

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

export const staffText = (r: EnterpriseRow): string => (r.metrics.fullTimeStaff === null ? '—' : r.metrics.fullTimeRequired ? `${r.metrics.fullTimeStaff}/${r.metrics.fullTimeRequired}` : String(r.metrics.fullTimeStaff));
export const intervalText = (r: EnterpriseRow): string => (r.metrics.satisfactionInterval ? `${percent(r.metrics.satisfactionInterval[0])}–${percent(r.metrics.satisfactionInterval[1])}` : '—');

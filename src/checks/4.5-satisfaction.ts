// 4.5: satisfaction rate among valid answers in the period ≥ 90% (以上 includes 90% itself).
import { finding, note, rate, reachedCustomer, result, wilson } from './helpers.js';
import type { Check, Finding } from './types.js';

const check: Check = {
  id: '4.5',
  title: { zh: '满意率', en: 'Satisfaction rate' },
  requirement: { zh: '消费者对售后服务工作满意率达到90%以上。', en: 'Consumers\' satisfaction with the after-sales service reaches 90% or more.' },
  judged: 'data',
  datasets: ['callbacks'],
  parameters: ['satisfactionRate', 'satisfiedGrades', 'strictGrades'],
  method: {
    zh: '满意率 = 满意的回答 ÷ 有效回答（回访日期在审计期间内且不晚于审计日、已回访（或回访状态空白）且有满意度评价的回访；未接通、拒访不计；没有有效回答时不适用）；默认"非常满意、满意、较满意、基本满意"及 4–5 分计为满意；达到 90%（含 90%）为符合。同时给出严格口径（仅非常满意、满意、5 分）和 95% Wilson 区间。',
    en: 'Satisfaction rate = satisfied answers ÷ valid answers (callbacks dated in the period and not after the audit date that reached the buyer (已回访 or blank status) and carry a grade; 未接通 and 拒访 do not count; with no valid answer the clause is not applicable); by default 非常满意, 满意, 较满意, 基本满意 and scores 4–5 count as satisfied; 90% or more (90% included) complies. The strict rate (非常满意, 满意, 5 only) and a 95% Wilson interval are given too.',
  },
  messages: {
    'not-satisfied': { zh: '{id}（{project} {unit}）评价：{grade}。', en: '{id} ({project} {unit}): {grade}.' },
    uncertain: {
      zh: '样本 {n} 个，95% 区间下限 {lower} 低于 {threshold}：样本不足以确认达标。',
      en: '{n} answers: the 95% interval\'s lower bound {lower} is below {threshold}, so the sample cannot confirm the rate.',
    },
    'no-callbacks': { zh: '未提供回访记录。', en: 'No callback sheet supplied.' },
    none: { zh: '审计期间没有有效的满意度评价。', en: 'No valid satisfaction answers in the period.' },
  },
  remediation: {
    zh: '针对不满意的回访逐件整改并再次回访，分析不满意原因，提升服务质量。',
    en: 'Remedy each dissatisfied answer and call back again; analyse the causes and improve the service.',
  },
  start: (context) => {
    const satisfied = new Set(context.params.satisfiedGrades);
    const strict = new Set(context.params.strictGrades);
    const findings: Finding[] = [];
    let valid = 0;
    let yes = 0;
    let strictYes = 0;
    // The dissatisfied answers are listed for the inspector, up to a point: all are counted.
    const INFO_LISTED = 1000;
    let unlisted = 0;
    return {
      callbacks(record, at) {
        if (!context.inPeriod(record.date) || context.afterAsOf(record.date) || !reachedCustomer(record) || !record.satisfaction) return;
        valid++;
        if (satisfied.has(record.satisfaction)) yes++;
        else if (findings.length >= INFO_LISTED) unlisted++;
        else findings.push(finding('4.5', 'info', record.id ?? null, at, 'not-satisfied', { id: record.id ?? '', project: record.project ?? '', unit: record.unit ?? '', grade: record.satisfaction }));
        if (strict.has(record.satisfaction)) strictYes++;
      },
      finish(end) {
        if (!end.supplied.has('callbacks')) return result('no-data', {}, [], [note('no-callbacks')]);
        // Nothing in scope (a callback sheet with no row, or no valid answer): not applicable.
        if (valid === 0) return result('not-applicable', { satisfactionRate: null, valid: 0 }, [], [note('none')]);
        const satisfactionRate = rate(yes, valid)!;
        const interval = wilson(yes, valid)!;
        const threshold = end.params.satisfactionRate;
        const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
        const notes = interval[0] < threshold ? [note('uncertain', { n: valid, lower: pct(interval[0]), threshold: pct(threshold) })] : [];
        const metrics = { satisfactionRate, strictRate: rate(strictYes, valid), valid, satisfied: yes, interval95: interval, threshold };
        return { ...result(satisfactionRate >= threshold ? 'pass' : 'fail', metrics, findings, notes), unlisted };
      },
    };
  },
};
export default check;

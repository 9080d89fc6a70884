// 3.2.3: inquiries (咨询) answered in good time — informative figures in working days.
import { addToHistogram, dayOf, finding, histogramQuantile, note, result } from './helpers.js';
import type { At, Check, Finding } from './types.js';
import { workingDaysTaken } from '../calendar/calendar.js';

const check: Check = {
  id: '3.2.3',
  title: { zh: '解答咨询并及时落实', en: 'Inquiries answered promptly' },
  requirement: { zh: '解答消费者咨询并及时落实。', en: 'Answers consumers\' inquiries and follows them through promptly.' },
  judged: 'data',
  datasets: ['complaints'],
  parameters: [],
  method: {
    zh: '类别为"咨询"的记录，统计从受理到答复的工作日数（中位数、90 分位、最大值），标准未设时限，仅供参考；已过 3 个工作日仍无答复的列为警告。',
    en: 'For cases of kind 咨询, the working days from receipt to answer (median, 90th percentile, maximum); the standard sets no limit, so the figures inform; inquiries unanswered after 3 working days are warnings.',
  },
  messages: {
    unanswered: { zh: '{id} 咨询受理于 {received}，至审计日未答复。', en: '{id}: inquiry received {received}, not answered by the audit date.' },
    informative: { zh: '标准未规定咨询答复时限，数字仅供参考。', en: 'The standard sets no time limit for inquiries: the figures inform.' },
    none: { zh: '审计期间没有咨询记录。', en: 'No inquiries in the period.' },
    'no-complaints': { zh: '未提供投诉台账。', en: 'No complaint register supplied.' },
  },
  remediation: { zh: '对咨询当场或尽快答复并记录答复时间。', en: 'Answer inquiries on the spot or soon, and record when.' },
  start: (context) => {
    const days = new Map<number, number>();
    const unanswered: { id: string; received: string; at: At }[] = [];
    let inquiries = 0;
    return {
      complaints(record, at) {
        const received = dayOf(record.receivedAt);
        if (record.kind !== '咨询' || !received || !context.inPeriod(received)) return;
        inquiries++;
        // An answer dated after the as-of date did not exist at it.
        const answered = [record.opinionAt, record.closedAt].map((d) => (context.afterAsOf(d) ? undefined : dayOf(d))).find((d) => d !== undefined);
        if (!answered) return void unanswered.push({ id: record.id ?? '', received, at });
        const taken = workingDaysTaken(context.calendar, received, answered);
        if (taken !== null) addToHistogram(days, taken);
      },
      finish(end) {
        if (!end.supplied.has('complaints')) return result('no-data', {}, [], [note('no-complaints')]);
        if (inquiries === 0) return result('not-applicable', { inquiries: 0 }, [], [note('none')]);
        const findings: Finding[] = [];
        for (const u of unanswered) {
          const { deadline } = end.deadlineOf(u.received);
          if (deadline && deadline < end.asOf) findings.push(finding('3.2.3', 'warn', u.id, u.at, 'unanswered', { id: u.id, received: u.received }));
        }
        const metrics = {
          inquiries,
          medianWorkingDays: histogramQuantile(days, 0.5),
          p90WorkingDays: histogramQuantile(days, 0.9),
          maxWorkingDays: histogramQuantile(days, 1),
          unanswered: unanswered.length,
        };
        return result(findings.length > 0 ? 'warn' : 'pass', metrics, findings, [note('informative')]);
      },
    };
  },
};
export default check;

// 3.1.7: each complaint forwarded by the authority is closed no later than its due date.
import { closedDay, finding, isForwarded, note, rate, result, statusFrom } from './helpers.js';
import type { Check, Finding } from './types.js';

const check: Check = {
  id: '3.1.7',
  title: { zh: '转办投诉按期落实', en: 'Forwarded complaints closed on time' },
  requirement: { zh: '对主管部门转办的投诉件直接负责，并按期落实。', en: 'Takes direct charge of complaints the authority forwards, and settles them by the date set.' },
  judged: 'data',
  datasets: ['complaints'],
  parameters: ['forwardedChannels'],
  method: {
    zh: '审计期间受理、受理渠道为转办（主管部门转办、12345转办）的案件，不论类别（投诉、报修、咨询），办结时间不晚于转办时限（当日办结为按期）。"办结"指办结时间已填写；审计日之后的办结在审计日尚不存在。缺少转办时限，或时限已过（早于审计日）仍未办结，均为一条发现；时限在审计日当天或之后、尚未办结的为待办。审计期间没有转办案件时不适用。',
    en: 'Each case received in the period whose channel marks it forwarded (主管部门转办, 12345转办), of any kind (投诉, 报修, 咨询), is closed no later than its due date (closing on the day is on time). "Closed" means 办结时间 is filled; a closing dated after the audit date did not exist at it. A missing due date, or no closing once the due date has passed (is before the audit date), is a finding; an open case whose due date is on or after the audit date is pending. With no forwarded case in the period the clause is not applicable.',
  },
  messages: {
    late: { zh: '{id} 转办时限 {due}，{closed} 才办结。', en: '{id}: due {due}, closed on {closed}.' },
    'not-closed': { zh: '{id} 转办时限 {due} 已过，尚未办结。', en: '{id}: due {due}, still not closed.' },
    'no-due': { zh: '{id} 为转办案件，但未填写转办时限。', en: '{id}: a forwarded case without a due date.' },
    'no-complaints': { zh: '未提供投诉台账。', en: 'No complaint register supplied.' },
    none: { zh: '审计期间没有转办案件。', en: 'No forwarded case in the period.' },
  },
  remediation: {
    zh: '转办投诉由机构经理直接负责，登记转办时限并在时限内办结。',
    en: 'Have the manager take forwarded complaints in hand, record the due date, and close them by it.',
  },
  start: (context) => {
    const findings: Finding[] = [];
    const open: { id: string; due: string; at: Parameters<typeof finding>[3] }[] = [];
    let forwarded = 0;
    let onTime = 0;
    return {
      complaints(record, at) {
        if (!isForwarded(record, context.params) || !context.inPeriod(record.receivedAt)) return;
        forwarded++;
        const id = record.id ?? '';
        if (!record.referralDue) return void findings.push(finding('3.1.7', 'fail', id, at, 'no-due', { id }));
        // Closed: 办结时间 filled (whatever 处理状态 says), and not after the as-of date.
        const closed = closedDay(record, context.afterAsOf);
        if (!closed) return void open.push({ id, due: record.referralDue, at });
        if (closed > record.referralDue) findings.push(finding('3.1.7', 'fail', id, at, 'late', { id, due: record.referralDue, closed }));
        else onTime++;
      },
      finish(end) {
        if (!end.supplied.has('complaints')) return result('no-data', {}, [], [note('no-complaints')]);
        if (forwarded === 0) return result('not-applicable', { forwarded: 0 }, [], [note('none')]);
        let pending = 0;
        // A due date before the as-of date has passed; one on it is pending.
        for (const o of open) {
          if (o.due < end.asOf) findings.push(finding('3.1.7', 'fail', o.id, o.at, 'not-closed', { id: o.id, due: o.due }));
          else pending++;
        }
        const judged = forwarded - pending;
        return result(statusFrom(findings), { forwarded, onTime, pending, onTimeRate: rate(onTime, judged) }, findings);
      },
    };
  },
};
export default check;

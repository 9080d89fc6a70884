// 4.4: handling rate = complaints with a handling opinion / complaints whose deadline has passed at
// the as-of date; it must be 100%. Complaints still inside their deadline are pending, not counted.
import { dayOf, finding, hasOpinion, isComplaint, note, rate, result } from './helpers.js';
import type { At, Check, Finding } from './types.js';

const check: Check = {
  id: '4.4',
  title: { zh: '投诉记录与处理率', en: 'Complaint records and handling rate' },
  requirement: { zh: '对消费者投诉问题做好记录，投诉处理率100%。', en: 'Consumers\' complaints are recorded, and 100% of them are handled.' },
  judged: 'data',
  datasets: ['complaints'],
  parameters: ['handlingRate', 'responseWorkingDays'],
  method: {
    zh: '处理率 = 有处理意见的投诉 ÷ 到审计日已过处理时限（受理后第 3 个工作日）的投诉，只计审计期间受理、类别为"投诉"的案件；"有处理意见"指处理意见或处理意见时间已填写；审计日之后才做出的意见在审计日尚不存在。时限早于审计日为已过，时限在审计日当天或之后的为待处理，不计入；须达到 100%，每件未处理的投诉为一条发现。',
    en: 'Handling rate = complaints with a handling opinion ÷ complaints whose deadline (the 3rd working day after receipt) has passed at the audit date, over cases of kind 投诉 received in the period; "has a handling opinion" means 处理意见 or 处理意见时间 is filled, and an opinion dated after the audit date did not exist at it. A deadline before the audit date has passed; one on or after it is pending and not counted; the rate must be 100%, and each unhandled complaint is a finding.',
  },
  messages: {
    unhandled: { zh: '{id} 受理于 {received}，处理时限 {deadline} 已过，无处理意见。', en: '{id}: received {received}, deadline {deadline} passed, no handling opinion.' },
    'no-column': { zh: '投诉台账既没有"处理意见"列也没有"处理意见时间"列，无法判定。', en: 'The complaint register has neither a 处理意见 nor a 处理意见时间 column.' },
    'no-complaints': { zh: '未提供投诉台账。', en: 'No complaint register supplied.' },
    'no-receipt-column': { zh: '投诉台账没有"受理时间"列，无法确定处理时限。', en: 'The complaint register has no 受理时间 (receipt) column, so no deadline can be placed.' },
    none: { zh: '审计期间没有已过处理时限的投诉。', en: 'No complaint in the period has reached its deadline.' },
    unplaced: { zh: '{count} 件投诉的处理时限超出日历范围，未计入（见 4.7）。', en: '{count} complaints have a deadline beyond the calendar and are not counted (see 4.7).' },
  },
  remediation: { zh: '对每件投诉在 3 个工作日内作出处理意见并记录，做到件件有处理。', en: 'Give and record a handling opinion on every complaint within 3 working days.' },
  start: (context) => {
    // Memory stays small: handled complaints are counted by deadline; only the unhandled ones are
    // kept with their ids, to be judged against the as-of date at the end.
    const handledBy = new Map<string, number>();
    const unanswered: { id: string; received: string; deadline: string; at: At }[] = [];
    let unplaced = 0;
    return {
      complaints(record, at) {
        const received = dayOf(record.receivedAt);
        if (!isComplaint(record) || !received || !context.inPeriod(received)) return;
        const { deadline } = context.deadlineOf(received);
        if (!deadline) return void unplaced++;
        // 处理意见 or 处理意见时间 filled, and not dated after the as-of date.
        if (hasOpinion(record, context.afterAsOf)) handledBy.set(deadline, (handledBy.get(deadline) ?? 0) + 1);
        else unanswered.push({ id: record.id ?? '', received, deadline, at });
      },
      finish(end) {
        if (!end.supplied.has('complaints')) return result('no-data', {}, [], [note('no-complaints')]);
        if (!end.hasColumn('complaints', 'receivedAt')) return result('no-data', {}, [], [note('no-receipt-column')]);
        if (!end.hasColumn('complaints', 'opinionAt') && !end.hasColumn('complaints', 'opinion')) return result('no-data', {}, [], [note('no-column')]);
        const findings: Finding[] = [];
        let due = 0;
        let handled = 0;
        let pending = 0;
        // A deadline has passed when it is before the as-of date; one on the as-of date is pending.
        for (const [deadline, count] of handledBy) {
          if (deadline >= end.asOf) pending += count;
          else {
            due += count;
            handled += count;
          }
        }
        for (const u of unanswered) {
          if (u.deadline >= end.asOf) pending++;
          else {
            due++;
            findings.push(finding('4.4', 'fail', u.id, u.at, 'unhandled', { id: u.id, received: u.received, deadline: u.deadline }));
          }
        }
        const notes = unplaced > 0 ? [note('unplaced', { count: unplaced })] : [];
        if (due === 0) return result('not-applicable', { handlingRate: null, due: 0, handled: 0, pending, unplaced }, [], [note('none'), ...notes]);
        const handlingRate = rate(handled, due)!;
        const metrics = { handlingRate, due, handled, pending, unplaced };
        return result(handlingRate >= end.params.handlingRate ? 'pass' : 'fail', metrics, findings, notes);
      },
    };
  },
};
export default check;

// 4.7: a handling opinion by the end of the 3rd working day after receipt, for every complaint.
import { workingDaysTaken } from '../calendar/calendar.js';
import { dayOf, finding, isComplaint, note, rate, result } from './helpers.js';
import type { At, Check, Finding } from './types.js';

const check: Check = {
  id: '4.7',
  title: { zh: '三个工作日内做出处理意见', en: 'Handling opinion within three working days' },
  requirement: { zh: '对消费者投诉件在三个工作日内做出处理意见。', en: 'A handling opinion is given on each consumer complaint within three working days.' },
  judged: 'data',
  datasets: ['complaints'],
  parameters: ['responseWorkingDays'],
  method: {
    zh: '审计期间受理、类别为"投诉"的案件（任何渠道），受理次日起算，第 3 个工作日结束前（法定节假日不计、调休上班日计入）做出处理意见；时限当日的意见为按时。按时与否以处理意见时间为准：有处理意见却没有处理意见时间的，过了时限即按逾期计（无法证明按时）；审计日之后才做出的意见在审计日尚不存在。逾期的每件为一条发现，列出时限和实际用时；时限早于审计日为已过，时限在审计日当天或之后且尚无意见的为待处理；日历无法确定的时限单独列出，不作推测。',
    en: 'Each case of kind 投诉 (any channel) received in the period gets its handling opinion by the end of the 3rd working day after the day of receipt (statutory holidays excluded, make-up working days included); an opinion on the deadline day is on time. Timeliness is shown by 处理意见时间: an opinion without a time counts as late once its deadline has passed (its timeliness cannot be shown), and an opinion dated after the audit date did not exist at it. Each late one is a finding with its deadline and working days taken; a deadline before the audit date has passed, and a complaint without an opinion whose deadline is on or after the audit date is pending; a deadline the calendar cannot place is listed, not guessed.',
  },
  messages: {
    late: {
      zh: '{id} 受理于 {received}，时限 {deadline}，{opinion} 才做出处理意见（用时 {taken} 个工作日）。',
      en: '{id}: received {received}, deadline {deadline}, opinion on {opinion} ({taken} working days).',
    },
    'no-opinion': { zh: '{id} 受理于 {received}，时限 {deadline} 已过，尚无处理意见。', en: '{id}: received {received}, deadline {deadline} passed, no opinion yet.' },
    'no-opinion-time': {
      zh: '{id} 受理于 {received}，时限 {deadline} 已过；有处理意见但未填写处理意见时间，无法证明按时，按逾期计。',
      en: '{id}: received {received}, deadline {deadline} passed; it has an opinion but no 处理意见时间, so its timeliness cannot be shown and it counts as late.',
    },
    unplaced: {
      zh: '{id} 受理于 {received}：{day} 超出日历范围，无法确定时限；请用 --calendar 提供该年的节假日安排。',
      en: '{id}: received {received}; {day} is beyond the calendar, so the deadline cannot be placed; supply that year\'s holidays with --calendar.',
    },
    'no-column': { zh: '投诉台账没有"处理意见时间"列，无法判定。', en: 'The complaint register has no 处理意见时间 column.' },
    'no-complaints': { zh: '未提供投诉台账。', en: 'No complaint register supplied.' },
    'no-receipt-column': { zh: '投诉台账没有"受理时间"列，无法确定处理时限。', en: 'The complaint register has no 受理时间 (receipt) column, so no deadline can be placed.' },
    none: { zh: '审计期间没有可判定的投诉。', en: 'No complaint in the period could be judged.' },
  },
  remediation: {
    zh: '建立投诉时限提醒，受理后 3 个工作日内做出处理意见并记录时间；节假日前受理的投诉提前安排。',
    en: 'Set up deadline reminders; give and record a handling opinion within 3 working days, and plan ahead for complaints received before holidays.',
  },
  start: (context) => {
    const findings: Finding[] = [];
    const waiting: { id: string; received: string; deadline: string; at: At; undated: boolean }[] = [];
    let onTime = 0;
    let late = 0;
    let unplaced = 0;
    const days = context.params.responseWorkingDays;
    return {
      complaints(record, at) {
        const received = dayOf(record.receivedAt);
        if (!isComplaint(record) || !received || !context.inPeriod(received)) return;
        const id = record.id ?? '';
        const { deadline, unknownDay } = context.deadlineOf(received);
        if (!deadline) {
          unplaced++;
          return void findings.push(finding('4.7', 'warn', id, at, 'unplaced', { id, received, day: unknownDay ?? '' }));
        }
        // An opinion dated after the as-of date did not exist at it; one without a time cannot show
        // that it was on time: both are judged at the end, once the deadline has passed.
        const opinion = context.afterAsOf(record.opinionAt) ? undefined : dayOf(record.opinionAt);
        if (!opinion) return void waiting.push({ id, received, deadline, at, undated: !record.opinionAt && !!record.opinion });
        if (opinion <= deadline) return void onTime++;
        late++;
        const taken = workingDaysTaken(context.calendar, received, opinion);
        findings.push(finding('4.7', 'fail', id, at, 'late', { id, received, deadline, opinion, taken: taken ?? '?', days }));
      },
      finish(end) {
        if (!end.supplied.has('complaints')) return result('no-data', {}, [], [note('no-complaints')]);
        if (!end.hasColumn('complaints', 'receivedAt')) return result('no-data', {}, [], [note('no-receipt-column')]);
        if (!end.hasColumn('complaints', 'opinionAt')) return result('no-data', {}, [], [note('no-column')]);
        let pending = 0;
        for (const w of waiting) {
          if (w.deadline < end.asOf) {
            late++;
            findings.push(finding('4.7', 'fail', w.id, w.at, w.undated ? 'no-opinion-time' : 'no-opinion', { id: w.id, received: w.received, deadline: w.deadline }));
          } else pending++;
        }
        const judged = onTime + late;
        const metrics = { onTimeRate: rate(onTime, judged), onTime, late, pending, unplaced };
        if (judged === 0) return result(unplaced > 0 ? 'warn' : 'not-applicable', metrics, findings, [note('none')]);
        return result(late > 0 ? 'fail' : unplaced > 0 ? 'warn' : 'pass', metrics, findings);
      },
    };
  },
};
export default check;

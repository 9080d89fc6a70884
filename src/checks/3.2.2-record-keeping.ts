// 3.2.2: every complaint (a case of kind 投诉, as SPEC §2 defines "complaint") is recorded with
// handler, received time and status, and carries a handling opinion once past its deadline.
// Inquiries and repair requests are judged by 3.2.3 and 4.6, not here.
import { dayOf, finding, hasOpinion, isComplaint, note, result, statusFrom } from './helpers.js';
import type { At, Check, Finding } from './types.js';

const check: Check = {
  id: '3.2.2',
  title: { zh: '受理登记与跟踪', en: 'Recording and following up cases' },
  requirement: {
    zh: '接待、受理消费者来电、来函、来访，填写相关记录并跟踪处理。',
    en: 'Receives consumers\' calls, letters and visits, records them and follows them up.',
  },
  judged: 'data',
  datasets: ['complaints'],
  parameters: ['responseWorkingDays'],
  method: {
    zh: '审计期间受理的每件投诉（类别为"投诉"；包括编号重复的行；受理时间缺失或无法识别的也在内）都有经办人、受理时间和处理状态，缺少任一项为一条发现；过了处理时限（3 个工作日，时限早于审计日为已过）应有处理意见（处理意见或处理意见时间已填写；审计日之后才做出的意见在审计日尚不存在）。',
    en: 'Every complaint (a case of kind 投诉) received in the period (rows with a duplicate id included, and rows whose received time is missing or unreadable) has a handler, a received time and a status; one missing any is a finding. A complaint whose deadline (3 working days; passed when before the audit date) has passed has a handling opinion (处理意见 or 处理意见时间 filled; an opinion dated after the audit date did not exist at it).',
  },
  messages: {
    incomplete: { zh: '{id} 缺少{fields}。', en: '{id}: no {fieldsEn}.' },
    'no-opinion': { zh: '{id} 已过处理时限 {deadline}，未记录处理意见。', en: '{id}: past its deadline {deadline} with no handling opinion recorded.' },
    'no-complaints': { zh: '未提供投诉台账。', en: 'No complaint register supplied.' },
    none: { zh: '审计期间没有受理的投诉。', en: 'No complaint received in the period.' },
  },
  remediation: { zh: '逐件登记经办人、受理时间、处理状态和处理意见，做到全程可追溯。', en: 'Record handler, received time, status and opinion for every case, so each can be traced end to end.' },
  start: (context) => {
    const findings: Finding[] = [];
    const awaiting: { id: string; deadline: string; at: At }[] = [];
    let records = 0;
    const FIELDS = { handler: ['经办人', 'handler'], receivedAt: ['受理时间', 'received time'], status: ['处理状态', 'status'] } as const;
    return {
      complaints(record, at) {
        if (!isComplaint(record)) return;
        if (record.receivedAt && !context.inPeriod(record.receivedAt)) return;
        records++;
        const id = record.id ?? `#${at.row}`;
        const missing = (Object.keys(FIELDS) as (keyof typeof FIELDS)[]).filter((k) => !record[k]);
        if (missing.length > 0) {
          findings.push(finding('3.2.2', 'fail', record.id ?? null, at, 'incomplete', { id, fields: missing.map((k) => FIELDS[k][0]).join('、'), fieldsEn: missing.map((k) => FIELDS[k][1]).join(', ') }));
        }
        const received = dayOf(record.receivedAt);
        // "Has a handling opinion": 处理意见 or 处理意见时间 filled, and not dated after the as-of date.
        if (received && !hasOpinion(record, context.afterAsOf)) {
          const { deadline } = context.deadlineOf(received);
          if (deadline) awaiting.push({ id, deadline, at });
        }
      },
      finish(end) {
        if (!end.supplied.has('complaints')) return result('no-data', {}, [], [note('no-complaints')]);
        for (const a of awaiting) if (a.deadline < end.asOf) findings.push(finding('3.2.2', 'fail', a.id, a.at, 'no-opinion', { id: a.id, deadline: a.deadline }));
        if (records === 0) return result('not-applicable', { records: 0, incomplete: 0 }, [], [note('none')]);
        return result(statusFrom(findings), { records, incomplete: findings.length }, findings);
      },
    };
  },
};
export default check;

// 4.8: a forwarded complaint gets an in-person reply at the authority and a written report.
import { closedDay, finding, isForwarded, note, result } from './helpers.js';
import type { At, Check, Finding } from './types.js';

const check: Check = {
  id: '4.8',
  title: { zh: '转办投诉面复并书面报告', en: 'Forwarded complaints: reply in person, report in writing' },
  requirement: {
    zh: '对主管部门转办的投诉件，售后服务经理接到通知后应到主管部门面复，并写出有关情况的书面报告。',
    en: 'For a complaint the authority forwards, the manager shall reply in person at the authority and write a report on it.',
  },
  judged: 'data',
  datasets: ['complaints'],
  parameters: ['forwardedChannels'],
  method: {
    zh: '审计期间受理的转办案件（受理渠道为主管部门转办、12345转办，不论类别：投诉、报修、咨询），一经办结（办结时间已填写，且不晚于审计日）或转办时限已过（早于审计日），应有"面复时间"和"书面报告"；缺少的每件为一条发现，审计日之后的面复在审计日尚不存在。未办结且时限未过（或未填写时限，见 3.1.7）的为待办。审计期间没有转办案件时不适用。',
    en: 'A forwarded case received in the period (channel 主管部门转办 or 12345转办, of any kind: 投诉, 报修, 咨询) has a 面复时间 and a 书面报告 once it is closed (办结时间 filled, not after the audit date) or its due date has passed (is before the audit date); each one missing them is a finding, and an in-person reply dated after the audit date had not happened at it. An open case whose due date has not passed (or that has none, a 3.1.7 finding) is pending. With no forwarded case in the period the clause is not applicable.',
  },
  messages: {
    missing: { zh: '{id} 缺少{items}。', en: '{id}: no {itemsEn}.' },
    'no-complaints': { zh: '未提供投诉台账。', en: 'No complaint register supplied.' },
    none: { zh: '审计期间没有转办案件。', en: 'No forwarded case in the period.' },
  },
  remediation: { zh: '转办投诉由经理到主管部门面复，并形成书面报告存档、登记报告编号。', en: 'Have the manager reply in person at the authority, and file a written report with its number.' },
  start: (context) => {
    const findings: Finding[] = [];
    const open: { id: string; due: string | undefined; at: At; data: Record<string, string> }[] = [];
    let forwarded = 0;
    return {
      complaints(record, at) {
        if (!isForwarded(record, context.params) || !context.inPeriod(record.receivedAt)) return;
        forwarded++;
        const items: [string, string][] = [];
        // A reply dated after the as-of date had not happened at it.
        if (!record.repliedInPersonAt || context.afterAsOf(record.repliedInPersonAt)) items.push(['面复时间', 'in-person reply']);
        if (!record.writtenReport) items.push(['书面报告', 'written report']);
        if (items.length === 0) return;
        const id = record.id ?? '';
        const data = { id, items: items.map((i) => i[0]).join('、'), itemsEn: items.map((i) => i[1]).join(' or ') };
        // Applies once the case is closed (办结时间 filled, not after the as-of date) or its due date has passed.
        if (closedDay(record, context.afterAsOf)) findings.push(finding('4.8', 'fail', id, at, 'missing', data));
        else open.push({ id, due: record.referralDue, at, data });
      },
      finish(end) {
        if (!end.supplied.has('complaints')) return result('no-data', {}, [], [note('no-complaints')]);
        if (forwarded === 0) return result('not-applicable', { forwarded: 0 }, [], [note('none')]);
        let pending = 0;
        for (const o of open) {
          if (o.due && o.due < end.asOf) findings.push(finding('4.8', 'fail', o.id, o.at, 'missing', o.data));
          else pending++;
        }
        return result(findings.length > 0 ? 'fail' : 'pass', { forwarded, missing: findings.length, pending }, findings);
      },
    };
  },
};
export default check;

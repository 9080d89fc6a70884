// 4.8: a forwarded complaint gets an in-person reply at the authority and a written report.
import { finding, isForwarded, note, result } from './helpers.js';
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
    zh: '转办投诉（主管部门转办、12345转办）已办结或已过转办时限的，应有"面复时间"和"书面报告"；缺少的每件为一条发现。',
    en: 'A forwarded complaint (主管部门转办, 12345转办) that is closed or past its due date has a 面复时间 and a 书面报告; each one missing them is a finding.',
  },
  messages: {
    missing: { zh: '{id} 缺少{items}。', en: '{id}: no {itemsEn}.' },
    'no-complaints': { zh: '未提供投诉台账。', en: 'No complaint register supplied.' },
    none: { zh: '审计期间没有转办投诉。', en: 'No forwarded complaints in the period.' },
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
        if (!record.repliedInPersonAt) items.push(['面复时间', 'in-person reply']);
        if (!record.writtenReport) items.push(['书面报告', 'written report']);
        if (items.length === 0) return;
        const id = record.id ?? '';
        const data = { id, items: items.map((i) => i[0]).join('、'), itemsEn: items.map((i) => i[1]).join(' or ') };
        if (record.status === '已办结') findings.push(finding('4.8', 'fail', id, at, 'missing', data));
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

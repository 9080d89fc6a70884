// 3.1.5: no escalation over the enterprise's head caused by the enterprise.
import { finding, note, result, statusFrom } from './helpers.js';
import type { Check, Finding } from './types.js';

const check: Check = {
  id: '3.1.5',
  title: { zh: '避免因企业原因越级投诉', en: 'No escalations caused by the enterprise' },
  requirement: {
    zh: '接待和处理消费者来电来访，避免消费者因企业原因造成越级投诉。',
    en: 'Receives and handles consumers\' calls and visits so that no consumer escalates a complaint over the enterprise\'s head for a cause of the enterprise.',
  },
  judged: 'data',
  datasets: ['complaints'],
  parameters: [],
  method: {
    zh: '审计期间受理的案件中，"是否越级投诉"为"是"且"越级原因"为"企业原因"的，每件为一条不符合；其他原因的越级投诉列出备查。审计期间没有受理案件时不适用。',
    en: 'Among cases received in the period, each marked 是否越级投诉 = 是 with 越级原因 = 企业原因 is a failure; escalations for other causes are listed. With no case received in the period the clause is not applicable.',
  },
  messages: {
    'by-enterprise': { zh: '{id} 因企业原因越级投诉（{received}）。', en: '{id}: escalated for a cause of the enterprise ({received}).' },
    other: { zh: '{id} 越级投诉，原因：{cause}。', en: '{id}: escalated; cause: {cause}.' },
    'no-column': { zh: '投诉台账没有"是否越级投诉"列，无法判定。', en: 'The complaint register has no 是否越级投诉 column.' },
    'no-complaints': { zh: '未提供投诉台账。', en: 'No complaint register supplied.' },
    none: { zh: '审计期间没有受理的案件。', en: 'No case received in the period.' },
  },
  remediation: {
    zh: '对因企业原因造成越级投诉的案件逐件分析原因、落实整改，首问负责、及时答复。',
    en: 'Analyse each escalation caused by the enterprise, remedy the cause, and answer consumers at the first contact and in good time.',
  },
  start: (context) => {
    const findings: Finding[] = [];
    let escalations = 0;
    let cases = 0;
    return {
      complaints(record, at) {
        if (!context.inPeriod(record.receivedAt)) return;
        cases++;
        if (record.escalated !== '是') return;
        escalations++;
        const data = { id: record.id ?? '', received: record.receivedAt?.slice(0, 10) ?? '', cause: record.escalationCause ?? '未填写' };
        findings.push(finding('3.1.5', record.escalationCause === '企业原因' ? 'fail' : 'info', record.id ?? null, at, record.escalationCause === '企业原因' ? 'by-enterprise' : 'other', data));
      },
      finish(end) {
        if (!end.supplied.has('complaints')) return result('no-data', {}, [], [note('no-complaints')]);
        if (!end.hasColumn('complaints', 'escalated')) return result('no-data', {}, [], [note('no-column')]);
        if (cases === 0) return result('not-applicable', { escalations: 0, byEnterprise: 0 }, [], [note('none')]);
        const byEnterprise = findings.filter((f) => f.level === 'fail').length;
        return result(statusFrom(findings), { escalations, byEnterprise }, findings);
      },
    };
  },
};
export default check;

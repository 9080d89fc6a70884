// 3.2.4: each closed complaint or repair has a follow-up callback linked by 关联投诉编号.
import { finding, note, rate, result } from './helpers.js';
import type { At, Check, Finding } from './types.js';

const check: Check = {
  id: '3.2.4',
  title: { zh: '处理结果回访', en: 'Callbacks on results' },
  requirement: { zh: '负责对售后服务结果进行回访，并做好记录。', en: 'Calls consumers back on the results of after-sales service and keeps records.' },
  judged: 'data',
  datasets: ['complaints', 'callbacks'],
  parameters: [],
  method: {
    zh: '审计期间已办结的投诉和报修，每件应有一条"关联投诉编号"指向它的回访记录；回访率低于 100% 为警告，每件未回访的列为一条发现。',
    en: 'Every complaint and repair closed in the period has a callback whose 关联投诉编号 names it; a rate below 100% is a warning, each case without one a finding.',
  },
  messages: {
    'no-callback': { zh: '{id}（{kind}）{closed} 办结，没有回访记录。', en: '{id} ({kind}) closed {closed}, no follow-up callback.' },
    'no-data': { zh: '需要投诉台账和回访记录。', en: 'Needs the complaint register and the callback sheet.' },
    none: { zh: '审计期间没有已办结的投诉或报修。', en: 'No complaint or repair closed in the period.' },
  },
  remediation: { zh: '对每件办结的投诉和报修进行回访，并在回访记录中填写关联投诉编号。', en: 'Call back on every closed complaint and repair, and fill in 关联投诉编号 on the callback.' },
  start: (context) => {
    const closed = new Map<string, { at: At; kind: string; closed: string }>();
    const followed = new Set<string>();
    return {
      complaints(record, at) {
        if ((record.kind !== '投诉' && record.kind !== '报修') || record.status !== '已办结' || !record.id) return;
        const day = (record.closedAt ?? record.receivedAt)?.slice(0, 10);
        if (!day || !context.inPeriod(day)) return;
        closed.set(record.id, { at, kind: record.kind, closed: record.closedAt?.slice(0, 10) ?? '' });
      },
      callbacks(record) {
        if (record.complaintId) followed.add(record.complaintId);
      },
      finish(end) {
        if (!end.supplied.has('complaints') || !end.supplied.has('callbacks')) return result('no-data', {}, [], [note('no-data')]);
        if (closed.size === 0) return result('not-applicable', { closed: 0 }, [], [note('none')]);
        const findings: Finding[] = [];
        for (const [id, c] of closed) if (!followed.has(id)) findings.push(finding('3.2.4', 'warn', id, c.at, 'no-callback', { id, kind: c.kind, closed: c.closed }));
        const withCallback = closed.size - findings.length;
        return result(findings.length > 0 ? 'warn' : 'pass', { closed: closed.size, withCallback, followUpRate: rate(withCallback, closed.size) }, findings);
      },
    };
  },
};
export default check;

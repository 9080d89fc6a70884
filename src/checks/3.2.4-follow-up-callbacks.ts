// 3.2.4: each closed complaint or repair has a follow-up callback linked by 关联投诉编号.
import { createColumn } from '../validate/id-table.js';
import { finding, note, rate, reachedCustomer, result } from './helpers.js';
import type { At, Check, Finding } from './types.js';

const check: Check = {
  id: '3.2.4',
  title: { zh: '处理结果回访', en: 'Callbacks on results' },
  requirement: { zh: '负责对售后服务结果进行回访，并做好记录。', en: 'Calls consumers back on the results of after-sales service and keeps records.' },
  judged: 'data',
  datasets: ['complaints', 'callbacks'],
  parameters: [],
  method: {
    zh: '审计期间办结的投诉和报修（"办结"指办结时间已填写，在审计期间内且不晚于审计日；编号重复的行各自判定），每件应有一条"关联投诉编号"指向它、回访到客户（回访状态为已回访或空白；未接通、拒访不算）的回访记录，回访日期不限，但不晚于审计日。回访率低于 100% 为警告，每件未回访的列为一条发现。回访记录已提供但没有一行时，回访率为 0%。',
    en: 'Every complaint and repair closed in the period ("closed": 办结时间 filled, in the period and not after the audit date; rows with a duplicate id are each judged) has a callback whose 关联投诉编号 names it and that reached the customer (回访状态 已回访 or blank; 未接通 and 拒访 do not count), of any date but not after the audit date. A rate below 100% is a warning, each case without one a finding. A callback sheet supplied with no row gives a rate of 0%.',
  },
  messages: {
    'no-callback': { zh: '{id}（{kind}）已办结，没有回访记录。', en: '{id} ({kind}) is closed with no follow-up callback.' },
    'no-data': { zh: '需要投诉台账和回访记录。', en: 'Needs the complaint register and the callback sheet.' },
    none: { zh: '审计期间没有已办结的投诉或报修。', en: 'No complaint or repair closed in the period.' },
  },
  remediation: { zh: '对每件办结的投诉和报修进行回访，并在回访记录中填写关联投诉编号。', en: 'Call back on every closed complaint and repair, and fill in 关联投诉编号 on the callback.' },
  start: (context) => {
    // One 32-bit number per closed case, by the complaint's number in the shared register (a
    // million cases cost 4 MB): its row, the file it is in and its kind, packed. A callback naming
    // a case marks it: what is unmarked at the end has no follow-up.
    const places: { file: string; sheet: string | null }[] = [];
    const ids = context.complaintIds;
    const closed = createColumn(); // 0: not a case closed in the period
    const FOLLOWED = 0xffffffff;
    let closedCount = 0;
    const placeOf = (at: At): number => {
      const last = places.length - 1;
      if (last >= 0 && places[last]!.file === at.file && places[last]!.sheet === at.sheet) return last;
      const found = places.findIndex((p) => p.file === at.file && p.sheet === at.sheet);
      if (found >= 0) return found;
      places.push({ file: at.file, sheet: at.sheet });
      return places.length - 1;
    };
    // row < 2^26 (and at least 1, so a packed case is never 0), place < 32, repair: 1 bit.
    const pack = (row: number, place: number, repair: boolean): number => (Math.min(row, 0x3ffffff) * 32 + Math.min(place, 31)) * 2 + (repair ? 1 : 0);
    // Rows beyond the first of a duplicate id, and rows with no id (no callback can name them):
    // rare, so kept as a list. Every row is judged (SPEC §3).
    const extra: { n: number; at: At; repair: boolean }[] = [];
    return {
      complaints(record, at) {
        if (record.kind !== '投诉' && record.kind !== '报修') return;
        // Closed: 办结时间 filled, in the period, and not after the as-of date.
        if (!record.closedAt || !context.inPeriod(record.closedAt) || context.afterAsOf(record.closedAt)) return;
        closedCount++;
        const repair = record.kind === '报修';
        if (!record.id) return void extra.push({ n: -1, at: { ...at }, repair });
        // The reading registered the id already.
        const n = ids.add(record.id);
        if (closed.get(n) !== 0) return void extra.push({ n, at: { ...at }, repair });
        closed.set(n, pack(at.row, placeOf(at), repair));
      },
      callbacks(record) {
        // A follow-up reached the customer (已回访 or blank), of any date but not after the as-of date.
        if (!record.complaintId || !reachedCustomer(record) || context.afterAsOf(record.date)) return;
        const n = ids.indexOf(record.complaintId);
        if (n >= 0 && closed.get(n) !== 0) closed.set(n, FOLLOWED);
      },
      finish(end) {
        if (!end.supplied.has('complaints') || !end.supplied.has('callbacks')) return result('no-data', {}, [], [note('no-data')]);
        if (closedCount === 0) return result('not-applicable', { closed: 0 }, [], [note('none')]);
        const findings: Finding[] = [];
        for (let n = 0; n < ids.size; n++) {
          const packed = closed.get(n);
          if (packed === 0 || packed === FOLLOWED) continue;
          const id = ids.idAt(n);
          const repair = packed % 2 === 1;
          const place = Math.floor(packed / 2) % 32;
          const row = Math.floor(packed / 64);
          const where = places[place]!;
          const at: At = { dataset: 'complaints', file: where.file, sheet: where.sheet, row };
          findings.push(finding('3.2.4', 'warn', id, at, 'no-callback', { id, kind: repair ? '报修' : '投诉' }));
        }
        for (const e of extra) {
          if (e.n >= 0 && closed.get(e.n) === FOLLOWED) continue;
          const id = e.n >= 0 ? ids.idAt(e.n) : `#${e.at.row}`;
          findings.push(finding('3.2.4', 'warn', e.n >= 0 ? id : null, e.at, 'no-callback', { id, kind: e.repair ? '报修' : '投诉' }));
        }
        const withCallback = closedCount - findings.length;
        return result(findings.length > 0 ? 'warn' : 'pass', { closed: closedCount, withCallback, followUpRate: rate(withCallback, closedCount) }, findings);
      },
    };
  },
};
export default check;

// An independent reading of the data-checked clauses, written from SPEC §3 and DOMAIN.md alone:
// plain loops over the records as the generator meant them, no code shared with src/. Where this
// and the audit disagree, one of them misreads SPEC.
import { nthWorkingDayAfter, plusDays, plusMonths, toDay, toMs } from './calendar.js';

export interface Case {
  id: string;
  row: number;
  project: string;
  unit: string | null;
  kind: '投诉' | '咨询' | '报修';
  channel: string;
  category: string | null;
  receivedAt: string | null; // 'YYYY-MM-DD HH:mm'
  opinion: string | null;
  opinionAt: string | null;
  closedAt: string | null;
  status: string | null;
  handler: string | null;
  warranty: string | null;
  referralDue: string | null;
  repliedInPersonAt: string | null;
  writtenReport: string | null;
  escalated: '是' | '否' | null;
  escalationCause: string | null;
}

export interface Callback {
  id: string;
  row: number;
  project: string;
  unit: string;
  date: string;
  reached: '已回访' | '未接通' | '拒访' | null;
  satisfaction: string | null;
  complaintId: string | null;
}

export interface Unit {
  project: string;
  unit: string;
  soldAt: string;
  deliveredAt: string | null;
}

export interface Enterprise {
  from: string;
  to: string;
  asOf: string;
  cases: Case[];
  callbacks: Callback[];
  units: Unit[];
}

export type Status = 'pass' | 'fail' | 'warn' | 'not-applicable' | 'no-data';
export interface Verdict {
  status: Status;
  /** Rates as the report gives them: fractions rounded to 6 places. */
  rates: Record<string, number | null>;
  /** `id@row` of the findings at level fail or warn, sorted. */
  findings: string[];
}

const FORWARDED = new Set(['主管部门转办', '12345转办']);
const SATISFIED = new Set(['非常满意', '满意', '较满意', '基本满意', '4', '5']);
const WARRANTY_MONTHS: Record<string, number | 'season'> = {
  屋面防水: 36, 渗漏: 12, 抹灰脱落: 12, 地面空鼓开裂: 12, 门窗五金: 12, 管道堵塞: 2, 供热供冷: 'season', 卫生洁具: 12, 灯具电器开关: 6,
};
const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const day = (stamp: string | null): string | null => (stamp ? stamp.slice(0, 10) : null);
const sorted = (cases: { id: string; row: number }[]): string[] => cases.map((c) => `${c.id}@${c.row}`).sort();

export function judge(e: Enterprise): Record<string, Verdict> {
  const { from, to, asOf } = e;
  /** A record dated after the as-of day did not exist then. */
  const existed = (stamp: string | null): string | null => {
    const d = day(stamp);
    return d !== null && d <= asOf ? d : null;
  };
  const inPeriod = (c: Case): boolean => {
    const d = day(c.receivedAt);
    return d !== null && d >= from && d <= to && d <= asOf;
  };
  const received = e.cases.filter(inPeriod);
  const complaints = received.filter((c) => c.kind === '投诉');
  const deadline = (c: Case): string => nthWorkingDayAfter(day(c.receivedAt)!, 3);
  const passed = (due: string): boolean => due < asOf;
  const out: Record<string, Verdict> = {};

  // 4.4: handled = 处理意见 or 处理意见时间 filled (and existing at the as-of date).
  const handled = (c: Case): boolean => existed(c.opinionAt) !== null || (c.opinion !== null && c.opinionAt === null);
  {
    const due = complaints.filter((c) => passed(deadline(c)));
    const unhandled = due.filter((c) => !handled(c));
    out['4.4'] = {
      status: due.length === 0 ? 'not-applicable' : unhandled.length > 0 ? 'fail' : 'pass',
      rates: { handlingRate: due.length === 0 ? null : round((due.length - unhandled.length) / due.length) },
      findings: sorted(unhandled),
    };
  }

  // 4.7: the opinion's time by the deadline; no time once the deadline passed is late.
  {
    let onTime = 0;
    const late: Case[] = [];
    for (const c of complaints) {
      const at = existed(c.opinionAt);
      const due = deadline(c);
      if (at !== null) {
        if (at <= due) onTime++;
        else late.push(c);
      } else if (passed(due)) late.push(c);
    }
    const judged = onTime + late.length;
    out['4.7'] = {
      status: judged === 0 ? 'not-applicable' : late.length > 0 ? 'fail' : 'pass',
      rates: { onTimeRate: judged === 0 ? null : round(onTime / judged) },
      findings: sorted(late),
    };
  }

  // 3.2.2: handler, received time, status, and an opinion once past the deadline.
  {
    const bad = complaints.filter((c) => !c.handler || !c.status || (passed(deadline(c)) && !handled(c)));
    out['3.2.2'] = {
      status: complaints.length === 0 ? 'not-applicable' : bad.length > 0 ? 'fail' : 'pass',
      rates: {},
      findings: sorted(bad),
    };
  }

  // 3.1.5: each escalation caused by the enterprise fails.
  {
    const escalated = received.filter((c) => c.escalated === '是');
    const byEnterprise = escalated.filter((c) => c.escalationCause === '企业原因');
    out['3.1.5'] = {
      status: byEnterprise.length > 0 ? 'fail' : 'pass',
      rates: {},
      findings: sorted(byEnterprise),
    };
  }

  // 3.1.7 and 4.8: forwarded cases of every kind.
  {
    const forwarded = received.filter((c) => FORWARDED.has(c.channel));
    const bad: Case[] = [];
    let onTime = 0;
    let pending = 0;
    for (const c of forwarded) {
      const closed = existed(c.closedAt);
      const due = c.referralDue;
      if (due === null) bad.push(c);
      else if (closed !== null) (closed <= due ? onTime++ : bad.push(c));
      else if (passed(due)) bad.push(c);
      else pending++;
    }
    const judged = forwarded.length - pending;
    out['3.1.7'] = {
      status: forwarded.length === 0 ? 'not-applicable' : bad.length > 0 ? 'fail' : 'pass',
      rates: { onTimeRate: judged === 0 ? null : round(onTime / judged) },
      findings: sorted(bad),
    };
    const missing: Case[] = [];
    for (const c of forwarded) {
      const applies = existed(c.closedAt) !== null || (c.referralDue !== null && passed(c.referralDue));
      if (applies && (existed(c.repliedInPersonAt) === null || !c.writtenReport)) missing.push(c);
    }
    out['4.8'] = {
      status: forwarded.length === 0 ? 'not-applicable' : missing.length > 0 ? 'fail' : 'pass',
      rates: {},
      findings: sorted(missing),
    };
  }

  // 3.2.4: cases of kind 投诉 or 报修 closed in the period, each with a reached linked callback.
  {
    const reachedFollowUp = new Set(
      e.callbacks.filter((b) => b.complaintId && b.reached !== '未接通' && b.reached !== '拒访' && b.date <= asOf).map((b) => b.complaintId!),
    );
    const closed = e.cases.filter((c) => {
      const d = existed(c.closedAt);
      return (c.kind === '投诉' || c.kind === '报修') && d !== null && d >= from && d <= to;
    });
    const without = closed.filter((c) => !reachedFollowUp.has(c.id));
    out['3.2.4'] = {
      status: closed.length === 0 ? 'not-applicable' : without.length > 0 ? 'warn' : 'pass',
      rates: { followUpRate: closed.length === 0 ? null : round((closed.length - without.length) / closed.length) },
      findings: sorted(without),
    };
  }

  // 4.5 and 5.1: callbacks dated in the period (and by the as-of day) that reached the customer.
  const callbacks = e.callbacks.filter((b) => b.date >= from && b.date <= to && b.date <= asOf && b.reached !== '未接通' && b.reached !== '拒访');
  {
    const valid = callbacks.filter((b) => b.satisfaction !== null);
    const satisfied = valid.filter((b) => SATISFIED.has(b.satisfaction!));
    const rate = valid.length === 0 ? null : satisfied.length / valid.length;
    out['4.5'] = {
      status: rate === null ? 'not-applicable' : rate >= 0.9 ? 'pass' : 'fail',
      rates: { satisfactionRate: rate === null ? null : round(rate) },
      findings: [],
    };
  }
  {
    const key = (project: string, unit: string): string => `${project}\u0000${unit}`;
    const sold = e.units.filter((u) => u.soldAt <= to);
    const soldKeys = new Set(sold.map((u) => key(u.project, u.unit)));
    const reached = new Set(callbacks.map((b) => key(b.project, b.unit)).filter((k) => soldKeys.has(k)));
    const projects = [...new Set(sold.map((u) => u.project))];
    const unsampled = projects.filter((p) => ![...reached].some((k) => k.startsWith(`${p}\u0000`)));
    const rate = sold.length === 0 ? null : reached.size / sold.length;
    out['5.1'] = {
      status: rate === null ? 'not-applicable' : rate < 0.3 ? 'fail' : unsampled.length > 0 ? 'warn' : 'pass',
      rates: { callbackRate: rate === null ? null : round(rate) },
      findings: [],
    };
  }

  // 4.6: a repair in a warranty class, received between delivery and the end of its period, refused.
  {
    const delivered = new Map(e.units.filter((u) => u.deliveredAt).map((u) => [`${u.project}\u0000${u.unit}`, u.deliveredAt!]));
    const wrong: Case[] = [];
    let judgedAny = false;
    for (const c of received) {
      if (c.kind === '咨询' || c.warranty !== '超出保修期' || !c.category || !(c.category in WARRANTY_MONTHS) || !c.unit) continue;
      const at = delivered.get(`${c.project}\u0000${c.unit}`);
      if (!at) continue;
      judgedAny = true;
      const got = day(c.receivedAt)!;
      const months = WARRANTY_MONTHS[c.category]!;
      const end = months === 'season' ? heatingSeasonEnd(at) : plusMonths(at, months);
      if (got >= at && got <= end) wrong.push(c);
    }
    out['4.6'] = {
      status: delivered.size === 0 ? 'no-data' : wrong.length > 0 ? 'fail' : judgedAny ? 'pass' : 'pass',
      rates: {},
      findings: sorted(wrong),
    };
  }
  return out;
}

/** The end of the first full heating season (16 Nov to 5 Apr) that begins after delivery. */
export function heatingSeasonEnd(delivered: string): string {
  const y = +delivered.slice(0, 4);
  const start = `${y}-11-16` > delivered ? `${y}-11-16` : `${y + 1}-11-16`;
  return `${+start.slice(0, 4) + 1}-04-05`;
}

export { plusDays, toDay, toMs };

// `due`: what the after-sales staff must do today, by the rules the audit applies a year later.
// - 4.7: complaints without a handling opinion whose deadline (the same workingDayDeadline and
//   responseWorkingDays the clause uses) has passed, is today, or is the next working day;
// - 3.1.7: forwarded cases not closed whose 转办时限 has passed or falls by the next working day
//   (or that have none);
// - 3.2.4: closed complaints and repairs with no follow-up callback that reached the customer.
// Records dated after the as-of date did not exist then (SPEC §3), exactly as in the audit.
import { workingDayDeadline, workingDaysTaken, type Calendar } from '../calendar/calendar.js';
import { addDays } from '../calendar/days.js';
import { closedDay, dayOf, isComplaint, isForwarded, reachedCustomer } from '../checks/helpers.js';
import type { Parameters } from '../checks/parameters.js';
import { readEnterprise, type Reading, type ReadOptions } from '../pipeline.js';

export type DueKind = 'opinion' | 'forwarded' | 'callback';
/**
 * overdue: the deadline has passed; today: it ends today; next: it ends on the next working day;
 * unplaced: the calendar cannot place the deadline (a year past its data); open: a callback owed (no deadline).
 */
export type DueState = 'overdue' | 'today' | 'next' | 'unplaced' | 'open';

export interface DueItem {
  readonly kind: DueKind;
  readonly state: DueState;
  /** Clause whose rule sets the deadline. */
  readonly clause: '4.7' | '3.1.7' | '3.2.4';
  readonly id: string;
  readonly project: string;
  readonly unit: string;
  readonly handler: string;
  readonly received: string;
  /** Closing day (callbacks). */
  readonly closed: string | null;
  /** The last day allowed; null for a callback, or a forwarded case without 转办时限, or a day the calendar cannot place. */
  readonly deadline: string | null;
  /** Working days after the as-of date up to the deadline (0: it ends today); null when overdue or no deadline. */
  readonly workingDaysLeft: number | null;
  /** Working days after the deadline up to the as-of date (0 when only days off have passed); null unless overdue. */
  readonly workingDaysOverdue: number | null;
  /** Extra reason: 'no-due' (forwarded without 转办时限), 'no-opinion-time' (an opinion without its time), 'unplaced' (calendar gap). */
  readonly reason: string | null;
  readonly file: string;
  readonly sheet: string | null;
  readonly row: number;
}

export interface DueGroup {
  readonly handler: string;
  readonly items: readonly DueItem[];
}

export interface DueResult {
  readonly asOf: string;
  /** The first working day after the as-of date (null beyond the calendar). */
  readonly nextWorkingDay: string | null;
  readonly from: string | null;
  readonly groups: readonly DueGroup[];
  readonly counts: Readonly<Record<DueState, number>>;
  readonly reading: Reading;
}

export interface DueOptions extends ReadOptions {
  readonly asOf: string;
  /** Only cases received (callbacks: closed) on or after this day; null: all, or the profile's period start with `fromProfile`. */
  readonly from: string | null;
  /** With no `from`: the profile's period start when it is not after the as-of date. */
  readonly fromProfile?: boolean;
  readonly calendar: Calendar;
  readonly params: Parameters;
}

const STATE_RANK: Readonly<Record<DueState, number>> = { overdue: 0, today: 1, next: 2, unplaced: 3, open: 4 };
const KIND_RANK: Readonly<Record<DueKind, number>> = { opinion: 0, forwarded: 1, callback: 2 };
const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Most urgent first: overdue, today, next working day, then callbacks; earliest deadline first. */
export function compareDue(a: DueItem, b: DueItem): number {
  return (
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    text(a.deadline ?? '', b.deadline ?? '') ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    text(a.closed ?? a.received, b.closed ?? b.received) ||
    text(a.id, b.id) ||
    text(a.file, b.file) ||
    a.row - b.row
  );
}

export function nextWorkingDay(calendar: Calendar, day: string): string | null {
  let at = day;
  for (let i = 0; i < 60; i++) {
    at = addDays(at, 1);
    const kind = calendar.kind(at);
    if (kind === null) return null;
    if (kind === 'work') return at;
  }
  return null;
}

export async function runDue(options: DueOptions): Promise<DueResult> {
  const { asOf, calendar, params } = options;
  const afterAsOf = (day: string | undefined): boolean => day !== undefined && day.slice(0, 10) > asOf;
  const next = nextWorkingDay(calendar, asOf);
  let from = options.from;
  const since = (day: string | undefined): boolean => day !== undefined && (from === null || day >= from);
  const items: DueItem[] = [];
  const closedCases: { item: Omit<DueItem, 'state'>; id: string }[] = [];
  const followed = new Set<string>();

  /** The state of a deadline at the as-of date, or null when it is further off than the next working day. */
  const stateOf = (deadline: string): DueState | null => {
    if (deadline < asOf) return 'overdue';
    if (deadline === asOf) return 'today';
    if (next === null || deadline <= next) return 'next';
    return null;
  };
  const timing = (deadline: string, state: DueState) =>
    state === 'overdue'
      ? { workingDaysLeft: null, workingDaysOverdue: workingDaysTaken(calendar, deadline, asOf) }
      : { workingDaysLeft: workingDaysTaken(calendar, asOf, deadline), workingDaysOverdue: null };

  const reading = await readEnterprise(options, { start: ({ profile }) => {
    const periodFrom = profile?.period?.from ?? null;
    if (from === null && options.fromProfile && periodFrom !== null && periodFrom <= asOf) from = periodFrom;
    return (record, source, row) => {
    if (source.dataset === 'callbacks') {
      // A follow-up (3.2.4): a callback naming the case that reached the customer, not after the as-of date.
      if (record['complaintId'] && reachedCustomer(record) && !afterAsOf(record['date'])) followed.add(record['complaintId']);
      return;
    }
    if (source.dataset !== 'complaints') return;
    const received = dayOf(record['receivedAt']);
    if (!received || received > asOf) return;
    const base = {
      id: record['id'] ?? '',
      project: record['project'] ?? '',
      unit: record['unit'] ?? '',
      handler: record['handler'] ?? '',
      received,
      closed: null,
      file: source.file,
      sheet: source.sheet,
      row,
    };
    const closed = closedDay(record, afterAsOf);
    // 4.7: a complaint (any channel) without an opinion at the as-of date, as the clause reads it.
    if (isComplaint(record) && since(received)) {
      const opinion = afterAsOf(record['opinionAt']) ? undefined : dayOf(record['opinionAt']);
      if (!opinion) {
        const { deadline, unknownDay } = workingDayDeadline(calendar, received, params.responseWorkingDays);
        if (deadline === null) {
          items.push({ ...base, kind: 'opinion', clause: '4.7', state: 'unplaced', deadline: null, workingDaysLeft: null, workingDaysOverdue: null, reason: `unplaced:${unknownDay ?? ''}` });
        } else {
          const state = stateOf(deadline);
          const undated = !record['opinionAt'] && !!record['opinion'];
          if (state) items.push({ ...base, kind: 'opinion', clause: '4.7', state, deadline, ...timing(deadline, state), reason: undated ? 'no-opinion-time' : null });
        }
      }
    }
    // 3.1.7: forwarded, of any kind, not closed.
    if (isForwarded(record, params) && since(received) && !closed) {
      const due = record['referralDue'];
      if (!due) items.push({ ...base, kind: 'forwarded', clause: '3.1.7', state: 'overdue', deadline: null, workingDaysLeft: null, workingDaysOverdue: null, reason: 'no-due' });
      else {
        const state = stateOf(due);
        if (state) items.push({ ...base, kind: 'forwarded', clause: '3.1.7', state, deadline: due, ...timing(due, state), reason: null });
      }
    }
    // 3.2.4: closed complaints and repairs, waiting for their follow-up (known once every callback is read).
    if ((record['kind'] === '投诉' || record['kind'] === '报修') && closed && since(closed)) {
      closedCases.push({
        id: record['id'] ?? '',
        item: { ...base, closed, kind: 'callback', clause: '3.2.4', deadline: null, workingDaysLeft: null, workingDaysOverdue: null, reason: null },
      });
    }
  };
  } });
  for (const { id, item } of closedCases) if (!id || !followed.has(id)) items.push({ ...item, state: 'open' });

  const byHandler = new Map<string, DueItem[]>();
  for (const item of items.sort(compareDue)) {
    const list = byHandler.get(item.handler);
    if (list) list.push(item);
    else byHandler.set(item.handler, [item]);
  }
  // The group with the most urgent item first; then by name (code-unit order: the same on every machine).
  const groups = [...byHandler].map(([handler, list]) => ({ handler, items: list })).sort((a, b) => compareDue(a.items[0]!, b.items[0]!) || text(a.handler, b.handler));
  const counts = { overdue: 0, today: 0, next: 0, unplaced: 0, open: 0 };
  for (const item of items) counts[item.state]++;
  return { asOf, nextWorkingDay: next, from, groups, counts, reading };
}

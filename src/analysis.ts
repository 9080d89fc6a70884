// The report's own statistical analysis (clause 5.2): complaints by month, project, channel and
// category (Pareto), working days to a handling opinion, open complaints by age, satisfaction and
// callback coverage by project. Folds over rows like a check; memory is a few counters per key.
import { workingDaysTaken } from './calendar/calendar.js';
import { daysBetween } from './calendar/days.js';
import { addToHistogram, dayOf, histogramQuantile, rate, wilson } from './checks/helpers.js';
import { warrantyClass } from './checks/warranty.js';
import type { FinishContext, StartContext } from './checks/types.js';
import type { Callback, Complaint } from './model.js';

export interface Count {
  readonly key: string;
  readonly count: number;
}

export interface Analysis {
  readonly cases: { readonly total: number; readonly byKind: readonly Count[] };
  readonly complaintsByMonth: readonly Count[];
  readonly complaintsByProject: readonly Count[];
  readonly complaintsByChannel: readonly Count[];
  /** 投诉 and 报修 by warranty class, most frequent first, with the cumulative share (Pareto). */
  readonly categories: readonly (Count & { readonly share: number; readonly cumulative: number })[];
  readonly workingDaysToOpinion: {
    readonly count: number;
    readonly median: number | null;
    readonly p90: number | null;
    readonly max: number | null;
    readonly histogram: readonly { readonly days: number; readonly count: number }[];
  };
  /** Open complaints (not 已办结) by calendar days since receipt at the as-of date. */
  readonly openByAge: readonly Count[];
  readonly satisfactionByProject: readonly {
    readonly project: string;
    readonly valid: number;
    readonly satisfied: number;
    readonly rate: number | null;
    readonly interval95: readonly [number, number] | null;
  }[];
  readonly callbackCoverageByProject: readonly { readonly project: string; readonly sold: number; readonly reached: number; readonly rate: number | null }[];
}

const AGE_BUCKETS: readonly [string, number][] = [
  ['0-3', 3],
  ['4-10', 10],
  ['11-30', 30],
  ['31-90', 90],
  ['>90', Number.POSITIVE_INFINITY],
];

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function counts(map: ReadonlyMap<string, number>, order: 'key' | 'count'): Count[] {
  const list = [...map].map(([key, count]) => ({ key, count }));
  return order === 'key' ? list.sort((a, b) => compareText(a.key, b.key)) : list.sort((a, b) => b.count - a.count || compareText(a.key, b.key));
}

/** The months from..to inclusive, as YYYY-MM. */
function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  // A period is at most a few decades; the bound keeps a mistyped one from running away.
  for (let i = 0; i < 1200; i++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

/** Complaints by month over every month of the period: a month without one is there, as 0. */
function everyMonth(byMonth: ReadonlyMap<string, number>, period: { readonly from: string; readonly to: string } | null): Count[] {
  if (!period) return counts(byMonth, 'key');
  const all = new Map<string, number>(monthsOf(period.from, period.to).map((k) => [k, 0]));
  for (const [k, n] of byMonth) all.set(k, n);
  return counts(all, 'key');
}

const bump = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1);

export interface AnalysisRun {
  complaints(record: Readonly<Partial<Complaint>>): void;
  callbacks(record: Readonly<Partial<Callback>>): void;
  finish(context: FinishContext): Analysis;
}

export function startAnalysis(context: StartContext): AnalysisRun {
  const byKind = new Map<string, number>();
  const byMonth = new Map<string, number>();
  const byProject = new Map<string, number>();
  const byChannel = new Map<string, number>();
  const byCategory = new Map<string, number>();
  const toOpinion = new Map<number, number>();
  const openReceived = new Map<string, number>();
  const satisfied = new Set(context.params.satisfiedGrades);
  const satisfaction = new Map<string, { valid: number; satisfied: number }>();
  let total = 0;
  return {
    complaints(record) {
      const received = dayOf(record.receivedAt);
      if (!received || !context.inPeriod(received)) return;
      total++;
      if (record.kind) bump(byKind, record.kind);
      if (record.kind === '投诉' || record.kind === '报修') bump(byCategory, warrantyClass(record.category) ?? (record.category ? '未归类' : '未填写'));
      if (record.kind !== '投诉') return;
      bump(byMonth, received.slice(0, 7));
      if (record.project) bump(byProject, record.project);
      if (record.channel) bump(byChannel, record.channel);
      const opinion = context.afterAsOf(record.opinionAt) ? undefined : dayOf(record.opinionAt);
      if (opinion) {
        const taken = workingDaysTaken(context.calendar, received, opinion);
        if (taken !== null) addToHistogram(toOpinion, taken);
      }
      if (record.status && record.status !== '已办结') bump(openReceived, received);
    },
    callbacks(record) {
      if (!context.inPeriod(record.date) || context.afterAsOf(record.date) || (record.reached && record.reached !== '已回访') || !record.project) return;
      if (!record.satisfaction) return;
      const entry = satisfaction.get(record.project) ?? { valid: 0, satisfied: 0 };
      entry.valid++;
      if (satisfied.has(record.satisfaction)) entry.satisfied++;
      satisfaction.set(record.project, entry);
    },
    finish(end) {
      const categories = counts(byCategory, 'count');
      const categoryTotal = categories.reduce((s, c) => s + c.count, 0);
      let cumulative = 0;
      const pareto = categories.map((c) => {
        cumulative += c.count;
        return { ...c, share: rate(c.count, categoryTotal) ?? 0, cumulative: rate(cumulative, categoryTotal) ?? 0 };
      });
      const ages = new Map<string, number>(AGE_BUCKETS.map(([name]) => [name, 0]));
      for (const [received, count] of openReceived) {
        const age = Math.max(0, daysBetween(received, end.asOf));
        const bucket = AGE_BUCKETS.find(([, limit]) => age <= limit)![0];
        ages.set(bucket, ages.get(bucket)! + count);
      }
      const coverage = end.units.coverage(end.resolvedPeriod?.to ?? end.asOf);
      let opinions = 0;
      for (const n of toOpinion.values()) opinions += n;
      return {
        cases: { total, byKind: counts(byKind, 'count') },
        complaintsByMonth: everyMonth(byMonth, end.resolvedPeriod),
        complaintsByProject: counts(byProject, 'count'),
        complaintsByChannel: counts(byChannel, 'count'),
        categories: pareto,
        workingDaysToOpinion: {
          count: opinions,
          median: histogramQuantile(toOpinion, 0.5),
          p90: histogramQuantile(toOpinion, 0.9),
          max: histogramQuantile(toOpinion, 1),
          histogram: [...toOpinion].sort(([a], [b]) => a - b).map(([days, count]) => ({ days, count })),
        },
        openByAge: AGE_BUCKETS.map(([key]) => ({ key, count: ages.get(key)! })),
        satisfactionByProject: [...satisfaction]
          .sort(([a], [b]) => compareText(a, b))
          .map(([project, s]) => ({ project, valid: s.valid, satisfied: s.satisfied, rate: rate(s.satisfied, s.valid), interval95: wilson(s.satisfied, s.valid) })),
        callbackCoverageByProject: coverage.map(([project, c]) => ({ project, sold: c.sold, reached: c.reached, rate: rate(c.reached, c.sold) })),
      };
    },
  };
}

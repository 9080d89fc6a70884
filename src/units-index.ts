// The sold units, remembered once for the whole audit in a compact table: sale and delivery days,
// and whether a callback reached the unit in the period. 4.6 (delivery dates), 5.1 and the analysis
// (coverage by project) read it; a ledger of a quarter of a million units costs a few MB.
import { dayToMs, msToDay } from './calendar/days.js';
import { createColumn, createIdIndex, type IdIndex } from './validate/id-table.js';
import { unitKey } from './validate/integrity.js';

export interface ProjectCoverage {
  readonly sold: number;
  readonly reached: number;
}

export interface UnitsIndex {
  readonly size: number;
  add(project: string, unit: string, soldAt: string | undefined, deliveredAt: string | undefined): void;
  /** A callback reached this unit in the period. */
  markReached(project: string, unit: string): void;
  deliveredAt(project: string, unit: string): string | undefined;
  /** Units sold by `periodEnd` and reached, per project, in code-unit order of the project names. */
  coverage(periodEnd: string): [string, ProjectCoverage][];
}

const DAY = 86_400_000;

/** Days since 1949-12-31: 1 for 1950-01-01, 55 153 for 2100-12-31; 0 means none. */
const BASE = Date.UTC(1949, 11, 31);
const dayNumber = (day: string | undefined): number => (day ? Math.round((dayToMs(day) - BASE) / DAY) : 0);
const toDay = (n: number): string | undefined => (n === 0 ? undefined : msToDay(BASE + n * DAY));

/**
 * `ids`: the index that numbers "project\0unit" keys, shared with the reading's integrity checks
 * (which register every unit first); a new one when none is given.
 */
export function createUnitsIndex(ids: IdIndex = createIdIndex(1 << 12)): UnitsIndex {
  // The unit's facts sit in parallel columns, by its number in `ids`. A project is stored as its
  // index + 1: 0 marks a number this index has not recorded (an id the index was not given).
  // Day numbers fit 16 bits until 2129; projects 65,535.
  const projectOf = createColumn(16);
  const soldOf = createColumn(16);
  const deliveredOf = createColumn(16);
  const reachedOf = createColumn(16);
  const projects: string[] = [];
  const projectIndex = new Map<string, number>();
  let size = 0;
  const numberOf = (project: string, unit: string): number => {
    const n = ids.indexOf(unitKey(project, unit));
    return n >= 0 && n < ids.size && projectOf.get(n) !== 0 ? n : -1;
  };
  return {
    get size() {
      return size;
    },
    add(project, unit, soldAt, deliveredAt) {
      let p = projectIndex.get(project);
      if (p === undefined) {
        p = projects.length;
        projects.push(project);
        projectIndex.set(project, p);
      }
      const n = ids.add(unitKey(project, unit));
      if (projectOf.get(n) !== 0) return; // a duplicate: the first one counts
      size++;
      projectOf.set(n, p + 1);
      soldOf.set(n, dayNumber(soldAt));
      deliveredOf.set(n, dayNumber(deliveredAt));
      reachedOf.set(n, 0);
    },
    markReached(project, unit) {
      const n = numberOf(project, unit);
      if (n >= 0) reachedOf.set(n, 1);
    },
    deliveredAt(project, unit) {
      const n = numberOf(project, unit);
      return n < 0 ? undefined : toDay(deliveredOf.get(n));
    },
    coverage(periodEnd) {
      const end = dayNumber(periodEnd);
      const totals = new Map<number, { sold: number; reached: number }>();
      for (let n = 0; n < ids.size; n++) {
        const sold = soldOf.get(n);
        if (projectOf.get(n) === 0 || sold === 0 || sold > end) continue;
        const p = projectOf.get(n) - 1;
        const entry = totals.get(p) ?? { sold: 0, reached: 0 };
        entry.sold++;
        entry.reached += reachedOf.get(n);
        totals.set(p, entry);
      }
      return [...totals]
        .map(([p, c]) => [projects[p]!, c] as [string, ProjectCoverage])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    },
  };
}

// The sold units, remembered once for the whole audit in a compact table: sale and delivery days,
// and whether a callback reached the unit in the period. 4.6 (delivery dates), 5.1 and the analysis
// (coverage by project) read it; a ledger of a quarter of a million units costs a few MB.
import { dayToMs, msToDay } from './calendar/days.js';
import { createIdTable } from './validate/id-table.js';

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
// value = ((project * 2^16 + sold) * 2^16 + delivered) * 2 + reached; a day 0 means "none".
const SIXTEEN = 65_536;

/** Days since 1949-12-31: 1 for 1950-01-01, 55 153 for 2100-12-31; 0 means none. */
const BASE = Date.UTC(1949, 11, 31);
const dayNumber = (day: string | undefined): number => (day ? Math.round((dayToMs(day) - BASE) / DAY) : 0);
const key = (project: string, unit: string): string => `${project}\u0000${unit}`;

export function createUnitsIndex(): UnitsIndex {
  const table = createIdTable(1 << 12);
  const projects: string[] = [];
  const projectIndex = new Map<string, number>();
  const decode = (value: number) => {
    const reached = value % 2;
    const delivered = Math.floor(value / 2) % SIXTEEN;
    const sold = Math.floor(value / (2 * SIXTEEN)) % SIXTEEN;
    const project = Math.floor(value / (2 * SIXTEEN * SIXTEEN));
    return { reached, delivered, sold, project };
  };
  const toDay = (n: number): string | undefined => (n === 0 ? undefined : msToDay(BASE + n * DAY));
  return {
    get size() {
      return table.size;
    },
    add(project, unit, soldAt, deliveredAt) {
      let p = projectIndex.get(project);
      if (p === undefined) {
        p = projects.length;
        projects.push(project);
        projectIndex.set(project, p);
      }
      table.add(key(project, unit), ((p * SIXTEEN + dayNumber(soldAt)) * SIXTEEN + dayNumber(deliveredAt)) * 2);
    },
    markReached(project, unit) {
      const k = key(project, unit);
      const value = table.get(k);
      if (value !== undefined && value % 2 === 0) table.set(k, value + 1);
    },
    deliveredAt(project, unit) {
      const value = table.get(key(project, unit));
      return value === undefined ? undefined : toDay(decode(value).delivered);
    },
    coverage(periodEnd) {
      const totals = new Map<number, { sold: number; reached: number }>();
      for (const [, value] of table.entries()) {
        const { project, sold, reached } = decode(value);
        const soldDay = toDay(sold);
        if (!soldDay || soldDay > periodEnd) continue;
        const entry = totals.get(project) ?? { sold: 0, reached: 0 };
        entry.sold++;
        entry.reached += reached;
        totals.set(project, entry);
      }
      return [...totals]
        .map(([p, c]) => [projects[p]!, c] as [string, ProjectCoverage])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    },
  };
}

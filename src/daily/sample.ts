// `sample`: a callback plan for clause 5.1 (采取抽样方法…回访率应为已售房屋的30%以上). For each
// project: the homes sold by the period end (as 5.1 counts them), those already reached by a callback
// in the period (as 5.1 counts them: same home key, reached, in the period, not after the as-of
// date), and enough of the rest drawn at random to bring the project to the rate, rounded up.
// Reproducible: a seeded generator of our own (never Math.random), one stream per project (and per
// building when stratified), so adding a project never changes another's draw.
import { addDays } from '../calendar/days.js';
import { reachedCustomer } from '../checks/helpers.js';
import { readEnterprise, type Reading, type ReadOptions } from '../pipeline.js';
import { homeKey } from '../validate/identifiers.js';

export interface SampleOptions extends ReadOptions {
  /** The rate to reach in every project (5.1: 0.3). */
  readonly rate: number;
  readonly seed: number;
  /** The audit period; null ends: the profile's period, else open (from) and the as-of date (to). */
  readonly from: string | null;
  readonly to: string | null;
  /** Today in China, injected; the as-of date is the period end when that is earlier (as the audit). */
  readonly today: string;
  readonly asOf: string | null;
  /** Units reached by a callback on any of the last N days up to the as-of date are not drawn. 0: none excluded. */
  readonly excludeDays: number;
  readonly byBuilding: boolean;
}

export interface PlannedUnit {
  readonly project: string;
  readonly unit: string;
  readonly owner: string;
  /** The building read from the 房号 ('' when it cannot be told). */
  readonly building: string;
}

export interface ProjectPlan {
  readonly project: string;
  readonly sold: number;
  readonly reached: number;
  /** Homes to reach for the rate, rounded up. */
  readonly target: number;
  /** Homes that could be drawn (sold, not reached in the period, not reached recently). */
  readonly candidates: number;
  readonly planned: readonly PlannedUnit[];
  /** Reached once the plan is done, over sold. */
  readonly rateAfter: number | null;
  /** The plan cannot reach the rate: too few candidates. */
  readonly short: number;
}

export interface SamplePlan {
  readonly period: { readonly from: string | null; readonly to: string };
  readonly asOf: string;
  readonly rate: number;
  readonly seed: number;
  readonly excludeDays: number;
  readonly byBuilding: boolean;
  readonly projects: readonly ProjectPlan[];
  readonly reading: Reading;
}

/** 32-bit FNV-1a over UTF-16 code units, then mixed: a seed for a stream. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** sfc32: a small, fast, well-tested generator of 32-bit numbers; floats in [0, 1). */
export function seededRandom(seed: number, stream: string): () => number {
  let a = hash(`${seed}\u0000a\u0000${stream}`);
  let b = hash(`${seed}\u0000b\u0000${stream}`);
  let c = hash(`${seed}\u0000c\u0000${stream}`);
  let d = 1;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** k of the items drawn without replacement (a partial Fisher–Yates shuffle). */
export function draw<T>(items: readonly T[], k: number, random: () => number): T[] {
  const pool = [...items];
  const n = Math.min(k, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

/** The building of a home from its key (2-1-401 → 2, 5#302 → 5); '' when the 房号 does not say. */
export function buildingOf(unit: string): string {
  const key = homeKey(unit);
  const full = /^([^-#]+)-[^-]+-[^-]+$/.exec(key);
  if (full) return full[1]!;
  const hashed = /^([^#]+)#/.exec(key);
  return hashed ? hashed[1]! : '';
}

/** Numbers compared as numbers, the rest by code unit: 2-1-1001 after 2-1-401, on every machine. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y) && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Seats of `k` shared among groups in proportion to their sizes (largest remainder; ties by name). */
export function allocate(sizes: ReadonlyMap<string, number>, k: number): Map<string, number> {
  const total = [...sizes.values()].reduce((s, n) => s + n, 0);
  const seats = new Map<string, number>();
  if (total === 0) return seats;
  const wanted = Math.min(k, total);
  const rest: { name: string; remainder: number }[] = [];
  let given = 0;
  for (const [name, size] of sizes) {
    const exact = (wanted * size) / total;
    const floor = Math.floor(exact);
    seats.set(name, floor);
    given += floor;
    rest.push({ name, remainder: exact - floor });
  }
  rest.sort((a, b) => b.remainder - a.remainder || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 0; given < wanted && i < rest.length; i++) {
    const { name } = rest[i]!;
    if (seats.get(name)! < sizes.get(name)!) {
      seats.set(name, seats.get(name)! + 1);
      given++;
    }
  }
  return seats;
}

/** Homes for the rate, rounded up: 30% of 7 is 3 (2.1 up), of 10 exactly 3 (a float's 3.0000000000000004 is 3). */
export const targetOf = (rate: number, sold: number): number => Math.ceil(Math.round(rate * sold * 1e9) / 1e9);

export async function planSample(options: SampleOptions): Promise<SamplePlan> {
  interface Home { unit: string; owner: string; soldAt: string }
  const homes = new Map<string, Map<string, Home>>();
  const callbacks: { project: string; key: string; date: string }[] = [];
  let from = options.from;
  let to = options.to;
  const reading = await readEnterprise(options, {
    start: ({ profile }) => {
      if (from === null && to === null) {
        from = profile?.period?.from ?? null;
        to = profile?.period?.to ?? null;
      }
      return (record, source) => {
        const project = record['project'];
        const unit = record['unit'];
        if (!project || !unit) return;
        if (source.dataset === 'units') {
          if (!record['soldAt']) return;
          let list = homes.get(project);
          if (!list) homes.set(project, (list = new Map()));
          const key = homeKey(unit);
          // A duplicate: the first one counts (as the audit's units index).
          if (!list.has(key)) list.set(key, { unit, owner: record['owner'] ?? '', soldAt: record['soldAt'] });
        } else if (source.dataset === 'callbacks') {
          if (record['date'] && reachedCustomer(record)) callbacks.push({ project, key: homeKey(unit), date: record['date'] });
        }
      };
    },
  });
  const end = to ?? options.today;
  const asOf = options.asOf ?? (end < options.today ? end : options.today);
  const periodEnd = to ?? asOf;
  const recentFrom = options.excludeDays > 0 ? addDays(asOf, 1 - options.excludeDays) : null;
  const reached = new Set<string>();
  const recent = new Set<string>();
  for (const c of callbacks) {
    if (c.date > asOf) continue;
    const key = `${c.project}\u0000${c.key}`;
    if ((from === null || c.date >= from) && c.date <= periodEnd) reached.add(key);
    if (recentFrom !== null && c.date >= recentFrom) recent.add(key);
  }

  const projects: ProjectPlan[] = [];
  for (const project of [...homes.keys()].sort()) {
    const sold = [...homes.get(project)!].filter(([, h]) => h.soldAt <= periodEnd);
    const reachedCount = sold.filter(([key]) => reached.has(`${project}\u0000${key}`)).length;
    const target = targetOf(options.rate, sold.length);
    const need = Math.max(0, target - reachedCount);
    // Candidates in a fixed order (by 房号), so the draw depends only on the seed and the data.
    const candidates = sold
      .filter(([key]) => !reached.has(`${project}\u0000${key}`) && !recent.has(`${project}\u0000${key}`))
      .map(([, h]): PlannedUnit => ({ project, unit: h.unit, owner: h.owner, building: buildingOf(h.unit) }))
      .sort((a, b) => naturalCompare(homeKey(a.unit), homeKey(b.unit)) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
    let planned: PlannedUnit[];
    if (options.byBuilding) {
      const strata = new Map<string, PlannedUnit[]>();
      for (const c of candidates) strata.set(c.building, [...(strata.get(c.building) ?? []), c]);
      const seats = allocate(new Map([...strata].sort(([a], [b]) => naturalCompare(a, b)).map(([b, list]) => [b, list.length])), need);
      planned = [...strata].flatMap(([building, list]) => draw(list, seats.get(building) ?? 0, seededRandom(options.seed, `${project}\u0000${building}`)));
    } else {
      planned = draw(candidates, need, seededRandom(options.seed, project));
    }
    planned.sort((a, b) => naturalCompare(homeKey(a.unit), homeKey(b.unit)) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
    projects.push({
      project,
      sold: sold.length,
      reached: reachedCount,
      target,
      candidates: candidates.length,
      planned,
      rateAfter: sold.length === 0 ? null : Math.round(((reachedCount + planned.length) / sold.length) * 1e6) / 1e6,
      short: need - planned.length,
    });
  }
  return { period: { from, to: periodEnd }, asOf, rate: options.rate, seed: options.seed, excludeDays: options.excludeDays, byBuilding: options.byBuilding, projects, reading };
}

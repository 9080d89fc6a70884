// Runs one clause check on records given inline, the way the audit runner does, without files.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCalendar, workingDayDeadline, type Calendar, type Deadline } from '../../src/calendar/calendar.js';
import { DEFAULT_PARAMETERS, type Parameters } from '../../src/checks/parameters.js';
import type { At, Check, ClauseResult, FinishContext, StartContext } from '../../src/checks/types.js';
import { resolveEvidence } from '../../src/evidence.js';
import type { Callback, Complaint, DatasetName, Issue, SoldUnit, StaffMember } from '../../src/model.js';
import type { Profile } from '../../src/read/profile.js';
import { createUnitsIndex } from '../../src/units-index.js';
import { createIdIndex } from '../../src/validate/id-table.js';

export interface Case {
  profile?: Partial<Profile> | null;
  profileIssues?: Issue[];
  staff?: Partial<StaffMember>[];
  units?: Partial<SoldUnit>[];
  complaints?: Partial<Complaint>[];
  callbacks?: Partial<Callback>[];
  /** Datasets supplied; default: those given above. */
  supplied?: DatasetName[];
  /** Keys with a column in the files; default: every key used by the records. */
  columns?: Partial<Record<DatasetName, string[]>>;
  period?: { from: string | null; to: string | null };
  asOf?: string;
  params?: Partial<Parameters>;
  calendar?: Calendar;
  dir?: string;
}

export const at = (dataset: DatasetName, index: number): At => ({ dataset, file: `${dataset}.csv`, sheet: null, row: index + 2 });

export async function runCheck(check: Check, c: Case): Promise<ClauseResult> {
  const params = { ...DEFAULT_PARAMETERS, ...c.params };
  const calendar = c.calendar ?? buildCalendar();
  const period = c.period ?? { from: null, to: null };
  const deadlines = new Map<string, Deadline>();
  const datasets: DatasetName[] = ['staff', 'units', 'complaints', 'callbacks'];
  const supplied = new Set<DatasetName>(c.supplied ?? datasets.filter((d) => c[d] !== undefined));
  const units = createUnitsIndex();
  const asOf = c.asOf ?? '2025-12-31';
  const start: StartContext = {
    units,
    complaintIds: createIdIndex(),
    params,
    profile: c.profile === undefined ? null : c.profile,
    profileIssues: new Map((c.profileIssues ?? []).map((i) => [i.column!, i])),
    calendar,
    period,
    supplied,
    deadlineOf(day) {
      let d = deadlines.get(day);
      if (!d) deadlines.set(day, (d = workingDayDeadline(calendar, day, params.responseWorkingDays)));
      return d;
    },
    inPeriod(day) {
      if (!day) return false;
      const d = day.slice(0, 10);
      return (!period.from || d >= period.from) && (!period.to || d <= period.to) && d <= asOf;
    },
    afterAsOf: (day) => day !== undefined && day.slice(0, 10) > asOf,
  };
  const run = check.start(start);
  for (const dataset of datasets) {
    const hook = run[dataset] as ((r: object, a: At) => void) | undefined;
    (c[dataset] ?? []).forEach((record, i) => {
      // What the audit runner does before the checks see a row.
      if (dataset === 'units') {
        const u = record as Partial<SoldUnit>;
        if (u.project && u.unit) units.add(u.project, u.unit, u.soldAt, u.deliveredAt);
      }
      if (dataset === 'callbacks') {
        const b = record as Partial<Callback>;
        if (b.project && b.unit && (!b.reached || b.reached === '已回访') && start.inPeriod(b.date) && !start.afterAsOf(b.date)) units.markReached(b.project, b.unit);
      }
      hook?.(record, at(dataset, i));
    });
  }
  const columns = (dataset: DatasetName): Set<string> =>
    new Set(c.columns?.[dataset] ?? (c[dataset] ?? []).flatMap((r) => Object.keys(r)));
  const finish: FinishContext = {
    ...start,
    resolvedPeriod: period.from && period.to ? { from: period.from, to: period.to } : null,
    asOf,
    hasColumn: (dataset, key) => columns(dataset).has(key),
    evidence: (clause) => resolveEvidence(c.dir ?? mkdtempSync(join(tmpdir(), 'aa-ev-')), start.profile?.evidence?.[clause] ?? []),
  };
  return run.finish(finish);
}

/** The record ids of the findings at a level (all levels when none is given). */
export const ids = (result: ClauseResult, level?: 'fail' | 'warn' | 'info'): (string | null)[] =>
  result.findings.filter((f) => !level || f.level === level).map((f) => f.record);

export const messages = (result: ClauseResult): string[] => result.findings.map((f) => f.message);

/** A complaint with sensible defaults. */
export function complaint(id: string, fields: Partial<Complaint> = {}): Partial<Complaint> {
  return { id, project: '海岸华庭', unit: '1-1-101', channel: '来电', kind: '投诉', status: '已办结', handler: '李娜', receivedAt: '2025-03-03T09:00:00', ...fields };
}

export function staff(name: string, fields: Partial<StaffMember> = {}): Partial<StaffMember> {
  return { name, role: '客服专员', department: '客户服务中心', employment: '专职', startDate: '2020-01-01', reportsTo: '王经理', ...fields };
}

export function callback(id: string, fields: Partial<Callback> = {}): Partial<Callback> {
  return { id, project: '海岸华庭', unit: '1-1-101', date: '2025-03-10', method: '电话', caller: '李娜', reached: '已回访', satisfaction: '满意', ...fields };
}

export const baseProfile: Partial<Profile> = {
  enterprise: { name: '青岛某某置业', qualification: '二级', registeredIn: '青岛', generalManager: '周总' },
  organization: { name: '客户服务中心', independent: true, fund: { amount: 100 }, hotline: '0532-88886666' },
};

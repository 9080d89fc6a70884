// Checks across records and files: duplicate ids, callbacks naming an unknown case or unit, handlers
// not on the roster. Datasets are read staff → units → complaints → callbacks, so each check looks
// back at what is already known. Memory grows with distinct ids, not with file size.
import type { Callback, Complaint, DatasetName, Issue, SoldUnit, StaffMember } from '../model.js';
import { createColumn, createIdIndex, type IdIndex } from './id-table.js';
import { homeKey } from './identifiers.js';

/**
 * Every complaint id, callback id and sold unit read, numbered in reading order: registered once
 * here and shared by whatever else must remember them (the units index, 3.2.4's follow-ups).
 */
export interface Registers {
  readonly complaints: IdIndex;
  readonly callbacks: IdIndex;
  /** Keyed by `unitKey(project, unit)`. */
  readonly units: IdIndex;
}

export function createRegisters(): Registers {
  return { complaints: createIdIndex(1 << 17), callbacks: createIdIndex(1 << 17), units: createIdIndex(1 << 12) };
}

/** A sold home within its project, however its 房号 is written (2号楼1单元401, 2#1-401, 02-01-0401: see `homeKey`). */
export const unitKey = (project: string, unit: string): string => `${project}\u0000${homeKey(unit)}`;

export interface RecordAt {
  readonly file: string;
  readonly sheet: string | null;
  readonly row: number;
}

export interface Integrity {
  /** Issues for one record, given where it is and the header written for each key. */
  check(dataset: DatasetName, record: Readonly<Record<string, string>>, at: RecordAt, written: Readonly<Record<string, string>>): Issue[];
  /** Declares which datasets were supplied, so a reference is only checked against a list that exists. */
  supplied(dataset: DatasetName): void;
}


export function createIntegrity(registers: Registers): Integrity {
  const supplied = new Set<DatasetName>();
  // The row on which each id was first seen, by its number, for a duplicate's message.
  const firstRow = { complaints: createColumn(), callbacks: createColumn(), units: createColumn() };
  /** Registers `id`; returns the row it was first seen on when it is a duplicate. */
  const register = (name: 'complaints' | 'callbacks' | 'units', id: string, row: number): number | undefined => {
    const index = registers[name];
    const before = index.size;
    const n = index.add(id);
    if (n < before) return firstRow[name].get(n);
    firstRow[name].set(n, row);
    return undefined;
  };
  const staffNames = new Set<string>();

  function issue(dataset: DatasetName, at: RecordAt, column: string, value: string, code: Issue['code'], data: Issue['data'] = {}): Issue {
    return { dataset, file: at.file, sheet: at.sheet, row: at.row, column, value, code, data };
  }

  const none: Issue[] = [];
  return {
    supplied(dataset) {
      supplied.add(dataset);
    },
    check(dataset, record, at, written) {
      let issues = none;
      const push = (issue: Issue): void => {
        if (issues === none) issues = [];
        issues.push(issue);
      };
      switch (dataset) {
        case 'staff': {
          const { name } = record as Partial<StaffMember>;
          if (name) staffNames.add(name);
          break;
        }
        case 'units': {
          const { project, unit } = record as Partial<SoldUnit>;
          if (project && unit) {
            const first = register('units', unitKey(project, unit), at.row);
            if (first !== undefined) push(issue(dataset, at, written['unit'] ?? '房号', unit, 'duplicate-id', { firstRow: first }));
          }
          break;
        }
        case 'complaints': {
          const { id, handler } = record as Partial<Complaint>;
          if (id) {
            const first = register('complaints', id, at.row);
            if (first !== undefined) push(issue(dataset, at, written['id'] ?? '编号', id, 'duplicate-id', { firstRow: first }));
          }
          if (handler && supplied.has('staff') && !staffNames.has(handler)) {
            push(issue(dataset, at, written['handler'] ?? '经办人', handler, 'unknown-handler'));
          }
          break;
        }
        case 'callbacks': {
          const { id, project, unit, complaintId } = record as Partial<Callback>;
          if (id) {
            const first = register('callbacks', id, at.row);
            if (first !== undefined) push(issue(dataset, at, written['id'] ?? '回访编号', id, 'duplicate-id', { firstRow: first }));
          }
          if (complaintId && supplied.has('complaints') && registers.complaints.indexOf(complaintId) < 0) {
            push(issue(dataset, at, written['complaintId'] ?? '关联投诉编号', complaintId, 'unknown-complaint'));
          }
          if (project && unit && supplied.has('units') && registers.units.indexOf(unitKey(project, unit)) < 0) {
            push(issue(dataset, at, written['unit'] ?? '房号', unit, 'unknown-unit', { project }));
          }
          break;
        }
      }
      return issues;
    },
  };
}

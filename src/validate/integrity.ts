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
/** The most an estimate makes room for at once (a wrong one then costs at most about 40 MB). */
const MAX_EXPECTED = 2_000_000;

let lastProject: string | null = null;
let lastUnit: string | null = null;
let lastKey = '';
/** The key of a project's unit; the last one is kept, as the checks of one record ask for it twice or three times. */
export const unitKey = (project: string, unit: string): string => {
  if (project !== lastProject || unit !== lastUnit) {
    lastKey = `${project}\u0000${homeKey(unit)}`;
    lastProject = project;
    lastUnit = unit;
  }
  return lastKey;
};

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
  /** Says about how many records of `dataset` a file about to be read holds, so its ids' index is made that large at once. */
  expect(dataset: DatasetName, rows: number): void;
  /** Where a record's key (complaint or callback id, project/unit, staff name) was first read, or null. */
  placeOf(dataset: DatasetName, record: Readonly<Record<string, string>>): RecordAt | null;
}

/** The key a dataset's records are told apart by (a copy of a file repeats every one), or null. */
export function recordKey(dataset: DatasetName, record: Readonly<Record<string, string>>): string | null {
  switch (dataset) {
    case 'staff':
      return record['name'] || null;
    case 'units':
      return record['project'] && record['unit'] ? unitKey(record['project'], record['unit']) : null;
    default:
      return record['id'] || null;
  }
}


export function createIntegrity(registers: Registers): Integrity {
  const supplied = new Set<DatasetName>();
  // Where each id was first seen, by its number (row, and the file and sheet as a number into
  // `places`), for a duplicate's message: it names both places.
  const firstRow = { complaints: createColumn(), callbacks: createColumn(), units: createColumn() };
  const firstPlace = { complaints: createColumn(16), callbacks: createColumn(16), units: createColumn(16) };
  const places: { file: string; sheet: string | null }[] = [];
  const placeIndex = new Map<string, number>();
  let lastFile: string | null = null;
  let lastSheet: string | null = null;
  let lastPlace = 0;
  /** The number of a record's file and sheet (the same strings row after row: one compare). */
  const placeOf = (at: RecordAt): number => {
    if (at.file === lastFile && at.sheet === lastSheet) return lastPlace;
    const key = `${at.file}\u0000${at.sheet ?? ''}`;
    let n = placeIndex.get(key);
    if (n === undefined) {
      n = places.length;
      places.push({ file: at.file, sheet: at.sheet });
      placeIndex.set(key, n);
    }
    lastFile = at.file;
    lastSheet = at.sheet;
    lastPlace = n;
    return n;
  };
  /** Registers `id`; returns where it was first seen when it is a duplicate. */
  const register = (name: 'complaints' | 'callbacks' | 'units', id: string, at: RecordAt): Issue['data'] | undefined => {
    const index = registers[name];
    const before = index.size;
    const n = index.add(id);
    if (n < before) {
      const place = places[firstPlace[name].get(n)]!;
      return { firstRow: firstRow[name].get(n), firstFile: place.file, firstSheet: place.sheet ?? '' };
    }
    firstRow[name].set(n, at.row);
    firstPlace[name].set(n, placeOf(at));
    return undefined;
  };
  const staffNames = new Map<string, RecordAt>();

  function issue(dataset: DatasetName, at: RecordAt, column: string, value: string, code: Issue['code'], data: Issue['data'] = {}): Issue {
    return { dataset, file: at.file, sheet: at.sheet, row: at.row, column, value, code, data };
  }

  const none: Issue[] = [];
  return {
    supplied(dataset) {
      supplied.add(dataset);
    },
    expect(dataset, rows) {
      if (dataset === 'staff' || !(rows > 0)) return;
      const index = registers[dataset];
      index.reserve(index.size + Math.min(rows, MAX_EXPECTED));
    },
    placeOf(dataset, record) {
      const key = recordKey(dataset, record);
      if (key === null) return null;
      if (dataset === 'staff') return staffNames.get(key) ?? null;
      const n = registers[dataset].indexOf(key);
      if (n < 0) return null;
      return { ...places[firstPlace[dataset].get(n)]!, row: firstRow[dataset].get(n) };
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
          if (name && !staffNames.has(name)) staffNames.set(name, { file: at.file, sheet: at.sheet, row: at.row });
          break;
        }
        case 'units': {
          const { project, unit } = record as Partial<SoldUnit>;
          if (project && unit) {
            const first = register('units', unitKey(project, unit), at);
            if (first !== undefined) push(issue(dataset, at, written['unit'] ?? '房号', unit, 'duplicate-id', first));
          }
          break;
        }
        case 'complaints': {
          const { id, handler } = record as Partial<Complaint>;
          if (id) {
            const first = register('complaints', id, at);
            if (first !== undefined) push(issue(dataset, at, written['id'] ?? '编号', id, 'duplicate-id', first));
          }
          if (handler && supplied.has('staff') && !staffNames.has(handler)) {
            push(issue(dataset, at, written['handler'] ?? '经办人', handler, 'unknown-handler'));
          }
          break;
        }
        case 'callbacks': {
          const { id, project, unit, complaintId } = record as Partial<Callback>;
          if (id) {
            const first = register('callbacks', id, at);
            if (first !== undefined) push(issue(dataset, at, written['id'] ?? '回访编号', id, 'duplicate-id', first));
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

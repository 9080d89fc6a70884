// What a clause check is: metadata beside logic (ESLint-style), folding over rows as they stream
// (frictionless-style start / row / finish hooks). Findings are plain data; formatters render them.
import type { Calendar, Deadline } from '../calendar/calendar.js';
import type { Bilingual } from '../errors.js';
import type { Callback, Complaint, DatasetName, Issue, SoldUnit, StaffMember } from '../model.js';
import type { Profile } from '../read/profile.js';
import type { Parameters, ParameterName } from './parameters.js';
import type { UnitsIndex } from '../units-index.js';
import type { IdIndex } from '../validate/id-table.js';

export const STATUSES = ['fail', 'warn', 'no-data', 'manual', 'pass', 'not-applicable'] as const;
export type Status = (typeof STATUSES)[number];

/** How a clause is judged: from records, from the profile, by the inspector, or not at all (informative). */
export type Judged = 'data' | 'profile' | 'manual' | 'informative';

export type Level = 'fail' | 'warn' | 'info';

export type Data = Readonly<Record<string, string | number>>;

export interface Finding {
  readonly clause: string;
  readonly level: Level;
  /** Complaint 编号, callback 回访编号, staff 姓名, '项目/房号' for a unit; null for the enterprise as a whole. */
  readonly record: string | null;
  readonly dataset: DatasetName | 'profile' | null;
  readonly file: string | null;
  readonly sheet: string | null;
  readonly row: number | null;
  /** Message id of the check's catalogue. */
  readonly message: string;
  readonly data: Data;
}

export interface Note {
  readonly message: string;
  readonly data: Data;
}

export type MetricValue = number | string | boolean | null | readonly (number | null)[] | Readonly<Record<string, number | null>>;

export interface EvidenceItem {
  readonly path: string;
  /** too-long: a path over EVIDENCE_PATH_CHARS, or a name the file system refuses as too long; never looked up. */
  readonly state: 'present' | 'missing' | 'outside' | 'too-long';
}

export interface ClauseResult {
  readonly status: Status;
  /** Findings counted but not kept (information-level lists are capped while rows stream). */
  readonly unlisted?: number;
  readonly metrics: Readonly<Record<string, MetricValue>>;
  readonly findings: readonly Finding[];
  readonly notes: readonly Note[];
  readonly evidence: readonly EvidenceItem[];
}

/** Where a record is. */
export interface At {
  readonly dataset: DatasetName;
  readonly file: string;
  readonly sheet: string | null;
  readonly row: number;
}

export interface Period {
  readonly from: string | null;
  readonly to: string | null;
}

/** What every check may use while rows stream. */
export interface StartContext {
  readonly params: Parameters;
  readonly profile: Partial<Profile> | null;
  /** Profile issues by key path ('organization.hotline'), so a check can fail on a value that was invalid. */
  readonly profileIssues: ReadonlyMap<string, Issue>;
  readonly calendar: Calendar;
  /** The audit period as given (flags or profile); null ends mean "not given": every record counts. */
  readonly period: Period;
  readonly supplied: ReadonlySet<DatasetName>;
  /** The sold units (filled as the ledger is read, reached marks as callbacks are): read it, don't fill it. */
  readonly units: UnitsIndex;
  /**
   * The complaint ids read so far, numbered in reading order, shared with the reading's integrity
   * checks: a check keeps what it knows of a complaint in a column by that number. Every id is
   * registered before the checks see its row; `add` of a known id only looks it up.
   */
  readonly complaintIds: IdIndex;
  /** The deadline of a case received on a day (memoised; shared by all checks). */
  deadlineOf(receivedDay: string): Deadline;
  /** Whether a day is in the audit period and not after the as-of date (a record dated later did not exist then). */
  inPeriod(day: string | undefined): boolean;
  /**
   * Whether a record dated this day (an opinion, a closing, a callback) is after the as-of date, so
   * did not exist at it. False for no date. Known while rows stream: the as-of date is the flag, else
   * the period end or today, whichever is earlier (with the period taken from the data, no record
   * lies past its end, so comparing with today gives the same answer).
   */
  afterAsOf(day: string | undefined): boolean;
}

/** What checks know at the end. */
export interface FinishContext extends StartContext {
  /** The period in force: given, or the span of the data. */
  readonly resolvedPeriod: { readonly from: string; readonly to: string } | null;
  readonly asOf: string;
  /** Whether a dataset's file(s) had a column for the key. */
  hasColumn(dataset: DatasetName, key: string): boolean;
  /** Evidence named in the profile for a clause; paths that leave the folder are never opened. */
  evidence(clause: string): Promise<readonly EvidenceItem[]>;
}

export interface Run {
  staff?(record: Readonly<Partial<StaffMember>>, at: At): void;
  units?(record: Readonly<Partial<SoldUnit>>, at: At): void;
  complaints?(record: Readonly<Partial<Complaint>>, at: At): void;
  callbacks?(record: Readonly<Partial<Callback>>, at: At): void;
  finish(context: FinishContext): ClauseResult | Promise<ClauseResult>;
}

export interface Check {
  readonly id: string;
  readonly title: Bilingual;
  /** The clause as the standard words it (zh), and in English. */
  readonly requirement: Bilingual;
  readonly judged: Judged;
  readonly datasets: readonly (DatasetName | 'profile')[];
  readonly parameters: readonly ParameterName[];
  /** How it is judged, for `rules ID`. */
  readonly method: Bilingual;
  readonly messages: Readonly<Record<string, Bilingual>>;
  readonly remediation: Bilingual;
  start(context: StartContext): Run;
}

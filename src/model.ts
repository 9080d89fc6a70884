// Plain data shared by every step of the pipeline: read → normalise → validate → check → report.

export type Lang = 'zh' | 'en';

/** The four tabular datasets, in the order they are read (cross-file checks look back). */
export const DATASETS = ['staff', 'units', 'complaints', 'callbacks'] as const;
export type DatasetName = (typeof DATASETS)[number];

/** What a cell holds as a reader hands it over, before normalisation. */
export type CellValue = string | number | boolean | Date | null;

/** One physical row of a sheet or CSV file: `row` is what the user sees (Excel row, editor line). */
export interface RawRow {
  readonly row: number;
  readonly cells: readonly CellValue[];
  /** Lines the row spans in a CSV file (a quoted cell over several lines), when more than one. */
  readonly span?: number;
  /** For CSV: whether the file held control characters up to this row (then its cells are scanned). */
  readonly control?: boolean;
  /** For CSV: the row's real number of cells when only the first limits.columns were kept. */
  readonly cellCount?: number;
}

/** Where a dataset was found. */
export interface Source {
  readonly dataset: DatasetName;
  /** Absolute path. */
  readonly path: string;
  /** The path as shown in reports: relative to the audited folder when inside it. */
  readonly file: string;
  /** How it is read: 'xls' is a legacy Excel 97-2003 (BIFF8) or WPS .et workbook, 'ods' an OpenDocument one. */
  readonly format: 'csv' | 'xlsx' | 'xls' | 'ods';
  /** Sheet name for a workbook, null for CSV. */
  readonly sheet: string | null;
}

export const ISSUE_CODES = [
  'missing-column',
  'header-not-found',
  'required',
  'invalid-date',
  'invalid-phone',
  'invalid-enum',
  'invalid-value',
  'too-long',
  'duplicate-id',
  'unknown-complaint',
  'unknown-unit',
  'unknown-handler',
  'invalid-uscc',
  'unknown-key',
  'ambiguous-column',
  'cell-too-long',
  'too-many-columns',
  'extra-cells',
  'missing-cells',
  'runaway-quote',
  'control-characters',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** A data-quality issue. Rendering the message is the formatter's job (by code and data). */
export interface Issue {
  readonly dataset: DatasetName | 'profile';
  readonly file: string;
  readonly sheet: string | null;
  /** Excel row or CSV start line; for the profile, its line in the YAML/JSON file; null for a whole-file issue. */
  readonly row: number | null;
  /** The header as written in the file (or the profile key path); null for a whole-file issue. */
  readonly column: string | null;
  readonly value: string | null;
  readonly code: IssueCode;
  readonly data: Readonly<Record<string, string | number>>;
  /** Set when the value is personal data: formatters mask it unless --no-mask. */
  readonly personal?: 'name' | 'phone' | 'content';
}

/**
 * A row that is in the sheet but holds no record: a footer (totals, signatures, notes), a separator
 * ("2025年3月", "一季度" between months pasted one under another), or the header repeated.
 */
export interface SkippedRow {
  readonly row: number;
  readonly kind: 'footer' | 'separator' | 'header';
  readonly text: string;
}

/**
 * Why a file or a sheet was not read. Sheets that are not data (a 汇总/统计 summary, 填写说明
 * instructions, an empty or hidden sheet, one no name or flag points to), a copy of data read
 * elsewhere, and files that could not be read (unreadable, a format not supported).
 */
export const SKIP_REASONS = [
  // Found in the folder and not read by the evidence rule (hostile-input.md).
  'link-outside',
  'broken-link',
  'not-regular-file',
  'summary-sheet',
  'instructions-sheet',
  'empty-sheet',
  'hidden-sheet',
  'unrecognised-sheet',
  'copy',
  'unreadable',
  'unsupported-format',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Reasons that leave supplied data unread: the verdict cannot then be compliant. */
export const UNREAD_REASONS: ReadonlySet<SkipReason> = new Set(['unreadable', 'unsupported-format']);

/** A file or sheet that was not read, and why: listed in `validate` and in the report's inputs. */
export interface SkippedInput {
  readonly file: string;
  readonly sheet: string | null;
  readonly reason: SkipReason;
  readonly message: { readonly zh: string; readonly en: string };
  /** The dataset it would have held, when its name or a flag says (not part of the JSON). */
  readonly dataset?: DatasetName | null;
}

export interface InputSummary {
  readonly dataset: DatasetName | 'profile';
  readonly file: string;
  readonly sheet: string | null;
  encoding: string | null;
  readonly sha256: string;
  /** Row of the header (null when none was found or for the profile). */
  headerRow: number | null;
  /** Data rows read. */
  rows: number;
  /** Data rows left out of every check: their issues break every field the checks of the dataset use. */
  rejected: number;
  /** Data rows with at least one data-quality issue that are still judged (by the checks that do not need the broken field). */
  withIssues: number;
  /** key → header as written in the file. */
  columns: Record<string, string>;
  /** Headers in the file that map to no key (kept out of the checks, listed so nothing is silently dropped). */
  ignoredColumns: string[];
  /** Rows under or among the data that are not records (合计, 制表人, notes). Blank rows are only counted. */
  skippedRows: SkippedRow[];
  /** All skipped rows (the list above stops at 50). */
  skippedCount: number;
  blankRows: number;
}

// Record shapes after normalisation. Dates are China wall-clock strings:
// 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm:ss'. Absent keys were empty or invalid.

export interface Complaint {
  id: string;
  project: string;
  unit?: string;
  customer?: string;
  phone?: string;
  channel: '来电' | '来函' | '来访' | '主管部门转办' | '12345转办' | '网络' | '其他';
  kind: '投诉' | '咨询' | '报修';
  category?: string;
  description?: string;
  receivedAt: string;
  opinionAt?: string;
  opinion?: string;
  closedAt?: string;
  result?: string;
  status: '待处理' | '处理中' | '已办结';
  handler: string;
  warranty?: '保修期内' | '超出保修期' | '不适用';
  referralNo?: string;
  referralDue?: string;
  repliedInPersonAt?: string;
  writtenReport?: string;
  escalated?: '是' | '否';
  escalationCause?: '企业原因' | '其他';
}

export interface StaffMember {
  id?: string;
  name: string;
  role: string;
  department: string;
  employment: '专职' | '兼职';
  reportsTo?: string;
  startDate: string;
  endDate?: string;
  phone?: string;
}

export interface Callback {
  id: string;
  project: string;
  unit: string;
  date: string;
  method: '电话' | '上门' | '问卷' | '短信' | '微信' | '其他';
  caller: string;
  reached?: '已回访' | '未接通' | '拒访';
  satisfaction?: string;
  complaintId?: string;
  comment?: string;
}

export interface SoldUnit {
  project: string;
  unit: string;
  soldAt: string;
  deliveredAt?: string;
  owner?: string;
}

export interface RecordTypes {
  complaints: Complaint;
  staff: StaffMember;
  callbacks: Callback;
  units: SoldUnit;
}

/**
 * The stable key of a finding (#16.4), computed here once for every consumer (the JSON report,
 * waivers, baselines, diff): `clause|record|message id`, where record is the finding's record id
 * (complaint 编号, 回访编号, 姓名, 项目/房号) or `-` for a finding about the enterprise as a whole.
 * The same record breaking the same rule in another run has the same key. When one clause gives
 * several findings of one message id without a record, the second and later get `#2`, `#3`… in
 * report order, so keys stay unique within a report.
 */
export function findingKey(clause: string, record: string | null, message: string): string {
  return `${clause}|${record === null || record === '' ? '-' : record}|${message}`;
}

/** Keys for a clause's findings, in their order: duplicates numbered (see findingKey). */
export function findingKeys(findings: readonly { readonly clause: string; readonly record: string | null; readonly message: string }[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = findingKey(f.clause, f.record, f.message);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

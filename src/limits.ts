// Limits on what the tool will read, so a hostile or broken file ends in a clear message within
// bounded time and memory. Each can be raised under `limits` in the --config file.
export interface Limits {
  /** Largest input file, in MiB. */
  readonly fileMb: number;
  /** Largest uncompressed part of an .xlsx (a sheet, the shared strings), in MiB: zip bombs. */
  readonly xlsxPartMb: number;
  /** Largest ratio of uncompressed to compressed size of an .xlsx part. */
  readonly xlsxRatio: number;
  /** Most entries (parts) in an .xlsx zip. */
  readonly xlsxEntries: number;
  /** Most sheets in a workbook. */
  readonly xlsxSheets: number;
  /** Longest cell, in characters (Excel's own limit is 32,767). */
  readonly cellChars: number;
  /** Most cells in a row. */
  readonly columns: number;
  /** Most rows in a sheet (Excel's 1,048,576). */
  readonly sheetRows: number;
}

export const DEFAULT_LIMITS: Limits = {
  fileMb: 2048,
  xlsxPartMb: 2048,
  xlsxRatio: 200,
  xlsxEntries: 20_000,
  xlsxSheets: 2_000,
  cellChars: 32_767,
  columns: 1_000,
  sheetRows: 1_048_576,
};

export const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS) as (keyof Limits)[];

let current: Limits = DEFAULT_LIMITS;

/** The limits in force for this run (set once by the CLI from the config). */
export function limits(): Limits {
  return current;
}

export function setLimits(next: Partial<Limits>): void {
  current = { ...DEFAULT_LIMITS, ...next };
}

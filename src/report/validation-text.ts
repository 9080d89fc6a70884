// `validate` for people: the files read, then every issue on the row and column the user sees.
import type { ChalkInstance } from 'chalk';
import { datasetTitles } from '../datasets.js';
import { t } from '../i18n.js';
import { UNREAD_REASONS, type InputSummary, type Lang } from '../model.js';
import type { Reading } from '../pipeline.js';
import { presentIssue, terminalOutput, terminalSafe, type PresentedIssue, type PresentOptions } from './present.js';

/** Issues shown per file in the terminal; the JSON output lists them all. */
export const ISSUES_SHOWN_PER_FILE = 50;

function where(input: { file: string; sheet: string | null }, lang: Lang): string {
  const file = terminalSafe(input.file);
  if (!input.sheet) return file;
  const sheet = terminalSafe(input.sheet);
  return lang === 'zh' ? `${file}「${sheet}」` : `${file} [${sheet}]`;
}

/**
 * Whether a file has problems of the file itself (an issue with no row: missing required columns,
 * no header, a file of another dataset) or holds no data row: then it is marked ✖, not ✔.
 */
function fileLevel(input: InputSummary, reading: Reading): { problem: boolean; empty: boolean } {
  const problem = reading.dataQuality.issues.some((i) => i.row === null && i.file === input.file && (i.sheet ?? null) === input.sheet);
  return { problem, empty: input.dataset !== 'profile' && input.rows === 0 };
}

function inputLine(input: InputSummary, reading: Reading, options: PresentOptions, color: ChalkInstance): string {
  const title = datasetTitles[input.dataset][options.lang];
  const parts: string[] = [];
  if (input.headerRow !== null) parts.push(t(options.lang, 'headerRow', { row: input.headerRow }));
  const { problem, empty } = fileLevel(input, reading);
  if (input.dataset !== 'profile' && !empty) parts.push(t(options.lang, 'rows', { rows: input.rows }));
  if (input.rejected > 0) parts.push(color.red(t(options.lang, 'rejected', { rejected: input.rejected })));
  if (input.withIssues > 0) parts.push(color.yellow(t(options.lang, 'withIssues', { withIssues: input.withIssues })));
  if (empty) parts.push(color.red(t(options.lang, 'noDataRows')));
  if (problem) parts.push(color.red(t(options.lang, 'fileProblem')));
  const mark = input.rejected > 0 || input.withIssues > 0 || problem || empty ? color.red('✖') : color.green('✔');
  const encoding = input.encoding && input.dataset !== 'profile' ? ` (${input.encoding})` : '';
  const lines = [`  ${mark} ${title}  ${where(input, options.lang)}${encoding}  ${parts.join(options.lang === 'zh' ? '，' : ', ')}`];
  if (input.skippedCount > 0) {
    const examples = input.skippedRows
      .slice(0, 3)
      .map((s) => `${t(options.lang, input.sheet === null ? 'line' : 'row', { row: s.row })} ${terminalSafe(s.text)}`)
      .join(options.lang === 'zh' ? '；' : '; ');
    lines.push(color.dim(`      ${t(options.lang, 'skipped', { count: input.skippedCount, examples })}`));
  }
  if (input.ignoredColumns.length > 0) {
    lines.push(color.dim(`      ${t(options.lang, 'ignored', { columns: terminalSafe(input.ignoredColumns.join(options.lang === 'zh' ? '、' : ', ')) })}`));
  }
  return lines.join('\n');
}

function issueLine(issue: PresentedIssue, options: PresentOptions, color: ChalkInstance): string {
  // Excel has rows; a CSV or YAML file in an editor has lines.
  const unit = issue.sheet === null ? 'line' : 'row';
  const at = issue.row === null ? '' : ` ${t(options.lang, unit, { row: issue.row })}`;
  const column = issue.column ? `  ${issue.column}` : '';
  const value = issue.value !== null ? ` = ${JSON.stringify(issue.value)}` : '';
  return terminalSafe(`  ${where(issue, options.lang)}${at}${column}${value}  ${issue.message} `) + color.dim(`[${issue.code}]`);
}

export function validationText(reading: Reading, options: PresentOptions, color: ChalkInstance): string {
  const { lang } = options;
  const out: string[] = [color.bold(t(lang, 'inputs'))];
  for (const input of reading.inputs) out.push(inputLine(input, reading, options, color));
  for (const s of reading.skipped) {
    const line = `  – ${terminalSafe(where(s, lang))}  ${s.message[lang]}`;
    out.push(UNREAD_REASONS.has(s.reason) ? color.yellow(line) : color.dim(line));
  }
  if (!reading.plan.profile) out.push(color.yellow(`  ! ${t(lang, 'noProfile')}`));
  if (reading.plan.missing.length > 0) {
    const names = reading.plan.missing.map((d) => datasetTitles[d][lang]).join(lang === 'zh' ? '、' : ', ');
    out.push(color.yellow(`  ! ${t(lang, 'notFound', { datasets: names })}`));
  }
  if (reading.plan.unrecognised.length > 0) {
    out.push(color.dim(`  ${t(lang, 'unrecognised', { files: terminalSafe(reading.plan.unrecognised.join(lang === 'zh' ? '、' : ', ')) })}`));
  }
  out.push('');
  const { dataQuality } = reading;
  if (dataQuality.count === 0) {
    out.push(color.green(t(lang, 'noIssues')));
    return terminalOutput(`${out.join('\n')}\n`);
  }
  out.push(color.bold(`${t(lang, 'dataQuality')} (${dataQuality.count})`));
  // Group by file so one broken file does not hide the others.
  const shownPerFile = new Map<string, number>();
  const hiddenPerFile = new Map<string, number>();
  const lines: string[] = [];
  for (const issue of dataQuality.issues) {
    const key = where(issue, lang);
    const shown = shownPerFile.get(key) ?? 0;
    if (shown >= ISSUES_SHOWN_PER_FILE) {
      hiddenPerFile.set(key, (hiddenPerFile.get(key) ?? 0) + 1);
      continue;
    }
    shownPerFile.set(key, shown + 1);
    lines.push(issueLine(presentIssue(issue, options), options, color));
  }
  out.push(...lines);
  for (const [file, count] of hiddenPerFile) out.push(color.dim(`  ${file} ${t(lang, 'more', { count })}`));
  if (dataQuality.truncated) out.push(color.yellow(t(lang, 'truncated', { shown: dataQuality.issues.length, count: dataQuality.count })));
  const rows = reading.inputs.reduce((sum, input) => sum + input.rejected + input.withIssues, 0);
  out.push('', t(lang, 'summaryIssues', { count: dataQuality.count, rows }));
  return terminalOutput(`${out.join('\n')}\n`);
}

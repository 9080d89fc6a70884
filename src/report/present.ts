// Shared by the formatters: an issue as it is shown (message rendered, personal value masked).
import { issueMessage } from '../i18n.js';
import type { Issue, Lang, SkippedInput, SkipReason } from '../model.js';
import { maskValue } from './mask.js';

export interface PresentOptions {
  readonly lang: Lang;
  readonly mask: boolean;
}

export interface PresentedIssue {
  readonly dataset: Issue['dataset'];
  readonly file: string;
  readonly sheet: string | null;
  readonly row: number | null;
  readonly column: string | null;
  readonly value: string | null;
  readonly code: Issue['code'];
  readonly message: string;
}

export function presentIssue(issue: Issue, options: PresentOptions): PresentedIssue {
  const value = issue.value !== null && options.mask && issue.personal ? maskValue(issue.value, issue.personal) : issue.value;
  return {
    dataset: issue.dataset,
    file: issue.file,
    sheet: issue.sheet,
    row: issue.row,
    column: issue.column,
    value,
    code: issue.code,
    message: issueMessage(issue, options.lang),
  };
}

/** A file or sheet not read, as every format shows it: `reason` is the stable code, the message in the report's language. */
export interface PresentedSkip {
  readonly file: string;
  readonly sheet: string | null;
  readonly reason: SkipReason;
  readonly message: string;
}

export function presentSkipped(skipped: SkippedInput, lang: Lang): PresentedSkip {
  return { file: skipped.file, sheet: skipped.sheet, reason: skipped.reason, message: skipped.message[lang] };
}

/** Data shown on a terminal: control characters (escape sequences included) become U+FFFD. */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

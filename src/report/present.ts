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

/**
 * A whole text report, made safe as a last step: every control character but the line feed becomes
 * U+FFFD, save the colour codes the report itself adds (ESC [ digits m, only on a terminal). Each
 * string from the input is made safe where it is placed as well, so that a colour code in the data
 * cannot pass for one of ours.
 */
export function terminalOutput(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m|[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (match) => (match.length > 1 ? match : '\ufffd'));
}

/** Characters XML 1.0 forbids (C0 controls but tab, LF, CR; lone surrogates; U+FFFE, U+FFFF). */
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for an XML part (XLSX) or HTML: characters XML forbids, and C1 controls, become U+FFFD. */
export function xmlChars(text: string): string {
  return text.replace(XML_FORBIDDEN, '\ufffd').replace(/[\u007f-\u009f]/g, '\ufffd');
}

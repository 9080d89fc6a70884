// Failures of the tool itself (not of the data): each carries its exit code and a message in both
// languages, and is caught in cli.ts. Bad data is never an exception: it becomes an Issue.
import type { Lang } from './model.js';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export class AuditError extends Error {
  readonly exitCode: number = 2;
  constructor(readonly text: Bilingual) {
    super(text.en);
  }
  render(lang: Lang): string {
    return this.text[lang];
  }
}

/** Wrong flags or arguments. */
export class UsageError extends AuditError {
  override readonly name = 'UsageError';
}

/** A file that cannot be read at all (missing, not the format its name says, wrong encoding…). */
export class InputError extends AuditError {
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    /** What is wrong with the file, without its name. */
    readonly detail: Bilingual,
  ) {
    super({ zh: `${file}：${detail.zh}`, en: `${file}: ${detail.en}` });
  }
}

/** An invalid --config or --calendar file. */
export class ConfigError extends AuditError {
  override readonly name = 'ConfigError';
}

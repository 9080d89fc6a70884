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

/** Why an output was refused or could not be written: a check of ours, or the system's error code. */
export type OutputProblem = 'input' | 'inside-input' | 'outside' | 'exists' | string;

const OUTPUT_TEXT: Readonly<Record<string, (data: Readonly<Record<string, string>>) => Bilingual>> = {
  input: (d) => ({
    zh: `是本次读取的输入文件 ${d['input']}，报告不会覆盖输入；请写到别处`,
    en: `is ${d['input']}, a file this run reads: a report never replaces an input; write it elsewhere`,
  }),
  'inside-input': (d) => ({
    zh: `在被审计的文件夹 ${d['folder']} 之内；报告不写入企业的文件夹（以免覆盖或混入其资料），请写到该文件夹之外`,
    en: `is inside the audited folder ${d['folder']}: reports are never written into the enterprise's folder (they could replace or mix with its files); write it outside that folder`,
  }),
  outside: (d) => ({ zh: `不在目标文件夹 ${d['folder']} 之内，不写入`, en: `is not inside the target folder ${d['folder']}; not written` }),
  exists: () => ({ zh: '文件已存在（符号链接也算）；如需覆盖请加 --force', en: 'already exists (a symbolic link counts); add --force to replace it' }),
  EACCES: () => ({ zh: '没有写入权限；请写到有权限的位置，或修改文件夹权限', en: 'no permission to write there; write it elsewhere or change the folder\'s permissions' }),
  ENOSPC: () => ({ zh: '磁盘空间不足；请清理空间或写到其他磁盘', en: 'no space left on the device; free some space or write it elsewhere' }),
  EDQUOT: () => ({ zh: '磁盘配额已满；请清理空间或写到其他位置', en: 'disk quota exceeded; free some space or write it elsewhere' }),
  EISDIR: () => ({ zh: '这是一个文件夹；请给出文件名，如 文件夹/审计报告.html', en: 'is a folder; give a file name, such as folder/report.html' }),
  EROFS: () => ({ zh: '所在位置是只读的；请写到其他位置', en: 'is on a read-only file system; write it elsewhere' }),
  ENOTDIR: () => ({ zh: '路径中有一段是文件而不是文件夹；请检查路径', en: 'a part of the path is a file, not a folder; check the path' }),
  ENOENT: () => ({ zh: '所在文件夹不存在或已被删除；请检查路径', en: 'its folder does not exist or was removed; check the path' }),
  ENAMETOOLONG: () => ({ zh: '文件名或路径过长；请用短一些的名字', en: 'the name or path is too long; use a shorter one' }),
  EIO: () => ({ zh: '磁盘读写错误；请检查磁盘或写到其他位置', en: 'an input/output error of the device; check the disk or write it elsewhere' }),
};
const OUTPUT_ALIASES: Readonly<Record<string, string>> = { EPERM: 'EACCES', EEXIST: 'ENOTDIR', EFBIG: 'ENOSPC' };

/**
 * An output that may not or cannot be written: the user's situation (a full disk, no permission, a
 * folder given as a file), not a bug, so the message says what to do.
 */
export class OutputError extends AuditError {
  override readonly name = 'OutputError';
  constructor(
    readonly file: string,
    readonly problem: OutputProblem,
    data: Readonly<Record<string, string>> = {},
  ) {
    const text = OUTPUT_TEXT[OUTPUT_ALIASES[problem] ?? problem]?.(data) ?? {
      zh: `无法写入（${problem}）；请检查路径和权限，或写到其他位置`,
      en: `cannot be written (${problem}); check the path and its permissions, or write it elsewhere`,
    };
    const code = /^E[A-Z]+$/.test(problem) ? ` (${problem})` : '';
    super({ zh: `${file}：${text.zh}${code}`, en: `${file}: ${text.en}${code}` });
  }
}

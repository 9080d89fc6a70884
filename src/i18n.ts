// Every text the tool prints, in Chinese and English, by id. Formatters render ids with data;
// tests assert ids and data, not wording.
import type { Issue, IssueCode, Lang, SkipReason } from './model.js';

type Catalog = Readonly<Record<string, string>>;

const issueMessages: Readonly<Record<IssueCode, { zh: string; en: string }>> = {
  'missing-column': { zh: '缺少必填列「{header}」{hintZh}', en: 'required column "{header}" ({key}) is missing{hintEn}' },
  'header-not-found': {
    zh: '前 {rows} 行中找不到表头（应有「{expected}」等列）',
    en: 'no header row in the first {rows} rows (expected columns such as "{expected}")',
  },
  required: { zh: '必填项为空', en: 'required value is empty' },
  'invalid-date': {
    zh: '不是有效的日期（如 2025-03-05 或 2025-03-05 14:30）',
    en: 'not a valid date (e.g. 2025-03-05 or 2025-03-05 14:30)',
  },
  'invalid-phone': {
    zh: '不是有效的电话号码（手机 11 位、座机如 0532-88886666、400/800 号码）',
    en: 'not a valid Chinese phone number (11-digit mobile, landline such as 0532-88886666, 400/800 number)',
  },
  'invalid-enum': { zh: '不是允许的值；可选：{allowed}', en: 'not an allowed value; one of: {allowed}' },
  'invalid-value': { zh: '值无效（应为{expectedZh}）', en: 'invalid value (expected {expectedEn})' },
  'too-long': { zh: '内容过长（超过 {limit} 字）', en: 'too long (over {limit} characters)' },
  'duplicate-id': { zh: '编号重复：与 {firstPlace}的编号相同', en: 'duplicate id: the same as {firstPlace}' },
  'unknown-complaint': {
    zh: '关联投诉编号在投诉台账中不存在',
    en: 'no case with this number in the complaint register',
  },
  'unknown-unit': { zh: '该房号不在已售房源台账中', en: 'this unit is not in the sold-units ledger' },
  'unknown-handler': { zh: '经办人不在人员花名册中', en: 'the handler is not on the staff roster' },
  'invalid-uscc': {
    zh: '统一社会信用代码无效（18 位，校验位不符）',
    en: 'not a valid unified social credit code (18 characters with a check character)',
  },
  'unknown-key': { zh: '未知的键「{key}」', en: 'unknown key "{key}"' },
  'cell-too-long': {
    zh: '单元格过长（{length} 字，上限 {limit}）；只读取前 {limit} 字。可在配置 limits.cellChars 中调高',
    en: 'cell too long ({length} characters, limit {limit}); only the first {limit} are read. Raise limits.cellChars in the config',
  },
  'too-many-columns': {
    zh: '该行有 {count} 个单元格，超过上限 {limit}，多余的未读取。可在配置 limits.columns 中调高',
    en: 'this row has {count} cells, over the limit of {limit}; the rest are not read. Raise limits.columns in the config',
  },
  'extra-cells': { zh: '该行比表头多出 {count} 个有内容的单元格（分隔符错位？），多余内容未读取', en: 'this row has {count} more filled cells than the header (a stray separator?); they are not read' },
  'missing-cells': { zh: '该行只有 {count} 个单元格，表头有 {expected} 列（分隔符缺失？）', en: 'this row has {count} cells where the header has {expected} (missing separators?)' },
  'runaway-quote': {
    zh: '一个带引号的单元格跨越了 {lines} 行（从第 {row} 行开始），可能是引号未闭合，吞并了后面的行',
    en: 'a quoted cell spans {lines} lines (from line {row}): probably an unclosed quote that swallowed the rows after it',
  },
  'control-characters': { zh: '单元格含有控制字符（如 NUL），已去除', en: 'the cell holds control characters (such as NUL), removed' },
  'ambiguous-column': {
    zh: '列「{header}」与「{kept}」都对应字段 {key}，已采用「{kept}」',
    en: 'columns "{header}" and "{kept}" both map to {key}; "{kept}" is used',
  },
};

/** Files the evidence rule passes over (discover.ts); sheets and unread files carry their own text. */
export type FolderSkip = Extract<SkipReason, 'link-outside' | 'broken-link' | 'not-regular-file'>;

const skipMessages: Readonly<Record<FolderSkip, { zh: string; en: string }>> = {
  'link-outside': {
    zh: '符号链接，指向文件夹之外：不读取。如需使用，请把文件本身复制到文件夹内，或用 --complaints 等参数指定',
    en: 'a symbolic link that leads outside the folder: not read. Copy the file itself into the folder, or name it with --complaints etc.',
  },
  'broken-link': { zh: '符号链接，指向的文件不存在：不读取', en: 'a symbolic link to a file that does not exist: not read' },
  'not-regular-file': {
    zh: '不是普通文件（命名管道、设备或套接字）：不读取',
    en: 'not a regular file (a pipe, a device or a socket): not read',
  },
};

const ui: Readonly<Record<Lang, Catalog>> = {
  zh: {
    inputs: '输入文件',
    dataQuality: '数据质量问题',
    noIssues: '未发现数据质量问题。',
    row: '第 {row} 行',
    line: '第 {row} 行',
    headerRow: '表头第 {row} 行',
    rows: '{rows} 行数据',
    rejected: '{rejected} 行未纳入判定',
    withIssues: '{withIssues} 行有问题（仍判定）',
    noDataRows: '没有数据行',
    fileProblem: '文件本身有问题（见下）',
    skipped: '跳过 {count} 行非数据行（{examples}）',
    blank: '{count} 个空行',
    ignored: '未使用的列：{columns}',
    notFound: '未提供：{datasets}',
    unrecognised: '未识别的文件（未读取）：{files}',
    more: '… 另有 {count} 条',
    truncated: '问题过多，仅列出前 {shown} 条（共 {count} 条）；可用 --max-issues 调整',
    summaryIssues: '共 {count} 个数据质量问题，涉及 {rows} 行。',
    profile: '企业信息',
    noProfile: '未提供 profile.yaml / profile.json',
    wrote: '已写入 {file}',
    initDone: '模板已写入 {dir}：',
    initNext: '请将模板交给企业填写；填好后运行：aftersales-audit validate {dir}',
  },
  en: {
    inputs: 'Inputs',
    dataQuality: 'Data-quality issues',
    noIssues: 'No data-quality issues found.',
    row: 'row {row}',
    line: 'line {row}',
    headerRow: 'header on row {row}',
    rows: '{rows} data rows',
    rejected: '{rejected} left out of every check',
    withIssues: '{withIssues} with issues (still judged)',
    noDataRows: 'no data rows',
    fileProblem: 'the file itself has a problem (below)',
    skipped: '{count} rows skipped as not data ({examples})',
    blank: '{count} blank rows',
    ignored: 'columns not used: {columns}',
    notFound: 'not supplied: {datasets}',
    unrecognised: 'files not recognised (not read): {files}',
    more: '… and {count} more',
    truncated: 'too many issues: only the first {shown} of {count} are listed; raise --max-issues to list more',
    summaryIssues: '{count} data-quality issues; rows affected: {rows}.',
    profile: 'profile',
    noProfile: 'no profile.yaml / profile.json supplied',
    wrote: 'wrote {file}',
    initDone: 'templates written to {dir}:',
    initNext: 'hand them to the enterprise; once filled in, run: aftersales-audit validate {dir}',
  },
};

/** The note added to a clause whose dataset had a file left unread (see audit.ts). */
export const UNREAD_NOTE = 'unread-input';

/** Notes any clause may carry, beside its own message catalogue. */
export const sharedNotes: Readonly<Record<string, { zh: string; en: string }>> = {
  [UNREAD_NOTE]: {
    zh: '未能读取的文件：{files}（其中的记录未计入本条）',
    en: 'files that could not be read: {files} (their records are not counted here)',
  },
};

export function fill(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

export function t(lang: Lang, id: string, data: Readonly<Record<string, string | number>> = {}): string {
  const template = ui[lang][id];
  if (template === undefined) throw new Error(`no text "${id}" in ${lang}`);
  return fill(template, data);
}

/** A place in the data as a message names it: file, sheet (for a workbook) and row (line for a CSV file). */
export function placeText(lang: Lang, file: string, sheet: string | null, row: number): string {
  if (sheet) return lang === 'zh' ? `${file}「${sheet}」第 ${row} 行` : `${file} [${sheet}] row ${row}`;
  return lang === 'zh' ? `${file} 第 ${row} 行` : `${file} line ${row}`;
}

export function issueMessage(issue: Issue, lang: Lang): string {
  let data = issue.data;
  // A duplicate names where the id was first read: both places are in the line.
  if (issue.code === 'duplicate-id') {
    const file = typeof data['firstFile'] === 'string' ? data['firstFile'] : issue.file;
    const sheet = typeof data['firstSheet'] === 'string' ? data['firstSheet'] || null : issue.sheet;
    data = { ...data, firstPlace: placeText(lang, file, sheet, Number(data['firstRow'])) };
  }
  return fill(issueMessages[issue.code][lang], data);
}

export function skipText(reason: FolderSkip): { zh: string; en: string } {
  return skipMessages[reason];
}

export function hasText(lang: Lang, id: string): boolean {
  return ui[lang][id] !== undefined;
}

export const catalogs = { ui, issueMessages, skipMessages };

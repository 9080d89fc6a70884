// The enterprise profile (profile.yaml or profile.json). YAML is read with every scalar as text
// (so 0532… keeps its zero and 2019-03-01 stays a date string); the schema then coerces numbers and
// booleans. Every problem is an issue on the key and, for YAML, the line.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { InputError } from '../errors.js';
import type { Issue, IssueCode } from '../model.js';
import { profileValidator } from '../validate/schemas.js';
import { expectedOf } from '../validate/records.js';
import { detectEncoding, encodingLabel } from './encoding.js';
import { parseLocalDate } from './values.js';

export interface Profile {
  enterprise: {
    name: string;
    uscc?: string;
    qualification: '一级' | '二级' | '三级' | '四级' | '暂定';
    registeredIn?: '青岛' | '外地来青';
    generalManager?: string;
  };
  organization?: {
    name?: string;
    independent?: boolean;
    establishedAt?: string;
    filing?: { number?: string; date?: string };
    announcement?: { date?: string; channel?: string };
    hotline?: string;
    fund?: { amount?: number; account?: string };
  };
  entrustment?: { agent?: string; agentQualification?: string; contractNo?: string };
  projects?: { name: string; unitsSold: number }[];
  period?: { from?: string; to?: string };
  evidence?: Record<string, string[]>;
}

export interface ProfileReading {
  /** What could be read; keys that failed validation are removed. Null when the file had no usable object. */
  readonly profile: Partial<Profile> | null;
  readonly issues: readonly Issue[];
  readonly sha256: string;
  /** The text encoding read, as the inputs of a report name it: utf-8, utf-8-bom, gb18030, utf-16le, utf-16be. */
  readonly encoding: string;
}

/** A profile is a small hand-written file; anything bigger is not one. */
const PROFILE_SIZE_LIMIT = 1024 * 1024;
/** Paths whose values are dates, written in any common shape. */
const DATE_PATHS = [
  ['organization', 'establishedAt'],
  ['organization', 'filing', 'date'],
  ['organization', 'announcement', 'date'],
  ['period', 'from'],
  ['period', 'to'],
];

function codeFor(error: ErrorObject): IssueCode {
  if (error.keyword === 'required') return 'required';
  if (error.keyword === 'enum') return 'invalid-enum';
  if (error.keyword === 'additionalProperties') return 'unknown-key';
  if (error.keyword === 'format') {
    const format = (error.params as { format: string }).format;
    if (format === 'uscc') return 'invalid-uscc';
    if (format === 'cn-phone') return 'invalid-phone';
    if (format === 'date') return 'invalid-date';
  }
  if (error.keyword === 'maxLength') return 'too-long';
  return 'invalid-value';
}

function getPath(data: unknown, path: readonly string[]): unknown {
  let at = data;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** Removes a key, or an item of a list (leaving no hole: readers of the list meet only valid items). */
function deletePath(data: unknown, path: readonly string[]): void {
  if (path.length === 0) return;
  const parent = getPath(data, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return;
  const key = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    // Marked now, removed after every broken key is (removing now would shift the indices of the rest).
    if (/^\d+$/.test(key)) parent[Number(key)] = REMOVED;
    return;
  }
  delete (parent as Record<string, unknown>)[key];
}

const REMOVED = Symbol('removed');

function compactLists(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = value.length - 1; i >= 0; i--) {
      if (value[i] === REMOVED) value.splice(i, 1);
      else compactLists(value[i]);
    }
    return;
  }
  for (const key of Object.keys(value)) compactLists((value as Record<string, unknown>)[key]);
}

/**
 * A too-long evidence path stays in its clause's list: the clause makes it a finding
 * (evidence-too-long) instead of silently judging without it.
 */
const keptForItsClause = (keyword: string, path: readonly string[]): boolean => keyword === 'maxLength' && path.length === 3 && path[0] === 'evidence';

/** A key written with no value (`uscc:`) was not supplied: remove it (mappings stay, so their required keys are named). */
function pruneEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) if (pruneEmpty(object[key])) delete object[key];
  }
  return false;
}

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export async function readProfile(path: string, file: string): Promise<ProfileReading> {
  const info = await stat(path);
  if (info.size > PROFILE_SIZE_LIMIT) {
    throw new InputError(file, { zh: `文件过大（${info.size} 字节），不像企业信息文件`, en: `too large for a profile (${info.size} bytes)` });
  }
  const bytes = await readFile(path);
  // Notepad saves "ANSI" as GBK on a Chinese Windows and "Unicode" as UTF-16: detected as for CSV.
  const detected = detectEncoding(bytes);
  let text: string;
  try {
    text = new TextDecoder(detected.encoding, { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError(file, {
      zh: `无法按 ${detected.encoding} 解码；请用记事本另存为 UTF-8 编码`,
      en: `cannot be decoded as ${detected.encoding}; save it again as UTF-8`,
    });
  }
  const sha256 = sha256Of(bytes);
  let data: unknown;
  let doc: Document | null = null;
  const lineCounter = new LineCounter();
  if (extname(path).toLowerCase() === '.json') {
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new InputError(file, { zh: `不是有效的 JSON（${(error as Error).message}）`, en: `not valid JSON (${(error as Error).message})` });
    }
  } else {
    try {
      doc = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: true, prettyErrors: true });
    } catch (error) {
      throw new InputError(file, { zh: `YAML 无法读取（${(error as Error).message}）`, en: `YAML cannot be read (${(error as Error).message})` });
    }
    const [first] = doc.errors;
    const lines = text.split(/\r\n|\r|\n/);
    const wideSpace = fullWidthIndent(lines);
    const at = first?.linePos?.[0];
    if (wideSpace && (!first || !at || wideSpace.line <= at.line)) throw new InputError(file, yamlMessage(wideSpace));
    if (first) throw new InputError(file, yamlMessage(diagnoseYaml(lines, first.code, first.message, at?.line ?? 1, at?.col ?? 1)));
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      throw new InputError(file, { zh: `YAML 无法读取：${(error as Error).message}`, en: `YAML cannot be read: ${(error as Error).message}` });
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    // enterprise：青岛某某 alone is read as one string: name the colon rather than the shape.
    const lines = doc ? text.split(/\r\n|\r|\n/) : [];
    const colon = lines.findIndex((line) => fullWidthColonAt(line) >= 0);
    if (colon >= 0) throw new InputError(file, yamlMessage({ cause: 'full-width-colon', line: colon + 1, column: fullWidthColonAt(lines[colon]!) + 1 }));
    throw new InputError(file, { zh: '内容应为键值对象（enterprise: …）', en: 'the content must be a mapping (enterprise: …)' });
  }

  pruneEmpty(data);
  const issues: Issue[] = [];
  const lineOf = (path: readonly string[]): number | null => {
    if (!doc) return null;
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };

  // Dates in any common shape become ISO dates; a date that does not exist stays and fails its format.
  for (const datePath of DATE_PATHS) {
    const value = getPath(data, datePath);
    if (typeof value === 'string' || typeof value === 'number') {
      const parsed = parseLocalDate(String(value));
      if (parsed) (getPath(data, datePath.slice(0, -1)) as Record<string, unknown>)[datePath[datePath.length - 1]!] = parsed;
    }
  }

  const validate = profileValidator();
  if (!validate(data)) {
    const broken: string[][] = [];
    for (const error of validate.errors ?? []) {
      if (error.keyword === 'if') continue;
      const path = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
      let keyPath = path;
      const data2: Record<string, string | number> = {};
      if (error.keyword === 'required') keyPath = [...path, (error.params as { missingProperty: string }).missingProperty];
      if (error.keyword === 'additionalProperties') {
        keyPath = [...path, (error.params as { additionalProperty: string }).additionalProperty];
        data2['key'] = keyPath.join('.');
      }
      const code = codeFor(error);
      if (code === 'invalid-enum') data2['allowed'] = ((error.params as { allowedValues: string[] }).allowedValues ?? []).join('、');
      if (code === 'too-long') data2['limit'] = (error.params as { limit: number }).limit;
      if (code === 'invalid-value') Object.assign(data2, expectedOf(error));
      const value = getPath(data, keyPath);
      issues.push({
        dataset: 'profile',
        file,
        sheet: null,
        row: lineOf(keyPath),
        column: keyPath.join('.'),
        value: value === undefined || typeof value === 'object' ? null : String(value),
        code,
        data: data2,
      });
      if (error.keyword !== 'required' && !keptForItsClause(error.keyword, keyPath)) broken.push(keyPath);
    }
    for (const path of broken) deletePath(data, path);
    compactLists(data);
    issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.column! < b.column! ? -1 : a.column! > b.column! ? 1 : 0));
  }
  return { profile: data as Partial<Profile>, issues, sha256, encoding: encodingLabel(detected) };
}

// Broken YAML, as people writing it by hand in Notepad break it: the line, the column and the likely
// cause, in both languages, instead of the YAML reader's English.
type YamlCause = 'full-width-colon' | 'tab' | 'missing-space' | 'full-width-space' | 'unclosed-quote' | 'duplicate-key' | 'indentation' | 'structure';

interface YamlProblem {
  readonly cause: YamlCause;
  readonly line: number;
  readonly column: number;
  readonly data?: Readonly<Record<string, string>>;
}

const YAML_CAUSES: Readonly<Record<YamlCause, { zh: string; en: string }>> = {
  'full-width-colon': {
    zh: '用了全角冒号"："；请改为半角冒号":"并在其后加一个空格，如"name: 青岛某某置业"',
    en: 'a full-width colon "：" where YAML needs ":" and a space after it, as in "name: 青岛某某置业"',
  },
  tab: { zh: '用了 Tab 键缩进；只能用空格缩进（每级两个空格）', en: 'a tab used for indentation: indent with spaces only (two per level)' },
  'missing-space': {
    zh: '冒号后缺少空格；应写作"键: 值"，冒号后加一个空格',
    en: 'no space after the colon: write "key: value", with a space after the colon',
  },
  'full-width-space': { zh: '行首有全角空格"　"；只能用半角空格缩进', en: 'a full-width space "　" (U+3000) at the start of the line: indent with ordinary spaces only' },
  'unclosed-quote': {
    zh: '引号没有闭合：以 {quote} 开始的值缺少结尾的 {quote}',
    en: 'unclosed quote: the value that starts with {quote} has no closing {quote}',
  },
  'duplicate-key': { zh: '键"{key}"重复；每个键只能写一次', en: 'the key "{key}" is written twice; write each key once' },
  indentation: {
    zh: '缩进不一致；同一层的键要对齐，下一层多缩进两个空格',
    en: 'inconsistent indentation: keys of one level line up, the next level is indented two more spaces',
  },
  structure: { zh: '此处的结构无法读取；请检查缩进、冒号和引号', en: 'the structure cannot be read here ({detail}); check the indentation, colons and quotes' },
};

function yamlMessage(problem: YamlProblem): { zh: string; en: string } {
  const fill = (template: string): string => template.replace(/\{(\w+)\}/g, (_, key: string) => problem.data?.[key] ?? '');
  const cause = YAML_CAUSES[problem.cause];
  return {
    zh: `YAML 格式错误（第 ${problem.line} 行第 ${problem.column} 列）：${fill(cause.zh)}`,
    en: `invalid YAML (line ${problem.line}, column ${problem.column}): ${fill(cause.en)}`,
  };
}

/** The first key indented with a full-width space (YAML reads it, without error, as part of the key). */
function fullWidthIndent(lines: readonly string[]): YamlProblem | null {
  for (let i = 0; i < lines.length; i++) {
    const m = /^[ \t\u3000]*/.exec(lines[i]!)![0];
    const wide = m.indexOf('\u3000');
    // Only before a key: a block of text may indent its paragraphs with 　　.
    if (wide >= 0 && /^[^\s#:][^:]*:(?:\s|$)/.test(lines[i]!.slice(m.length))) return { cause: 'full-width-space', line: i + 1, column: wide + 1 };
  }
  return null;
}

/** Where a full-width colon stands for the key's colon: before any ": " of the line, or on a line with none. */
function fullWidthColonAt(line: string): number {
  const wide = line.indexOf('：');
  if (wide < 0 || /^\s*#/.test(line)) return -1;
  const colon = /:(?=\s|$)/.exec(line);
  return colon && colon.index < wide ? -1 : wide;
}

/** A colon followed by something other than a space, before any ": " (name:青岛). Not in a quoted or flow line. */
function tightColonAt(line: string): number {
  const m = /^(\s*(?:-\s+)?)([^\s#"'{[][^:#]*?):(?=[^\s/])/.exec(line);
  return m ? m[1]!.length + m[2]!.length : -1;
}

/** A value that opens a quote its line does not close ("青岛 or '青岛). */
function unclosedQuoteAt(line: string): { column: number; quote: string } | null {
  const m = /^(\s*(?:-\s+)?(?:[^\s#"'{[][^:#]*:\s+)?)(["'])/.exec(line);
  if (!m) return null;
  const quote = m[2]!;
  const rest = line.slice(m[1]!.length + 1).replace(quote === '"' ? /\\./g : /''/g, '');
  return rest.includes(quote) ? null : { column: m[1]!.length + 1, quote };
}

function diagnoseYaml(lines: readonly string[], code: string, message: string, line: number, column: number): YamlProblem {
  const text = (n: number): string => lines[n - 1] ?? '';
  if (code === 'DUPLICATE_KEY') {
    return { cause: 'duplicate-key', line, column, data: { key: (/^[^:]*/.exec(text(line).slice(column - 1))?.[0] ?? '').trim() } };
  }
  if (code === 'TAB_AS_INDENT' || /^\s*\t/.test(text(line))) return { cause: 'tab', line, column: text(line).indexOf('\t') + 1 || column };
  if (/quote/i.test(message)) {
    // The reader stops where the file ends; the quote opened on an earlier line.
    for (let n = line; n >= 1; n--) {
      const open = unclosedQuoteAt(text(n));
      if (open) return { cause: 'unclosed-quote', line: n, column: open.column, data: { quote: open.quote } };
    }
  }
  // The error is on the key's line, or the line after it when a scalar ran on.
  for (const n of [line, line - 1]) {
    const wide = fullWidthColonAt(text(n));
    if (wide >= 0) return { cause: 'full-width-colon', line: n, column: wide + 1 };
    const tight = tightColonAt(text(n));
    if (tight >= 0) return { cause: 'missing-space', line: n, column: tight + 1 };
  }
  if (code === 'BAD_INDENT' || code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') return { cause: 'indentation', line, column };
  return { cause: 'structure', line, column, data: { detail: message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') } };
}

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
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const sha256 = sha256Of(bytes);
  let data: unknown;
  let doc: Document | null = null;
  const lines = new LineCounter();
  if (extname(path).toLowerCase() === '.json') {
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new InputError(file, { zh: `不是有效的 JSON（${(error as Error).message}）`, en: `not valid JSON (${(error as Error).message})` });
    }
  } else {
    try {
      doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines, uniqueKeys: true, prettyErrors: true });
    } catch (error) {
      throw new InputError(file, { zh: `YAML 无法读取（${(error as Error).message}）`, en: `YAML cannot be read (${(error as Error).message})` });
    }
    const [first] = doc.errors;
    if (first) {
      const line = first.linePos?.[0].line;
      throw new InputError(file, {
        zh: `YAML 格式错误${line ? `（第 ${line} 行）` : ''}：${first.message.split('\n')[0]}`,
        en: `invalid YAML${line ? ` (line ${line})` : ''}: ${first.message.split('\n')[0]}`,
      });
    }
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      throw new InputError(file, { zh: `YAML 无法读取：${(error as Error).message}`, en: `YAML cannot be read: ${(error as Error).message}` });
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(file, { zh: '内容应为键值对象（enterprise: …）', en: 'the content must be a mapping (enterprise: …)' });
  }

  pruneEmpty(data);
  const issues: Issue[] = [];
  const lineOf = (path: readonly string[]): number | null => {
    if (!doc) return null;
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
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
  return { profile: data as Partial<Profile>, issues, sha256 };
}

// The dataset definitions, read from the JSON schemas in schemas/ (the single source of truth for
// keys, headers, aliases, enumerations and personal fields).
import { readFileSync } from 'node:fs';
import type { DatasetName } from './model.js';
import { DATASETS } from './model.js';

/** How a cell is read before validation. */
export type ColumnKind = 'id' | 'text' | 'freetext' | 'enum' | 'date' | 'datetime' | 'phone';

export interface ColumnDef {
  readonly key: string;
  readonly header: string;
  readonly aliases: readonly string[];
  readonly kind: ColumnKind;
  readonly required: boolean;
  readonly enumValues: readonly string[] | null;
  /** Accepted spellings (normalised, upper-cased) → canonical enumeration value. */
  readonly enumAliases: ReadonlyMap<string, string>;
  readonly personal: 'name' | 'phone' | 'content' | null;
  readonly description: string;
}

export interface DatasetDef {
  readonly name: DatasetName;
  readonly title: string;
  /** Words that name the dataset in a file or sheet name. */
  readonly names: readonly string[];
  readonly columns: readonly ColumnDef[];
  readonly schema: Readonly<Record<string, unknown>>;
}

interface PropertySchema {
  'x-header': string;
  'x-aliases'?: string[];
  'x-kind': ColumnKind;
  'x-personal'?: 'name' | 'phone' | 'content';
  'x-enumAliases'?: Record<string, string>;
  enum?: string[];
  description?: string;
}

export const schemaDir = new URL('../schemas/', import.meta.url);

export function loadSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8')) as Record<string, unknown>;
}

/** Header normalisation used for matching: full-width → ASCII, no spaces, no required-marks, lower case. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();
}

/** Enumeration matching is forgiving about width, spaces and Latin case. */
export function normaliseEnum(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function loadDataset(name: DatasetName): DatasetDef {
  const schema = loadSchema(`${name}.schema.json`);
  const required = new Set(schema['required'] as string[]);
  const properties = schema['properties'] as Record<string, PropertySchema>;
  const columns = Object.entries(properties).map(([key, p]): ColumnDef => {
    const enumAliases = new Map<string, string>();
    for (const value of p.enum ?? []) enumAliases.set(normaliseEnum(value), value);
    for (const [alias, value] of Object.entries(p['x-enumAliases'] ?? {})) enumAliases.set(normaliseEnum(alias), value);
    return {
      key,
      header: p['x-header'],
      aliases: p['x-aliases'] ?? [],
      kind: p['x-kind'],
      required: required.has(key),
      enumValues: p.enum ?? null,
      enumAliases,
      personal: p['x-personal'] ?? null,
      description: p.description ?? '',
    };
  });
  return {
    name,
    title: schema['title'] as string,
    names: schema['x-names'] as string[],
    columns,
    schema,
  };
}

export const datasets: Readonly<Record<DatasetName, DatasetDef>> = Object.fromEntries(
  DATASETS.map((name) => [name, loadDataset(name)]),
) as Record<DatasetName, DatasetDef>;

/** Chinese short titles for the datasets, used in messages. */
export const datasetTitles: Readonly<Record<DatasetName | 'profile', { zh: string; en: string }>> = {
  complaints: { zh: '投诉台账', en: 'complaints' },
  staff: { zh: '人员花名册', en: 'staff roster' },
  callbacks: { zh: '回访记录', en: 'callbacks' },
  units: { zh: '已售房源台账', en: 'sold units' },
  profile: { zh: '企业信息', en: 'profile' },
};

// One ajv configuration for the dataset records and one (type-coercing) for the profile and the
// config; each schema is compiled once. The build also compiles every validator to plain code
// (dist/validate/validators.cjs, by scripts/compile-validators.mjs, with ajv's standalone mode):
// the CLI then starts without loading ajv or generating code, about a third of a small audit's
// time. Run from the TypeScript sources, or when the schemas changed since the build, the
// validators are compiled here instead.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv, Options, ValidateFunction } from 'ajv';
import { datasets, loadSchema } from '../datasets.js';
import { DATASETS, type DatasetName } from '../model.js';
import { FORMATS } from './formats.js';

/** Annotations our schemas carry for the readers and templates; ajv ignores them. */
const ANNOTATIONS = ['x-dataset', 'x-names', 'x-header', 'x-aliases', 'x-kind', 'x-personal', 'x-enumAliases'];

export const RECORD_OPTIONS: Options = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true };
/** YAML is read with every scalar as text; the profile schema says which are numbers or booleans. */
export const PROFILE_OPTIONS: Options = { allErrors: true, strict: true, strictRequired: false, coerceTypes: true };

export interface SchemaSources {
  /** Compiled with RECORD_OPTIONS, by dataset. */
  readonly records: Readonly<Record<string, object>>;
  /** Compiled with PROFILE_OPTIONS: 'profile', 'config' and 'waivers'. */
  readonly profiles: Readonly<Record<string, object>>;
}

export function schemaSources(): SchemaSources {
  return {
    records: Object.fromEntries(DATASETS.map((d) => [d, datasets[d].schema])),
    profiles: { profile: loadSchema('profile.schema.json'), config: loadSchema('config.schema.json'), waivers: loadSchema('waivers.schema.json') },
  };
}

/** What the precompiled validators were made from: they serve only these very schemas. */
export function schemasFingerprint(sources: SchemaSources): string {
  return createHash('sha256').update(JSON.stringify(sources)).digest('hex');
}

export function configure(ajv: Ajv): Ajv {
  ajv.addVocabulary(ANNOTATIONS);
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

type Validators = Readonly<Record<string, ValidateFunction>>;
interface Precompiled {
  readonly fingerprint: string;
  records(formats: typeof FORMATS): Validators;
  profiles(formats: typeof FORMATS): Validators;
}

const require = createRequire(import.meta.url);
let precompiled: { records: Validators; profiles: Validators } | null | undefined;

/** The build's validators, or null when there are none (sources) or they are not of these schemas. */
function loadPrecompiled(): { records: Validators; profiles: Validators } | null {
  if (precompiled !== undefined) return precompiled;
  precompiled = null;
  // Beside this module, or under validate/ beside the bundled CLI (dist/cli.js).
  const path = ['./validators.cjs', './validate/validators.cjs'].map((p) => fileURLToPath(new URL(p, import.meta.url))).find((p) => existsSync(p));
  if (!path) return null;
  const module = require(path) as Precompiled;
  if (module.fingerprint !== schemasFingerprint(schemaSources())) return null;
  precompiled = { records: module.records(FORMATS), profiles: module.profiles(FORMATS) };
  return precompiled;
}

const instances: { records?: Ajv; profiles?: Ajv } = {};
/** Compiles one schema at run time (ajv is loaded only then). */
function compile(kind: 'records' | 'profiles', schema: object): ValidateFunction {
  if (!instances[kind]) {
    const { Ajv: AjvClass } = require('ajv') as { Ajv: new (options: Options) => Ajv };
    instances[kind] = configure(new AjvClass(kind === 'records' ? RECORD_OPTIONS : PROFILE_OPTIONS));
  }
  return instances[kind].compile(schema);
}

const compiled = new Map<string, ValidateFunction>();

function validator(kind: 'records' | 'profiles', name: string, schema: () => object): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validate = loadPrecompiled()?.[kind][name] ?? compile(kind, schema());
    compiled.set(name, validate);
  }
  return validate;
}

export function recordValidator(dataset: DatasetName): ValidateFunction {
  return validator('records', dataset, () => datasets[dataset].schema);
}

export function profileValidator(): ValidateFunction {
  return validator('profiles', 'profile', () => loadSchema('profile.schema.json'));
}

export function configValidator(): ValidateFunction {
  return validator('profiles', 'config', () => loadSchema('config.schema.json'));
}

export function waiversValidator(): ValidateFunction {
  return validator('profiles', 'waivers', () => loadSchema('waivers.schema.json'));
}

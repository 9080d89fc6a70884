// One ajv instance for the dataset records and one (type-coercing) for the profile; each schema is
// compiled once. Custom formats: China wall-clock dates, Chinese phone numbers, 统一社会信用代码.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { datasets, loadSchema } from '../datasets.js';
import type { DatasetName } from '../model.js';
import { isLocalDate, isLocalDateTime } from '../read/values.js';
import { isValidChinesePhone, isValidUscc } from './identifiers.js';

// ajv-formats is CommonJS: under Node's ESM the default import is module.exports, the plugin itself.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Annotations our schemas carry for the readers and templates; ajv ignores them. */
const ANNOTATIONS = ['x-dataset', 'x-names', 'x-header', 'x-aliases', 'x-kind', 'x-personal', 'x-enumAliases'];

function configure(ajv: Ajv): Ajv {
  addFormats(ajv, ['date']);
  ajv.addVocabulary(ANNOTATIONS);
  ajv.addFormat('local-date', { type: 'string', validate: isLocalDate });
  ajv.addFormat('local-datetime', { type: 'string', validate: isLocalDateTime });
  ajv.addFormat('cn-phone', { type: 'string', validate: isValidChinesePhone });
  ajv.addFormat('uscc', { type: 'string', validate: isValidUscc });
  return ajv;
}

const recordAjv = configure(new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }));
/** YAML is read with every scalar as text; the profile schema says which are numbers or booleans. */
const profileAjv = configure(new Ajv({ allErrors: true, strict: true, strictRequired: false, coerceTypes: true }));

const compiled = new Map<string, ValidateFunction>();

export function recordValidator(dataset: DatasetName): ValidateFunction {
  let validate = compiled.get(dataset);
  if (!validate) {
    validate = recordAjv.compile(datasets[dataset].schema);
    compiled.set(dataset, validate);
  }
  return validate;
}

export function profileValidator(): ValidateFunction {
  let validate = compiled.get('profile');
  if (!validate) {
    validate = profileAjv.compile(loadSchema('profile.schema.json'));
    compiled.set('profile', validate);
  }
  return validate;
}

export function configValidator(): ValidateFunction {
  let validate = compiled.get('config');
  if (!validate) {
    validate = profileAjv.compile(loadSchema('config.schema.json'));
    compiled.set('config', validate);
  }
  return validate;
}

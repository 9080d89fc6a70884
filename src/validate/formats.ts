// The string formats our schemas use, by name: one table for ajv at run time and for the validators
// precompiled at build time (scripts/compile-validators.mjs), so both check the same way.
import formats from 'ajv-formats/dist/formats.js';
import { isLocalDate, isLocalDateTime } from '../read/values.js';
import { isValidChinesePhone, isValidUscc } from './identifiers.js';

export interface FormatDefinition {
  readonly type: 'string';
  readonly validate: (text: string) => boolean;
  readonly compare?: (a: string, b: string) => number | undefined;
}

export const FORMATS: Readonly<Record<string, FormatDefinition>> = {
  // ajv-formats' calendar date (YYYY-MM-DD, a real day), as its plugin adds it.
  date: { type: 'string', ...(formats.fullFormats.date as Omit<FormatDefinition, 'type'>) },
  'local-date': { type: 'string', validate: isLocalDate },
  'local-datetime': { type: 'string', validate: isLocalDateTime },
  'cn-phone': { type: 'string', validate: isValidChinesePhone },
  uscc: { type: 'string', validate: isValidUscc },
};

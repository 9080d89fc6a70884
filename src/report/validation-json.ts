// `validate --format json`: the data-quality part of the report contract (inputs, dataQuality).
import type { Reading } from '../pipeline.js';
import { REPORT_SCHEMA_VERSION as SCHEMA_VERSION } from './audit-json.js';
import { presentIssue, presentSkipped, type PresentOptions } from './present.js';

export function validationJson(reading: Reading, options: PresentOptions): string {
  const body = {
    schemaVersion: SCHEMA_VERSION,
    command: 'validate',
    inputs: reading.inputs,
    skipped: reading.skipped.map((s) => presentSkipped(s, options.lang)),
    missing: reading.plan.missing,
    unrecognised: reading.plan.unrecognised,
    dataQuality: {
      count: reading.dataQuality.count,
      truncated: reading.dataQuality.truncated,
      issues: reading.dataQuality.issues.map((issue) => presentIssue(issue, options)),
    },
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

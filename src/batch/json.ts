// The batch summary's machine contract (schemas/batch.schema.json).
import type { Summary } from './summary.js';

export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

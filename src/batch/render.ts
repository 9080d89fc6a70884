// From the batch summary to any of its formats; the XLSX writer loads only when asked for.
import { summaryHtml, summaryJson, summaryText } from './format.js';
import type { Summary } from './summary.js';

export async function renderSummary(summary: Summary, format: 'text' | 'json' | 'html' | 'xlsx'): Promise<string | Buffer> {
  switch (format) {
    case 'text':
      return summaryText(summary);
    case 'json':
      return summaryJson(summary);
    case 'html':
      return summaryHtml(summary);
    case 'xlsx':
      return (await import('./xlsx.js')).summaryXlsx(summary);
  }
}

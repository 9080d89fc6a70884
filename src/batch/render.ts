// From the batch summary to any of its formats (one pure formatter per file); the XLSX writer
// (exceljs) loads only when asked for.
import { summaryHtml } from './html.js';
import { summaryJson } from './json.js';
import { summaryText } from './text.js';
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

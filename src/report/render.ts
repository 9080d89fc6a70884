// One entry point from an audit result to any format; formatters load only when used.
import type { ChalkInstance } from 'chalk';
import type { AuditResult } from '../audit.js';
import { buildReport } from './audit-json.js';
import type { PresentOptions } from './present.js';

export async function renderReport(
  audit: AuditResult,
  format: 'text' | 'json' | 'md' | 'html' | 'junit' | 'xlsx',
  options: PresentOptions,
  color: ChalkInstance,
): Promise<string | Buffer> {
  switch (format) {
    case 'text':
      return (await import('./audit-text.js')).auditText(audit, options, color);
    case 'json':
      return `${JSON.stringify(buildReport(audit, options), null, 2)}\n`;
    case 'md':
      return (await import('./markdown.js')).markdown(buildReport(audit, options));
    case 'html':
      return (await import('./html.js')).html(buildReport(audit, options));
    case 'junit':
      return (await import('./junit.js')).junit(buildReport(audit, options));
    case 'xlsx':
      return (await import('./xlsx.js')).xlsx(buildReport(audit, options));
  }
}

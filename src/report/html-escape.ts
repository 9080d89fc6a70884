import { xmlChars } from './present.js';

/**
 * Everything the data says is text in HTML: the five characters that could make it markup are
 * escaped, and characters XML forbids (controls, U+FFFE, lone surrogates) become U+FFFD.
 */
export function escapeHtml(value: unknown): string {
  return xmlChars(String(value ?? '')).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

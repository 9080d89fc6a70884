// Inline SVG charts for the HTML report: no script, no network, sized by viewBox so they print.
import { escapeHtml } from './html-escape.js';

const W = 640;
const FONT = 'font-family="sans-serif" font-size="11"';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

function frame(height: number, title: string, body: string): string {
  return `<svg class="chart" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title>${body}</svg>`;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** Vertical bars with value labels. */
export function barChart(title: string, bars: readonly Bar[], options: { marker?: { at: string; label: string } } = {}): string {
  if (bars.length === 0) return '';
  const height = 220;
  const left = 36;
  const bottom = 40;
  const top = 16;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (W - left - 8) / bars.length;
  const bw = Math.max(4, slot * 0.7);
  const scale = (height - top - bottom) / max;
  const parts: string[] = [`<line x1="${left}" y1="${height - bottom}" x2="${W - 4}" y2="${height - bottom}" stroke="#888"/>`];
  bars.forEach((b, i) => {
    const x = left + i * slot + (slot - bw) / 2;
    const h = b.value * scale;
    const y = height - bottom - h;
    parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" fill="#4a7ab5"><title>${escapeHtml(b.label)}: ${fmt(b.value)}</title></rect>`);
    parts.push(`<text x="${(x + bw / 2).toFixed(1)}" y="${(y - 3).toFixed(1)}" text-anchor="middle" ${FONT}>${fmt(b.value)}</text>`);
    parts.push(`<text x="${(x + bw / 2).toFixed(1)}" y="${height - bottom + 14}" text-anchor="middle" ${FONT}>${escapeHtml(b.label)}</text>`);
    if (options.marker && options.marker.at === b.label) {
      const mx = (x + bw + (slot - bw) / 2).toFixed(1);
      parts.push(`<line x1="${mx}" y1="${top}" x2="${mx}" y2="${height - bottom}" stroke="#c0392b" stroke-dasharray="4 3"/>`);
      parts.push(`<text x="${mx}" y="${top - 4}" text-anchor="middle" fill="#c0392b" ${FONT}>${escapeHtml(options.marker.label)}</text>`);
    }
  });
  return frame(height, title, parts.join(''));
}

/** Pareto: bars by count, most frequent first, and the cumulative share as a line (right axis). */
export function paretoChart(title: string, items: readonly { label: string; value: number; cumulative: number }[]): string {
  if (items.length === 0) return '';
  const height = 240;
  const left = 36;
  const right = 40;
  const bottom = 56;
  const top = 16;
  const max = Math.max(1, ...items.map((b) => b.value));
  const slot = (W - left - right) / items.length;
  const bw = Math.max(4, slot * 0.7);
  const plot = height - top - bottom;
  const parts: string[] = [
    `<line x1="${left}" y1="${height - bottom}" x2="${W - right}" y2="${height - bottom}" stroke="#888"/>`,
    `<text x="${W - right + 4}" y="${top + 4}" ${FONT}>100%</text>`,
    `<text x="${W - right + 4}" y="${height - bottom}" ${FONT}>0%</text>`,
  ];
  const points: string[] = [];
  items.forEach((b, i) => {
    const x = left + i * slot + (slot - bw) / 2;
    const h = (b.value / max) * plot;
    parts.push(`<rect x="${x.toFixed(1)}" y="${(height - bottom - h).toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" fill="#4a7ab5"><title>${escapeHtml(b.label)}: ${b.value}</title></rect>`);
    parts.push(`<text transform="translate(${(x + bw / 2).toFixed(1)} ${height - bottom + 10}) rotate(35)" ${FONT}>${escapeHtml(b.label)}</text>`);
    points.push(`${(x + bw / 2).toFixed(1)},${(height - bottom - b.cumulative * plot).toFixed(1)}`);
  });
  parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="#e67e22" stroke-width="2"/>`);
  for (const p of points) {
    const [cx, cy] = p.split(',');
    parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="#e67e22"/>`);
  }
  return frame(height, title, parts.join(''));
}

/** Horizontal rows: a rate per label with an optional interval and a threshold line. */
export function rateChart(title: string, rows: readonly { label: string; rate: number | null; interval?: readonly [number, number] | null }[], threshold: number | null): string {
  if (rows.length === 0) return '';
  const rowHeight = 26;
  const top = 20;
  const left = 120;
  const right = 60;
  const height = top + rows.length * rowHeight + 24;
  const x = (r: number): number => left + r * (W - left - right);
  const parts: string[] = [
    `<line x1="${x(0)}" y1="${top - 6}" x2="${x(0)}" y2="${height - 20}" stroke="#888"/>`,
    `<text x="${x(0)}" y="${height - 6}" text-anchor="middle" ${FONT}>0%</text>`,
    `<text x="${x(1)}" y="${height - 6}" text-anchor="middle" ${FONT}>100%</text>`,
  ];
  if (threshold !== null) {
    parts.push(`<line x1="${x(threshold).toFixed(1)}" y1="${top - 6}" x2="${x(threshold).toFixed(1)}" y2="${height - 20}" stroke="#c0392b" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${x(threshold).toFixed(1)}" y="${top - 8}" text-anchor="middle" fill="#c0392b" ${FONT}>${fmt(threshold * 100)}%</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    parts.push(`<text x="${left - 6}" y="${y + 4}" text-anchor="end" ${FONT}>${escapeHtml(r.label)}</text>`);
    if (r.rate === null) return;
    if (r.interval) {
      parts.push(`<line x1="${x(r.interval[0]).toFixed(1)}" y1="${y}" x2="${x(r.interval[1]).toFixed(1)}" y2="${y}" stroke="#555" stroke-width="2"/>`);
      parts.push(`<circle cx="${x(r.rate).toFixed(1)}" cy="${y}" r="5" fill="#4a7ab5"><title>${escapeHtml(r.label)}: ${fmt(r.rate * 100)}%</title></circle>`);
    } else {
      parts.push(`<rect x="${x(0)}" y="${y - 8}" width="${(x(r.rate) - x(0)).toFixed(1)}" height="16" fill="#4a7ab5"><title>${escapeHtml(r.label)}: ${fmt(r.rate * 100)}%</title></rect>`);
    }
    parts.push(`<text x="${W - right + 6}" y="${y + 4}" ${FONT}>${fmt(r.rate * 100)}%</text>`);
  });
  return frame(height, title, parts.join(''));
}

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
  const bw = Math.min(56, Math.max(4, slot * 0.7));
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

/** Pareto: bars by count, most frequent first, and the cumulative share as a labelled line (right axis). */
export function paretoChart(title: string, items: readonly { label: string; value: number; cumulative: number }[], legend: { count: string; cumulative: string } = { count: 'count', cumulative: 'cumulative' }): string {
  if (items.length === 0) return '';
  const height = 250;
  const left = 36;
  const right = 44;
  const bottom = 56;
  const top = 26;
  const max = Math.max(1, ...items.map((b) => b.value));
  const slot = (W - left - right) / items.length;
  const bw = Math.min(56, Math.max(4, slot * 0.7));
  const plot = height - top - bottom;
  const parts: string[] = [
    `<line x1="${left}" y1="${height - bottom}" x2="${W - right}" y2="${height - bottom}" stroke="#888"/>`,
    `<line x1="${W - right}" y1="${top}" x2="${W - right}" y2="${height - bottom}" stroke="#e67e22"/>`,
    `<text x="${W - right + 4}" y="${top + 4}" fill="#e67e22" ${FONT}>100%</text>`,
    `<text x="${W - right + 4}" y="${(top + plot / 2 + 4).toFixed(1)}" fill="#e67e22" ${FONT}>50%</text>`,
    `<text x="${W - right + 4}" y="${height - bottom}" fill="#e67e22" ${FONT}>0%</text>`,
    // Legend: what the bars and the line are.
    `<rect x="${left}" y="4" width="10" height="10" fill="#4a7ab5"/><text x="${left + 14}" y="13" ${FONT}>${escapeHtml(legend.count)}</text>`,
    `<line x1="${left + 90}" y1="9" x2="${left + 110}" y2="9" stroke="#e67e22" stroke-width="2"/><text x="${left + 114}" y="13" fill="#e67e22" ${FONT}>${escapeHtml(legend.cumulative)}</text>`,
  ];
  const points: [number, number, number][] = [];
  items.forEach((b, i) => {
    const x = left + i * slot + (slot - bw) / 2;
    const h = (b.value / max) * plot;
    parts.push(`<rect x="${x.toFixed(1)}" y="${(height - bottom - h).toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" fill="#4a7ab5"><title>${escapeHtml(b.label)}: ${b.value}</title></rect>`);
    parts.push(`<text x="${(x + bw / 2).toFixed(1)}" y="${(height - bottom - h + 11).toFixed(1)}" text-anchor="middle" fill="#fff" ${FONT}>${b.value}</text>`);
    parts.push(`<text transform="translate(${(x + bw / 2).toFixed(1)} ${height - bottom + 10}) rotate(35)" ${FONT}>${escapeHtml(b.label)}</text>`);
    points.push([x + bw / 2, height - bottom - b.cumulative * plot, b.cumulative]);
  });
  parts.push(`<polyline points="${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}" fill="none" stroke="#e67e22" stroke-width="2"/>`);
  for (const [x, y, share] of points) {
    parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="#e67e22"/>`);
    parts.push(`<text x="${x.toFixed(1)}" y="${(y - 6).toFixed(1)}" text-anchor="middle" fill="#b9561b" ${FONT}>${(share * 100).toFixed(0)}%</text>`);
  }
  return frame(height, title, parts.join(''));
}

/** The axis of a rate chart: 0-100%, or with `fit` the tens that hold every rate, interval and the threshold. */
export function rateAxis(values: readonly number[], fit: boolean): { from: number; to: number; step: number } {
  if (!fit || values.length === 0) return { from: 0, to: 1, step: 0.25 };
  const low = Math.max(0, Math.floor(Math.min(...values) * 10 + 1e-9) / 10);
  const high = Math.min(1, Math.ceil(Math.max(...values) * 10 - 1e-9) / 10);
  const to = high > low ? high : Math.min(1, low + 0.1);
  const from = to - low < 0.1 ? Math.max(0, to - 0.1) : low;
  return { from, to, step: to - from <= 0.3 + 1e-9 ? 0.05 : from === 0 && to === 1 ? 0.25 : 0.1 };
}

/** Horizontal rows: a rate per label with an optional interval and a threshold line. */
export function rateChart(title: string, rows: readonly { label: string; rate: number | null; interval?: readonly [number, number] | null }[], threshold: number | null, options: { fit?: boolean } = {}): string {
  if (rows.length === 0) return '';
  const rowHeight = 26;
  const top = 20;
  const left = 120;
  const right = 60;
  const height = top + rows.length * rowHeight + 24;
  const values = rows.flatMap((r) => [...(r.rate === null ? [] : [r.rate]), ...(r.interval ?? [])]).concat(threshold === null ? [] : [threshold]);
  const axis = rateAxis(values, options.fit === true);
  const x = (r: number): number => left + ((r - axis.from) / (axis.to - axis.from)) * (W - left - right);
  const parts: string[] = [`<line x1="${x(axis.from)}" y1="${top - 6}" x2="${x(axis.from)}" y2="${height - 20}" stroke="#888"/>`];
  const ticks = Math.round((axis.to - axis.from) / axis.step);
  for (let i = 0; i <= ticks; i++) {
    const at = axis.from + i * axis.step;
    if (i > 0) parts.push(`<line x1="${x(at).toFixed(1)}" y1="${top - 6}" x2="${x(at).toFixed(1)}" y2="${height - 20}" stroke="#e4e4e4"/>`);
    parts.push(`<text x="${x(at).toFixed(1)}" y="${height - 6}" text-anchor="middle" ${FONT}>${fmt(Math.round(at * 1000) / 10)}%</text>`);
  }
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
      for (const end of r.interval) parts.push(`<line x1="${x(end).toFixed(1)}" y1="${y - 5}" x2="${x(end).toFixed(1)}" y2="${y + 5}" stroke="#555" stroke-width="2"/>`);
      parts.push(`<circle cx="${x(r.rate).toFixed(1)}" cy="${y}" r="5" fill="#4a7ab5"><title>${escapeHtml(r.label)}: ${fmt(r.rate * 100)}%</title></circle>`);
    } else {
      parts.push(`<rect x="${x(axis.from)}" y="${y - 8}" width="${(x(r.rate) - x(axis.from)).toFixed(1)}" height="16" fill="#4a7ab5"><title>${escapeHtml(r.label)}: ${fmt(r.rate * 100)}%</title></rect>`);
    }
    parts.push(`<text x="${W - right + 6}" y="${y + 4}" ${FONT}>${fmt(r.rate * 100)}%</text>`);
  });
  return frame(height, title, parts.join(''));
}

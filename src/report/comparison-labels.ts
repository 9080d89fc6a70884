// Words for waivers and baselines (#16.7), shared by the HTML and XLSX reports.
import type { Report } from './labels.js';

type Finding = Report['chapters'][number]['clauses'][number]['findings'][number];

/** 已豁免：理由；批准人 X；有效至 D — or '' for a finding not waived. */
export function waiverLabel(f: Finding, lang: 'zh' | 'en'): string {
  const v = f.waiver;
  if (!v) return '';
  return lang === 'zh'
    ? `已豁免：${v.justification}${v.approvedBy ? `；批准人 ${v.approvedBy}` : ''}；有效至 ${v.expires}`
    : `waived: ${v.justification}${v.approvedBy ? `; approved by ${v.approvedBy}` : ''}; until ${v.expires}`;
}

export function baselineLabel(mark: 'new' | 'persisting' | 'resolved' | null, lang: 'zh' | 'en'): string {
  if (mark === null) return '';
  const words = { new: { zh: '新增', en: 'new' }, persisting: { zh: '仍存在', en: 'persisting' }, resolved: { zh: '已整改', en: 'resolved' } } as const;
  return words[mark][lang];
}

export const columnTitles = {
  waiver: { zh: '豁免', en: 'Waiver' },
  baseline: { zh: '与基线比较', en: 'Since baseline' },
} as const;

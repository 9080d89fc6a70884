// Statutory minimum warranty periods (DOMAIN.md): the class of a 问题分类, and the last day of its
// period after delivery.
import { addMonths } from '../calendar/days.js';
import type { Parameters } from './parameters.js';

/** Words that place a category in a class, most specific first (屋面 before 渗漏). */
const CLASS_WORDS: readonly [string, readonly string[]][] = [
  ['地基主体结构', ['地基', '基础', '主体结构', '结构']],
  ['屋面防水', ['屋面', '屋顶', '顶层漏雨']],
  ['管道堵塞', ['堵塞', '堵', '不通']],
  ['渗漏', ['渗漏', '渗水', '漏水', '渗', '漏']],
  ['抹灰脱落', ['抹灰', '脱落', '墙皮', '掉灰']],
  ['地面空鼓开裂', ['空鼓', '开裂', '起砂', '裂缝']],
  ['门窗五金', ['门窗', '门', '窗', '五金', '锁', '合页', '把手']],
  ['供热供冷', ['供热', '供冷', '暖气', '地暖', '采暖', '空调', '供暖']],
  ['卫生洁具', ['洁具', '马桶', '坐便', '洗手盆', '面盆', '浴缸', '淋浴']],
  ['灯具电器开关', ['灯', '开关', '插座', '电器', '电路']],
  ['其他', ['其他', '其它']],
];

/** The warranty classes by their short names, in the order of the statute (the templates' drop-down for 问题分类). */
export const WARRANTY_CLASSES: readonly string[] = ['地基主体结构', '屋面防水', '渗漏', '抹灰脱落', '地面空鼓开裂', '门窗五金', '管道堵塞', '供热供冷', '卫生洁具', '灯具电器开关', '其他'];

/** The warranty class a category names, by its short name, its full name or a natural variant. */
export function warrantyClass(category: string | undefined): string | null {
  if (!category) return null;
  const text = category.normalize('NFKC').replace(/\s+/g, '');
  for (const [name] of CLASS_WORDS) if (text === name) return name;
  for (const [name, words] of CLASS_WORDS) if (words.some((w) => text.includes(w))) return name;
  return null;
}

/**
 * The last day inside the minimum warranty for a class, counted from delivery; null when the
 * period is "as agreed" (其他) and cannot be judged.
 */
export function warrantyEnd(cls: string, delivered: string, params: Parameters): string | null {
  const period = params.warrantyMonths[cls];
  if (period === null || period === undefined) return null;
  if (period === 'season') {
    // One heating season: to the end of the first full season that begins after delivery.
    const year = +delivered.slice(0, 4);
    const start = `${year}-${params.heatingSeason.start}`;
    const seasonYear = start > delivered ? year : year + 1;
    return `${seasonYear + 1}-${params.heatingSeason.end}`;
  }
  return addMonths(delivered, period);
}

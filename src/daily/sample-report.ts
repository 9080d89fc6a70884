// The callback plan written in the layout of the callbacks template of `init` (so it is filled in
// and read back as a callbacks file), with the owner's name after the template's columns and a
// summary sheet (its name says 汇总: the reader skips it), and the same summary as text or JSON.
import type ExcelJS from 'exceljs';
import type { Lang } from '../model.js';
import { templateWorkbook } from '../init.js';
import { maskName } from '../report/mask.js';
import { terminalSafe } from '../report/present.js';
import { safeText } from '../report/xlsx.js';
import { datasets } from '../datasets.js';
import type { SamplePlan } from './sample.js';

export const PLAN_SUMMARY_SHEET = '抽样汇总';

const pct = (x: number | null): string => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);

/** The plan's callback ids: JH (回访计划) with the seed, numbered in the plan's order. */
export const planId = (seed: number, n: number): string => `JH${seed}-${String(n).padStart(4, '0')}`;

export async function sampleXlsx(plan: SamplePlan, mask: boolean): Promise<Uint8Array> {
  const units = plan.projects.flatMap((p) => p.planned);
  const rows = units.map((u, i) => ({ id: planId(plan.seed, i + 1), project: u.project, unit: u.unit }));
  return templateWorkbook('callbacks', rows, (workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => {
    // The owner, after the template's columns: the reader ignores a column it does not know.
    const column = datasets.callbacks.columns.length + 1;
    const header = sheet.getRow(1).getCell(column);
    header.value = '业主姓名';
    header.font = { bold: true };
    sheet.getColumn(column).width = 12;
    units.forEach((u, i) => {
      sheet.getRow(i + 2).getCell(column).value = u.owner ? safeText(mask ? maskName(u.owner) : u.owner) : null;
    });
    const summary = workbook.addWorksheet(PLAN_SUMMARY_SHEET);
    summary.columns = [14, 10, 12, 12, 10, 10, 14, 10].map((width) => ({ width }));
    summary.addRow(['项目', '已售套数', '期内已回访', `目标（${pct(plan.rate)}，向上取整）`, '可抽取', '本次计划', '完成后回访率', '尚缺']).font = { bold: true };
    for (const p of plan.projects) summary.addRow([safeText(p.project), p.sold, p.reached, p.target, p.candidates, p.planned.length, pct(p.rateAfter), p.short]);
    summary.addRow([]);
    summary.addRow([`审计期间：${plan.period.from ?? '—'} 至 ${plan.period.to}；截至 ${plan.asOf}；随机种子 ${plan.seed}${plan.byBuilding ? '；按楼栋分层抽样' : ''}${plan.excludeDays > 0 ? `；排除近 ${plan.excludeDays} 天内已回访的房屋` : ''}`]);
    summary.addRow(['回访后请在「回访记录」工作表填写回访日期、回访方式、回访人、回访状态和满意度；本表可直接作为回访记录交给 aftersales-audit 读取。']);
  });
}

export function sampleText(plan: SamplePlan, lang: Lang): string {
  const lines: string[] = [];
  lines.push(
    lang === 'zh'
      ? `回访抽样计划：审计期间 ${plan.period.from ?? '—'} 至 ${plan.period.to}，截至 ${plan.asOf}，目标回访率 ${pct(plan.rate)}，随机种子 ${plan.seed}${plan.byBuilding ? '，按楼栋分层' : ''}${plan.excludeDays > 0 ? `，排除近 ${plan.excludeDays} 天已回访` : ''}`
      : `Callback plan: period ${plan.period.from ?? '—'} to ${plan.period.to}, as of ${plan.asOf}, rate ${pct(plan.rate)}, seed ${plan.seed}${plan.byBuilding ? ', stratified by building' : ''}${plan.excludeDays > 0 ? `, excluding homes reached in the last ${plan.excludeDays} days` : ''}`,
  );
  for (const p of plan.projects) {
    const name = terminalSafe(p.project);
    lines.push(
      lang === 'zh'
        ? `  ${name}：已售 ${p.sold} 套，期内已回访 ${p.reached} 套，目标 ${p.target} 套，本次抽取 ${p.planned.length} 套，完成后回访率 ${pct(p.rateAfter)}${p.short > 0 ? `（可抽房屋不足，尚缺 ${p.short} 套）` : ''}`
        : `  ${name}: ${p.sold} sold, ${p.reached} reached, target ${p.target}, ${p.planned.length} drawn, rate once done ${pct(p.rateAfter)}${p.short > 0 ? ` (too few homes to draw: ${p.short} short)` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function sampleJson(plan: SamplePlan, mask: boolean): string {
  return `${JSON.stringify(
    {
      period: plan.period, asOf: plan.asOf, rate: plan.rate, seed: plan.seed, excludeDays: plan.excludeDays, byBuilding: plan.byBuilding,
      projects: plan.projects.map((p) => ({
        project: p.project, sold: p.sold, reached: p.reached, target: p.target, candidates: p.candidates, rateAfter: p.rateAfter, short: p.short,
        planned: p.planned.map((u) => ({ unit: u.unit, building: u.building, owner: u.owner ? (mask ? maskName(u.owner) : u.owner) : null })),
      })),
    },
    null,
    2,
  )}\n`;
}

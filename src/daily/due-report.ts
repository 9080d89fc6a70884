// `due` rendered: text for the terminal or a morning mail, JSON for scripts, XLSX to hand out.
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { weekday, WEEKDAY_NAMES } from '../calendar/days.js';
import { placeText } from '../i18n.js';
import type { Lang } from '../model.js';
import { terminalSafe } from '../report/present.js';
import { safeText } from '../report/xlsx.js';
import type { DueItem, DueResult, DueState } from './due.js';

const STATE_WORDS: Readonly<Record<DueState, { zh: string; en: string }>> = {
  overdue: { zh: '已逾期', en: 'overdue' },
  today: { zh: '今日到期', en: 'due today' },
  next: { zh: '下一工作日到期', en: 'due next working day' },
  unplaced: { zh: '时限未知', en: 'deadline unknown' },
  open: { zh: '待回访', en: 'callback owed' },
};

const KIND_WORDS = {
  opinion: { zh: '处理意见（4.7）', en: 'handling opinion (4.7)' },
  forwarded: { zh: '转办办结（3.1.7）', en: 'forwarded case closed (3.1.7)' },
  callback: { zh: '办结回访（3.2.4）', en: 'follow-up callback (3.2.4)' },
} as const;

const REASON_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  'no-due': { zh: '未填写转办时限', en: 'no 转办时限 recorded' },
  'no-opinion-time': { zh: '有处理意见但未填写处理意见时间', en: 'an opinion without its 处理意见时间' },
  unplaced: { zh: '超出日历范围，无法确定时限（用 --calendar 补充）', en: 'beyond the calendar: supply it with --calendar' },
};

const stateWord = (item: DueItem, lang: Lang): string => STATE_WORDS[item.state][lang];

const dayLabel = (day: string, lang: Lang): string => `${day} ${WEEKDAY_NAMES[lang][weekday(day)]}`;

function reasonText(reason: string | null, lang: Lang): string {
  if (reason === null) return '';
  const [code, day] = reason.split(':');
  const words = REASON_WORDS[code!]?.[lang] ?? reason;
  return day ? `${words} ${day}` : words;
}

function timingText(item: DueItem, lang: Lang, asOf: string): string {
  if (item.workingDaysOverdue !== null) return lang === 'zh' ? `逾期 ${item.workingDaysOverdue} 个工作日` : `${item.workingDaysOverdue} working days late`;
  if (item.workingDaysLeft !== null) {
    if (item.deadline === asOf) return lang === 'zh' ? '今天结束前' : 'by the end of today';
    return lang === 'zh' ? `剩 ${item.workingDaysLeft} 个工作日` : `${item.workingDaysLeft} working days left`;
  }
  return '';
}

export function dueText(result: DueResult, lang: Lang): string {
  const lines: string[] = [];
  const next = result.nextWorkingDay ? dayLabel(result.nextWorkingDay, lang) : lang === 'zh' ? '超出日历范围' : 'beyond the calendar';
  lines.push(lang === 'zh' ? `待办事项：截至 ${dayLabel(result.asOf, lang)}（下一个工作日 ${next}）` : `Due as of ${dayLabel(result.asOf, lang)} (next working day ${next})`);
  const c = result.counts;
  lines.push(
    lang === 'zh'
      ? `已逾期 ${c.overdue} 件 · 今日到期 ${c.today} 件 · 下一工作日到期 ${c.next} 件 · 办结待回访 ${c.open} 件${c.unplaced > 0 ? ` · 时限无法确定 ${c.unplaced} 件` : ''}`
      : `${c.overdue} overdue · ${c.today} due today · ${c.next} due next working day · ${c.open} closed cases owed a callback${c.unplaced > 0 ? ` · ${c.unplaced} deadlines beyond the calendar` : ''}`,
  );
  if (result.groups.length === 0) lines.push('', lang === 'zh' ? '没有到期或逾期的事项。' : 'Nothing due or overdue.');
  for (const group of result.groups) {
    lines.push('', lang === 'zh' ? `经办人：${terminalSafe(group.handler || '（未填写）')}（${group.items.length} 件）` : `Handler: ${terminalSafe(group.handler || '(none)')} (${group.items.length})`);
    for (const item of group.items) {
      const what = `${stateWord(item, lang)}  ${KIND_WORDS[item.kind][lang]}  ${terminalSafe(item.id || `#${item.row}`)}`;
      const where = terminalSafe([item.project, item.unit].filter(Boolean).join(' '));
      const when =
        item.kind === 'callback'
          ? lang === 'zh' ? `办结 ${item.closed}` : `closed ${item.closed}`
          : [
              lang === 'zh' ? `受理 ${item.received}` : `received ${item.received}`,
              item.deadline ? (lang === 'zh' ? `时限 ${dayLabel(item.deadline, lang)}` : `deadline ${dayLabel(item.deadline, lang)}`) : '',
              timingText(item, lang, result.asOf),
            ].filter(Boolean).join(lang === 'zh' ? '，' : ', ');
      const reason = reasonText(item.reason, lang);
      const place = terminalSafe(placeText(lang, item.file, item.sheet, item.row));
      lines.push(`  ${what}  ${where}`, `    ${when}${reason ? `${lang === 'zh' ? '；' : '; '}${reason}` : ''}  (${place})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function dueJson(result: DueResult): string {
  return `${JSON.stringify(
    {
      asOf: result.asOf,
      nextWorkingDay: result.nextWorkingDay,
      from: result.from,
      counts: result.counts,
      groups: result.groups.map((g) => ({
        handler: g.handler,
        items: g.items.map((i) => ({
          state: i.state, kind: i.kind, clause: i.clause, id: i.id, project: i.project, unit: i.unit, received: i.received, closed: i.closed,
          deadline: i.deadline, workingDaysLeft: i.workingDaysLeft, workingDaysOverdue: i.workingDaysOverdue, reason: i.reason, file: i.file, sheet: i.sheet, row: i.row,
        })),
      })),
    },
    null,
    2,
  )}\n`;
}

const FILLS: Readonly<Record<DueState, string>> = { overdue: 'FFF4CCCC', today: 'FFFCE8C3', next: 'FFFFF5CC', unplaced: 'FFE8DAEF', open: 'FFE8EEF7' };

export async function dueXlsx(result: DueResult, lang: Lang): Promise<Uint8Array> {
  const Excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
  const workbook = new Excel.Workbook();
  workbook.creator = 'aftersales-audit';
  workbook.created = new Date(`${result.asOf}T00:00:00Z`);
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet(lang === 'zh' ? '待办事项' : 'Due', { views: [{ state: 'frozen', ySplit: 1 }] });
  const titles = lang === 'zh'
    ? ['经办人', '状态', '事项', '编号', '项目', '房号', '受理日期', '办结日期', '时限', '剩余工作日', '逾期工作日', '说明', '文件', '工作表', '行']
    : ['Handler', 'State', 'Task', 'Id', 'Project', 'Unit', 'Received', 'Closed', 'Deadline', 'Working days left', 'Working days overdue', 'Note', 'File', 'Sheet', 'Row'];
  sheet.columns = titles.map((_, i) => ({ width: [12, 14, 22, 16, 14, 12, 12, 12, 12, 10, 10, 30, 24, 12, 6][i] ?? 12 }));
  sheet.addRow(titles).font = { bold: true };
  for (const group of result.groups) {
    for (const i of group.items) {
      const row = sheet.addRow([
        safeText(group.handler), stateWord(i, lang), KIND_WORDS[i.kind][lang], safeText(i.id), safeText(i.project), safeText(i.unit),
        i.received, i.closed, i.deadline, i.workingDaysLeft, i.workingDaysOverdue, reasonText(i.reason, lang), safeText(i.file), i.sheet ? safeText(i.sheet) : null, i.row,
      ]);
      row.getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[i.state] } };
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: titles.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// `deadline`: the working-day deadline of a complaint received on a date, day by day.
import type { Command } from 'commander';
import { buildCalendar, loadCalendarFile, workingDayDeadline, type Calendar } from '../calendar/calendar.js';
import { addDays, weekday, WEEKDAY_NAMES } from '../calendar/days.js';
import { emit, type CommandContext } from './context.js';
import { commonOptions, dateOption, positiveInteger } from './options.js';

/** The calendar of a run: the official one, with the days of a --calendar file. */
export async function calendarFrom(file: string | undefined): Promise<Calendar> {
  return buildCalendar(file ? await loadCalendarFile(file) : new Map());
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('deadline')
    .summary('计算投诉处理时限 / the working-day deadline of a complaint')
    .description('给出某日受理的投诉的处理时限（受理次日起第 N 个工作日，默认 3），并列出计入的工作日和跳过的日子。\nThe deadline of a complaint received on DATE (the end of the N-th working day after it, default 3), with the days counted and skipped.')
    .argument('<date>', '受理日期 / the day of receipt')
    .option('--days <n>', '工作日数 / working days', positiveInteger('--days'), 3)
    .option('--calendar <file>', '补充节假日和调休上班日 / extra holidays and make-up working days')
    .addHelpText('after', `
示例 / Examples:
  $ aftersales-audit deadline 2025-09-30
  $ aftersales-audit deadline 2026-12-30 --calendar 2027节假日.csv`)
    .action(async (date: string, options: { days: number; calendar?: string }, command: Command) => {
      commonOptions(command, ctx);
      const lang = ctx.lang;
      const received = dateOption('DATE', date)!;
      const calendar = await calendarFrom(options.calendar);
      const result = workingDayDeadline(calendar, received, options.days);
      const names = WEEKDAY_NAMES[lang];
      const label = (day: string): string => `${day} ${names[weekday(day)]}`;
      const lines: string[] = [];
      lines.push(lang === 'zh' ? `受理：${label(received)}（当日不计）` : `received: ${label(received)} (not counted)`);
      const last = result.deadline ?? result.unknownDay ?? received;
      for (let day = addDays(received, 1); day <= last; day = addDays(day, 1)) {
        const kind = calendar.kind(day);
        const n = result.counted.indexOf(day);
        if (kind === null) lines.push(lang === 'zh' ? `  ${label(day)}  日历无此年数据，无法确定` : `  ${label(day)}  beyond the calendar: cannot be placed`);
        else if (n >= 0) {
          // A Saturday or Sunday that is a working day: a make-up day (调休上班), said so.
          const makeUp = weekday(day) === 0 || weekday(day) === 6;
          lines.push(
            lang === 'zh'
              ? `  ${label(day)}  第 ${n + 1} 个工作日${makeUp ? '（调休上班）' : ''}`
              : `  ${label(day)}  working day ${n + 1}${makeUp ? ' (make-up working day)' : ''}`,
          );
        }
        else lines.push(lang === 'zh' ? `  ${label(day)}  休息` : `  ${label(day)}  day off`);
      }
      if (result.deadline) lines.push(lang === 'zh' ? `处理时限：${label(result.deadline)} 当日结束前` : `deadline: end of ${label(result.deadline)}`);
      else {
        lines.push(
          lang === 'zh'
            ? `无法确定处理时限：${result.unknownDay} 超出日历范围（已知 ${calendar.coverage.official.join('–')} 年），请用 --calendar 补充`
            : `the deadline cannot be placed: ${result.unknownDay} is beyond the calendar (${calendar.coverage.official.join('–')}); supply it with --calendar`,
        );
        ctx.exitCode = 1;
      }
      const fromFile = calendar.coverage.fromFile;
      if (fromFile.length > 0) {
        lines.push(
          lang === 'zh'
            ? `日历：${fromFile.join('、')} 年取自 --calendar 文件（该年未列出的日子按周一至周五上班）`
            : `calendar: ${fromFile.join(', ')} from the --calendar file (days it does not list: Monday to Friday are working days)`,
        );
      }
      await emit(ctx.io, `${lines.join('\n')}\n`, lang);
    });
}

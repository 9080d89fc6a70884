// `due`: the complaints, forwarded cases and callbacks due today, next working day, or overdue.
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import { loadConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { setLimits } from '../limits.js';
import { t } from '../i18n.js';
import { DEFAULT_MAX_ISSUES } from '../pipeline.js';
import { encodingFromLabel } from '../read/encoding.js';
import { checkOutputs, writeOutputs } from '../write-output.js';
import { emit, type CommandContext } from './context.js';
import { calendarFrom } from './deadline.js';
import { addInputOptions, chinaToday, commonOptions, dateOption, filesRead, outputsGuard, type InputOptions } from './options.js';

type DueFormat = 'text' | 'json' | 'xlsx';

function outputFormat(file: string): DueFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.txt') return 'text';
  throw new UsageError({ zh: `${file}：不支持的输出格式「${ext || '无扩展名'}」；可用 .txt .json .xlsx`, en: `${file}: unsupported output format "${ext || 'no extension'}"; use .txt, .json or .xlsx` });
}

export function register(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  addInputOptions(
    program
      .command('due')
      .summary('今日待办：到期和逾期的投诉、转办、回访 / what is due today: complaints, forwarded cases, callbacks')
      .description(
        '按审计所用的同一规则列出截至某日（默认今天）的待办事项，按经办人分组、最紧急的在前：\n' +
          '  · 尚无处理意见、处理时限（4.7，受理次日起第 3 个工作日，法定节假日不计、调休上班日计入）已过、今日或下一个工作日到期的投诉；\n' +
          '  · 尚未办结、转办时限（3.1.7）已过或不晚于下一个工作日、或未填写时限的转办案件；\n' +
          '  · 已办结但还没有回访到客户的投诉和报修（3.2.4）。\n' +
          'Lists what is due as of a day (default today) by the rules the audit applies, grouped by handler, most urgent first: complaints without a handling opinion whose deadline (4.7: the 3rd working day after receipt, holidays off, make-up days on) has passed, is today or the next working day; forwarded cases not closed whose 转办时限 (3.1.7) has passed or falls by the next working day, or is missing; closed complaints and repairs without a follow-up callback that reached the customer (3.2.4).',
      )
      .argument('[dir]', '企业数据文件夹 / the enterprise folder', '.'),
  )
    .option('--as-of <date>', '截至日期（默认今天，中国时间）/ the day to look from (default today, China time)')
    .option('--from <date>', '只看此日及之后受理（回访：办结）的案件（默认企业信息 period 的开始）/ only cases received (callbacks: closed) on or after this day (default: the profile period\'s start)')
    .option('--all', '不限受理日期（忽略企业信息 period）/ every case, whatever its date')
    .addOption(new Option('--format <format>', '标准输出的格式 / the format written to stdout').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', '写入文件（.txt .json .xlsx）；不写入企业文件夹 / write a file (.txt, .json or .xlsx); never inside the enterprise folder')
    .option('--calendar <file>', '补充节假日和调休上班日 / extra holidays and make-up working days')
    .addHelpText(
      'after',
      `
示例 / Examples:
  $ aftersales-audit due fixtures/demo --as-of 2025-10-03
  $ aftersales-audit due ./企业资料 -o 今日待办.xlsx
  $ aftersales-audit due ./企业资料 --format json --all

退出码 / Exit codes: 0 没有逾期事项 nothing overdue · 1 有逾期事项 something is overdue · 2 用法错误或无法读取 usage error, or nothing could be read`,
    )
    .action(async (dir: string, options: InputOptions & { asOf?: string; from?: string; all?: boolean; format: 'text' | 'json'; output?: string; calendar?: string }, command: Command) => {
      const quiet = commonOptions(command, ctx).quiet === true;
      const lang = ctx.lang;
      const format = options.output ? outputFormat(options.output) : options.format;
      if (options.output) await checkOutputs([options.output], outputsGuard(dir, options));
      const config = await loadConfig(options.config);
      setLimits(config.limits);
      const calendar = await calendarFrom(options.calendar);
      const asOf = dateOption('--as-of', options.asOf) ?? chinaToday(io);
      const { runDue } = await import('../daily/due.js');
      const result = await runDue({
        dir,
        explicit: options,
        sheet: options.sheet,
        encoding: options.encoding ? encodingFromLabel(options.encoding) : null,
        headers: config.headers,
        maxIssues: DEFAULT_MAX_ISSUES,
        asOf,
        from: dateOption('--from', options.from),
        fromProfile: options.all !== true,
        calendar,
        params: config.params,
      });
      const { dueJson, dueText, dueXlsx } = await import('../daily/due-report.js');
      ctx.exitCode = result.counts.overdue > 0 ? 1 : 0;
      if (options.output) {
        const content = format === 'xlsx' ? await dueXlsx(result, lang) : format === 'json' ? dueJson(result) : dueText(result, lang);
        await writeOutputs([{ file: options.output, content }], { ...outputsGuard(dir, options), inputs: filesRead(result.reading, options) });
        if (!quiet) io.stderr.write(`${t(lang, 'wrote', { file: options.output })}\n`);
      } else {
        await emit(io, format === 'json' ? dueJson(result) : dueText(result, lang), lang);
      }
    });
}

// `waivers check F [DIR]` (#16.3): the waivers file checked (schema, clause ids, dates), its entries
// that expired or expire soon, and, given the enterprise folder, those that match no finding there.
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { setLimits } from '../limits.js';
import { DEFAULT_MAX_ISSUES } from '../pipeline.js';
import { terminalSafe } from '../report/present.js';
import { UsageError } from '../errors.js';
import { checkWaivers, waiversCheckText } from '../waivers.js';
import { emit, type CommandContext } from './context.js';
import { calendarFrom } from './deadline.js';
import { chinaToday, commonOptions, dateOption } from './options.js';

export function register(program: Command, ctx: CommandContext): void {
  const waivers = program
    .command('waivers')
    .summary('检查豁免文件 / check a waivers file')
    .description('豁免文件的命令。\nCommands for the waivers file (see docs/waivers.md).');
  waivers
    .command('check')
    .summary('校验豁免文件 / validate a waivers file')
    .description(
      '校验豁免文件（格式、条款号、日期），列出已到期、即将到期（默认 30 天内）的条目；给出企业数据文件夹时，列出未匹配任何发现的条目。\n' +
        'Validate a waivers file (schema, clause ids, dates) and list the entries expired or expiring soon (within 30 days by default); given the enterprise folder, also those that match no finding in its records.',
    )
    .argument('<file>', '豁免文件 (YAML/JSON) / the waivers file')
    .argument('[dir]', '企业数据文件夹（可选）/ the enterprise folder (optional)')
    .option('--as-of <date>', '以此日期判断是否到期（默认今天，中国日期）/ the date expiry is judged at (default: today in China)')
    .option('--within <days>', '提前提醒的天数 / warn of entries expiring within this many days', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new UsageError({ zh: `--within 需要非负整数（收到 "${v}"）`, en: `--within takes a whole number of days (got "${v}")` });
      return n;
    }, 30)
    .option('--config <file>', '配置文件（参数、表头映射）/ config file (parameters, header mappings)')
    .addHelpText('after', `
示例 / Examples:
  $ aftersales-audit waivers check 豁免.yaml
  $ aftersales-audit waivers check 豁免.yaml ./企业资料 --as-of 2026-03-31
  $ aftersales-audit waivers check waivers.json fixtures/demo --within 60 --lang en

退出码 / Exit codes: 0 全部有效 every entry valid and in force · 1 有无效或已到期的条目 an entry is invalid or expired · 2 文件无法读取 the file cannot be read`)
    .action(async (file: string, dir: string | undefined, options: { asOf?: string; within: number; config?: string }, command: Command) => {
      commonOptions(command, ctx);
      const lang = ctx.lang;
      const asOf = dateOption('--as-of', options.asOf) ?? chinaToday(ctx.io);
      const config = await loadConfig(options.config);
      setLimits(config.limits);
      const result = await checkWaivers(file, dir ?? null, {
        asOf,
        within: options.within,
        params: config.params,
        headers: config.headers,
        calendar: await calendarFrom(undefined),
        maxIssues: DEFAULT_MAX_ISSUES,
      });
      await emit(ctx.io, terminalSafe(waiversCheckText(result, lang)), lang);
      ctx.exitCode = result.problems.length > 0 || result.entries.some((e) => e.state === 'expired') ? 1 : 0;
    });
}

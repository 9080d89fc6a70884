// `sample`: a callback plan for clause 5.1, written as a callbacks workbook to fill in.
import { extname } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { setLimits } from '../limits.js';
import { t } from '../i18n.js';
import { DEFAULT_MAX_ISSUES } from '../pipeline.js';
import { encodingFromLabel } from '../read/encoding.js';
import { checkOutputs, writeOutputs } from '../write-output.js';
import { emit, type CommandContext } from './context.js';
import { addInputOptions, chinaToday, commonOptions, dateOption, filesRead, outputsGuard, type InputOptions } from './options.js';

function rateOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new UsageError({ zh: `--rate 应为 0 到 1 之间的比例，如 0.3（收到 "${value}"）`, en: `--rate takes a fraction between 0 and 1, such as 0.3 (got "${value}")` });
  return n;
}

function wholeNumber(flag: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new UsageError({ zh: `${flag} 需要不小于 ${min} 的整数（收到 "${value}"）`, en: `${flag} takes a whole number of at least ${min} (got "${value}")` });
    }
    return n;
  };
}

export function register(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  addInputOptions(
    program
      .command('sample')
      .summary('生成回访抽样计划（5.1）/ draw a callback plan for clause 5.1')
      .description(
        '按标准 5.1（采取抽样方法，回访率应为已售房屋的 30% 以上）为每个项目抽取期内尚未回访的已售房屋，使该项目达到回访率（向上取整）；由随机种子决定，同样的数据和种子得到同样的计划。写成 init 回访记录模板的格式（项目、房号、业主，回访日期、方式、回访人、满意度留空），回访人填写后可直接作为回访记录读取。\n' +
          'For each project, draws enough sold homes not yet reached in the period to bring it to the rate (rounded up), reproducibly from the seed, and writes them in the layout of the callbacks template of init: callers fill it in and it reads back as a callbacks file.',
      )
      .argument('[dir]', '企业数据文件夹 / the enterprise folder', '.'),
  )
    .option('-o, --output <file>', '计划文件（.xlsx，必填；不写入企业文件夹）/ the plan (.xlsx, required; never inside the enterprise folder)')
    .option('--rate <fraction>', '目标回访率（默认取参数 callbackRate，0.3）/ the rate to reach (default the callbackRate parameter, 0.3)', rateOption)
    .option('--seed <n>', '随机种子（整数，默认 1）/ random seed (a whole number, default 1)', wholeNumber('--seed', 0), 1)
    .option('--from <date>', '审计期间开始（默认企业信息 period）/ period start (default the profile\'s period)')
    .option('--to <date>', '审计期间结束 / period end')
    .option('--as-of <date>', '截至日期（默认今天，期间已结束时为期末）/ as of (default today, or the period end when it is past)')
    .option('--exclude-days <n>', '不抽取近 N 天内已回访到的房屋 / leave out homes reached in the last N days', wholeNumber('--exclude-days', 0), 0)
    .option('--by-building', '按楼栋分层抽样（按各楼栋可抽房屋数分配）/ stratify by building (in proportion to each building\'s homes)')
    .option('--format <format>', '标准输出的摘要格式 text 或 json / summary on stdout: text or json', 'text')
    .addHelpText(
      'after',
      `
示例 / Examples:
  $ aftersales-audit sample fixtures/demo --seed 20260105 -o 回访计划.xlsx
  $ aftersales-audit sample ./企业资料 --rate 0.35 --seed 7 --by-building --exclude-days 90 -o 计划/回访计划.xlsx
  $ aftersales-audit sample ./企业资料 --seed 7 -o 回访计划.xlsx --format json --no-mask

退出码 / Exit codes: 0 计划能使每个项目达到回访率 the plan brings every project to the rate · 1 某项目可抽房屋不足 some project has too few homes to draw · 2 用法错误或无法读取 usage error, or nothing could be read`,
    )
    .action(async (dir: string, options: InputOptions & { output?: string; rate?: number; seed: number; from?: string; to?: string; asOf?: string; excludeDays: number; byBuilding?: boolean; format: string }, command: Command) => {
      const quiet = commonOptions(command, ctx).quiet === true;
      const lang = ctx.lang;
      if (!options.output) throw new UsageError({ zh: 'sample 需要 -o 计划文件.xlsx', en: 'sample needs -o plan.xlsx' });
      if (extname(options.output).toLowerCase() !== '.xlsx') throw new UsageError({ zh: `${options.output}：计划文件应为 .xlsx`, en: `${options.output}: the plan is written as .xlsx` });
      if (options.format !== 'text' && options.format !== 'json') throw new UsageError({ zh: '--format 只能是 text 或 json', en: '--format must be text or json' });
      await checkOutputs([options.output], outputsGuard(dir, options));
      const config = await loadConfig(options.config);
      setLimits(config.limits);
      const { planSample } = await import('../daily/sample.js');
      const plan = await planSample({
        dir,
        explicit: options,
        sheet: options.sheet,
        encoding: options.encoding ? encodingFromLabel(options.encoding) : null,
        headers: config.headers,
        maxIssues: DEFAULT_MAX_ISSUES,
        rate: options.rate ?? config.params.callbackRate,
        seed: options.seed,
        from: dateOption('--from', options.from),
        to: dateOption('--to', options.to),
        asOf: dateOption('--as-of', options.asOf),
        today: chinaToday(io),
        excludeDays: options.excludeDays,
        byBuilding: options.byBuilding === true,
      });
      if (plan.projects.length === 0) {
        throw new UsageError({ zh: `${dir}：没有可抽样的已售房屋（需要已售房源台账，含项目名称、房号、签约日期）`, en: `${dir}: no sold home to draw from (the units ledger is needed, with project, unit and sale date)` });
      }
      const { sampleJson, sampleText, sampleXlsx } = await import('../daily/sample-report.js');
      await writeOutputs([{ file: options.output, content: await sampleXlsx(plan, options.mask) }], { ...outputsGuard(dir, options), inputs: filesRead(plan.reading, options) });
      if (!quiet) io.stderr.write(`${t(lang, 'wrote', { file: options.output })}\n`);
      await emit(io, options.format === 'json' ? sampleJson(plan, options.mask) : sampleText(plan, lang), lang);
      ctx.exitCode = plan.projects.some((p) => p.short > 0) ? 1 : 0;
    });
}

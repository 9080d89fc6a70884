// `audit`: judge every clause of the standard and write the report(s).
import { Chalk } from 'chalk';
import { type Command, Option } from 'commander';
import { loadConfig, type FailOn } from '../config.js';
import { setLimits } from '../limits.js';
import { DEFAULT_MAX_ISSUES } from '../pipeline.js';
import { UsageError } from '../errors.js';
import { encodingFromLabel } from '../read/encoding.js';
import { t } from '../i18n.js';
import { checkOutputs, writeOutputs } from '../write-output.js';
import { colorFor, emit, progressFor, type CommandContext } from './context.js';
import { calendarFrom } from './deadline.js';
import {
  addInputOptions, addPeriodOptions, chinaToday, clauseSelection, collect, commonOptions, dateOption, filesRead, outputsGuard, positiveInteger, reportFormat,
  type InputOptions, type PeriodOptions, type ReadFileOptions, type ReportFormat,
} from './options.js';

type AuditOptions = InputOptions & PeriodOptions & ReadFileOptions & { format: ReportFormat; output: string[]; only?: string; skip?: string; failOn?: FailOn | 'new'; maxIssues: number };

export function register(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  addPeriodOptions(
    addInputOptions(
      program
        .command('audit')
        .summary('按标准逐条审计 / judge every clause of the standard')
        .description(
          '读取企业数据，逐条判定标准第一至五章的每一条款，按章输出审计报告（结论、每条的状态、问题记录及所在行、整改建议、统计分析）。\n' +
            'Read the enterprise\'s records and judge every clause of chapters 1–5: the verdict, each clause\'s status, the records that break it (file and row), remedies, and a statistical analysis.',
        )
        .argument('[dir]', '企业数据文件夹 / the enterprise folder', '.'),
    ),
  )
    .addOption(new Option('--format <format>', '标准输出的格式 / the format written to stdout').choices(['text', 'json', 'md', 'html', 'junit']).default('text'))
    .option('-o, --output <file>', '写入文件，可重复，格式取自扩展名 .json .md .html .xlsx .xml .txt；自动创建文件夹，全部写成或都不写，不写入被审计的文件夹 / write a file (repeatable; format from the extension; folders created; all written or none; never inside the audited folder)', collect, [] as string[])
    .option('--only <ids>', '只判定这些条款（逗号分隔，可写章号）/ judge only these clauses (comma-separated; a chapter number selects the chapter)')
    .option('--skip <ids>', '跳过这些条款 / skip these clauses')
    .addOption(new Option('--fail-on <level>', '何种状态使退出码为 1；new：只有基线报告中没有的新不合格发现 / the status that makes the exit code 1; new: only failing findings not in the --baseline report').choices(['fail', 'warn', 'no-data', 'new']))
    .option('--waivers <file>', '豁免文件（YAML/JSON，见 docs/waivers.md）/ waivers file (YAML or JSON, see docs/waivers.md)')
    .option('--baseline <file>', '上次保存的 JSON 报告：标出新增、仍存在、已整改 / a saved JSON report: findings marked new, persisting, resolved')
    .option('--calendar <file>', '补充节假日和调休上班日（JSON 或 CSV，标"休"或"班"）/ extra holidays and make-up working days (JSON or CSV, 休 or 班)')
    .option('--max-issues <n>', '最多列出的数据质量问题数 / data-quality issues listed at most', positiveInteger('--max-issues'), DEFAULT_MAX_ISSUES)
    .addHelpText(
      'after',
      `
示例 / Examples:
  $ aftersales-audit audit fixtures/demo
  $ aftersales-audit audit ./企业资料 --from 2025-01-01 --to 2025-12-31 --as-of 2026-01-10
  $ aftersales-audit audit ./企业资料 --only 4.7,5.1 --lang en
  $ aftersales-audit audit ./企业资料 --format json -o 审计报告.json --fail-on warn
  $ aftersales-audit audit ./企业资料 --calendar 2027节假日.csv
  $ aftersales-audit audit ./企业资料 --waivers 豁免.yaml -o 审计报告.html
  $ aftersales-audit audit ./企业资料 --baseline 上次报告.json -o 复查报告.json
  $ aftersales-audit audit ./企业资料 --baseline main.json --fail-on new     # CI：只因新增问题失败 fail only on new findings

退出码 / Exit codes: 0 没有达到 --fail-on 级别的条款 no clause at the --fail-on level (new: no new failing finding) · 1 有 some · 2 用法错误、没有任何文件可读取或输出无法写入 usage error, nothing could be read, or an output that cannot be written`,
    )
    .action(async (dir: string, options: AuditOptions, command: Command) => {
      const common = commonOptions(command, ctx);
      const lang = ctx.lang;
      const config = await loadConfig(options.config);
      setLimits(config.limits);
      const calendar = await calendarFrom(options.calendar);
      const outputs = options.output.map((file) => ({ file, format: reportFormat(file) }));
      if (outputs.length > 0) await checkOutputs(options.output, outputsGuard(dir, options));
      // Waivers and baseline (#16): read before the folder, so a bad file stops the run early.
      const waiversFile = options.waivers ?? config.waivers;
      const waivers = waiversFile ? await (await import('../waivers.js')).loadWaiversForAudit(waiversFile) : null;
      const baseline = options.baseline ? await (await import('../baseline.js')).loadBaseline(options.baseline) : null;
      if (options.failOn === 'new' && !baseline) throw new UsageError({ zh: '--fail-on new 需要 --baseline 基线报告', en: '--fail-on new needs a --baseline report' });
      const { runAudit } = await import('../audit.js');
      const { only, skip } = await clauseSelection(options);
      const audit = await runAudit({
        dir,
        explicit: options,
        sheet: options.sheet,
        encoding: options.encoding ? encodingFromLabel(options.encoding) : null,
        headers: config.headers,
        maxIssues: options.maxIssues,
        from: dateOption('--from', options.from),
        to: dateOption('--to', options.to),
        asOf: dateOption('--as-of', options.asOf),
        today: chinaToday(io),
        only,
        skip,
        params: config.params,
        calendar,
        progress: progressFor(io, common.quiet === true, lang),
        waivers,
        baseline,
      });
      if (baseline) (await import('../baseline.js')).checkBaselineEnterprise(baseline, audit);
      const present = { lang, mask: options.mask };
      const { renderReport } = await import('../report/render.js');
      const failOn = options.failOn ?? config.failOn ?? 'fail';
      const levels: readonly string[] = failOn === 'fail' ? ['fail'] : failOn === 'warn' ? ['fail', 'warn'] : ['fail', 'warn', 'no-data'];
      ctx.exitCode = failOn === 'new' ? (audit.baseline!.newFailing > 0 ? 1 : 0) : audit.clauses.some((c) => levels.includes(c.result.status)) ? 1 : 0;
      // Every report is rendered before any is written: all of them, or none.
      const files = [];
      for (const { file, format } of outputs) files.push({ file, content: await renderReport(audit, format, present, new Chalk({ level: 0 })) });
      if (files.length > 0) {
        await writeOutputs(files, { ...outputsGuard(dir, options), inputs: filesRead(audit.reading, options) });
        if (!common.quiet) for (const { file } of files) io.stderr.write(`${t(lang, 'wrote', { file })}\n`);
      }
      // stdout carries the chosen format; with -o and the text format (chosen or the default), only
      // the verdict line with its counts (none with --quiet): the report is in the files.
      if (outputs.length === 0 || options.format !== 'text') {
        await emit(io, (await renderReport(audit, options.format, present, colorFor(io, common.color))) as string, lang);
      } else if (!common.quiet) {
        const { verdictLine } = await import('../report/audit-text.js');
        await emit(io, `${verdictLine(audit, lang, colorFor(io, common.color))}\n`, lang);
      }
    });
}

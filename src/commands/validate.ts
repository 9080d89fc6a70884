// `validate`: read the enterprise's records and list every data-quality issue (no clause verdicts).
import { extname } from 'node:path';
import { type Command, Option } from 'commander';
import { loadConfig } from '../config.js';
import { setLimits } from '../limits.js';
import { UNREAD_REASONS } from '../model.js';
import { DEFAULT_MAX_ISSUES, readEnterprise } from '../pipeline.js';
import { encodingFromLabel } from '../read/encoding.js';
import { validationJson } from '../report/validation-json.js';
import { validationText } from '../report/validation-text.js';
import { t } from '../i18n.js';
import { checkOutputs, writeOutputs } from '../write-output.js';
import { colorFor, emit, progressFor, type CommandContext } from './context.js';
import { addInputOptions, commonOptions, filesRead, outputsGuard, positiveInteger, type InputOptions } from './options.js';

export function register(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  addInputOptions(
    program
      .command('validate')
      .summary('只读取和校验数据 / read and validate the records only')
      .description('读取企业导出的数据，检查格式、必填项、日期、编号等，并逐行列出问题（不判定条款）。\nRead the exported records and list every data-quality issue by file, row and column (no clause verdicts).')
      .argument('[dir]', '企业数据文件夹 / the enterprise folder', '.'),
  )
    .addOption(new Option('--format <format>', '输出格式 / output format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', '写入文件（.json 或 .txt；自动创建文件夹，不写入被审计的文件夹）/ write to a file (.json or .txt; folders created, never inside the audited folder)')
    .option('--max-issues <n>', `最多列出的问题数 / issues listed at most (all are counted)`, positiveInteger('--max-issues'), DEFAULT_MAX_ISSUES)
    .addHelpText(
      'after',
      `
示例 / Examples:
  $ aftersales-audit validate fixtures/demo
  $ aftersales-audit validate ./企业资料 --format json -o 数据质量.json
  $ aftersales-audit validate . --complaints 投诉.csv --encoding gbk
  $ aftersales-audit validate . --complaints 台账.xlsx --sheet 2025年
  $ aftersales-audit validate . --complaints 台账.xlsx --sheet 1月,2月,3月

退出码 / Exit codes: 0 无问题 no issue · 1 发现问题或有文件未能读取 issues found, or a file could not be read · 2 用法错误、没有任何文件可读取或输出无法写入 usage error, nothing could be read, or an output that cannot be written`,
    )
    .action(async (dir: string, options: InputOptions & { format: 'text' | 'json'; output?: string; maxIssues: number }, command: Command) => {
      const common = commonOptions(command, ctx);
      const lang = ctx.lang;
      if (options.output) await checkOutputs([options.output], outputsGuard(dir, options));
      const config = await loadConfig(options.config);
      setLimits(config.limits);
      const reading = await readEnterprise({
        dir,
        explicit: options,
        sheet: options.sheet,
        encoding: options.encoding ? encodingFromLabel(options.encoding) : null,
        headers: config.headers,
        maxIssues: options.maxIssues,
        progress: progressFor(io, common.quiet === true, lang),
      });
      const present = { lang, mask: options.mask };
      const format = options.output && extname(options.output).toLowerCase() === '.json' ? 'json' : options.format;
      const text = format === 'json' ? validationJson(reading, present) : validationText(reading, present, colorFor(io, common.color && !options.output));
      ctx.exitCode = reading.dataQuality.count > 0 ? 1 : 0;
      if (options.output) {
        await writeOutputs([{ file: options.output, content: text }], { ...outputsGuard(dir, options), inputs: filesRead(reading, options) });
        if (!common.quiet) {
          io.stderr.write(`${t(lang, 'wrote', { file: options.output })}\n`);
          // The terminal still gets the result in one line: the count of issues.
          const rows = reading.inputs.reduce((sum, input) => sum + input.rejected + input.withIssues, 0);
          const line = reading.dataQuality.count === 0 ? t(lang, 'noIssues') : t(lang, 'summaryIssues', { count: reading.dataQuality.count, rows });
          await emit(io, `${line}\n`, lang);
        }
      } else {
        await emit(io, text, lang);
      }
      // A file left unread is a problem with the data handed over, as an issue is.
      ctx.exitCode = reading.dataQuality.count > 0 || reading.skipped.some((s) => UNREAD_REASONS.has(s.reason)) ? 1 : 0;
    });
}

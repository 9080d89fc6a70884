// `diff OLD.json NEW.json` (#16.6): what changed between two saved audits (整改复查).
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import { compareReports, loadReport, sameEnterprise } from '../baseline.js';
import { diffJson, diffMarkdown, diffText } from '../diff.js';
import { UsageError } from '../errors.js';
import { terminalOutput } from '../report/present.js';
import { t } from '../i18n.js';
import { writeOutputs } from '../write-output.js';
import { emit, type CommandContext } from './context.js';
import { commonOptions } from './options.js';

type DiffFormat = 'text' | 'md' | 'json';
const BY_EXTENSION: Readonly<Record<string, DiffFormat>> = { '.json': 'json', '.md': 'md', '.markdown': 'md', '.txt': 'text' };

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('diff')
    .summary('对比两次审计 / compare two saved audits')
    .description(
      '对比两份 JSON 审计报告（audit -o 报告.json 保存）：逐条款的状态变化、新增和已整改的发现、按时处理率、满意率、回访率的前后对比。两份报告须属同一企业、同一格式版本。\n' +
        'Compare two saved JSON audit reports (audit -o report.json), clause by clause: status changes, findings added and resolved, and the on-time, satisfaction and callback rates then and now. Both must be of the same enterprise and schema version.',
    )
    .argument('<old>', '之前的报告 / the earlier report (.json)')
    .argument('<new>', '现在的报告 / the later report (.json)')
    .addOption(new Option('--format <format>', '输出格式 / output format').choices(['text', 'md', 'json']).default('text'))
    .option('-o, --output <file>', '写入文件（.txt .md .json）/ write to a file (.txt, .md or .json)')
    .addHelpText('after', `
示例 / Examples:
  $ aftersales-audit audit ./企业资料 -o 2025-首次.json
  $ aftersales-audit audit ./企业资料 -o 2026-复查.json
  $ aftersales-audit diff 2025-首次.json 2026-复查.json
  $ aftersales-audit diff 2025-首次.json 2026-复查.json --format md -o 整改对比.md

退出码 / Exit codes: 0 已对比 compared · 2 无法读取、不是同一企业或格式版本不同 unreadable, different enterprises or schema versions`)
    .action(async (oldFile: string, newFile: string, options: { format: DiffFormat; output?: string }, command: Command) => {
      const common = commonOptions(command, ctx);
      const lang = ctx.lang;
      let format = options.format;
      if (options.output) {
        const byExt = BY_EXTENSION[extname(options.output).toLowerCase()];
        if (!byExt) throw new UsageError({ zh: `${options.output}：diff 只写 .txt .md .json`, en: `${options.output}: diff writes .txt, .md or .json` });
        format = byExt;
      }
      const old = await loadReport(oldFile);
      const now = await loadReport(newFile);
      sameEnterprise(oldFile, old, newFile, now);
      const comparison = compareReports(old, now);
      const text = format === 'json' ? diffJson(comparison) : format === 'md' ? diffMarkdown(comparison, lang) : diffText(comparison, lang);
      if (options.output) {
        await writeOutputs([{ file: options.output, content: text }], { inputDir: null, inputs: [oldFile, newFile] });
        if (!common.quiet) ctx.io.stderr.write(`${t(lang, 'wrote', { file: options.output })}\n`);
      } else await emit(ctx.io, format === 'text' ? terminalOutput(text) : text, lang);
    });
}

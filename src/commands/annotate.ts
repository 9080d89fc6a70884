// `annotate`: marked-up copies of the enterprise's files, written to another folder.
import { join } from 'node:path';
import type { Command } from 'commander';
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

export function register(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  addInputOptions(
    program
      .command('annotate')
      .summary('在文件副本上标出每个数据问题和审计发现 / mark every issue and finding on copies of the files')
      .description(
        '审计企业文件夹，并把每个文件复制到另一个文件夹：每个数据质量问题标在其单元格上，每条审计发现标在其所在行，按级别填充颜色（红=不符合，黄=数据问题，橙=警告），并附中文批注；每个副本的第一个工作表「标注清单」列出全部标注并链接到单元格。企业的原文件不会被修改。.xlsx 副本保留原有工作表、列、格式和行号；CSV、.xls/.et、.ods 文件的副本为 .xlsx（只含数值，不含原格式），行号与原文件一致（CSV 为行号）。\n' +
          'Audits the folder and writes a copy of each file to another folder, every data-quality issue marked on its cell and every finding on its row (a fill by level and a note in Chinese), with a first sheet 标注清单 listing the marks with links to their cells. The enterprise\'s files are never modified. An .xlsx copy keeps its sheets, columns, formats and row numbers; CSV, .xls/.et and .ods files become .xlsx copies of their values (formats not kept), each row at its own number (a CSV row at its line).',
      )
      .argument('[dir]', '企业数据文件夹 / the enterprise folder', '.'),
  )
    .option('--out <dir>', '副本写入的文件夹（必填；不能是企业文件夹或其子文件夹）/ the folder for the copies (required; never the enterprise folder or inside it)')
    .option('--from <date>', '审计期间开始 / period start')
    .option('--to <date>', '审计期间结束 / period end')
    .option('--as-of <date>', '审计日 / audit date')
    .option('--calendar <file>', '补充节假日和调休上班日 / extra holidays and make-up working days')
    .addHelpText(
      'after',
      `
示例 / Examples:
  $ aftersales-audit annotate fixtures/demo --out 标注副本
  $ aftersales-audit annotate ./企业资料 --out ./企业资料-标注 --as-of 2026-01-10

退出码 / Exit codes: 0 没有标注 nothing marked · 1 有标注 something marked · 2 用法错误、无法读取或无法写入 usage error, nothing read, or an output that cannot be written`,
    )
    .action(async (dir: string, options: InputOptions & { out?: string; from?: string; to?: string; asOf?: string; calendar?: string }, command: Command) => {
      const quiet = commonOptions(command, ctx).quiet === true;
      const lang = ctx.lang;
      if (!options.out) throw new UsageError({ zh: 'annotate 需要 --out 文件夹', en: 'annotate needs --out DIR' });
      const out = options.out;
      // The folder itself: refused when it is the enterprise folder or inside it, before anything is read.
      await checkOutputs([join(out, '标注清单.xlsx')], outputsGuard(dir, options));
      const config = await loadConfig(options.config);
      setLimits(config.limits);
      const calendar = await calendarFrom(options.calendar);
      const encoding = options.encoding ? encodingFromLabel(options.encoding) : null;
      const { runAudit } = await import('../audit.js');
      const audit = await runAudit({
        dir,
        explicit: options,
        sheet: options.sheet,
        encoding,
        headers: config.headers,
        maxIssues: DEFAULT_MAX_ISSUES,
        from: dateOption('--from', options.from),
        to: dateOption('--to', options.to),
        asOf: dateOption('--as-of', options.asOf),
        today: chinaToday(io),
        only: null,
        skip: [],
        // Every finding is marked: none is cut from the list.
        params: { ...config.params, findingsListed: Number.MAX_SAFE_INTEGER },
        calendar,
      });
      const { annotate } = await import('../daily/annotate.js');
      const { copies, unplaced } = await annotate(audit, { encoding });
      await writeOutputs(
        copies.map((c) => ({ file: join(out, c.copy), content: c.content })),
        { ...outputsGuard(dir, options), inputs: filesRead(audit.reading, options) },
      );
      const total = copies.reduce((n, c) => n + c.marks, 0);
      const lines = copies.map((c) => {
        const note = c.format === 'xlsx' ? '' : lang === 'zh' ? `（${c.format.toUpperCase()} 转为 .xlsx，只含数值）` : ` (${c.format} copied as .xlsx, values only)`;
        return lang === 'zh' ? `  ${c.copy}：${c.marks} 处标注${note}` : `  ${c.copy}: ${c.marks} marks${note}`;
      });
      if (unplaced.length > 0) {
        lines.push(lang === 'zh' ? `  另有 ${unplaced.length} 处不在数据文件中（企业信息或整体性发现），见审计报告` : `  ${unplaced.length} more are not in a data file (the profile, or findings on the whole): see the audit report`);
      }
      if (!quiet) io.stderr.write(`${t(lang, 'wrote', { file: out })}\n`);
      await emit(io, `${lines.join('\n')}\n`, lang);
      ctx.exitCode = total + unplaced.length > 0 ? 1 : 0;
    });
}

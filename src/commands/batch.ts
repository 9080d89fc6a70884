// `batch PARENT`: every sub-folder of PARENT audited as one enterprise, in parallel, and one
// summary for the authority; `batch --merge REPORT.json… | DIR` builds the same summary from JSON
// reports made elsewhere. Registered on the program by src/cli.ts (COMMANDS); the work is in src/batch/.
import { availableParallelism } from 'node:os';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { realpath } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { loadConfig } from '../config.js';
import { setLimits } from '../limits.js';
import { OutputError, UsageError } from '../errors.js';
import { terminalSafe } from '../report/present.js';
import { t } from '../i18n.js';
import { checkOutputs, writeOutputs } from '../write-output.js';
import { emit, type CommandContext } from './context.js';
import { chinaToday, clauseSelection, collect, commonOptions, dateOption, positiveInteger } from './options.js';

type SummaryFormat = 'text' | 'json' | 'html' | 'xlsx';
const SUMMARY_EXTENSIONS: Readonly<Record<string, SummaryFormat>> = { '.txt': 'text', '.json': 'json', '.html': 'html', '.htm': 'html', '.xlsx': 'xlsx' };
const ENTERPRISE_FORMATS = ['json', 'text', 'md', 'html', 'junit', 'xlsx'] as const;

function summaryFormat(file: string): SummaryFormat {
  const ext = extname(file).toLowerCase();
  const format = SUMMARY_EXTENSIONS[ext];
  if (!format) {
    throw new UsageError({
      zh: `${file}：汇总不支持「${ext || '无扩展名'}」格式；可用 .txt .json .html .xlsx`,
      en: `${file}: the summary cannot be "${ext || 'no extension'}"; use .txt .json .html or .xlsx`,
    });
  }
  return format;
}

function reportFormats(value: string): (typeof ENTERPRISE_FORMATS)[number][] {
  const list = value.split(/[,，\s]+/).filter(Boolean).map((f) => (f === 'txt' ? 'text' : f === 'xml' ? 'junit' : f));
  for (const f of list) {
    if (!(ENTERPRISE_FORMATS as readonly string[]).includes(f)) {
      throw new UsageError({ zh: `--reports：不支持「${f}」；可用 json text md html junit xlsx`, en: `--reports: "${f}" is not a format; use json text md html junit xlsx` });
    }
  }
  return [...new Set(list)] as (typeof ENTERPRISE_FORMATS)[number][];
}

interface BatchOptions {
  out?: string;
  reports: string;
  output: string[];
  format: 'text' | 'json' | 'html';
  jobs?: number;
  merge?: boolean;
  force?: boolean;
  from?: string;
  to?: string;
  asOf?: string;
  config?: string;
  calendar?: string;
  waivers?: string;
  only?: string;
  skip?: string;
  maxIssues: number;
  mask: boolean;
}

async function isInside(folder: string, path: string): Promise<boolean> {
  const root = await realpath(folder).catch(() => resolve(folder));
  let target = resolve(path);
  target = await realpath(target).catch(() => target);
  const rel = relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

export function register(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  program
    .command('batch')
    .summary('批量审计多家企业并汇总 / audit every enterprise of a folder, and one summary')
    .description(
      'PARENT 下每个子文件夹是一家企业：以相同的期间、审计日、配置、日历和豁免并行审计，每家的报告写入 --out 目录/<文件夹>/，并输出一份汇总（每家一行：结论、各状态条款数、4.7/4.4/4.5/5.1 指标、专职人数、数据质量问题数；企业×条款矩阵；各条款汇总；关键指标分布）。\n' +
        '--merge：由别处生成的 JSON 审计报告（文件，或含 <企业>/report.json 的文件夹）生成同样的汇总。\n' +
        'Every sub-folder of PARENT is one enterprise: each is audited with the same period, as-of date, config, calendar and waivers, in parallel, its reports written to --out DIR/<folder>/, and one summary is made (a row per enterprise: verdict, clauses by status, the 4.7/4.4/4.5/5.1 rates, full-time staff, data-quality issues; the enterprises × clauses matrix; totals per clause; the spread of the key rates).\n' +
        'With --merge: the same summary from JSON audit reports made elsewhere (files, or folders holding <enterprise>/report.json).',
    )
    .argument('<paths...>', '企业所在的上级文件夹；--merge 时为 JSON 报告或其所在文件夹 / the folder of enterprise folders; with --merge, JSON reports or folders of them')
    .option('--out <dir>', '每家企业的报告写入 DIR/<文件夹>/（不能在 PARENT 之内）/ each enterprise\'s reports go to DIR/<folder>/ (never inside PARENT)')
    .option('--reports <formats>', '每家企业的报告格式，逗号分隔：json text md html junit xlsx / the formats of each enterprise\'s reports', 'json')
    .option('-o, --output <file>', '汇总写入文件，可重复，格式取自扩展名 .txt .json .html .xlsx；全部写成或都不写 / write the summary to a file (repeatable; .txt .json .html .xlsx; all or none)', collect, [] as string[])
    .addOption(new Option('--format <format>', '标准输出上汇总的格式 / the summary\'s format on stdout').choices(['text', 'json', 'html']).default('text'))
    .option('--jobs <n>', `并行审计数（默认本机 CPU 数：${availableParallelism()}）/ audits run at once (default: the machine's parallelism)`, positiveInteger('--jobs'))
    .option('--merge', '由 JSON 审计报告生成汇总 / build the summary from JSON audit reports')
    .option('--force', '合并参数、审计日或格式版本不同的报告 / merge reports of different parameters, as-of dates or schema versions')
    .option('--from <date>', '审计期间开始 / period start')
    .option('--to <date>', '审计期间结束 / period end')
    .option('--as-of <date>', '审计日（建议批量时指定）/ audit date (best given for a batch)')
    .option('--config <file>', '配置文件 / config file')
    .option('--calendar <file>', '补充节假日和调休上班日 / extra holidays and make-up working days')
    .option('--waivers <file>', '豁免文件，对每家企业适用（YAML/JSON，见 docs/waivers.md）/ waivers file applied to every enterprise (see docs/waivers.md)')
    .option('--only <ids>', '只判定这些条款 / judge only these clauses')
    .option('--skip <ids>', '跳过这些条款 / skip these clauses')
    .option('--max-issues <n>', '每家最多列出的数据质量问题数 / data-quality issues listed at most per enterprise', positiveInteger('--max-issues'), 100_000)
    .option('--no-mask', '各企业报告中显示个人信息 / show personal data in each enterprise\'s reports')
    .addHelpText(
      'after',
      `
示例 / Examples:
  $ aftersales-audit batch 企业 --as-of 2026-01-10 --out 报告 -o 汇总.html -o 汇总.xlsx
  $ aftersales-audit batch 企业 --jobs 4 --reports json,html --out 报告 --format json
  $ aftersales-audit batch 企业 --as-of 2026-01-10 --waivers 豁免.yaml --out 报告
  $ aftersales-audit batch --merge 报告 -o 汇总.html

退出码 / Exit codes: 0 全部企业符合 every enterprise compliant · 1 有企业不符合、数据不足或未能审计 some enterprise non-compliant, with insufficient data, or not audited · 2 用法错误、没有可审计的企业（或报告）、报告参数不一致或输出无法写入 usage error, no enterprise (or report) at all, reports that differ, or an output that cannot be written`,
    )
    .action(async (paths: string[], options: BatchOptions, command: Command) => {
      const common = commonOptions(command, ctx);
      const lang = ctx.lang;
      const outputs = options.output.map((file) => ({ file, format: summaryFormat(file) }));
      const { buildSummary, firstMismatch, batchExitCode } = await import('../batch/summary.js');
      let collected;
      if (options.merge) {
        const { readReports } = await import('../batch/run.js');
        if (outputs.length > 0) await checkOutputs(options.output, { inputs: paths });
        collected = await readReports(paths);
        const mismatch = options.force ? null : firstMismatch(collected.reduced);
        if (mismatch) {
          const what = { schemaVersion: { zh: '报告格式版本', en: 'schema version' }, parameters: { zh: '判定参数', en: 'parameters' }, asOf: { zh: '审计日', en: 'as-of date' } }[mismatch.what];
          throw new UsageError({
            zh: `「${mismatch.folder}」与「${mismatch.other}」的报告${what.zh}不同，不能合并；加 --force 仍合并`,
            en: `the reports of "${mismatch.folder}" and "${mismatch.other}" differ in their ${what.en}; add --force to merge them anyway`,
          });
        }
      } else {
        if (paths.length !== 1) throw new UsageError({ zh: 'batch 只接受一个上级文件夹（合并报告请加 --merge）', en: 'batch takes one parent folder (add --merge to merge reports)' });
        const parent = paths[0]!;
        const formats = reportFormats(options.reports);
        if (options.out !== undefined && (await isInside(parent, options.out))) throw new OutputError(options.out, 'inside-input', { folder: parent });
        // Flags and files every worker will use are checked once, here: a mistake is exit 2 before any audit.
        const config = await loadConfig(options.config);
        setLimits(config.limits);
        const waivers = options.waivers ?? config.waivers ?? undefined;
        if (outputs.length > 0) await checkOutputs(options.output, { inputDir: parent, inputs: [options.config, options.calendar, waivers].filter((f): f is string => f !== undefined) });
        if (options.calendar) await (await import('../calendar/calendar.js')).loadCalendarFile(options.calendar);
        if (waivers !== undefined) await (await import('../waivers.js')).loadWaiversForAudit(waivers);
        const from = dateOption('--from', options.from);
        const to = dateOption('--to', options.to);
        const asOf = dateOption('--as-of', options.asOf);
        const today = chinaToday(io);
        // The period guards of `audit` (src/audit.ts), when the flags alone decide them: a mistake
        // of the batch, exit 2 before any audit, not one failed row per enterprise.
        const { periodEndsBeforeStart, asOfBeforeStart } = await import('../audit.js');
        if (from && to && from > to) throw periodEndsBeforeStart(from, to, false);
        if (asOf && from && asOf < from) throw asOfBeforeStart(asOf, from);
        const { only, skip } = await clauseSelection(options);
        const setup = {
          config: options.config !== undefined ? resolve(options.config) : undefined,
          calendar: options.calendar !== undefined ? resolve(options.calendar) : undefined,
          waivers: waivers !== undefined ? resolve(waivers) : null,
          from,
          to,
          asOf,
          today,
          only,
          skip,
          maxIssues: options.maxIssues,
          mask: options.mask,
          lang,
          out: options.out !== undefined ? resolve(options.out) : null,
          formats,
          parent: resolve(parent),
        };
        const { runBatch } = await import('../batch/run.js');
        const { progressLine } = await import('../batch/progress.js');
        const progress = progressLine(io, common.quiet === true, lang);
        try {
          collected = await runBatch(resolve(parent), setup, options.jobs ?? availableParallelism(), progress?.update);
        } finally {
          progress?.end();
        }
        if (collected.rows.length === 0) {
          throw new UsageError({ zh: `${parent}：没有企业子文件夹可审计`, en: `${parent}: no enterprise sub-folder to audit` });
        }
      }
      if (collected.rows.length === 0) throw new UsageError({ zh: '没有找到 JSON 审计报告', en: 'no JSON audit report found' });
      const summary = buildSummary(collected.rows, collected.reduced, lang);
      const { renderSummary } = await import('../batch/render.js');
      const files = [];
      for (const { file, format } of outputs) files.push({ file, content: await renderSummary(summary, format) });
      if (files.length > 0) {
        await writeOutputs(files, options.merge ? { inputs: paths } : { inputDir: paths[0]! });
        if (!common.quiet) for (const { file } of files) io.stderr.write(`${terminalSafe(t(lang, 'wrote', { file }))}\n`);
      }
      ctx.exitCode = batchExitCode(summary);
      if (outputs.length === 0 || options.format !== 'text') await emit(io, (await renderSummary(summary, options.format)) as string, lang);
    });
}

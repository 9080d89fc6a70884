// The command line: parses flags, runs a command, writes its output. Only bin/ sets the exit code:
// main() returns it. Errors of the tool are one clear line on stderr (a stack trace only with --debug).
import { extname } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from './config.js';
import { VERSION } from './version.js';
import { setLimits } from './limits.js';
import { AuditError, OutputError, UsageError } from './errors.js';
import { checkOutputs, writeOutputs } from './write-output.js';
import { UNREAD_REASONS, type Lang } from './model.js';
import { encodingFromLabel, ENCODING_CHOICES } from './read/encoding.js';
import { DEFAULT_MAX_ISSUES, readEnterprise } from './pipeline.js';
import { validationJson } from './report/validation-json.js';
import { validationText } from './report/validation-text.js';
import { t } from './i18n.js';
import { buildCalendar, loadCalendarFile, workingDayDeadline, type Calendar } from './calendar/calendar.js';
import { addDays, weekday, WEEKDAY_NAMES } from './calendar/days.js';
import { parseLocalDate } from './read/values.js';
import { terminalSafe } from './report/present.js';
import type { FailOn } from './config.js';
import type { Reading } from './pipeline.js';
import { registerBatch } from './commands/batch.js';

export interface Io {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

const processIo: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env };

/** A stream that reports write errors (process.stdout), as opposed to a test's plain writer. */
interface ErrorReporting {
  write(text: string, callback: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
const isErrorReporting = (stream: object): stream is ErrorReporting => typeof (stream as { on?: unknown }).on === 'function';
/** The first error of each stream, once seen. */
const streamErrors = new WeakMap<object, { error: Error | null }>();

/**
 * Every error of stdout and stderr is seen here, so none is an unhandled 'error' event (a stack
 * trace and exit 1, the code that means "clauses fail"). Errors of our own writes reach emit();
 * the help text, written by commander, is checked at the end (stdoutFailure).
 */
function guardStreams(io: Io): void {
  for (const stream of [io.stdout, io.stderr]) {
    if (isErrorReporting(stream) && !streamErrors.has(stream)) {
      const seen = { error: null as Error | null };
      streamErrors.set(stream, seen);
      stream.on('error', (error) => {
        seen.error ??= error;
      });
    }
  }
}

/** An error of stdout that no emit() reported (a reader that left is none): its code. */
async function stdoutFailure(io: Io): Promise<string | null> {
  const seen = streamErrors.get(io.stdout);
  if (!seen) return null;
  // A failed write is reported on a later tick.
  await new Promise((done) => setImmediate(done));
  const code = (seen.error as NodeJS.ErrnoException | null)?.code;
  return code && code !== 'EPIPE' && code !== 'ERR_STREAM_DESTROYED' ? code : null;
}

/** stdout's reader left (`| head`): the output ends quietly, the exit code stays the run's. */
class ReaderLeft extends Error {}

/** Writes the result to stdout and waits until it is taken, so a write that fails is known. */
async function emit(io: Io, text: string, lang: Lang): Promise<void> {
  const stream = io.stdout;
  if (!isErrorReporting(stream)) {
    stream.write(text);
    return;
  }
  const error = await new Promise<Error | null>((done) => stream.write(text, (e) => done(e ?? null)));
  if (error === null) return;
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED') throw new ReaderLeft();
  throw new OutputError(lang === 'zh' ? '标准输出' : 'standard output', code);
}

/** Files a run read: an output may never replace one. */
function filesRead(reading: Reading, options: InputOptions & { calendar?: string }): string[] {
  return [
    ...reading.plan.sources.map((s) => s.path),
    ...(reading.plan.profile ? [reading.plan.profile.path] : []),
    ...[options.config, options.calendar, options.complaints, options.staff, options.callbacks, options.units, options.profile].filter((f): f is string => f !== undefined),
  ];
}

/** What can be refused before the folder is read: outputs inside it, or onto a file named by a flag. */
function outputsGuard(dir: string, options: InputOptions & { calendar?: string }): { inputDir: string; inputs: string[] } {
  return {
    inputDir: dir,
    inputs: [options.config, options.calendar, options.complaints, options.staff, options.callbacks, options.units, options.profile].filter((f): f is string => f !== undefined),
  };
}


interface CommonOptions {
  lang: Lang;
  color: boolean;
  debug?: boolean;
  quiet?: boolean;
}

interface InputOptions {
  complaints?: string;
  staff?: string;
  callbacks?: string;
  units?: string;
  profile?: string;
  encoding?: string;
  sheet: string[];
  config?: string;
  mask: boolean;
}

function colorFor(io: Io, wanted: boolean): ChalkInstance {
  const enabled = wanted && io.stdout.isTTY === true && !io.env['NO_COLOR'] && io.env['CI'] !== 'true';
  return new Chalk({ level: enabled ? 1 : 0 });
}

function parseLang(value: string): Lang {
  if (value === 'zh' || value === 'en') return value;
  throw new UsageError({ zh: `--lang 只能是 zh 或 en（收到 "${value}"）`, en: `--lang must be zh or en (got "${value}")` });
}

function positiveInteger(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) {
      throw new UsageError({ zh: `${flag} 需要正整数（收到 "${value}"）`, en: `${flag} takes a positive whole number (got "${value}")` });
    }
    return n;
  };
}

function addInputOptions(command: Command): Command {
  return command
    .option('--complaints <file>', '投诉台账文件 / complaint register (.xlsx, .xls, .et, .ods or .csv)')
    .option('--staff <file>', '人员花名册 / staff roster')
    .option('--callbacks <file>', '回访记录 / callback sheet')
    .option('--units <file>', '已售房源台账 / sold-units ledger')
    .option('--profile <file>', '企业信息 profile.yaml / profile.json')
    .option('--encoding <name>', `强制 CSV 编码 / force the CSV encoding: ${ENCODING_CHOICES}`)
    .option('--sheet <names>', '只读取这些工作表（逗号分隔，可重复）/ read only these sheets (comma-separated, repeatable)', collectSheets, [] as string[])
    .option('--config <file>', '配置文件 (JSON/YAML)：自定义表头映射等 / config file: extra header mappings')
    .option('--no-mask', '显示个人信息（默认隐藏姓名、电话、内容）/ show personal data (masked by default)');
}

/** Today in China (UTC+8), the one place the clock is read. */
function chinaToday(io: Io): string {
  const fixed = io.env['AFTERSALES_AUDIT_TODAY'];
  if (fixed && parseLocalDate(fixed)) return parseLocalDate(fixed)!;
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function dateOption(flag: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const day = parseLocalDate(value);
  if (!day) throw new UsageError({ zh: `${flag} 不是有效日期："${value}"`, en: `${flag} is not a valid date: "${value}"` });
  return day;
}

function clauseList(flag: string, value: string): string[] {
  const ids = value.split(/[,，\s]+/).filter(Boolean);
  for (const id of ids) {
    if (!/^[1-5](\.\d+){0,2}$/.test(id)) throw new UsageError({ zh: `${flag}：「${id}」不是条款号（如 4.7 或 3）`, en: `${flag}: "${id}" is not a clause id (such as 4.7, or 3 for a chapter)` });
  }
  return ids;
}

type ReportFormat = 'text' | 'json' | 'md' | 'html' | 'junit' | 'xlsx';

const EXTENSIONS: Readonly<Record<string, ReportFormat>> = {
  '.json': 'json', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.xlsx': 'xlsx', '.xml': 'junit', '.txt': 'text',
};

function reportFormat(file: string): ReportFormat {
  const ext = extname(file).toLowerCase();
  const format = EXTENSIONS[ext];
  if (!format) {
    throw new UsageError({
      zh: `${file}：不支持的输出格式「${ext || '无扩展名'}」；可用 .json .md .html .xlsx .xml（JUnit）.txt`,
      en: `${file}: unsupported output format "${ext || 'no extension'}"; use .json .md .html .xlsx .xml (JUnit) or .txt`,
    });
  }
  return format;
}

/** --sheet 1月,2月 --sheet 3月: every sheet named, in order. */
function collectSheets(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(/[,，]/).map((s) => s.trim()).filter(Boolean)];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Progress on stderr while big files are read: only on a terminal, never in CI or when redirected. */
function progressFor(io: Io, quiet: boolean, lang: Lang): ((file: string, rows: number, done: boolean) => void) | undefined {
  if (quiet || io.stderr.isTTY !== true || io.env['CI'] === 'true' || io.env['CI'] === '1') return undefined;
  let last = 0;
  return (file, rows, done) => {
    const now = Date.now();
    if (!done && now - last < 250) return;
    last = now;
    const name = terminalSafe(file);
    const text = lang === 'zh' ? `读取 ${name}：${rows.toLocaleString('en-US')} 行` : `reading ${name}: ${rows.toLocaleString('en-US')} rows`;
    io.stderr.write(done ? '\r\u001b[2K' : `\r\u001b[2K${text}`);
  };
}

async function calendarFrom(file: string | undefined): Promise<Calendar> {
  return buildCalendar(file ? await loadCalendarFile(file) : new Map());
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exitCode = 0;
  let lang: Lang = argv.includes('--lang') && argv[argv.indexOf('--lang') + 1] === 'en' ? 'en' : 'zh';
  const debug = argv.includes('--debug');

  const program = new Command('aftersales-audit')
    .description(
      '青岛市房地产开发企业售后服务机构规范化管理标准 合规审计工具\n' +
        'Compliance auditor for the Qingdao standard for developers\' after-sales service organizations',
    )
    .version(VERSION, '-V, --version')
    .addOption(new Option('--lang <lang>', '输出语言 / output language').choices(['zh', 'en']).default('zh'))
    .option('--no-color', '不使用颜色 / no colour')
    .option('--debug', '出错时显示堆栈 / show stack traces on errors')
    .option('-q, --quiet', '只输出结果 / print only the result')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

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
      const common = command.optsWithGlobals() as CommonOptions;
      lang = parseLang(common.lang);
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
      exitCode = reading.dataQuality.count > 0 ? 1 : 0;
      if (options.output) {
        await writeOutputs([{ file: options.output, content: text }], { ...outputsGuard(dir, options), inputs: filesRead(reading, options) });
        if (!common.quiet) io.stderr.write(`${t(lang, 'wrote', { file: options.output })}\n`);
      } else {
        await emit(io, text, lang);
      }
      // A file left unread is a problem with the data handed over, as an issue is.
      exitCode = reading.dataQuality.count > 0 || reading.skipped.some((s) => UNREAD_REASONS.has(s.reason)) ? 1 : 0;
    });

  program
    .command('init')
    .summary('生成空白模板 / write blank templates')
    .description('在文件夹中生成交给企业填写的模板：每类数据一个 XLSX（中文表头、下拉选项、填写说明），以及带中文注释的 profile.yaml。\nWrite templates to hand to an enterprise: one XLSX per dataset (Chinese headers, drop-down lists, instructions) and a commented profile.yaml.')
    .argument('[dir]', '目标文件夹 / target folder', '.')
    .option('--sample', '填入示例数据（可直接运行 validate）/ fill in sample rows (they pass validate)')
    .option('--force', '覆盖已有文件（符号链接本身被替换，不写入其指向的文件）/ replace existing files (a symbolic link itself, never the file it points to)')
    .addHelpText('after', `
示例 / Examples:
  $ aftersales-audit init 企业模板
  $ aftersales-audit init demo --sample && aftersales-audit validate demo`)
    .action(async (dir: string, options: { sample?: boolean; force?: boolean }, command: Command) => {
      const common = command.optsWithGlobals() as CommonOptions;
      lang = parseLang(common.lang);
      const { writeTemplates } = await import('./init.js');
      const written = await writeTemplates(dir, { sample: options.sample === true, force: options.force === true });
      if (!common.quiet) {
        await emit(io, `${t(lang, 'initDone', { dir })}\n${written.map((f) => `  ${f}`).join('\n')}\n${t(lang, 'initNext', { dir })}\n`, lang);
      }
    });

  addInputOptions(
    program
      .command('audit')
      .summary('按标准逐条审计 / judge every clause of the standard')
      .description(
        '读取企业数据，逐条判定标准第一至五章的每一条款，按章输出审计报告（结论、每条的状态、问题记录及所在行、整改建议、统计分析）。\n' +
          'Read the enterprise\'s records and judge every clause of chapters 1–5: the verdict, each clause\'s status, the records that break it (file and row), remedies, and a statistical analysis.',
      )
      .argument('[dir]', '企业数据文件夹 / the enterprise folder', '.'),
  )
    .option('--from <date>', '审计期间开始（默认取企业信息 period，否则数据跨度）/ period start (default: the profile\'s period, else the span of the data)')
    .option('--to <date>', '审计期间结束 / period end')
    .option('--as-of <date>', '审计日（默认今天；期间已结束时为期末）/ audit date (default today, or the period end when it is past)')
    .addOption(new Option('--format <format>', '标准输出的格式 / the format written to stdout').choices(['text', 'json', 'md', 'html', 'junit']).default('text'))
    .option('-o, --output <file>', '写入文件，可重复，格式取自扩展名 .json .md .html .xlsx .xml .txt；自动创建文件夹，全部写成或都不写，不写入被审计的文件夹 / write a file (repeatable; format from the extension; folders created; all written or none; never inside the audited folder)', collect, [] as string[])
    .option('--only <ids>', '只判定这些条款（逗号分隔，可写章号）/ judge only these clauses (comma-separated; a chapter number selects the chapter)')
    .option('--skip <ids>', '跳过这些条款 / skip these clauses')
    .addOption(new Option('--fail-on <level>', '何种状态使退出码为 1 / the status that makes the exit code 1').choices(['fail', 'warn', 'no-data']))
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

退出码 / Exit codes: 0 没有达到 --fail-on 级别的条款 no clause at the --fail-on level · 1 有 some · 2 用法错误、没有任何文件可读取或输出无法写入 usage error, nothing could be read, or an output that cannot be written`,
    )
    .action(
      async (
        dir: string,
        options: InputOptions & { from?: string; to?: string; asOf?: string; format: ReportFormat; output: string[]; only?: string; skip?: string; failOn?: FailOn; calendar?: string; maxIssues: number },
        command: Command,
      ) => {
        const common = command.optsWithGlobals() as CommonOptions;
        lang = parseLang(common.lang);
        const config = await loadConfig(options.config);
        setLimits(config.limits);
        const calendar = await calendarFrom(options.calendar);
        const outputs = options.output.map((file) => ({ file, format: reportFormat(file) }));
        if (outputs.length > 0) await checkOutputs(options.output, outputsGuard(dir, options));
        const { runAudit } = await import('./audit.js');
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
          only: options.only ? clauseList('--only', options.only) : null,
          skip: options.skip ? clauseList('--skip', options.skip) : [],
          params: config.params,
          calendar,
          progress: progressFor(io, common.quiet === true, lang),
        });
        const present = { lang, mask: options.mask };
        const { renderReport } = await import('./report/render.js');
        const failOn = options.failOn ?? config.failOn ?? 'fail';
        const levels: readonly string[] = failOn === 'fail' ? ['fail'] : failOn === 'warn' ? ['fail', 'warn'] : ['fail', 'warn', 'no-data'];
        exitCode = audit.clauses.some((c) => levels.includes(c.result.status)) ? 1 : 0;
        // Every report is rendered before any is written: all of them, or none.
        const files = [];
        for (const { file, format } of outputs) files.push({ file, content: await renderReport(audit, format, present, new Chalk({ level: 0 })) });
        if (files.length > 0) {
          await writeOutputs(files, { ...outputsGuard(dir, options), inputs: filesRead(audit.reading, options) });
          if (!common.quiet) for (const { file } of files) io.stderr.write(`${t(lang, 'wrote', { file })}\n`);
        }
        // stdout carries the chosen format, unless only files were asked for.
        if (outputs.length === 0 || options.format !== 'text') {
          await emit(io, (await renderReport(audit, options.format, present, colorFor(io, common.color))) as string, lang);
        }
      },
    );

  program
    .command('rules')
    .summary('列出条款及判定方式 / list the clauses and how each is judged')
    .description('不带参数列出全部条款（覆盖矩阵）；带条款号说明该条的要求、所用数据、判定方法和参数。\nWithout an id: every clause, how it is judged and from which data; with an id: that clause explained.')
    .argument('[id]', '条款号，如 4.7 / a clause id such as 4.7')
    .addHelpText('after', `
示例 / Examples:
  $ aftersales-audit rules
  $ aftersales-audit rules 4.7 --lang en`)
    .action(async (id: string | undefined, _options: unknown, command: Command) => {
      const common = command.optsWithGlobals() as CommonOptions;
      lang = parseLang(common.lang);
      const { rulesText, ruleText } = await import('./report/rules-text.js');
      if (id === undefined) await emit(io, rulesText(lang), lang);
      else {
        const text = ruleText(id, lang);
        if (text === null) {
          throw new UsageError({ zh: `没有条款 ${id}；运行 aftersales-audit rules 查看全部条款`, en: `no clause ${id}; run aftersales-audit rules to list them` });
        }
        await emit(io, text, lang);
      }
    });

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
      const common = command.optsWithGlobals() as CommonOptions;
      lang = parseLang(common.lang);
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
        else if (n >= 0) lines.push(lang === 'zh' ? `  ${label(day)}  第 ${n + 1} 个工作日` : `  ${label(day)}  working day ${n + 1}`);
        else lines.push(lang === 'zh' ? `  ${label(day)}  休息` : `  ${label(day)}  day off`);
      }
      if (result.deadline) lines.push(lang === 'zh' ? `处理时限：${label(result.deadline)} 当日结束前` : `deadline: end of ${label(result.deadline)}`);
      else {
        lines.push(
          lang === 'zh'
            ? `无法确定处理时限：${result.unknownDay} 超出日历范围（已知 ${calendar.coverage.official.join('–')} 年），请用 --calendar 补充`
            : `the deadline cannot be placed: ${result.unknownDay} is beyond the calendar (${calendar.coverage.official.join('–')}); supply it with --calendar`,
        );
        exitCode = 1;
      }
      await emit(io, `${lines.join('\n')}\n`, lang);
    });

  registerBatch(program, {
    io,
    setLang: (value) => (lang = parseLang(value)),
    setExitCode: (code) => (exitCode = code),
    emit: (text, language) => emit(io, text, language),
    today: () => chinaToday(io),
    dateOption,
    clauseList,
    positiveInteger,
  });

  guardStreams(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof ReaderLeft) return exitCode;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        const failed = await stdoutFailure(io);
        if (failed === null) return 0;
        io.stderr.write(`aftersales-audit: ${new OutputError(lang === 'zh' ? '标准输出' : 'standard output', failed).render(lang)}\n`);
        return 2;
      }
      return 2;
    }
    if (error instanceof AuditError) {
      io.stderr.write(`aftersales-audit: ${terminalSafe(error.render(lang))}\n`);
      if (debug) io.stderr.write(`${error.stack ?? ''}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    // A bug of ours: still one line, still exit 2, and the way to learn more.
    const hint = lang === 'zh' ? '内部错误（加 --debug 查看详情并反馈）' : 'internal error (rerun with --debug and report it)';
    io.stderr.write(`aftersales-audit: ${hint}: ${terminalSafe(message)}\n`);
    if (debug) io.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 2;
  }
}

/** The batch pool's worker loop, run inside this bundle by each worker thread (src/batch/pool.ts). */
export async function serveBatchWorker(...args: Parameters<typeof import('./batch/worker.js').serveBatch>): Promise<void> {
  return (await import('./batch/worker.js')).serveBatch(...args);
}

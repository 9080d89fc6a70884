// The command line: builds the program, wires the commands, maps errors to exit codes. Only bin/
// sets the exit code: execute() returns it. Errors of the tool are one clear line on stderr (a
// stack trace only with --debug).
//
// Adding a command (one file per command):
//   1. Write src/commands/<name>.ts exporting
//        export function register(program: Command, ctx: CommandContext): void
//      which calls program.command('<name>')…action(async (…, command) => { … }).
//      In the action: `const common = commonOptions(command, ctx)` first (it reads the global
//      options and sets ctx.lang, so errors speak the user's language); set `ctx.exitCode` for a
//      result other than 0; write results with `emit(ctx.io, text, ctx.lang)` (stdout) and notes
//      with ctx.io.stderr; throw UsageError / AuditError (src/errors.ts) for mistakes: this file
//      turns them into one line and exit code 2 (or the error's own code).
//   2. Reuse the shared option groups of src/commands/options.ts: addInputOptions (the input
//      files), addPeriodOptions (--from/--to/--as-of), collect (a repeatable -o), reportFormat (a
//      report's format from its extension), positiveInteger, dateOption, clauseList (clauseSelection
//      for --only/--skip), chinaToday (the one place the clock is read). --lang, --no-color,
//      --debug, -q are global (below).
//   3. Add one line to COMMANDS below, in the order --help lists them.
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from './version.js';
import { AuditError, OutputError } from './errors.js';
import type { Lang } from './model.js';
import { terminalSafe } from './report/present.js';
import { usageLine } from './commands/usage.js';
import { guardStreams, ReaderLeft, stdoutFailure, type CommandContext, type Io } from './commands/context.js';
import { register as registerValidate } from './commands/validate.js';
import { register as registerInit } from './commands/init.js';
import { register as registerAudit } from './commands/audit.js';
import { register as registerRules } from './commands/rules.js';
import { register as registerDeadline } from './commands/deadline.js';
import { register as registerDue } from './commands/due.js';
import { register as registerSample } from './commands/sample.js';
import { register as registerAnnotate } from './commands/annotate.js';
import { register as registerWaivers } from './commands/waivers.js';
import { register as registerDiff } from './commands/diff.js';
import { register as registerBatch } from './commands/batch.js';

export type { Io } from './commands/context.js';

/** Every command, in the order --help lists them: one line each. */
const COMMANDS: readonly ((program: Command, ctx: CommandContext) => void)[] = [
  registerValidate,
  registerInit,
  registerAudit,
  registerWaivers,
  registerDiff,
  registerRules,
  registerDeadline,
  registerBatch,
  registerDue,
  registerSample,
  registerAnnotate,
];

const processIo: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env };

/** The program with its global options and every command. */
function buildProgram(ctx: CommandContext): Command {
  const { io } = ctx;
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
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // A usage error becomes one line of ours (usageLine), never commander's text and the help.
      outputError: () => undefined,
    });
  for (const register of COMMANDS) register(program, ctx);
  return program;
}

/** The subcommand argv runs: its first word that names one, and a nested one after it (`waivers check`). */
function commandOf(program: Command, argv: readonly string[]): string | null {
  const at = argv.findIndex((word) => program.commands.some((c) => c.name() === word));
  if (at < 0) return null;
  const command = program.commands.find((c) => c.name() === argv[at])!;
  const sub = argv.slice(at + 1).find((word) => command.commands.some((c) => c.name() === word));
  return sub ? `${argv[at]} ${sub}` : argv[at]!;
}

/** Runs the command line argv (without node and the script) and returns the exit code. */
export async function execute(argv: readonly string[], io: Io = processIo): Promise<number> {
  const ctx: CommandContext = {
    io,
    lang: argv.includes('--lang') && argv[argv.indexOf('--lang') + 1] === 'en' ? 'en' : 'zh',
    exitCode: 0,
  };
  const debug = argv.includes('--debug');
  const program = buildProgram(ctx);
  guardStreams(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    const lang: Lang = ctx.lang;
    if (error instanceof ReaderLeft) return ctx.exitCode;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        const failed = await stdoutFailure(io);
        if (failed === null) return 0;
        io.stderr.write(`aftersales-audit: ${new OutputError(lang === 'zh' ? '标准输出' : 'standard output', failed).render(lang)}\n`);
        return 2;
      }
      io.stderr.write(`aftersales-audit: ${terminalSafe(usageLine(error, commandOf(program, argv), lang))}\n`);
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

/** The former name of execute (bin/ and src/launch.ts call it). */
export const main = execute;

/** The batch pool's worker loop, run inside this bundle by each worker thread (src/batch/pool.ts). */
export async function serveBatchWorker(...args: Parameters<typeof import('./batch/worker.js').serveBatch>): Promise<void> {
  return (await import('./batch/worker.js')).serveBatch(...args);
}

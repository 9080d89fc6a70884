// The option groups that several commands share, defined once: the global options (language,
// colour, quiet), the input files, the audit period, the outputs, and the parsers of their values.
import { extname } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Lang } from '../model.js';
import { ENCODING_CHOICES } from '../read/encoding.js';
import { parseLocalDate } from '../read/values.js';
import type { Reading } from '../pipeline.js';
import type { CommandContext, Io } from './context.js';

/** The global options (on the program), as a command's action sees them. */
export interface CommonOptions {
  lang: Lang;
  color: boolean;
  debug?: boolean;
  quiet?: boolean;
}

/** The input-file group (addInputOptions). */
export interface InputOptions {
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

/** The period group (addPeriodOptions). */
export interface PeriodOptions {
  from?: string;
  to?: string;
  asOf?: string;
}

export function parseLang(value: string): Lang {
  if (value === 'zh' || value === 'en') return value;
  throw new UsageError({ zh: `--lang 只能是 zh 或 en（收到 "${value}"）`, en: `--lang must be zh or en (got "${value}")` });
}

/** The global options of an action's command; sets the run's language from --lang. */
export function commonOptions(command: Command, ctx: CommandContext): CommonOptions {
  const common = command.optsWithGlobals() as CommonOptions;
  ctx.lang = parseLang(common.lang);
  return common;
}

export function positiveInteger(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) {
      throw new UsageError({ zh: `${flag} 需要正整数（收到 "${value}"）`, en: `${flag} takes a positive whole number (got "${value}")` });
    }
    return n;
  };
}

/** --sheet 1月,2月 --sheet 3月: every sheet named, in order. */
function collectSheets(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(/[,，]/).map((s) => s.trim()).filter(Boolean)];
}

/** A repeatable option's values, in order. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The input files of an enterprise folder, and how to read them. */
export function addInputOptions(command: Command): Command {
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

/** The audit period: --from, --to, --as-of. */
export function addPeriodOptions(command: Command): Command {
  return command
    .option('--from <date>', '审计期间开始（默认取企业信息 period，否则数据跨度）/ period start (default: the profile\'s period, else the span of the data)')
    .option('--to <date>', '审计期间结束 / period end')
    .option('--as-of <date>', '审计日（默认今天；期间已结束时为期末）/ audit date (default today, or the period end when it is past)');
}

/** Files a run reads besides the input group: a calendar, a waivers file, a baseline report. */
export interface ReadFileOptions {
  calendar?: string;
  waivers?: string;
  baseline?: string;
}

/** Files named by flags (a config, a calendar, waivers, a baseline, explicit inputs): outputs may never replace them. */
export function namedInputs(options: InputOptions & ReadFileOptions): string[] {
  return [options.config, options.calendar, options.complaints, options.staff, options.callbacks, options.units, options.profile, options.waivers, options.baseline].filter((f): f is string => f !== undefined);
}

/** What can be refused before the folder is read: outputs inside it, or onto a file named by a flag. */
export function outputsGuard(dir: string, options: InputOptions & ReadFileOptions): { inputDir: string; inputs: string[] } {
  return { inputDir: dir, inputs: namedInputs(options) };
}

/** Today in China (UTC+8), the one place the clock is read (AFTERSALES_AUDIT_TODAY fixes it for tests). */
export function chinaToday(io: Io): string {
  const fixed = io.env['AFTERSALES_AUDIT_TODAY'];
  if (fixed && parseLocalDate(fixed)) return parseLocalDate(fixed)!;
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function dateOption(flag: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const day = parseLocalDate(value);
  if (!day) throw new UsageError({ zh: `${flag} 不是有效日期："${value}"`, en: `${flag} is not a valid date: "${value}"` });
  return day;
}

/**
 * The clause ids of --only/--skip. `selects(id)` says whether an id names a clause, a section or a
 * chapter of the standard; `near(id)` the valid ids to name when it does not (a typo must not turn
 * an audit of nothing into 符合).
 */
export function clauseList(flag: string, value: string, selects: (id: string) => boolean, near: (id: string) => string): string[] {
  const ids = value.split(/[,，\s]+/).filter(Boolean);
  for (const id of ids) {
    if (!/^\d+(\.\d+){0,2}$/.test(id)) throw new UsageError({ zh: `${flag}：「${id}」不是条款号（如 4.7，或章号 4）；运行 aftersales-audit rules 查看全部条款`, en: `${flag}: "${id}" is not a clause id (such as 4.7, or 4 for a chapter); run aftersales-audit rules to list them` });
    if (!selects(id)) {
      throw new UsageError({
        zh: `${flag}：标准中没有条款 ${id}；可用：${near(id)}（章号选中整章）；运行 aftersales-audit rules 查看全部条款`,
        en: `${flag}: the standard has no clause ${id}; valid ids: ${near(id)} (a chapter number selects the chapter); run aftersales-audit rules to list them`,
      });
    }
  }
  return ids;
}

/** --only/--skip checked against the standard's clauses (clauseList): the ids each selects. */
export async function clauseSelection(options: { only?: string; skip?: string }): Promise<{ only: string[] | null; skip: string[] }> {
  const { checksUnder, validIdsNear } = await import('../checks/index.js');
  const selects = (id: string): boolean => checksUnder(id).length > 0;
  return {
    only: options.only ? clauseList('--only', options.only, selects, validIdsNear) : null,
    skip: options.skip ? clauseList('--skip', options.skip, selects, validIdsNear) : [],
  };
}

export type ReportFormat = 'text' | 'json' | 'md' | 'html' | 'junit' | 'xlsx';

const EXTENSIONS: Readonly<Record<string, ReportFormat>> = {
  '.json': 'json', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.xlsx': 'xlsx', '.xml': 'junit', '.txt': 'text',
};

/** The format of a report file, from its extension. */
export function reportFormat(file: string): ReportFormat {
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

/** Files a run read: an output may never replace one. */
export function filesRead(reading: Reading, options: InputOptions & ReadFileOptions): string[] {
  return [
    ...reading.plan.sources.map((s) => s.path),
    ...(reading.plan.profile ? [reading.plan.profile.path] : []),
    ...namedInputs(options),
  ];
}

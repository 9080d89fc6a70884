// One worker of the batch pool (src/batch/pool.ts): audits the enterprises it is handed, one at a
// time, renders each one's reports and answers with them and the enterprise's summary row. The
// main thread writes them (src/write-output.ts: it alone sees Ctrl-C, which removes temporary
// files). It runs inside the built bundle (dist/cli.cjs, loaded with its code cache), so it starts
// as fast as the CLI.
import type { MessagePort } from 'node:worker_threads';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { buildCalendar, loadCalendarFile, type Calendar } from '../calendar/calendar.js';
import { loadConfig, type Config } from '../config.js';
import { AuditError, type Bilingual } from '../errors.js';
import { setLimits } from '../limits.js';
import type { Lang } from '../model.js';
import type { WaiversFile } from '../waivers.js';
import { reduceReport, failedRow, type ReducedReport } from './summary.js';

export type EnterpriseFormat = 'json' | 'text' | 'md' | 'html' | 'junit' | 'xlsx';
/** The file name of each per-enterprise report under --out DIR/<folder>/. */
export const REPORT_FILE: Readonly<Record<EnterpriseFormat, string>> = {
  json: 'report.json', text: 'report.txt', md: 'report.md', html: 'report.html', junit: 'report.xml', xlsx: 'report.xlsx',
};

/** What every audit of the batch shares (plain data: it crosses to the worker). */
export interface BatchSetup {
  readonly config: string | undefined;
  readonly calendar: string | undefined;
  /** The waivers file applied to every enterprise (--waivers, or the config's waivers:), or null. */
  readonly waivers: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly asOf: string | null;
  readonly today: string;
  readonly only: readonly string[] | null;
  readonly skip: readonly string[];
  readonly maxIssues: number;
  readonly mask: boolean;
  readonly lang: Lang;
  /** Where each enterprise's reports go (DIR/<folder>/), or null for none. */
  readonly out: string | null;
  readonly formats: readonly EnterpriseFormat[];
  /** The batch's parent folder: shown in error messages as the folder name alone. */
  readonly parent: string;
}

export interface BatchTask {
  readonly id: number;
  readonly folder: string;
  readonly dir: string;
}

export interface BatchAnswer {
  readonly id: number;
  /** The enterprise's row and what its report was made with; only a row when it failed. */
  readonly reduced: ReducedReport | { readonly row: ReturnType<typeof failedRow> };
  /** Its reports, rendered, to write under --out DIR/<folder>/. */
  readonly files: readonly { readonly file: string; readonly content: string | Uint8Array }[];
  /** The files the audit read: no output may replace one. */
  readonly inputs: readonly string[];
}

/** An error as both languages, the parent folder's path left out (the same text on every machine). */
export function errorText(error: unknown, parent: string, folder: string): Bilingual {
  const local = (text: string): string => text.split(join(parent, folder)).join(folder).split(parent).join('');
  if (error instanceof AuditError) return { zh: local(error.render('zh')), en: local(error.render('en')) };
  const message = local(error instanceof Error ? error.message : String(error));
  return { zh: `内部错误：${message}`, en: `internal error: ${message}` };
}

interface Loaded {
  readonly config: Config;
  readonly calendar: Calendar;
  readonly waivers: WaiversFile | null;
}

/**
 * Tests only: AFTERSALES_AUDIT_TEST_CRASH=<folder> ends the worker thread the moment it is handed
 * that enterprise, as a crash would (the pool must list it as failed, start a new worker and go on).
 */
function crashForTest(folder: string): void {
  if (process.env['AFTERSALES_AUDIT_TEST_CRASH'] === folder) process.exit(70);
}

/** Audits one enterprise: its reports written, its summary row returned. Never throws. */
export async function auditOne(task: BatchTask, setup: BatchSetup, loaded: Loaded): Promise<BatchAnswer> {
  crashForTest(task.folder);
  try {
    const { runAudit } = await import('../audit.js');
    const { renderReport } = await import('../report/render.js');
    const { buildReport } = await import('../report/audit-json.js');
    const audit = await runAudit({
      dir: task.dir,
      explicit: {},
      sheet: null,
      encoding: null,
      headers: loaded.config.headers,
      maxIssues: setup.maxIssues,
      from: setup.from,
      to: setup.to,
      asOf: setup.asOf,
      today: setup.today,
      only: setup.only,
      skip: setup.skip,
      params: loaded.config.params,
      calendar: loaded.calendar,
      waivers: loaded.waivers,
    });
    const present = { lang: setup.lang, mask: setup.mask };
    const files = [];
    if (setup.out !== null) {
      for (const format of setup.formats) {
        files.push({ file: join(setup.out, task.folder, REPORT_FILE[format]), content: await renderReport(audit, format, present, new Chalk({ level: 0 })) });
      }
    }
    const inputs = [...audit.reading.plan.sources.map((s) => s.path), ...(audit.reading.plan.profile ? [audit.reading.plan.profile.path] : [])];
    // The row comes from the JSON report, as `batch --merge` reads it back: the same row either way.
    const report = JSON.parse(JSON.stringify(buildReport(audit, present))) as unknown;
    return { id: task.id, reduced: reduceReport(report, task.folder), files, inputs };
  } catch (error) {
    return { id: task.id, reduced: { row: failedRow(task.folder, errorText(error, setup.parent, task.folder)) }, files: [], inputs: [] };
  }
}

export async function loadShared(setup: BatchSetup): Promise<Loaded> {
  const config = await loadConfig(setup.config);
  setLimits(config.limits);
  const calendar = buildCalendar(setup.calendar ? await loadCalendarFile(setup.calendar) : new Map());
  const waivers = setup.waivers ? await (await import('../waivers.js')).loadWaiversForAudit(setup.waivers) : null;
  return { config, calendar, waivers };
}

/** The worker's loop: a task in, an answer out, until the port closes. */
export async function serveBatch(port: MessagePort, setup: BatchSetup): Promise<void> {
  const loaded = await loadShared(setup);
  port.on('message', (task: BatchTask) => {
    void auditOne(task, setup, loaded).then((answer) => port.postMessage(answer));
  });
  port.postMessage({ ready: true });
}

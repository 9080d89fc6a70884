// What every command shares at run time: the streams (Io), the exit code and language of the run,
// and writing a result to stdout (emit). A command's file receives one CommandContext from cli.ts.
import { Chalk, type ChalkInstance } from 'chalk';
import { OutputError } from '../errors.js';
import type { Lang } from '../model.js';
import { terminalSafe } from '../report/present.js';

export interface Io {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Handed to every command's register(): the run's streams, its language and its exit code. */
export interface CommandContext {
  readonly io: Io;
  /** The language of messages, set by the action once --lang is parsed (errors use it). */
  lang: Lang;
  /** The exit code the run returns unless an error maps to another (0 until a command sets it). */
  exitCode: number;
}

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
export function guardStreams(io: Io): void {
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
export async function stdoutFailure(io: Io): Promise<string | null> {
  const seen = streamErrors.get(io.stdout);
  if (!seen) return null;
  // A failed write is reported on a later tick.
  await new Promise((done) => setImmediate(done));
  const code = (seen.error as NodeJS.ErrnoException | null)?.code;
  return code && code !== 'EPIPE' && code !== 'ERR_STREAM_DESTROYED' ? code : null;
}

/** stdout's reader left (`| head`): the output ends quietly, the exit code stays the run's. */
export class ReaderLeft extends Error {}

/** Writes the result to stdout and waits until it is taken, so a write that fails is known. */
export async function emit(io: Io, text: string, lang: Lang): Promise<void> {
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

export function colorFor(io: Io, wanted: boolean): ChalkInstance {
  const enabled = wanted && io.stdout.isTTY === true && !io.env['NO_COLOR'] && io.env['CI'] !== 'true';
  return new Chalk({ level: enabled ? 1 : 0 });
}

/** Progress on stderr while big files are read: only on a terminal, never in CI or when redirected. */
export function progressFor(io: Io, quiet: boolean, lang: Lang): ((file: string, rows: number, done: boolean) => void) | undefined {
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

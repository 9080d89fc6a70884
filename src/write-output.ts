// Every file the tool writes goes through here (audit and validate -o, init's templates). What it
// guarantees, stated in docs/hostile-input.md:
// - no input is ever overwritten: a target that is a file the run read (by device and inode, so
//   through links and other spellings of the path) is refused, and so is any target inside the
//   folder that was audited;
// - nothing is written through a symbolic link: a link in the target's place is replaced, never
//   followed; with `within`, nothing is written outside that folder;
// - outputs are atomic, all of a run's or none: every content is rendered before this is called,
//   each is written to a temporary file beside its target, and only when all are written are they
//   renamed over their targets. A run killed while writing leaves the previous files whole, and
//   one interrupted (Ctrl-C, SIGTERM) removes its temporary files;
// - folders are created; a failure is one clear line (OutputError) saying what to do, exit 2.
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { OutputError, UsageError } from './errors.js';

export interface OutputFile {
  /** The path as the user gave it (shown in messages). */
  readonly file: string;
  readonly content: string | Uint8Array;
}

export interface WriteGuard {
  /** Files the run read: none of them is ever replaced. */
  readonly inputs?: readonly string[];
  /** The folder the run read: nothing is written inside it (at any depth). */
  readonly inputDir?: string | null;
  /** Write only directly inside this folder (init): a target elsewhere is refused. */
  readonly within?: string;
  /** Replace an existing target (init without --force refuses one, a link included). Default true. */
  readonly replace?: boolean;
}

interface Identity {
  readonly dev: number;
  readonly ino: number;
}

const same = (a: Identity, b: Identity): boolean => a.dev === b.dev && a.ino === b.ino;

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  // "..name" is a folder inside; ".." and "../x" leave.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The real path of a file that may not exist yet: its nearest existing folder resolved, the rest appended. */
async function realTarget(path: string): Promise<string> {
  const rest: string[] = [];
  let at = path;
  for (;;) {
    try {
      return join(await realpath(at), ...rest);
    } catch {
      const parent = dirname(at);
      if (parent === at) return path;
      rest.unshift(basename(at));
      at = parent;
    }
  }
}

async function identity(path: string): Promise<Identity | null> {
  try {
    const info = await stat(path);
    return { dev: info.dev, ino: info.ino };
  } catch {
    return null;
  }
}

/** Refuses what must never be written, before anything is. */
export async function checkOutputs(files: readonly string[], guard: WriteGuard = {}): Promise<void> {
  const seen = new Map<string, string>();
  const inputs: { file: string; id: Identity }[] = [];
  for (const file of guard.inputs ?? []) {
    const id = await identity(file);
    if (id) inputs.push({ file, id });
  }
  const inputDir = guard.inputDir ? await realpath(guard.inputDir).catch(() => resolve(guard.inputDir!)) : null;
  const within = guard.within ? resolve(guard.within) : null;
  for (const file of files) {
    const target = resolve(file);
    const real = await realTarget(target);
    const twice = seen.get(real);
    if (twice !== undefined) {
      throw new UsageError({ zh: `${file}：与 ${twice} 是同一个输出文件，只能给一次`, en: `${file}: the same output file as ${twice}; give it once` });
    }
    seen.set(real, file);
    if (within !== null && dirname(target) !== within) {
      throw new OutputError(file, 'outside', { folder: guard.within! });
    }
    const id = await identity(target);
    const input = id ? inputs.find((i) => same(i.id, id)) : undefined;
    if (input) throw new OutputError(file, 'input', { input: input.file });
    if (inputDir !== null && isInside(inputDir, real)) throw new OutputError(file, 'inside-input', { folder: guard.inputDir! });
    let link = null;
    try {
      link = await lstat(target);
    } catch {
      // absent: written fresh
    }
    if (link?.isDirectory()) throw new OutputError(file, 'EISDIR');
    if (link && guard.replace === false) throw new OutputError(file, 'exists');
  }
}

/** Signals that end a run: the temporary files are removed first, then the signal takes its course. */
const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Writes every output, or none: checked, then each written to a temporary file beside its target,
 * then all renamed. Temporary files are removed on failure, and when the run is interrupted
 * (Ctrl-C, SIGTERM) while writing; only SIGKILL can leave one behind.
 */
export async function writeOutputs(outputs: readonly OutputFile[], guard: WriteGuard = {}): Promise<void> {
  await checkOutputs(
    outputs.map((o) => o.file),
    guard,
  );
  const temps: { output: OutputFile; temp: string; target: string }[] = [];
  const cleanUp = async (): Promise<void> => {
    await Promise.all(temps.map((t) => unlink(t.temp).catch(() => {})));
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const t of temps) {
      try {
        unlinkSync(t.temp);
      } catch {
        // not created yet, or already renamed
      }
    }
    for (const s of ENDING_SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
  };
  for (const s of ENDING_SIGNALS) process.on(s, onSignal);
  let current: OutputFile | null = null;
  try {
    for (const output of outputs) {
      current = output;
      const target = resolve(output.file);
      await mkdir(dirname(target), { recursive: true });
      // A short hidden name: long target names stay within NAME_MAX, and readers skip dot files.
      const temp = join(dirname(target), `.aftersales-audit-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
      // Listed before it exists, so that a signal during open() still removes it.
      temps.push({ output, temp, target });
      // 'wx': created new, never opened through a link or over an existing file.
      const handle = await open(temp, 'wx', 0o666).catch((error: unknown) => {
        temps.pop();
        throw error;
      });
      try {
        await handle.writeFile(output.content);
        await handle.datasync();
      } finally {
        await handle.close();
      }
    }
    for (const t of temps) {
      current = t.output;
      // rename replaces a link in the target's place; it never writes through it.
      await rename(t.temp, t.target);
    }
  } catch (error) {
    await cleanUp();
    if (error instanceof OutputError || error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (current && typeof code === 'string') throw new OutputError(current.file, code);
    throw error;
  } finally {
    for (const s of ENDING_SIGNALS) process.removeListener(s, onSignal);
  }
}

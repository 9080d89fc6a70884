// What every reader does first with a file: refuse one over the size limit, and look at its first
// bytes to tell what it really is (a zip, an OLE compound file, a PDF…).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { limits } from '../limits.js';

/** A file over limits.fileMb is refused before it is read. */
export async function checkFileSize(path: string, file: string): Promise<void> {
  const { size } = await stat(path);
  const limit = limits().fileMb;
  if (size > limit * 1024 * 1024) {
    const mb = (size / 1024 / 1024).toFixed(0);
    throw new InputError(file, {
      zh: `文件 ${mb} MB，超过上限 ${limit} MB；如确需读取，可在配置 limits.fileMb 中调高`,
      en: `the file is ${mb} MB, over the limit of ${limit} MB; raise limits.fileMb in the config to read it`,
    });
  }
}

/** The first `count` bytes of a file (fewer when it is shorter). */
export async function firstBytes(path: string, file: string, count = 8): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new InputError(file, {
      zh: `无法打开文件（${(error as NodeJS.ErrnoException).code ?? '未知错误'}）`,
      en: `cannot open the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    });
  }
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * What tells one state of a file from another, for what is kept about it: its identity, size and
 * times, and its last 64 KiB, where a zip keeps its central directory (a file rewritten within the
 * same clock tick at the same size still differs there).
 */
export async function fingerprint(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { dev, ino, size, mtimeMs, ctimeMs } = await handle.stat();
    const tail = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(tail, 0, tail.length, size - tail.length);
    return `${dev}:${ino}:${size}:${mtimeMs}:${ctimeMs}:${createHash('sha256').update(tail).digest('hex')}`;
  } finally {
    await handle.close();
  }
}

/** The last file hashed, so that each of a workbook's many sheets does not hash it again. */
let lastHash: { path: string; print: string; hash: Promise<string> } | null = null;

/** SHA-256 of a file, streamed (once for all the sheets read from one unchanged workbook). */
export async function sha256File(path: string): Promise<string> {
  const print = await fingerprint(path);
  if (lastHash && lastHash.path === path && lastHash.print === print) return lastHash.hash;
  const hash = (async () => {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) hash.update(chunk);
    return hash.digest('hex');
  })();
  lastHash = { path, print, hash };
  hash.catch(() => {
    if (lastHash?.hash === hash) lastHash = null;
  });
  return hash;
}

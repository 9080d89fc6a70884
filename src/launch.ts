// Loads the bundled CLI (dist/cli.cjs, from scripts/bundle-cli.mjs) with V8's code cache for it
// (dist/cli.cjs.cache, written by scripts/warm-code-cache.mjs at the end of the build, after it
// ran the demo audit). With the cache V8 neither parses the 1.5 MB bundle nor compiles the
// functions an audit runs: the demo audit takes about 60 ms less (of some 450). Node 22 offers
// this as module.enableCompileCache(); on Node 20 a vm.Script takes the cache itself.
//
// V8 rejects a cache from another V8 version or other V8 flags, and the bundle is then compiled as
// usual. It checks the source only by its length, though, so a cache older than the bundle is
// never offered (see freshCache). AFTERSALES_AUDIT_CODE_CACHE=off loads the bundle without it.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { main, serveBatchWorker } from './cli.js';

export const bundlePath = fileURLToPath(new URL('./cli.cjs', import.meta.url));
export const cachePath = `${bundlePath}.cache`;

/** What became of the code cache: used, refused by V8, older than the bundle, absent, or switched off. */
export type CacheState = 'accepted' | 'rejected' | 'stale' | 'missing' | 'off';

export interface LoadedCli {
  readonly main: typeof main;
  /** The batch pool's worker loop (src/batch/pool.ts starts each worker through this loader). */
  readonly serveBatchWorker: typeof serveBatchWorker;
  readonly cache: CacheState;
  /** The code cache as it stands now, holding every function run so far (for the build's warm-up). */
  createCache(): Buffer;
}

/** The cache's bytes if it was written after the bundle, else why not. */
export function freshCache(bundle: string, cache: string): Buffer | 'stale' | 'missing' {
  let written: number;
  try {
    written = statSync(cache).mtimeMs;
  } catch {
    return 'missing';
  }
  if (written < statSync(bundle).mtimeMs) return 'stale';
  return readFileSync(cache);
}

export function loadCli(env: NodeJS.ProcessEnv = process.env): LoadedCli {
  const source = readFileSync(bundlePath, 'utf8');
  const found = env['AFTERSALES_AUDIT_CODE_CACHE'] === 'off' ? 'off' : freshCache(bundlePath, cachePath);
  const cachedData = typeof found === 'string' ? undefined : found;
  // The wrapper Node itself puts around a CommonJS module.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundlePath,
    cachedData,
  });
  const module = { exports: {} as { main: typeof main; serveBatchWorker: typeof serveBatchWorker } };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return {
    main: module.exports.main,
    serveBatchWorker: module.exports.serveBatchWorker,
    cache: cachedData ? (script.cachedDataRejected ? 'rejected' : 'accepted') : (found as CacheState),
    createCache: () => script.createCachedData(),
  };
}

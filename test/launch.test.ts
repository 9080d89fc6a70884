// The launcher (src/launch.ts) loads the bundled CLI with the V8 code cache the build writes
// (scripts/warm-code-cache.mjs). The cache may only make the CLI start sooner: the same bytes
// come out with it and without it, and a cache older than its bundle is never offered to V8,
// which would take one of the same length.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshCache } from '../src/launch.js';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const launch = new URL('../dist/launch.js', import.meta.url).href;
const demo = new URL('../fixtures/demo', import.meta.url).pathname;

function node(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, LANG: 'C', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What became of the code cache when a plain `node` process loaded the built CLI. */
const cacheState = (env: Record<string, string> = {}) => node(['--input-type=module', '-e', `console.log((await import(${JSON.stringify(launch)})).loadCli().cache)`], env).stdout.trim();

describe('the code cache of the bundled CLI', () => {
  it('is written by the build and accepted by this node', () => {
    expect(cacheState()).toBe('accepted');
  });

  it('can be switched off', () => {
    expect(cacheState({ AFTERSALES_AUDIT_CODE_CACHE: 'off' })).toBe('off');
  });

  it('changes nothing that comes out: report, JSON, exit code, errors', () => {
    const runs: [string[], number][] = [
      [['audit', demo, '--as-of', '2026-06-30'], 1],
      [['audit', demo, '--as-of', '2026-06-30', '--format', 'json', '--lang', 'en'], 1],
      [['validate', demo], 1],
      [['audit', join(demo, 'nowhere')], 2],
    ];
    for (const [args, code] of runs) {
      const cached = node([bin, ...args]);
      expect(cached.code).toBe(code);
      expect(cached.stdout.length + cached.stderr.length).toBeGreaterThan(0);
      expect(node([bin, ...args], { AFTERSALES_AUDIT_CODE_CACHE: 'off' })).toEqual(cached);
    }
  });
});

describe('freshCache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aa-launch-'));
  const bundle = join(dir, 'cli.cjs');
  const cache = join(dir, 'cli.cjs.cache');
  writeFileSync(bundle, 'module.exports = {};');

  it('is missing when no cache was written', () => {
    expect(freshCache(bundle, join(dir, 'none.cache'))).toBe('missing');
  });

  it('is stale when the bundle was written after the cache', () => {
    writeFileSync(cache, 'cache bytes');
    utimesSync(cache, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    utimesSync(bundle, new Date('2026-01-02T00:00:00Z'), new Date('2026-01-02T00:00:00Z'));
    expect(freshCache(bundle, cache)).toBe('stale');
  });

  it('gives the bytes of a cache written after the bundle', () => {
    utimesSync(cache, new Date('2026-01-03T00:00:00Z'), new Date('2026-01-03T00:00:00Z'));
    expect(freshCache(bundle, cache)).toEqual(Buffer.from('cache bytes'));
  });
});

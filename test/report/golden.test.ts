// Golden files: the demo audit in every text format, compared byte for byte (the version
// normalised). Regenerate after an intended change with: UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';

const bin = new URL('../../bin/aftersales-audit.js', import.meta.url).pathname;
const demo = new URL('../../fixtures/demo/', import.meta.url).pathname;
const golden = new URL('../golden/', import.meta.url).pathname;
const FILES = ['demo.json', 'demo.md', 'demo.html', 'demo.xml', 'demo.txt', 'demo.en.md', 'demo.en.xml'];

function audit(dir: string, lang: 'zh' | 'en', tz: string): void {
  const names = FILES.filter((f) => (lang === 'en') === f.includes('.en.'));
  const outputs = names.flatMap((f) => ['-o', join(dir, f)]);
  const result = spawnSync(process.execPath, [bin, '--lang', lang, 'audit', demo, ...outputs, '-q'], { encoding: 'utf8', env: { ...process.env, TZ: tz } });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(1);
}

const normalise = (text: string): string => text.split(VERSION).join('<version>');

describe('golden reports of the demo', () => {
  const first = mkdtempSync(join(tmpdir(), 'aa-golden-a-'));
  const second = mkdtempSync(join(tmpdir(), 'aa-golden-b-'));
  audit(first, 'zh', 'America/New_York');
  audit(first, 'en', 'America/New_York');
  audit(second, 'zh', 'Asia/Shanghai');
  audit(second, 'en', 'Asia/Shanghai');

  it.each(FILES)('%s matches its golden file', (name) => {
    const produced = normalise(readFileSync(join(first, name), 'utf8'));
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(join(golden, name), produced);
    expect(produced).toBe(readFileSync(join(golden, name), 'utf8'));
  });

  it.each(FILES)('%s is byte-identical across runs and time zones', (name) => {
    expect(readFileSync(join(second, name))).toEqual(readFileSync(join(first, name)));
  });
});

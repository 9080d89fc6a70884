// Progress goes to stderr on a terminal only: never in CI, never when stderr is redirected.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'aa-progress-'));
const lines = ['编号,项目名称,受理渠道,类别,受理时间,处理状态,经办人'];
for (let i = 0; i < 25_000; i++) lines.push(`A${i},海岸华庭,来电,咨询,2025-03-05,已办结,李娜`);
writeFileSync(join(dir, '投诉台账.csv'), lines.join('\n'));

async function run(isTTY: boolean, env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = await main(['validate', dir, '--format', 'json'], {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY },
    env,
  });
  return { code, stdout, stderr };
}

describe('progress on stderr', () => {
  it('shows rows read on a terminal, and clears its line at the end', async () => {
    const { stderr, stdout, code } = await run(true, {});
    expect(code).toBe(0);
    expect(stderr).toContain('读取 投诉台账.csv：10,000 行');
    expect(stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect(stdout).not.toContain('\r');
  });

  it('stays silent in CI and when stderr is not a terminal', async () => {
    expect((await run(true, { CI: 'true' })).stderr).toBe('');
    expect((await run(false, {})).stderr).toBe('');
  });
});

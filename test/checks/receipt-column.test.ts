// Issue 12.8: a complaint register without a receipt column cannot show a deadline: 4.4 and 4.7
// have no data (not "nothing in scope"), and the issue names the file's closest unused header.
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import c4_4 from '../../src/checks/4.4-handling-rate.js';
import c4_7 from '../../src/checks/4.7-response-time.js';
import { complaint, runCheck } from './harness.js';

describe('4.4 and 4.7 without a receipt column', () => {
  it.each([c4_4, c4_7])('$id is no-data, with its own note', async (check) => {
    const r = await runCheck(check, {
      complaints: [complaint('A', { receivedAt: undefined, opinionAt: '2025-03-06T10:00:00' })],
      columns: { complaints: ['id', 'project', 'channel', 'kind', 'opinionAt', 'status', 'handler'] },
    });
    expect(r.status).toBe('no-data');
    expect(r.notes.map((n) => n.message)).toEqual(['no-receipt-column']);
  });
});

describe('the binary on a register whose receipt column has another name', () => {
  const bin = new URL('../../bin/aftersales-audit.js', import.meta.url).pathname;
  const dir = new URL('../../fixtures/vocab/missing-receipt/', import.meta.url).pathname;
  const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } });

  it('names the unused header and the config line that maps it, in both languages', () => {
    const zh = run(['validate', dir]);
    expect(zh.status).toBe(1);
    expect(zh.stdout).toContain('缺少必填列「受理时间」；文件中未识别的列「接报时刻」可能是它：可在配置文件中写 headers: { complaints: { 接报时刻: receivedAt } }，以 --config 指定');
    const en = run(['--lang', 'en', 'validate', dir]);
    expect(en.stdout).toContain('required column "受理时间" (receivedAt) is missing; the unrecognised column "接报时刻" may be it: map it in a --config file with headers: { complaints: { 接报时刻: receivedAt } }');
  });

  it('4.4 and 4.7 are no-data in the audit, and the config line the message gives makes them judge', () => {
    const audit = run(['audit', dir, '--only', '4.4,4.7', '--format', 'json', '--as-of', '2025-12-31']);
    const clauses = (JSON.parse(audit.stdout) as { chapters: { clauses: { id: string; status: string }[] }[] }).chapters.flatMap((c) => c.clauses);
    expect(clauses.map((c) => [c.id, c.status])).toEqual([['4.4', 'no-data'], ['4.7', 'no-data']]);
    const config = join(dir, '..', 'missing-receipt.config.yaml');
    const mapped = run(['audit', dir, '--only', '4.4,4.7', '--format', 'json', '--as-of', '2025-12-31', '--config', config]);
    const judged = (JSON.parse(mapped.stdout) as { chapters: { clauses: { id: string; status: string }[] }[] }).chapters.flatMap((c) => c.clauses);
    expect(judged.map((c) => [c.id, c.status])).toEqual([['4.4', 'fail'], ['4.7', 'fail']]);
  });
});

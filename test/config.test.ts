// Issue 12.10: --config header mappings name their target by key, Chinese header or alias; an
// unknown target is a configuration error (exit 2) naming the file, the entry and the valid targets.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

function configFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'aa-config-')), name);
  writeFileSync(path, text);
  return path;
}

describe('headers in --config', () => {
  it('accepts the key, the Chinese header or an alias as the target, and maps each to the key', async () => {
    const path = configFile(
      'config.yaml',
      'headers:\n  complaints:\n    接报时刻: 受理时间\n    客诉单号: id\n    归属项目: 楼盘\n    回访情况说明: ＲｅｃｅｉｖｅｄＡｔ\n  callbacks:\n    打分: 满意度\n  staff:\n    上岗时间: 到岗日期\n',
    );
    const config = await loadConfig(path);
    expect(config.headers).toEqual({
      complaints: { 接报时刻: 'receivedAt', 客诉单号: 'id', 归属项目: 'project', 回访情况说明: 'receivedAt' },
      callbacks: { 打分: 'satisfaction' },
      staff: { 上岗时间: 'startDate' },
    });
  });

  it('JSON too', async () => {
    const config = await loadConfig(configFile('config.json', JSON.stringify({ headers: { units: { 交楼日期: '交付日期' } } })));
    expect(config.headers).toEqual({ units: { 交楼日期: 'deliveredAt' } });
  });

  it.each([
    ['complaints', '接报时间', '受理时刻', '投诉台账'],
    ['complaints', '客诉单号', 'ID2', '投诉台账'],
    ['callbacks', '打分', '受理时间', '回访记录'],
  ])('an unknown target is an error naming the file, the entry and the valid targets: %s %s → %s', async (dataset, header, target, title) => {
    const path = configFile('bad.yaml', `headers:\n  ${dataset}:\n    ${header}: ${target}\n`);
    const error = await loadConfig(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    const { zh, en } = (error as ConfigError).text;
    for (const text of [zh, en]) {
      expect(text).toContain(path);
      expect(text).toContain(`headers.${dataset}`);
      expect(text).toContain(`${header}: ${target}`);
    }
    expect(zh).toContain(title);
    expect(zh).toContain(dataset === 'callbacks' ? '满意度 (satisfaction)' : '受理时间 (receivedAt)');
    expect(en).toContain(dataset === 'callbacks' ? '满意度 (satisfaction)' : '受理时间 (receivedAt)');
    expect((error as ConfigError).exitCode).toBe(2);
  });
});

describe('the binary with --config headers', () => {
  const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
  const run = (args: string[]): { code: number | null; stdout: string; stderr: string } => {
    const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('maps 接报时刻 to 受理时间 by its Chinese header (exit 0), and exits 2 on an unknown target', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-config-bin-'));
    writeFileSync(join(dir, '投诉.csv'), '编号,项目名称,受理渠道,类别,接报时刻,处理状态,经办人\nK1,海岸,来电,投诉,2025-03-05 下午2:32,已办结,李娜\n');
    writeFileSync(join(dir, 'good.yaml'), 'headers:\n  complaints:\n    接报时刻: 受理时间\n');
    writeFileSync(join(dir, 'bad.yaml'), 'headers:\n  complaints:\n    接报时刻: 受理时刻\n');
    const good = run(['validate', dir, '--config', join(dir, 'good.yaml'), '--format', 'json']);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout).inputs[0].columns.receivedAt).toBe('接报时刻');
    const bad = run(['validate', dir, '--config', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('bad.yaml');
    expect(bad.stderr).toContain('接报时刻: 受理时刻');
    expect(bad.stderr).toContain('受理时间 (receivedAt)');
  });
});

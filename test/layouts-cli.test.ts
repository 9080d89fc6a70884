// The real binary on registers laid out by hand (fixtures/layouts-h): an unreadable file beside good
// ones, sheets that are not data, --sheet naming several sheets, a duplicate id across two files.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const layouts = new URL('../fixtures/layouts-h/', import.meta.url).pathname;

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Report {
  verdict: string;
  skipped: { file: string; sheet: string | null; reason: string; message: string }[];
  inputs: { file: string; sheet: string | null; rows: number }[];
  chapters: { clauses: { id: string; status: string; notes: string[] }[] }[];
}
const clause = (report: Report, id: string) => report.chapters.flatMap((c) => c.clauses).find((c) => c.id === id)!;

describe('one file that cannot be read', () => {
  const folder = join(layouts, 'unreadable');

  it('does not stop the audit: listed as not read in every format, its clauses say so, never compliant', () => {
    const { code, stdout, stderr } = run(['audit', folder, '--as-of', '2025-04-30', '--format', 'json', '--lang', 'en']);
    expect(stderr).toBe('');
    expect(code).toBe(1); // 4.7 fails on the register that was read; not 2
    const report = JSON.parse(stdout) as Report;
    expect(report.inputs.map((i) => i.file)).toEqual(['人员花名册.csv', '投诉台账.xlsx']);
    expect(report.skipped.map((s) => [s.file, s.sheet, s.reason])).toEqual([
      ['回访记录.xls', null, 'unreadable'],
      ['已售房源台账.xlsx', null, 'unreadable'],
    ]);
    expect(report.skipped[0]!.message).toContain('save it as .xlsx');
    expect(report.skipped[1]!.message).toContain('damaged or truncated');
    expect(clause(report, '5.1').status).toBe('no-data');
    expect(clause(report, '5.1').notes).toContain('files that could not be read: 回访记录.xls, 已售房源台账.xlsx (their records are not counted here)');
    expect(clause(report, '4.7').notes.join()).not.toContain('could not be read');
    for (const format of ['text', 'md', 'html']) {
      const out = run(['audit', folder, '--as-of', '2025-04-30', '--format', format]);
      expect(out.code).toBe(1);
      expect(out.stdout).toContain('回访记录.xls');
      expect(out.stdout).toContain('已损坏或不完整');
    }
  });

  it('is never compliant while a supplied file was left unread', () => {
    const { stdout } = run(['audit', folder, '--as-of', '2025-04-30', '--only', '4.4', '--format', 'json']);
    const report = JSON.parse(stdout) as Report;
    expect(clause(report, '4.4').status).toBe('pass');
    expect(report.verdict).toBe('insufficient-data');
  });

  it('validate lists it as not read and exits 1, though the records read have no issue', () => {
    const { code, stdout, stderr } = run(['validate', folder]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('– 回访记录.xls  .xls 文件已损坏或无法识别');
    expect(stdout).toContain('– 已售房源台账.xlsx  .xlsx 文件已损坏或不完整');
  });

  it('exit 2 stays for a folder where nothing could be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-unread-'));
    copyFileSync(join(folder, '回访记录.xls'), join(dir, '回访记录.xls'));
    copyFileSync(join(folder, '已售房源台账.xlsx'), join(dir, '已售房源台账.xlsx'));
    const { code, stdout, stderr } = run(['validate', dir]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('sheets and files', () => {
  it('validate lists the sheets that are not data, with the reason', () => {
    const { code, stdout, stderr } = run(['validate', join(layouts, 'monthly-sheets')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('投诉台账.xlsx「3月」  表头第 1 行，4 行数据');
    expect(stdout).toContain('投诉台账.xlsx「填写说明」  填写说明，不是台账记录，未读取');
    expect(stdout).toContain('投诉台账.xlsx「汇总」  汇总或统计表，不是台账记录，未读取');
    expect(stdout).toContain('投诉台账.xlsx「4月」  空工作表');
  });

  it('--sheet names several sheets', () => {
    const folder = join(layouts, 'monthly-sheets');
    const { code, stdout } = run(['validate', folder, '--complaints', join(folder, '投诉台账.xlsx'), '--sheet', '1月,3月', '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.inputs.filter((i) => i.sheet !== null).map((i) => [i.sheet, i.rows])).toEqual([['1月', 4], ['3月', 4]]);
    const again = run(['validate', folder, '--complaints', join(folder, '投诉台账.xlsx'), '--sheet', '1月', '--sheet', '2月', '--format', 'json']);
    expect((JSON.parse(again.stdout) as Report).inputs.filter((i) => i.sheet !== null).map((i) => i.sheet)).toEqual(['1月', '2月']);
  });

  it('a sheet whose table has no known header is an issue naming the sheet, not a silent skip', () => {
    const { code, stdout } = run(['validate', join(layouts, 'unmatched-sheet')]);
    expect(code).toBe(1);
    expect(stdout).toContain('投诉台账.xlsx「维修派工」  前 30 行中找不到表头');
  });

  it('a duplicate id across two files names both places', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-dup-'));
    copyFileSync(join(layouts, 'half-year-files', '上半年投诉台账.xlsx'), join(dir, '上半年投诉台账.xlsx'));
    writeFileSync(join(dir, '下半年投诉台账.csv'), '编号,项目名称,受理渠道,类别,受理时间,处理状态,经办人\nTS-13,山海湾,来电,投诉,2025-07-01 09:00,已办结,李娜\nTS-02,山海湾,来电,投诉,2025-07-02 09:00,已办结,李娜\n');
    const { code, stdout } = run(['validate', dir]);
    expect(code).toBe(1);
    expect(stdout).toContain('下半年投诉台账.csv 第 3 行  编号 = "TS-02"  编号重复：与 上半年投诉台账.xlsx「Sheet1」第 3 行的编号相同');
  });

  it('a copy beside its original is read once, and both lists say which file was the copy', () => {
    const { code, stdout } = run(['validate', join(layouts, 'copies'), '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.inputs.map((i) => i.file)).toEqual(['人员花名册.csv', '投诉台账.xlsx']);
    expect(report.skipped.map((s) => [s.file, s.reason, s.message])).toEqual([
      ['投诉台账 - 副本.xlsx', 'copy', '与 投诉台账.xlsx 内容完全相同（SHA-256 一致），视为副本，未重复读取'],
      ['投诉台账(1).xlsx', 'copy', '其中的编号都已在 投诉台账.xlsx「投诉台账」中出现，视为副本，未重复读取'],
    ]);
  });
});

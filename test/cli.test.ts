// The real binary, as a user runs it: exit codes, stdout, and an empty stderr when all is well.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const fixtures = new URL('../fixtures/', import.meta.url).pathname;

function run(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('validate', () => {
  it('reads the demo enterprise and lists its four data-quality issues (exit 1)', () => {
    const { code, stdout, stderr } = run(['validate', join(fixtures, 'demo')]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('2025年度客户投诉台账.xlsx「投诉台账」  表头第 3 行，264 行数据，3 行有问题');
    expect(stdout).toContain('回访记录.csv (gb18030)');
    expect(stdout).toContain('第 154 行  受理时间 = "2025-02-30 10:00"');
    expect(stdout).toContain('共 4 个数据质量问题');
    // Personal data is masked by default.
    expect(stdout).toContain('联系电话 = "138***4567"');
    expect(stdout).not.toContain('1381234567');
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it('gives the machine contract with --format json, in English with --lang en', () => {
    const { code, stdout, stderr } = run(['--lang', 'en', 'validate', join(fixtures, 'demo'), '--format', 'json', '--no-mask']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      schemaVersion: string;
      inputs: { dataset: string; file: string; sheet: string | null; encoding: string | null; rows: number; rejected: number; withIssues: number; sha256: string }[];
      dataQuality: { count: number; issues: { dataset: string; file: string; row: number; column: string; value: string; code: string; message: string }[] };
    };
    expect(report.schemaVersion).toBe('1.0');
    // Every row with an issue here is still judged: none is left out of every check.
    expect(report.inputs.map((i) => [i.dataset, i.rows, i.rejected, i.withIssues])).toEqual([
      ['profile', 1, 0, 0],
      ['staff', 6, 0, 0],
      ['units', 360, 0, 0],
      ['complaints', 264, 0, 3],
      ['callbacks', 301, 0, 1],
    ]);
    expect(report.inputs.every((i) => /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);
    expect(report.dataQuality.count).toBe(4);
    expect(report.dataQuality.issues.map((i) => [i.dataset, i.row, i.column, i.code])).toEqual([
      ['complaints', 124, '经办人', 'unknown-handler'],
      ['complaints', 154, '受理时间', 'invalid-date'],
      ['complaints', 204, '联系电话', 'invalid-phone'],
      ['callbacks', 7, '关联投诉编号', 'unknown-complaint'],
    ]);
    expect(report.dataQuality.issues[2]!.value).toBe('1381234567');
    expect(report.dataQuality.issues[0]!.message).toBe('the handler is not on the staff roster');
  });

  it('gives the same JSON in any time zone', () => {
    const a = run(['validate', join(fixtures, 'demo'), '--format', 'json'], { TZ: 'America/New_York' });
    const b = run(['validate', join(fixtures, 'demo'), '--format', 'json'], { TZ: 'Asia/Shanghai' });
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.length).toBeGreaterThan(1000);
  });

  it('exits 0 when there is no issue', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-clean-'));
    copyFileSync(join(fixtures, 'demo', '人员花名册.csv'), join(dir, '人员花名册.csv'));
    copyFileSync(join(fixtures, 'demo', 'profile.yaml'), join(dir, 'profile.yaml'));
    const { code, stdout, stderr } = run(['validate', dir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('未发现数据质量问题');
  });

  it('a workbook named by a flag still yields its other sheets', () => {
    const folder = join(fixtures, 'messy', 'xlsx-multi-sheet');
    const { code, stdout } = run(['validate', folder, '--staff', join(folder, '2025年客服数据.xlsx'), '--sheet', '人员', '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { inputs: { dataset: string; sheet: string }[]; dataQuality: { issues: { code: string }[] } };
    expect(report.inputs.map((i) => [i.dataset, i.sheet])).toEqual([
      ['staff', '人员'],
      ['complaints', '投诉'],
      ['callbacks', '回访'],
    ]);
    expect(report.dataQuality.issues.map((i) => i.code)).toEqual(['unknown-handler', 'unknown-complaint']);
  });

  it.each([
    ['legacy', '投诉台账.xls', '另存为 .xlsx'],
    ['pdf', '投诉台账.xlsx', 'PDF'],
    ['truncated', '投诉台账.xlsx', '损坏或不完整'],
    ['garbage', '投诉台账.csv', '不是文本文件'],
  ])('an unreadable file (%s) ends with exit 2 and one line naming it', (folder, file, words) => {
    const { code, stdout, stderr } = run(['validate', join(fixtures, 'messy', 'unreadable', folder)]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(file);
    expect(stderr).toContain(words);
    expect(stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('usage errors exit 2: unknown option, bad encoding, missing folder, missing sheet', () => {
    expect(run(['validate', '--bogus']).code).toBe(2);
    const encoding = run(['validate', join(fixtures, 'demo'), '--encoding', 'big5']);
    expect(encoding.code).toBe(2);
    expect(encoding.stderr).toContain('big5');
    const missing = run(['validate', join(fixtures, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere');
    const sheet = run(['validate', '.', '--complaints', join(fixtures, 'demo', '2025年度客户投诉台账.xlsx'), '--sheet', '不存在']);
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toContain('投诉台账');
  });

  it('reads a GB18030 CSV forced with --encoding, and garbles nothing', () => {
    const { stdout } = run(['validate', join(fixtures, 'messy', 'csv-gb18030'), '--encoding', 'gbk', '--format', 'json', '--no-mask']);
    const report = JSON.parse(stdout) as { inputs: { encoding: string }[]; dataQuality: { issues: { value: string | null }[] } };
    expect(report.inputs[0]!.encoding).toBe('gb18030');
    expect(report.dataQuality.issues.map((i) => i.value)).toEqual([null, '传真']);
  });

  it('maps other headers through --config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-config-'));
    writeFileSync(join(dir, '投诉.csv'), '客诉单号,项目名称,受理渠道,类别,受理时间,处理状态,经办人\nK1,海岸,来电,投诉,2025-03-05,已办结,李娜\n');
    writeFileSync(join(dir, 'config.yaml'), 'headers:\n  complaints:\n    客诉单号: id\n');
    const without = run(['validate', dir, '--format', 'json']);
    expect(JSON.parse(without.stdout).dataQuality.issues[0].code).toBe('missing-column');
    const withConfig = run(['validate', dir, '--config', join(dir, 'config.yaml')]);
    expect(withConfig.code).toBe(0);
    writeFileSync(join(dir, 'bad.yaml'), 'headerz: {}\n');
    const bad = run(['validate', dir, '--config', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('headerz');
  });

  it('writes JSON to a file with -o', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-out-'));
    const out = join(dir, 'quality.json');
    const { code, stdout } = run(['validate', join(fixtures, 'demo'), '-o', out, '-q']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['quality.json']);
  });
});

describe('init', () => {
  it('writes templates that read back with no issue once filled with the sample', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'aa-init-')), '模板');
    const init = run(['init', dir, '--sample']);
    expect(init.code).toBe(0);
    expect(init.stderr).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['profile.yaml', '人员花名册.xlsx', '回访记录.xlsx', '已售房源台账.xlsx', '投诉台账.xlsx'].sort());
    const validate = run(['validate', dir, '--format', 'json']);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    const report = JSON.parse(validate.stdout) as { inputs: { dataset: string; rows: number }[] };
    expect(report.inputs.map((i) => [i.dataset, i.rows])).toEqual([
      ['profile', 1],
      ['staff', 3],
      ['units', 3],
      ['complaints', 3],
      ['callbacks', 3],
    ]);
  });

  it('blank templates read back as empty datasets, and the profile asks for its required keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-blank-'));
    expect(run(['init', dir]).code).toBe(0);
    const { stdout, code } = run(['validate', dir, '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { inputs: { rows: number }[]; dataQuality: { issues: { column: string; code: string }[] } };
    expect(report.inputs.slice(1).map((i) => i.rows)).toEqual([0, 0, 0, 0]);
    expect(report.dataQuality.issues.map((i) => [i.column, i.code])).toEqual([
      ['enterprise.name', 'required'],
      ['enterprise.qualification', 'required'],
    ]);
  });

  it('refuses to overwrite without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-force-'));
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(fixtures, 'demo', 'profile.yaml'), join(dir, 'profile.yaml'));
    const { code, stderr } = run(['init', dir]);
    expect(code).toBe(2);
    expect(stderr).toContain('--force');
    expect(run(['init', dir, '--force']).code).toBe(0);
  });
});

describe('help', () => {
  it('prints help with examples and exits 0', () => {
    const { code, stdout } = run(['validate', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('aftersales-audit validate fixtures/demo');
    expect(stdout).toContain('--encoding');
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('init templates', () => {
  /** One part of an .xlsx, as text (exceljs would expand each whole-column range into a million cells). */
  async function part(file: string, name: string): Promise<string> {
    const yauzl = (await import('yauzl')).default;
    return new Promise((resolve, reject) => {
      yauzl.open(file, { lazyEntries: true }, (error, zip) => {
        if (error || !zip) return reject(error);
        zip.on('entry', (entry: { fileName: string }) => {
          if (entry.fileName !== name) return zip.readEntry();
          zip.openReadStream(entry as never, (e, stream) => {
            if (e || !stream) return reject(e);
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          });
        });
        zip.on('end', () => reject(new Error(`${name} not in ${file}`)));
        zip.readEntry();
      });
    });
  }
  const validations = (xml: string): Record<string, { formula: string; errorStyle: string | null }> =>
    Object.fromEntries(
      [...xml.matchAll(/<dataValidation ([^>]*)>\s*<formula1>([^<]*)<\/formula1>/g)].map((m) => [
        /sqref="([^"]*)"/.exec(m[1]!)![1]!,
        { formula: m[2]!.replace(/&quot;/g, '"'), errorStyle: /errorStyle="([^"]*)"/.exec(m[1]!)?.[1] ?? null },
      ]),
    );

  it('carry a drop-down list on every enumeration column, down the whole column, and an instructions sheet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-dv-'));
    expect(run(['init', dir]).code).toBe(0);
    const file = join(dir, '投诉台账.xlsx');
    expect([...(await part(file, 'xl/workbook.xml')).matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1])).toEqual(['投诉台账', '填写说明']);
    const model = validations(await part(file, 'xl/worksheets/sheet1.xml'));
    expect(model['F2:F1048576']).toMatchObject({ formula: '"来电,来函,来访,主管部门转办,12345转办,网络,其他"' });
    expect(model['G2:G1048576']).toMatchObject({ formula: '"投诉,咨询,报修"' });
    expect(model['O2:O1048576']).toMatchObject({ formula: '"待处理,处理中,已办结"' });
    // 问题分类 offers the warranty classes (DOMAIN.md short names); another wording is still accepted.
    expect(model['H2:H1048576']).toEqual({ formula: '"地基主体结构,屋面防水,渗漏,抹灰脱落,地面空鼓开裂,门窗五金,管道堵塞,供热供冷,卫生洁具,灯具电器开关,其他"', errorStyle: 'information' });
    expect(Object.keys(model).every((range) => range.endsWith('1048576'))).toBe(true);
    expect(Object.keys(model).some((range) => range.startsWith('A'))).toBe(false);
  });

  it('cite no file the user does not have, and state the 房号 format with an example (#15.12)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-notes-'));
    expect(run(['init', dir]).code).toBe(0);
    for (const name of ['投诉台账.xlsx', '回访记录.xlsx', '已售房源台账.xlsx', '人员花名册.xlsx']) {
      const file = join(dir, name);
      const texts = [await part(file, 'xl/sharedStrings.xml').catch(() => ''), await part(file, 'xl/comments1.xml').catch(() => '')].join('\n');
      expect(texts).not.toMatch(/\.md\b|SPEC|DOMAIN/);
      if (name !== '人员花名册.xlsx') expect(texts).toContain('房号：楼栋-单元-房间，如 2-1-401（2 号楼 1 单元 401 室）');
    }
  });
});

// Writing files, through the real binary: no input is ever replaced, nothing is written into the
// audited folder or through a link, outputs are all written or none, folders are created, stdout
// that closes or fills up ends cleanly, and every output error is one line saying what to do.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
const demo = new URL('../fixtures/demo/', import.meta.url).pathname;

function run(args: string[], options: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000, cwd: options.cwd, env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under a folder with a hash of its bytes (links by their target), to show nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    const info = lstatSync(path);
    if (info.isFile()) out[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
    else if (info.isSymbolicLink()) out[name] = `link`;
    else out[name] = 'folder';
  }
  return out;
}

function expectOneLine(r: ReturnType<typeof run>, file: string, words: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(file);
  expect(r.stderr).toMatch(words);
  expect(r.stderr).not.toMatch(/内部错误|internal error/);
  expect(r.stderr).not.toMatch(/\s+at\s.+:\d+:\d+/);
}

/** A copy of the demo enterprise whose staff roster is a .txt file and whose profile is JSON. */
function enterprise(): { parent: string; dir: string } {
  const parent = mkdtempSync(join(tmpdir(), 'aa-out-'));
  const dir = join(parent, '企业资料');
  cpSync(demo, dir, { recursive: true });
  renameSync(join(dir, '人员花名册.csv'), join(dir, '人员花名册.txt'));
  rmSync(join(dir, 'profile.yaml'));
  writeFileSync(join(dir, 'profile.json'), JSON.stringify({ enterprise: { name: '青岛海岸置业有限公司', qualification: '二级' } }));
  return { parent, dir };
}

describe('no input is ever replaced (#13.1)', () => {
  it('refuses -o onto a file of the audited folder, however the path is spelled: exit 2, nothing written', () => {
    const { parent, dir } = enterprise();
    const before = snapshot(dir);
    const cases: [string[], string][] = [
      [['audit', dir, '-o', join(dir, '2025年度客户投诉台账.xlsx')], '2025年度客户投诉台账.xlsx'],
      [['audit', dir, '-o', join(dir, 'profile.json')], 'profile.json'],
      [['audit', '企业资料', '-o', './../' + basename(parent) + '/企业资料/人员花名册.txt'], '人员花名册.txt'],
      [['validate', dir, '-o', join(dir, 'profile.json')], 'profile.json'],
      // Not read, but in the enterprise's folder: never written either.
      [['audit', dir, '-o', join(dir, 'README.md')], 'README.md'],
      [['audit', dir, '-o', join(dir, 'evidence', '新报告.html')], '新报告.html'],
    ];
    for (const [args, file] of cases) {
      const r = run(args, { cwd: parent });
      expectOneLine(r, file, /被审计的文件夹/);
      expect(r.stdout).toBe('');
    }
    expect(run(['--lang', 'en', 'audit', dir, '-o', join(dir, 'profile.json')]).stderr).toMatch(/inside the audited folder .*write it outside that folder/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses an output that is a file named by a flag (or a link to one), compared by device and inode', () => {
    const { parent, dir } = enterprise();
    const staff = join(parent, 'staff.txt');
    cpSync(join(dir, '人员花名册.txt'), staff);
    symlinkSync(staff, join(parent, 'link.txt'));
    const config = join(parent, 'config.json');
    writeFileSync(config, '{}');
    const bytes = readFileSync(staff);
    for (const [args, file] of [
      [['audit', dir, '--staff', staff, '-o', staff], 'staff.txt'],
      [['audit', dir, '--staff', staff, '-o', join(parent, 'link.txt')], 'link.txt'],
      [['audit', dir, '--staff', 'staff.txt', '-o', './sub/../staff.txt'], 'staff.txt'],
      [['validate', dir, '--staff', staff, '-o', staff], 'staff.txt'],
      [['audit', dir, '--config', config, '-o', config], 'config.json'],
    ] as [string[], string][]) {
      mkdirSync(join(parent, 'sub'), { recursive: true });
      expectOneLine(run(args, { cwd: parent }), file, /输入文件/);
    }
    expect(readFileSync(staff)).toEqual(bytes);
    expect(readFileSync(config, 'utf8')).toBe('{}');
  });
});

describe('outputs are atomic (#13.2) and folders are created (#15.4)', () => {
  it('replaces a report by rename, never rewriting it in place: a reader of the old one keeps it whole', () => {
    const out = mkdtempSync(join(tmpdir(), 'aa-atomic-'));
    const report = join(out, '审计报告.json');
    writeFileSync(report, 'the previous good report\n');
    // A second name for the old file's bytes: written in place, it would change too.
    linkSync(report, join(out, 'held.json'));
    const r = run(['audit', demo, '-o', report, '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(readFileSync(join(out, 'held.json'), 'utf8')).toBe('the previous good report\n');
    expect(JSON.parse(readFileSync(report, 'utf8')).verdict).toBe('non-compliant');
    expect(readdirSync(out).sort()).toEqual(['held.json', '审计报告.json']);
  });

  it('writes all of a run\'s outputs or none, and leaves no temporary file', () => {
    const out = mkdtempSync(join(tmpdir(), 'aa-all-'));
    writeFileSync(join(out, 'a.json'), 'old a\n');
    mkdirSync(join(out, 'b.html'));
    const r = run(['audit', demo, '-o', join(out, 'a.json'), '-o', join(out, 'new.md'), '-o', join(out, 'b.html')]);
    expectOneLine(r, 'b.html', /文件夹/);
    expect(readFileSync(join(out, 'a.json'), 'utf8')).toBe('old a\n');
    expect(readdirSync(out).sort()).toEqual(['a.json', 'b.html']);
  });

  it('creates missing folders and writes every output', () => {
    const out = mkdtempSync(join(tmpdir(), 'aa-mkdir-'));
    const r = run(['audit', demo, '-o', join(out, 'a.json'), '-o', join(out, 'nodir', 'deeper', 'x.html'), '-o', join(out, 'b.md')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(3);
    for (const file of ['a.json', 'nodir/deeper/x.html', 'b.md']) expect(existsSync(join(out, file))).toBe(true);
    const v = run(['validate', demo, '-o', join(out, 'new', 'q.json'), '-q']);
    expect(v.code).toBe(1);
    expect(JSON.parse(readFileSync(join(out, 'new', 'q.json'), 'utf8')).command).toBe('validate');
  });
});

describe('init never writes through a link nor outside its folder (#13.3)', () => {
  it('a dangling link in a template\'s place is an existing file; --force replaces the link, not its target', () => {
    const parent = mkdtempSync(join(tmpdir(), 'aa-init-link-'));
    const dir = join(parent, '模板');
    mkdirSync(dir);
    symlinkSync(join(parent, 'created-outside.xlsx'), join(dir, '投诉台账.xlsx'));
    writeFileSync(join(parent, 'victim.yaml'), 'keep me\n');
    symlinkSync(join(parent, 'victim.yaml'), join(dir, 'profile.yaml'));
    const r = run(['init', dir]);
    expectOneLine(r, '投诉台账.xlsx', /--force/);
    expect(existsSync(join(parent, 'created-outside.xlsx'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['profile.yaml', '投诉台账.xlsx']);

    const forced = run(['init', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toBe('');
    expect(existsSync(join(parent, 'created-outside.xlsx'))).toBe(false);
    expect(readFileSync(join(parent, 'victim.yaml'), 'utf8')).toBe('keep me\n');
    expect(lstatSync(join(dir, '投诉台账.xlsx')).isFile()).toBe(true);
    expect(lstatSync(join(dir, 'profile.yaml')).isFile()).toBe(true);
    expect(readdirSync(parent).sort()).toEqual(['victim.yaml', '模板']);
    expect(readdirSync(dir)).toHaveLength(5);
  });
});

describe('stdout that closes or fills up (#13.16)', () => {
  const shell = (command: string) => spawnSync('bash', ['-c', command], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, CI: 'true', BIN: bin, DEMO: demo } });

  it('a reader that leaves early ends the output quietly, with the run\'s exit code', () => {
    for (const reader of ['head -c 100 >/dev/null', 'true']) {
      const r = shell(`node "$BIN" audit "$DEMO" --format html 2>"$ERR" | ${reader}; echo "\${PIPESTATUS[0]}"; cat "$ERR"`.replaceAll('$ERR', join(mkdtempSync(join(tmpdir(), 'aa-pipe-')), 'err')));
      expect(r.stdout).toBe('1\n');
    }
    const rules = shell(`node "$BIN" rules | true; echo "\${PIPESTATUS[0]}"`);
    expect(rules.stdout).toBe('0\n');
    expect(rules.stderr).toBe('');
  });

  it('a full device is exit 2 with one line, in Chinese and English', () => {
    const zh = shell(`node "$BIN" audit "$DEMO" > /dev/full`);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toBe('aftersales-audit: 标准输出：磁盘空间不足；请清理空间或写到其他磁盘 (ENOSPC)\n');
    const en = shell(`node "$BIN" --lang en validate "$DEMO" > /dev/full`);
    expect(en.status).toBe(2);
    expect(en.stderr).toBe('aftersales-audit: standard output: no space left on the device; free some space or write it elsewhere (ENOSPC)\n');
    for (const args of ['--help', 'rules', 'deadline 2025-09-30']) {
      const r = shell(`node "$BIN" ${args} > /dev/full`);
      expect([args, r.status, r.stderr]).toEqual([args, 2, 'aftersales-audit: 标准输出：磁盘空间不足；请清理空间或写到其他磁盘 (ENOSPC)\n']);
    }
  });
});

describe('output errors are the user\'s situation, not a bug (#13.17)', () => {
  it('a folder given as the file, a file given as a folder: one line saying what to do, exit 2', () => {
    const out = mkdtempSync(join(tmpdir(), 'aa-errors-'));
    mkdirSync(join(out, 'report.html'));
    writeFileSync(join(out, 'plain'), 'x');
    expectOneLine(run(['audit', demo, '-o', join(out, 'report.html')]), 'report.html', /这是一个文件夹；请给出文件名.*\(EISDIR\)/);
    expectOneLine(run(['--lang', 'en', 'audit', demo, '-o', join(out, 'report.html')]), 'report.html', /is a folder; give a file name/);
    expectOneLine(run(['audit', demo, '-o', join(out, 'plain', 'r.json')]), 'r.json', /路径中有一段是文件而不是文件夹/);
    expectOneLine(run(['--lang', 'en', 'validate', demo, '-o', join(out, 'plain', 'r.json')]), 'r.json', /a part of the path is a file, not a folder/);
    expect(readdirSync(out).sort()).toEqual(['plain', 'report.html']);
  });
});

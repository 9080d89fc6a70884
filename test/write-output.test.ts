// The one module that writes files: its refusals and its messages, each a what-to-do for the user.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError, UsageError } from '../src/errors.js';
import { checkOutputs, writeOutputs } from '../src/write-output.js';

describe('OutputError', () => {
  it.each([
    ['EACCES', /没有写入权限；请写到有权限的位置/, /no permission to write there; write it elsewhere/],
    ['EPERM', /没有写入权限/, /no permission/],
    ['EROFS', /只读的；请写到其他位置/, /read-only file system; write it elsewhere/],
    ['ENOSPC', /磁盘空间不足；请清理空间/, /no space left on the device; free some space/],
    ['EDQUOT', /配额已满/, /quota exceeded/],
    ['EISDIR', /这是一个文件夹；请给出文件名/, /is a folder; give a file name/],
    ['ENOENT', /文件夹不存在/, /folder does not exist/],
    ['EWHATEVER', /无法写入（EWHATEVER）；请检查路径和权限/, /cannot be written \(EWHATEVER\); check the path/],
  ])('%s names the file, says what to do in both languages, and is no internal error (exit 2)', (code, zh, en) => {
    const error = new OutputError('报告/审计.html', code);
    expect(error.exitCode).toBe(2);
    expect(error.render('zh')).toMatch(new RegExp(`^报告/审计\\.html：`));
    expect(error.render('zh')).toMatch(zh);
    expect(error.render('en')).toMatch(en);
    expect(error.render('zh')).toContain(`(${code})`);
  });
});

describe('writeOutputs', () => {
  it('writes strings and bytes, creating folders, and leaves only the targets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-wo-'));
    await writeOutputs([
      { file: join(dir, 'a.txt'), content: 'ä\n' },
      { file: join(dir, 'x', 'y', 'b.bin'), content: new Uint8Array([0, 1, 2]) },
    ]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('ä\n');
    expect([...readFileSync(join(dir, 'x', 'y', 'b.bin'))]).toEqual([0, 1, 2]);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'x']);
  });

  it('refuses one output given twice, a target outside `within`, and an existing one when not replacing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-wo-'));
    await expect(checkOutputs([join(dir, 'a.json'), join(dir, '.', 'a.json')])).rejects.toBeInstanceOf(UsageError);
    await expect(checkOutputs([join(dir, 'sub', 'a.json')], { within: dir })).rejects.toMatchObject({ problem: 'outside' });
    writeFileSync(join(dir, 'kept.yaml'), 'kept');
    await expect(writeOutputs([{ file: join(dir, 'new.yaml'), content: 'n' }, { file: join(dir, 'kept.yaml'), content: 'x' }], { within: dir, replace: false })).rejects.toMatchObject({ problem: 'exists' });
    expect(readdirSync(dir)).toEqual(['kept.yaml']);
  });

  it('refuses an input by identity and anything inside the input folder, before writing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-wo-'));
    writeFileSync(join(dir, 'in.csv'), 'data');
    await expect(checkOutputs([join(dir, 'in.csv')], { inputs: [join(dir, 'in.csv')] })).rejects.toMatchObject({ problem: 'input' });
    await expect(checkOutputs([join(dir, 'deep', 'new', 'r.json')], { inputDir: dir })).rejects.toMatchObject({ problem: 'inside-input' });
    await expect(checkOutputs([join(dir, '..name', 'r.json')], { inputDir: dir })).rejects.toMatchObject({ problem: 'inside-input' });
    await expect(checkOutputs([join(dir, '..', 'elsewhere.json')], { inputDir: dir })).resolves.toBeUndefined();
    await expect(checkOutputs([`${dir}-report/r.json`], { inputDir: dir })).resolves.toBeUndefined();
  });
});

describe('a run interrupted while writing', () => {
  it('removes its temporary files and leaves the previous report whole (SIGTERM, as Ctrl-C)', () => {
    // The built module in a process of its own, which signals itself once its temporary file exists.
    const dir = mkdtempSync(join(tmpdir(), 'aa-wo-signal-'));
    writeFileSync(join(dir, 'report.json'), 'previous\n');
    const script = `
      import { readdirSync } from 'node:fs';
      const { writeOutputs } = await import(process.env.MODULE);
      const dir = process.env.OUT;
      const watch = setInterval(() => {
        if (readdirSync(dir).some((n) => n.endsWith('.tmp'))) { clearInterval(watch); process.kill(process.pid, 'SIGTERM'); }
      }, 1);
      await writeOutputs([{ file: dir + '/report.json', content: Buffer.alloc(64 * 1024 * 1024, 120) }]);
      console.log('finished without the signal');`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, OUT: dir, MODULE: new URL('../dist/write-output.js', import.meta.url).href },
    });
    expect(child.stderr).toBe('');
    expect(child.signal).toBe('SIGTERM');
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('previous\n');
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProfile } from '../src/read/profile.js';
import { InputError } from '../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'aa-profile-'));
let n = 0;
function file(content: string, ext = 'yaml'): string {
  const path = join(dir, `p${n++}.${ext}`);
  writeFileSync(path, content);
  return path;
}

describe('profile', () => {
  it('reads the demo profile with no issue, keeping text as text and coercing numbers and booleans', async () => {
    const { profile, issues } = await readProfile(new URL('../fixtures/demo/profile.yaml', import.meta.url).pathname, 'profile.yaml');
    expect(issues).toEqual([]);
    expect(profile?.enterprise?.qualification).toBe('二级');
    expect(profile?.organization?.hotline).toBe('0532-88886666');
    expect(profile?.organization?.independent).toBe(true);
    expect(profile?.organization?.fund?.amount).toBe(800000);
    expect(profile?.period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('removes a wrong item of a list without leaving a hole; keeps a too-long evidence path for its clause', async () => {
    const path = file(`evidence:\n  "4.1": [{ a: 1 }, ok.pdf, { b: 2 }, ${'x'.repeat(1200)}]\n`);
    const { profile, issues } = await readProfile(path, 'profile.yaml');
    expect(profile?.evidence?.['4.1']).toEqual(['ok.pdf', 'x'.repeat(1200)]);
    expect(issues.filter((i) => i.column!.startsWith('evidence')).map((i) => [i.column, i.code])).toEqual([
      ['evidence.4.1.0', 'invalid-value'],
      ['evidence.4.1.2', 'invalid-value'],
      ['evidence.4.1.3', 'too-long'],
    ]);
  });

  it('reports each wrong key on its line, and removes it', async () => {
    const path = file(`enterprise:
  name: 青岛某某置业
  qualification: 五级
  uscc: 91350100M000100Y44
organization:
  independent: maybe
  hotline: 12345
  establishedAt: 2019/2/30
  fund: { amount: lots }
  color: red
period: { from: 2025/1/1 }
`);
    const { profile, issues } = await readProfile(path, 'profile.yaml');
    expect(issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, 'enterprise.qualification', 'invalid-enum'],
      [4, 'enterprise.uscc', 'invalid-uscc'],
      [6, 'organization.independent', 'invalid-value'],
      [7, 'organization.hotline', 'invalid-phone'],
      [8, 'organization.establishedAt', 'invalid-date'],
      [9, 'organization.fund.amount', 'invalid-value'],
      [10, 'organization.color', 'unknown-key'],
    ]);
    expect(profile?.enterprise?.qualification).toBeUndefined();
    expect(profile?.organization?.hotline).toBeUndefined();
    expect(profile?.period?.from).toBe('2025-01-01');
  });

  it('keeps the leading zero of a hotline written without quotes', async () => {
    const { profile } = await readProfile(file('enterprise: { name: x, qualification: 一级 }\norganization: { hotline: 053288886666 }\n'), 'p.yaml');
    expect(profile?.organization?.hotline).toBe('053288886666');
  });

  it('names the required keys of a blank template', async () => {
    const { issues } = await readProfile(file('enterprise:\n  name:\n  qualification:\norganization:\n  hotline:\n'), 'p.yaml');
    expect(issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, 'enterprise.name', 'required'],
      [3, 'enterprise.qualification', 'required'],
    ]);
  });

  it('reads JSON too', async () => {
    const { profile, issues } = await readProfile(file('{"enterprise":{"name":"x","qualification":"暂定"},"projects":[{"name":"A","unitsSold":"12"}]}', 'json'), 'p.json');
    expect(issues).toEqual([]);
    expect(profile?.projects).toEqual([{ name: 'A', unitsSold: 12 }]);
  });

  it('refuses broken YAML with its line, and an alias bomb', async () => {
    await expect(readProfile(file('enterprise:\n  name: [unclosed\n'), 'p.yaml')).rejects.toThrow(InputError);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
    await expect(readProfile(file(bomb.join('\n')), 'p.yaml')).rejects.toThrow(InputError);
    await expect(readProfile(file('- just\n- a list\n'), 'p.yaml')).rejects.toThrow(/mapping/);
  });

  it.each([
    ['utf-8.yaml', 'utf-8'],
    ['utf-8-bom.yaml', 'utf-8-bom'],
    ['gb18030.yaml', 'gb18030'],
    ['gbk.yaml', 'gb18030'],
    ['utf-16le.yaml', 'utf-16le'],
    ['utf-16be.yaml', 'utf-16be'],
  ])('reads a profile saved as %s, and names its encoding %s', async (name, encoding) => {
    const reading = await readProfile(new URL(`../fixtures/profile-encodings/${name}`, import.meta.url).pathname, name);
    expect(reading.issues).toEqual([]);
    expect(reading.encoding).toBe(encoding);
    expect(reading.profile?.enterprise).toEqual({ name: '青岛海岸置业有限公司', qualification: '二级', registeredIn: '青岛', generalManager: '周镕基' });
    expect(reading.profile?.organization?.name).toBe('客户服务中心');
    expect(reading.profile?.period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  const yamlError = async (text: string | Buffer): Promise<InputError> => {
    const path = join(dir, `p${n++}.yaml`);
    writeFileSync(path, text);
    try {
      await readProfile(path, 'profile.yaml');
    } catch (error) {
      return error as InputError;
    }
    throw new Error('no error');
  };
  it.each([
    ['a full-width colon', 'enterprise:\n  name：青岛某某\n  qualification: 二级\n', 2, 7, '全角冒号', 'full-width colon'],
    ['a full-width colon on the last line', 'enterprise:\n  name: 青岛某某\n  qualification：二级\n', 3, 16, '全角冒号', 'full-width colon'],
    ['a full-width colon after the top key', 'enterprise：\n  name: 青岛某某\n', 1, 11, '全角冒号', 'full-width colon'],
    ['a tab for indentation', 'enterprise:\n  name: 青岛某某\n\tqualification: 二级\n', 3, 1, 'Tab', 'tab'],
    ['no space after the colon', 'enterprise:\n  name:青岛某某\n  qualification: 二级\n', 2, 7, '冒号后缺少空格', 'no space after the colon'],
    ['a full-width space before a key', 'enterprise:\n  name: 青岛某某\n\u3000\u3000qualification: 二级\n', 3, 1, '全角空格', 'full-width space'],
    ['a full-width space in the indentation of a nested key', 'enterprise:\n\u3000\u3000name: 青岛某某\n  qualification: 二级\n', 2, 1, '全角空格', 'full-width space'],
    ['an unclosed double quote', 'enterprise:\n  name: "青岛某某\n  qualification: 二级\n', 2, 9, '引号没有闭合', 'unclosed quote'],
    ["an unclosed single quote", "enterprise:\n  name: '青岛某某\n  qualification: 二级\n", 2, 9, '引号没有闭合', 'unclosed quote'],
    ['a key written twice', 'enterprise:\n  name: a\n  name: b\n', 3, 3, '重复', 'twice'],
  ])('names the line, the column and the likely cause of broken YAML: %s', async (_, text, line, column, zh, en) => {
    const error = await yamlError(text);
    expect(error).toBeInstanceOf(InputError);
    expect(error.text.zh).toContain(`第 ${line} 行第 ${column} 列`);
    expect(error.text.zh).toContain(zh);
    expect(error.text.zh).not.toMatch(/Implicit|Tabs|Missing|Nested|Map keys|at line/); // no English of the YAML reader
    expect(error.text.en).toContain(`line ${line}, column ${column}`);
    expect(error.text.en).toContain(en);
  });
  it('names a full-width colon in a profile that is only one line', async () => {
    const error = await yamlError('enterprise：青岛某某\n');
    expect(error.text.zh).toContain('第 1 行第 11 列');
    expect(error.text.zh).toContain('全角冒号');
  });
  it('names the cause in a profile saved as GBK too', async () => {
    const bytes = readFileSync(new URL('../fixtures/profile-encodings/gbk.yaml', import.meta.url));
    // qualification: 二级 → qualification：二级 in GBK bytes (：is A3BA)
    const broken = Buffer.from(bytes.toString('latin1').replace('qualification: ', 'qualification\u00a3\u00ba'), 'latin1');
    const error = await yamlError(broken);
    expect(error.text.zh).toContain('第 4 行');
    expect(error.text.zh).toContain('全角冒号');
  });
});


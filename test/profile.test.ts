import { mkdtempSync, writeFileSync } from 'node:fs';
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
});

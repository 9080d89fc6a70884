import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import c1_3 from '../../src/checks/1.3-scope.js';
import c1_4 from '../../src/checks/1.4-organization-and-fund.js';
import c1_6 from '../../src/checks/1.6-filing-and-announcement.js';
import c1_7 from '../../src/checks/1.7-hotline.js';
import c2_1 from '../../src/checks/2.1-establishment.js';
import c2_2 from '../../src/checks/2.2-own-department.js';
import c2_3 from '../../src/checks/2.3-general-manager.js';
import c2_4 from '../../src/checks/2.4-staffing.js';
import c2_5 from '../../src/checks/2.5-out-of-town.js';
import c3_1_1 from '../../src/checks/3.1.1-manager-reports.js';
import { baseProfile, ids, messages, runCheck, staff } from './harness.js';

const roster = [staff('王经理', { role: '客服中心经理', reportsTo: '周总' }), staff('李娜'), staff('赵强')];

describe('1.3 scope', () => {
  it.each([
    ['青岛', 'pass'],
    ['外地来青', 'pass'],
    [undefined, 'no-data'],
  ] as const)('registeredIn %s → %s', async (registeredIn, status) => {
    const profile = { enterprise: { name: 'x', qualification: '二级' as const, ...(registeredIn ? { registeredIn } : {}) } };
    expect((await runCheck(c1_3, { profile })).status).toBe(status);
  });
});

describe('1.4 independent organization and fund', () => {
  it('passes with an independent department and a fund above 0', async () => {
    const r = await runCheck(c1_4, { profile: baseProfile, staff: roster });
    expect(r.status).toBe('pass');
  });
  it('fails on a zero fund, and on a member with a post in another department', async () => {
    const profile = { ...baseProfile, organization: { ...baseProfile.organization, fund: { amount: 0 } } };
    const r = await runCheck(c1_4, { profile, staff: [...roster, staff('李娜', { department: '工程部', role: '资料员' })] });
    expect(r.status).toBe('fail');
    expect(messages(r).sort()).toEqual(['no-fund', 'post-elsewhere']);
    expect(ids(r, 'fail')).toContain('李娜');
  });
  it('is no-data when the profile does not say', async () => {
    expect((await runCheck(c1_4, { profile: { enterprise: baseProfile.enterprise! } })).status).toBe('no-data');
  });
});

describe('1.6 filing and announcement', () => {
  const organization = { filing: { number: '青房售服备〔2019〕017号', date: '2019-03-15' }, announcement: { date: '2019-03-20' } };
  it('passes when filed before the period', async () => {
    const r = await runCheck(c1_6, { profile: { ...baseProfile, organization }, period: { from: '2025-01-01', to: '2025-12-31' } });
    expect(r.status).toBe('pass');
  });
  it('warns when the filing is dated after the period start', async () => {
    const late = { ...organization, filing: { ...organization.filing, date: '2025-02-01' } };
    const r = await runCheck(c1_6, { profile: { ...baseProfile, organization: late }, period: { from: '2025-01-01', to: '2025-12-31' } });
    expect(r.status).toBe('warn');
    expect(messages(r)).toEqual(['filed-late']);
  });
  it('is no-data without an announcement', async () => {
    const r = await runCheck(c1_6, { profile: { ...baseProfile, organization: { filing: organization.filing } } });
    expect(r.status).toBe('no-data');
  });
});

describe('1.7 hotline', () => {
  it('passes with a valid number, fails with one the profile rejected, no-data without one', async () => {
    expect((await runCheck(c1_7, { profile: baseProfile })).status).toBe('pass');
    const issue = { dataset: 'profile' as const, file: 'profile.yaml', sheet: null, row: 3, column: 'organization.hotline', value: '12345', code: 'invalid-phone' as const, data: {} };
    expect((await runCheck(c1_7, { profile: { enterprise: baseProfile.enterprise! }, profileIssues: [issue] })).status).toBe('fail');
    expect((await runCheck(c1_7, { profile: { enterprise: baseProfile.enterprise! } })).status).toBe('no-data');
  });
});

describe('manual clauses and their evidence', () => {
  it('lists present evidence, and makes missing and escaping paths findings without opening them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-evidence-'));
    mkdirSync(join(dir, 'evidence'));
    writeFileSync(join(dir, 'evidence', '设立文件.pdf'), 'x');
    const outside = mkdtempSync(join(tmpdir(), 'aa-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'evidence', 'link.pdf'));
    const profile = { ...baseProfile, evidence: { '2.1': ['evidence/设立文件.pdf', 'evidence/缺失.pdf', '../etc/passwd', '/etc/passwd', 'evidence/link.pdf'] } };
    const r = await runCheck(c2_1, { profile, dir });
    expect(r.status).toBe('manual');
    expect(r.evidence).toEqual([
      { path: 'evidence/设立文件.pdf', state: 'present' },
      { path: 'evidence/缺失.pdf', state: 'missing' },
      { path: '../etc/passwd', state: 'outside' },
      { path: '/etc/passwd', state: 'outside' },
      { path: 'evidence/link.pdf', state: 'outside' },
    ]);
    expect(messages(r)).toEqual(['evidence-missing', 'evidence-outside', 'evidence-outside', 'evidence-outside']);
  });
});

describe('2.2 own department', () => {
  it('fails when no one is in the named department', async () => {
    const r = await runCheck(c2_2, { profile: baseProfile, staff: [staff('李娜', { department: '销售部' })] });
    expect(r.status).toBe('fail');
    expect(messages(r)).toEqual(['no-staff-in-department']);
  });
  it('matches a person by staff number before name', async () => {
    const r = await runCheck(c2_2, { profile: baseProfile, staff: [staff('李娜', { id: 'K1' }), staff('李娜', { id: 'K9', department: '工程部' })] });
    expect(r.status).toBe('pass');
  });
});

describe('2.3 head reports to the general manager', () => {
  it.each([
    ['周总', 'pass', []],
    ['副总经理', 'fail', ['王经理']],
    [undefined, 'fail', ['王经理']],
  ] as const)('reportsTo %s → %s', async (reportsTo, status, failing) => {
    const head = staff('王经理', { role: '客服中心经理', ...(reportsTo ? { reportsTo } : { reportsTo: undefined }) });
    const r = await runCheck(c2_3, { profile: baseProfile, staff: [head, staff('李娜')] });
    expect(r.status).toBe(status);
    expect(ids(r)).toEqual(failing);
  });
  it('fails with no head, and finds the general manager on the roster when the profile does not name one', async () => {
    expect(messages(await runCheck(c2_3, { profile: baseProfile, staff: [staff('李娜')] }))).toEqual(['no-head']);
    const profile = { ...baseProfile, enterprise: { name: 'x', qualification: '二级' as const } };
    const r = await runCheck(c2_3, { profile, staff: [staff('周总', { role: '总经理', department: '总经办' }), staff('王经理', { role: '客服中心经理', reportsTo: '周总' })] });
    expect(r.status).toBe('pass');
  });
});

describe('2.3 and 3.1.1: the general manager as a roster writes the 直接上级', () => {
  const profile = { ...baseProfile, enterprise: { ...baseProfile.enterprise!, generalManager: '周明德' } };
  it.each([
    ['周明德', 'pass', []],
    ['周 明德', 'pass', []],
    ['总经理', 'pass', []],
    ['公司总经理', 'pass', []],
    ['集团总经理', 'pass', []],
    ['总经理（周明德）', 'pass', []],
    ['总经理(周明德)', 'pass', []],
    ['周明德（总经理）', 'pass', []],
    ['总经理周明德', 'pass', []],
    ['周明德总经理', 'pass', []],
    ['周总', 'pass', []],
    ['周总经理', 'pass', []],
    ['董事长兼总经理', 'pass', []],
    ['董事长兼总经理（周明德）', 'pass', []],
    ['副总经理', 'fail', ['reports-to-other']],
    ['常务副总经理', 'fail', ['reports-to-other']],
    ['周副总', 'fail', ['reports-to-other']],
    ['总经理助理', 'fail', ['reports-to-other']],
    ['项目总经理', 'fail', ['reports-to-other']],
    ['总经理办公室', 'fail', ['reports-to-other']],
    ['董事长', 'fail', ['reports-to-other']],
    ['李四', 'fail', ['reports-to-other']],
    ['李总', 'fail', ['reports-to-other']],
    ['总经理（李四）', 'fail', ['general-manager-mismatch']],
    ['李四（总经理）', 'fail', ['general-manager-mismatch']],
    ['总经理李四', 'fail', ['general-manager-mismatch']],
  ] as const)('reportsTo %s → %s', async (reportsTo, status, found) => {
    const head = staff('王经理', { role: '客服中心经理', reportsTo });
    for (const check of [c2_3, c3_1_1]) {
      const r = await runCheck(check, { profile, staff: [head, staff('李娜')] });
      expect(r.status).toBe(status);
      expect(messages(r)).toEqual(found);
      expect(ids(r)).toEqual(found.length ? ['王经理'] : []);
    }
  });
  it('takes the roster\'s 总经理, never its 副总经理, when the profile names no general manager', async () => {
    const noName = { ...baseProfile, enterprise: { name: 'x', qualification: '二级' as const } };
    const roster = [
      staff('吴副总', { role: '副总经理', department: '总经办' }),
      staff('周明德', { role: '总经理', department: '总经办' }),
      staff('王经理', { role: '客服中心经理', reportsTo: '总经理（周明德）' }),
    ];
    const r = await runCheck(c2_3, { profile: noName, staff: roster });
    expect(r.status).toBe('pass');
    expect(r.metrics['generalManager']).toBe('周明德');
  });
  it('takes the roster\'s 董事长兼总经理 as the general manager', async () => {
    const noName = { ...baseProfile, enterprise: { name: 'x', qualification: '二级' as const } };
    const roster = [staff('周明德', { role: '董事长兼总经理', department: '总经办' }), staff('王经理', { role: '客服中心经理', reportsTo: '周总' })];
    const r = await runCheck(c2_3, { profile: noName, staff: roster });
    expect(r.status).toBe('pass');
    expect(r.metrics['generalManager']).toBe('周明德');
  });
});

describe('2.4 full-time staffing, day by day', () => {
  const period = { from: '2025-01-01', to: '2025-12-31' };
  it('passes with exactly three full-time staff (三人以上 includes three)', async () => {
    const r = await runCheck(c2_4, { profile: baseProfile, staff: roster, period });
    expect(r.status).toBe('pass');
    expect(r.metrics['minFullTime']).toBe(3);
  });
  it('does not count part-time staff', async () => {
    const r = await runCheck(c2_4, { profile: baseProfile, staff: [...roster.slice(0, 2), staff('陈晓', { employment: '兼职' })], period });
    expect(r.status).toBe('fail');
    expect(r.findings.map((f) => f.data)).toEqual([{ from: '2025-01-01', to: '2025-12-31', days: 365, count: 2, required: 3 }]);
  });
  it('counts a person on the last day of a month they leave, and reports each shortfall interval', async () => {
    const team = [roster[0]!, roster[1]!, staff('赵强', { endDate: '2025-08-31' }), staff('孙丽', { startDate: '2025-10-08' })];
    const r = await runCheck(c2_4, { profile: baseProfile, staff: team, period });
    expect(r.status).toBe('fail');
    expect(r.findings.map((f) => [f.data['from'], f.data['to'], f.data['count']])).toEqual([['2025-09-01', '2025-10-07', 2]]);
    expect(r.metrics['minFullTime']).toBe(2);
  });
  it('level 四级 needs a full-time head only', async () => {
    const profile = { ...baseProfile, enterprise: { ...baseProfile.enterprise!, qualification: '四级' as const } };
    expect((await runCheck(c2_4, { profile, staff: [staff('王经理', { role: '负责人' })], period })).status).toBe('pass');
    const r = await runCheck(c2_4, { profile, staff: [staff('王经理', { role: '负责人', employment: '兼职' }), staff('李娜')], period });
    expect(messages(r)).toEqual(['no-head']);
  });
});

describe('2.5 out-of-town enterprises', () => {
  const outOfTown = { enterprise: { name: 'x', qualification: '二级' as const, registeredIn: '外地来青' as const } };
  it.each([
    ['local', { ...baseProfile }, 'not-applicable'],
    ['own organization', { ...outOfTown, organization: { name: '客户服务中心' } }, 'pass'],
    ['entrusted to level 3', { ...outOfTown, entrustment: { agent: '本地公司', agentQualification: '三级', contractNo: 'WT-1' } }, 'pass'],
    ['entrusted to level 4', { ...outOfTown, entrustment: { agent: '本地公司', agentQualification: '四级', contractNo: 'WT-1' } }, 'fail'],
    ['entrusted without contract', { ...outOfTown, entrustment: { agent: '本地公司', agentQualification: '一级' } }, 'fail'],
    ['neither', outOfTown, 'fail'],
  ] as const)('%s → %s', async (_name, profile, status) => {
    expect((await runCheck(c2_5, { profile, staff: roster })).status).toBe(status);
  });
});

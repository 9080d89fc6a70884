// Judgements about the organization shared by several clauses: its own department (1.4, 2.2) and
// its head reporting to the general manager (2.3, 3.1.1).
import type { Bilingual } from '../errors.js';
import type { Profile } from '../read/profile.js';
import { finding, isHead, organizationStaff, profileFinding, sameName, type StaffRow } from './helpers.js';
import type { Parameters } from './parameters.js';
import type { Finding } from './types.js';

export const departmentMessages: Readonly<Record<string, Bilingual>> = {
  'no-organization-name': { zh: '企业信息未填写售后服务机构名称 organization.name。', en: 'The profile does not name the organization (organization.name).' },
  'no-staff-in-department': {
    zh: '花名册中没有人员属于「{department}」。',
    en: 'No one on the roster belongs to "{department}".',
  },
  'post-elsewhere': {
    zh: '{name} 同时在「{other}」任职（{role}），不是独立的专门机构人员。',
    en: '{name} also holds a post in "{other}" ({role}): not staff of a separate department.',
  },
};

/** The organization is its own department: its staff belong to it and hold no post in another. */
export function judgeDepartment(clause: string, rows: readonly StaffRow[], organization: string | undefined): { findings: Finding[]; members: number } {
  if (!organization) return { findings: [profileFinding(clause, 'fail', 'no-organization-name')], members: 0 };
  const members = organizationStaff(rows, organization);
  if (members.length === 0) return { findings: [profileFinding(clause, 'fail', 'no-staff-in-department', { department: organization })], members: 0 };
  const findings: Finding[] = [];
  const samePerson = (a: StaffRow, b: StaffRow): boolean =>
    a.record.id !== undefined && b.record.id !== undefined ? a.record.id === b.record.id : sameName(a.record.name, b.record.name);
  for (const member of members) {
    for (const other of rows) {
      if (other === member || sameName(other.record.department, organization) || !samePerson(member, other)) continue;
      findings.push(finding(clause, 'fail', member.record.name ?? null, other.at, 'post-elsewhere', {
        name: member.record.name ?? '',
        other: other.record.department ?? '',
        role: other.record.role ?? '',
      }));
    }
  }
  return { findings, members: members.length };
}

export const reportingMessages: Readonly<Record<string, Bilingual>> = {
  'no-general-manager': {
    zh: '无法确定总经理：企业信息未填写 enterprise.generalManager，花名册中也没有"总经理"岗位。',
    en: 'The general manager is unknown: the profile gives no enterprise.generalManager and no one on the roster holds the post 总经理.',
  },
  'no-head': { zh: '花名册中「{department}」没有经理或负责人岗位。', en: 'No manager or head post in "{department}" on the roster.' },
  'reports-to-missing': { zh: '机构负责人 {name} 的"直接上级"为空。', en: 'The head {name} has no direct superior on the roster.' },
  'reports-to-other': {
    zh: '机构负责人 {name} 的直接上级是 {reportsTo}，不是总经理 {manager}。',
    en: 'The head {name} reports to {reportsTo}, not to the general manager {manager}.',
  },
};

/** The general manager's name: from the profile, else the roster's 总经理. */
export function generalManager(profile: Partial<Profile> | null, rows: readonly StaffRow[]): string | undefined {
  return profile?.enterprise?.generalManager ?? rows.find((r) => r.record.role?.includes('总经理'))?.record.name;
}

/** The head reports directly to the general manager. Returns null when it cannot be judged. */
export function judgeReporting(
  clause: string,
  rows: readonly StaffRow[],
  profile: Partial<Profile> | null,
  params: Parameters,
  from: string | null,
): { findings: Finding[]; manager: string; heads: number } | null {
  const manager = generalManager(profile, rows);
  if (!manager) return null;
  const organization = profile?.organization?.name;
  const heads = organizationStaff(rows, organization).filter((r) => isHead(r.record, params) && !(from && r.record.endDate && r.record.endDate < from));
  if (heads.length === 0) return { findings: [profileFinding(clause, 'fail', 'no-head', { department: organization ?? '' })], manager, heads: 0 };
  const findings: Finding[] = [];
  for (const head of heads) {
    const name = head.record.name ?? '';
    if (!head.record.reportsTo) findings.push(finding(clause, 'fail', name, head.at, 'reports-to-missing', { name }));
    else if (!sameName(head.record.reportsTo, manager)) {
      findings.push(finding(clause, 'fail', name, head.at, 'reports-to-other', { name, reportsTo: head.record.reportsTo, manager }));
    }
  }
  return { findings, manager, heads: heads.length };
}

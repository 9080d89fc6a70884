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
  'general-manager-mismatch': {
    zh: '机构负责人 {name} 的直接上级写作「{reportsTo}」，所称总经理与企业信息中的总经理 {manager} 不是同一人，请核实。',
    en: 'The head {name} reports to "{reportsTo}": the general manager named there is not {manager}, the general manager of the profile. Check which is right.',
  },
};

/** The general manager's name: from the profile, else the roster's 总经理 (not a 副总经理). */
export function generalManager(profile: Partial<Profile> | null, rows: readonly StaffRow[]): string | undefined {
  const holdsThePost = (role: string): boolean => fold(role).split(JOINED_POSTS).some(isGeneralManagerTitle);
  return profile?.enterprise?.generalManager ?? rows.find((r) => r.record.role !== undefined && holdsThePost(r.record.role))?.record.name;
}

const fold = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[【〔［\[]/g, '(')
    .replace(/[】〕］\]]/g, ')');

/**
 * The title of the general manager, as a roster writes it: 总经理, 公司总经理, 集团总经理,
 * 青岛某某置业有限公司总经理. A 副总经理, 总经理助理 or 项目总经理 is someone else.
 */
const isGeneralManagerTitle = (title: string): boolean => /^(?:.*(?:公司|集团|企业|本司))?总经理$/.test(title) && !title.includes('副');

/** Posts held together (董事长兼总经理) or names listed together. */
const JOINED_POSTS = /兼|、|\/|,|;|&/;
/** Titles that end in 总经理 but are someone else. */
const OTHER_GENERAL_MANAGER = /(?:项目|区域|城市|分公司|执行|常务|代理|代)总经理|总经理(?:助理|秘书)/;
/** The end of a post's title, not of a person's name. */
const POST = /(?:董事长|董事|总裁|总监|经理|主任|主管|负责人|书记|部长|助理|秘书|办公室|办|部|处|室|中心)$/;

/**
 * How a 直接上级 names the general manager `manager`: 'yes' (周明德, 总经理, 公司总经理,
 * 总经理（周明德）, 周明德（总经理）, 总经理周明德, 周总, 董事长兼总经理 …), 'other' (a deputy, another
 * post, another person), or 'mismatch' (the title of general manager with another person's name:
 * 总经理（李四） when the general manager is 周明德).
 */
export function superiorIsGeneralManager(reportsTo: string, manager: string): 'yes' | 'other' | 'mismatch' {
  const text = fold(reportsTo);
  const name = fold(manager);
  if (text === name) return 'yes';
  // The surname (two characters for a compound surname when the name is long enough), for 周总 and 周总经理.
  const surnames = name.length >= 2 ? [name.slice(0, 1), ...(name.length >= 4 ? [name.slice(0, 2)] : [])] : [];
  let title = false; // the title of general manager is written
  let named = false; // the general manager is named
  let otherPerson = false; // someone else is named
  let otherPost = false; // a deputy's or another post's title that contradicts (副总经理, 总经理助理)
  const bracketed = /^([^()]*)\(([^()]*)\)$/.exec(text);
  const parts = bracketed ? [bracketed[1]!, bracketed[2]!] : [text];
  for (const part of parts) {
    for (const token of part.split(JOINED_POSTS)) {
      if (token === '') continue;
      if (token === name) named = true;
      else if (isGeneralManagerTitle(token)) title = true;
      else if (surnames.some((s) => token === `${s}总` || token === `${s}总经理`)) named = title = true;
      else if (token.includes('副') || OTHER_GENERAL_MANAGER.test(token)) otherPost = true;
      else if (token.startsWith('总经理') || token.endsWith('总经理')) {
        // 总经理周明德, 周明德总经理; or another person's name beside the title
        const rest = token.startsWith('总经理') ? token.slice(3) : token.slice(0, -3);
        if (POST.test(rest)) otherPost = true;
        else {
          title = true;
          if (rest === name) named = true;
          else otherPerson = true;
        }
      } else if (token.includes('总经理')) otherPost = true;
      else if (/^[\u4e00-\u9fff]{1,2}总$/.test(token)) otherPerson = true; // 李总
      else if (!POST.test(token)) otherPerson = true; // a name; another post alone (董事长) is not the general manager
    }
  }
  if (otherPerson) return title ? 'mismatch' : 'other';
  if (otherPost) return 'other';
  return title || named ? 'yes' : 'other';
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
    else {
      const superior = superiorIsGeneralManager(head.record.reportsTo, manager);
      if (superior === 'other') findings.push(finding(clause, 'fail', name, head.at, 'reports-to-other', { name, reportsTo: head.record.reportsTo, manager }));
      if (superior === 'mismatch') findings.push(finding(clause, 'fail', name, head.at, 'general-manager-mismatch', { name, reportsTo: head.record.reportsTo, manager }));
    }
  }
  return { findings, manager, heads: heads.length };
}

// 1.6: the organization is filed with the authority and announced to the public.
import { note, profileFinding, result, statusFrom } from './helpers.js';
import type { Check, Finding } from './types.js';

const check: Check = {
  id: '1.6',
  title: { zh: '备案与公告', en: 'Filing and public announcement' },
  requirement: {
    zh: '售后服务机构的设立应向主管部门申请备案，并向社会公告。',
    en: 'The organization shall be filed with the supervising authority and announced to the public.',
  },
  judged: 'profile',
  datasets: ['profile'],
  parameters: [],
  method: {
    zh: '企业信息中备案号、备案日期和公告日期齐全为通过；备案日期晚于审计期间开始日为警告。',
    en: 'Passes when the profile gives the filing number and date and the announcement date; a filing dated after the period start is a warning.',
  },
  messages: {
    missing: { zh: '企业信息未填写 {keys}。', en: 'The profile does not give {keys}.' },
    'filed-late': { zh: '备案日期 {filed} 晚于审计期间开始日 {from}。', en: 'Filed on {filed}, after the period start {from}.' },
  },
  remediation: {
    zh: '向青岛市房地产开发管理局办理售后服务机构备案并向社会公告，在 profile.yaml 中填写备案号、日期和公告信息。',
    en: 'File the organization with the Qingdao Real Estate Development Administration, announce it publicly, and record both in profile.yaml.',
  },
  start: ({ profile }) => ({
    finish(context) {
      const organization = profile?.organization;
      const missing = [
        organization?.filing?.number ? null : 'organization.filing.number',
        organization?.filing?.date ? null : 'organization.filing.date',
        organization?.announcement?.date ? null : 'organization.announcement.date',
      ].filter((k): k is string => k !== null);
      const metrics = { filingNumber: organization?.filing?.number ?? null, filingDate: organization?.filing?.date ?? null, announcementDate: organization?.announcement?.date ?? null };
      if (missing.length > 0) return result('no-data', metrics, [], [note('missing', { keys: missing.join(', ') })]);
      const findings: Finding[] = [];
      const from = context.resolvedPeriod?.from;
      if (from && organization!.filing!.date! > from) findings.push(profileFinding('1.6', 'warn', 'filed-late', { filed: organization!.filing!.date!, from }));
      return result(statusFrom(findings), metrics, findings);
    },
  }),
};
export default check;

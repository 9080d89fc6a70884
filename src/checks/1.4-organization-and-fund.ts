// 1.4: an independent organization (2.2) and a ring-fenced fund with an amount > 0; evidence listed.
import { EVIDENCE_MESSAGES, evidenceFindings, note, profileFinding, result, statusFrom } from './helpers.js';
import { judgeDepartment, departmentMessages } from './organization.js';
import type { Check, Finding } from './types.js';
import type { StaffRow } from './helpers.js';

const check: Check = {
  id: '1.4',
  title: { zh: '独立机构与专项资金', en: 'Independent organization and ring-fenced fund' },
  requirement: {
    zh: '房地产开发企业应设立独立的售后服务机构负责售后服务工作，并设立专项资金用于售后服务工作。',
    en: 'A developer shall set up an independent after-sales service organization and a ring-fenced fund for after-sales service.',
  },
  judged: 'data',
  datasets: ['profile', 'staff'],
  parameters: [],
  method: {
    zh: '企业信息 organization.independent 为 true，且花名册显示机构独立（同 2.2）；organization.fund.amount 大于 0；列出证明材料。',
    en: 'organization.independent is true and the roster shows an independent department (as 2.2); organization.fund.amount is above 0; evidence listed.',
  },
  messages: {
    ...EVIDENCE_MESSAGES,
    ...departmentMessages,
    'not-independent': { zh: '企业信息声明售后服务机构未独立设置。', en: 'The profile declares the organization is not independent.' },
    'no-fund': { zh: '专项资金金额为 {amount}，应大于 0。', en: 'The ring-fenced fund is {amount}; it must be above 0.' },
    missing: { zh: '企业信息未填写 {keys}。', en: 'The profile does not give {keys}.' },
  },
  remediation: {
    zh: '独立设置售后服务机构（单独部门、专人专岗），开立售后服务专项资金账户并注入资金，在 profile.yaml 中填写并列出证明材料。',
    en: 'Set up the organization as its own department with its own staff, open a ring-fenced after-sales fund with money in it, and record both, with evidence, in profile.yaml.',
  },
  start: ({ profile }) => {
    const staff: StaffRow[] = [];
    return {
      staff: (record, at) => void staff.push({ record, at }),
      async finish(context) {
        const organization = profile?.organization;
        const evidence = await context.evidence('1.4');
        const missing = [
          organization?.independent === undefined ? 'organization.independent' : null,
          organization?.fund?.amount === undefined ? 'organization.fund.amount' : null,
        ].filter((k): k is string => k !== null);
        if (missing.length > 0) return result('no-data', {}, evidenceFindings('1.4', evidence), [note('missing', { keys: missing.join(', ') })], evidence);
        const findings: Finding[] = [];
        if (organization?.independent === false) findings.push(profileFinding('1.4', 'fail', 'not-independent'));
        const amount = organization?.fund?.amount ?? 0;
        if (amount <= 0) findings.push(profileFinding('1.4', 'fail', 'no-fund', { amount }));
        if (context.supplied.has('staff')) findings.push(...judgeDepartment('1.4', staff, organization?.name).findings);
        findings.push(...evidenceFindings('1.4', evidence));
        return result(statusFrom(findings), { independent: organization?.independent ?? null, fundAmount: amount }, findings, [], evidence);
      },
    };
  },
};
export default check;

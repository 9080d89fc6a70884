// 1.7: a published service hotline that is a valid Chinese number (landline, mobile, 400/800).
import { note, profileFinding, result } from './helpers.js';
import type { Check } from './types.js';

const check: Check = {
  id: '1.7',
  title: { zh: '接受监督，公布服务电话', en: 'Supervision and a published hotline' },
  requirement: {
    zh: '售后服务机构须接受主管部门、社会及行业的监督，并公布售后服务电话。',
    en: 'The organization shall accept supervision by the authority, society and the trade, and publish an after-sales service telephone number.',
  },
  judged: 'profile',
  datasets: ['profile'],
  parameters: [],
  method: {
    zh: '企业信息 organization.hotline 为有效的中国电话号码（座机、手机或 400/800 号码）。',
    en: 'organization.hotline is a valid Chinese number (landline, mobile, or 400/800).',
  },
  messages: {
    missing: { zh: '企业信息未填写售后服务电话 organization.hotline。', en: 'The profile gives no service hotline (organization.hotline).' },
    invalid: { zh: '售后服务电话 {hotline} 不是有效的电话号码。', en: 'The hotline {hotline} is not a valid phone number.' },
  },
  remediation: { zh: '公布有效的售后服务电话并填入 profile.yaml。', en: 'Publish a valid service hotline and record it in profile.yaml.' },
  start: ({ profile, profileIssues }) => ({
    finish() {
      const invalid = profileIssues.get('organization.hotline');
      if (invalid) return result('fail', { hotline: invalid.value }, [profileFinding('1.7', 'fail', 'invalid', { hotline: invalid.value ?? '' })]);
      const hotline = profile?.organization?.hotline;
      if (!hotline) return result('no-data', { hotline: null }, [], [note('missing')]);
      return result('pass', { hotline });
    },
  }),
};
export default check;

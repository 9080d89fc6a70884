import { manualCheck } from './helpers.js';

export default manualCheck({
  id: '3.1.4',
  title: { zh: '回访计划与回访报告', en: 'Callback plan and reports' },
  requirement: { zh: '制订回访计划，编写回访报告，会同相关部门确定整改方案。', en: 'Draws up the callback plan, writes callback reports and agrees remedies with the departments concerned.' },
  look: {
    zh: '核对企业信息 evidence 中列出的回访计划和回访报告，以及据此确定的整改方案。',
    en: 'Check the callback plan and callback reports listed as evidence in the profile, and the remedies agreed from them.',
  },
  remediation: { zh: '每年制订回访计划、编写回访报告，并列入 profile.yaml 的 evidence。', en: 'Draw up a yearly callback plan and reports, and list them under evidence in profile.yaml.' },
});

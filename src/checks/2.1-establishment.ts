import { manualCheck } from './helpers.js';

export default manualCheck({
  id: '2.1',
  title: { zh: '依规设立售后服务机构', en: 'Organization set up as required' },
  requirement: {
    zh: '房地产开发企业应依据青岛市房地产开发管理局青房综字〔〕18号《关于加强商品房售后服务管理的通知》要求设立售后服务机构。',
    en: 'A developer shall set up its after-sales organization as the Administration\'s notice No. 18 on strengthening after-sales service management requires.',
  },
  look: {
    zh: '核对机构设立文件（设立决定、机构职责）与备案材料，设立日期见企业信息 organization.establishedAt。',
    en: 'Check the founding documents (decision, duties) against the filing; the founding date is organization.establishedAt in the profile.',
  },
  remediation: { zh: '按通知要求设立机构并保存设立文件。', en: 'Set up the organization as the notice requires and keep the founding documents.' },
});

import { manualCheck } from './helpers.js';

export default manualCheck({
  id: '3.2.1',
  title: { zh: '标准化服务', en: 'Standardised service' },
  requirement: { zh: '售后服务机构工作人员应实行标准化服务。', en: 'The organization\'s staff provide standardised service.' },
  look: { zh: '查看服务规范、用语和流程文件，现场观察接待。', en: 'Look at the service code, wording and procedures; observe reception on site.' },
  remediation: { zh: '制定并培训服务规范。', en: 'Write a service code and train staff in it.' },
});

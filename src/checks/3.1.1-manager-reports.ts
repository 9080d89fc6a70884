import { reportingCheck } from './2.3-general-manager.js';

export default reportingCheck(
  '3.1.1',
  { zh: '经理直接对总经理负责', en: 'The manager answers to the general manager' },
  {
    zh: '售后服务机构经理直接对企业总经理负责，主持售后服务机构的全面工作。',
    en: 'The manager of the organization answers directly to the enterprise\'s general manager and leads all its work.',
  },
);

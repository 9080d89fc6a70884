import { informativeCheck } from './helpers.js';

export default informativeCheck({
  id: '1.5',
  title: { zh: '售后服务的含义', en: 'Definition of after-sales service' },
  requirement: {
    zh: '本标准所指售后服务，是指房地产开发企业在其开发产品交易后为消费者提供的服务工作。',
    en: 'After-sales service means the service a developer provides to consumers after the sale of what it developed.',
  },
  why: { zh: '定义用语，不设要求。', en: 'A definition; sets no requirement.' },
});

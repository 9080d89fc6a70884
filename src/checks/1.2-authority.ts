import { informativeCheck } from './helpers.js';

export default informativeCheck({
  id: '1.2',
  title: { zh: '主管部门', en: 'Supervising authority' },
  requirement: {
    zh: '青岛市房地产开发管理局是房地产开发企业售后服务机构的主管部门。',
    en: 'The Qingdao Real Estate Development Administration supervises developers\' after-sales service organizations.',
  },
  why: { zh: '说明主管部门，不设要求。', en: 'Names the authority; sets no requirement.' },
});

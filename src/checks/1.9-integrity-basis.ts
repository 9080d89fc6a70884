import { informativeCheck } from './helpers.js';

export default informativeCheck({
  id: '1.9',
  title: { zh: '诚信评定标准', en: 'A standard of integrity rating' },
  requirement: {
    zh: '售后服务机构设立及运行情况是房地产开发企业诚信评定的重要标准。',
    en: 'How the organization is set up and run is an important standard of the developer\'s integrity rating.',
  },
  why: { zh: '说明本标准的用途，不设要求。', en: 'States a use of the standard; sets no requirement.' },
});

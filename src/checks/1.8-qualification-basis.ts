import { informativeCheck } from './helpers.js';

export default informativeCheck({
  id: '1.8',
  title: { zh: '资质评定依据', en: 'A basis of qualification review' },
  requirement: {
    zh: '售后服务机构设立及运行情况是房地产开发企业资质评定的重要依据之一。',
    en: 'How the organization is set up and run is an important basis of the developer\'s qualification review.',
  },
  why: { zh: '说明本标准的用途，不设要求。', en: 'States a use of the standard; sets no requirement.' },
});

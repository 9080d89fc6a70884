import { informativeCheck } from './helpers.js';

export default informativeCheck({
  id: '1.1',
  title: { zh: '制定依据', en: 'Purpose and legal basis' },
  requirement: {
    zh: '为规范房地产开发企业售后服务行为，推行标准化管理，保障消费者正当权益，依据《中华人民共和国城市房地产管理法》《城市房地产开发经营管理条例》《中华人民共和国建筑法》《建设工程质量管理条例》《山东省城市房地产开发经营管理条例》《房屋建筑工程质量保修办法》，制定本标准。',
    en: 'This standard regulates developers\' after-sales service, introduces standardised management and protects consumers, on the basis of the Urban Real Estate Administration Law, the Regulations on Urban Real Estate Development, the Construction Law, the Regulations on Construction Quality, the Shandong Regulations on Urban Real Estate Development and the Measures on Building Quality Warranty (MoC Order 80).',
  },
  why: { zh: '说明制定依据，不设要求。', en: 'States the legal basis; sets no requirement.' },
});

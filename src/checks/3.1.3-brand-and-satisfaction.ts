import { manualCheck } from './helpers.js';

export default manualCheck({
  id: '3.1.3',
  title: { zh: '品牌建设与满意度管理', en: 'Brand and satisfaction management' },
  requirement: {
    zh: '负责协助做好房地产开发企业品牌建设及产品和服务质量满意度管理工作。',
    en: 'Helps build the developer\'s brand and manage satisfaction with product and service quality.',
  },
  look: { zh: '查看满意度管理制度和改进记录；满意率数据见 4.5。', en: 'Look at the satisfaction management rules and improvement records; the satisfaction figures are in 4.5.' },
  remediation: { zh: '建立满意度管理制度并跟踪改进。', en: 'Set up satisfaction management and follow improvements through.' },
});

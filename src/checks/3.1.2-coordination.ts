import { manualCheck } from './helpers.js';

export default manualCheck({
  id: '3.1.2',
  title: { zh: '组织协调，及时处理', en: 'Coordination and timely handling' },
  requirement: { zh: '负责组织协调与相关单位的工作关系，及时处理售后服务事宜。', en: 'Coordinates with the units concerned and handles after-sales matters in good time.' },
  look: { zh: '查看与施工、物业等单位的协调记录和工作联系单。', en: 'Look at coordination records and work orders with contractors and the property manager.' },
  remediation: { zh: '建立与相关单位的协调机制并保存记录。', en: 'Set up coordination with the units concerned and keep records.' },
});

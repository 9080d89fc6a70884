import { manualCheck } from './helpers.js';

export default manualCheck({
  id: '5.3',
  title: { zh: "接受政府监督", en: "Government supervision" },
  requirement: { zh: "售后服务机构必须接受政府主管部门的监督和检查。", en: "The organization accepts supervision and inspection by the authority." },
  look: { zh: "查看主管部门检查记录和整改落实情况。", en: "Look at the authority's inspection records and the remedies." },
  remediation: { zh: "配合检查并落实整改。", en: "Cooperate with inspections and carry out the remedies." },
});

import { manualCheck } from './helpers.js';

export default manualCheck({
  id: '3.1.6',
  title: { zh: '贯彻法规，接受检查', en: 'Compliance and inspection' },
  requirement: {
    zh: '认真贯彻落实主管部门颁布的法律法规和规章制度，接受主管部门的检查指导。',
    en: 'Carries out the laws and rules the authority issues and accepts its inspection and guidance.',
  },
  look: { zh: '查看法规学习、主管部门检查及整改记录。', en: 'Look at records of rule training, the authority\'s inspections and the remedies.' },
  remediation: { zh: '建立法规学习和检查整改台账。', en: 'Keep a log of rule training, inspections and remedies.' },
});

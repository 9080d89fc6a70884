import { manualCheck } from './helpers.js';

export default manualCheck({
  id: '5.2',
  title: { zh: "统计分析", en: "Statistical analysis" },
  requirement: { zh: "售后服务机构应采取科学、合理的统计分析方法进行统计分析。", en: "The organization analyses its records with sound statistical methods." },
  look: { zh: "本报告附有统计分析（按月、项目、渠道、问题分类，处理用时，满意度区间，回访覆盖）；企业自己的统计分析报告列为证明材料（evidence \"5.2\"），需人工核对。", en: "This report carries its own analysis (by month, project, channel and category; time to opinion; satisfaction intervals; callback coverage); the enterprise's own analysis is evidence (\"5.2\") for the inspector to check." },
  remediation: { zh: "定期开展统计分析并形成报告，用于改进服务。", en: "Analyse the records regularly and use the findings to improve service." },
});

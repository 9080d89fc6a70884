import { manualCheck } from './helpers.js';

export default manualCheck({
  id: '4.2',
  title: { zh: "公开悬挂服务规范", en: "Rules on display" },
  requirement: { zh: "在售后服务办公场所公开悬挂服务规章制度、岗位职责、服务质量标准、服务监督电话、服务流程。", en: "The service rules, post duties, quality standards, supervision telephone and procedure are displayed in the after-sales office." },
  look: { zh: "现场查看办公场所是否悬挂规章制度、岗位职责、质量标准、监督电话和服务流程（可对照企业信息 evidence \"4.2\" 的照片）。", en: "Check on site that rules, duties, standards, supervision number and procedure are on display (photos may be listed as profile evidence \"4.2\")." },
  remediation: { zh: "在办公场所公开悬挂相关制度和流程。", en: "Put the rules and procedure on display in the office." },
});

import { manualCheck } from './helpers.js';

export default manualCheck({
  id: '4.1',
  title: { zh: "实行售后服务承诺制度", en: "Service commitment" },
  requirement: { zh: "实行售后服务承诺制度。", en: "The organization runs a service commitment system." },
  look: { zh: "查看对外公开的售后服务承诺书（企业信息 evidence \"4.1\"）及其落实情况。", en: "Look at the published service commitment letter (profile evidence \"4.1\") and how it is kept." },
  remediation: { zh: "制定并公开售后服务承诺。", en: "Publish a service commitment." },
});

import { manualCheck } from './helpers.js';

export default manualCheck({
  id: '5.4',
  title: { zh: "接受社会监督", en: "Public supervision" },
  requirement: { zh: "售后服务机构主动引入监督机制，接受社会监督。", en: "The organization brings in supervision mechanisms and accepts public supervision." },
  look: { zh: "查看监督电话公示、意见箱、第三方测评等社会监督机制。", en: "Look at the published supervision number, suggestion box, third-party surveys and similar mechanisms." },
  remediation: { zh: "公开监督渠道并处理反馈。", en: "Publish ways to supervise the service and act on what comes in." },
});

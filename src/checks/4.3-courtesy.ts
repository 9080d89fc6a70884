import { manualCheck } from './helpers.js';

export default manualCheck({
  id: '4.3',
  title: { zh: "热情接待，及时落实", en: "Courteous reception" },
  requirement: { zh: "热情接待消费者，不得与其发生争吵和纠纷，及时落实消费者所反映的问题。", en: "Consumers are received courteously, without quarrels or disputes, and what they raise is dealt with in good time." },
  look: { zh: "查看接待记录和投诉中涉及服务态度的内容，必要时回访核实。", en: "Look at reception records and complaints about staff manner; call back to verify if needed." },
  remediation: { zh: "加强接待礼仪培训，对服务态度投诉逐件整改。", en: "Train staff in reception and remedy each complaint about manner." },
});

// 1.3 scope: local enterprises and out-of-town enterprises filed in Qingdao; the latter route 2.5.
import { note, result } from './helpers.js';
import type { Check } from './types.js';

const check: Check = {
  id: '1.3',
  title: { zh: '适用范围', en: 'Scope' },
  requirement: {
    zh: '本标准适用于青岛市房地产开发企业和外地来青备案的房地产开发企业。',
    en: 'The standard applies to Qingdao developers and to out-of-town developers filed in Qingdao.',
  },
  judged: 'profile',
  datasets: ['profile'],
  parameters: [],
  method: {
    zh: '读取企业信息 enterprise.registeredIn：青岛（本地）或外地来青；外地来青企业另按 2.5 判定。',
    en: 'Reads enterprise.registeredIn from the profile: 青岛 (local) or 外地来青 (out-of-town); out-of-town enterprises are also judged by 2.5.',
  },
  messages: {
    local: { zh: '本地企业，适用本标准。', en: 'A Qingdao enterprise: the standard applies.' },
    'out-of-town': { zh: '外地来青备案企业，适用本标准；售后服务机构按 2.5 判定。', en: 'An out-of-town enterprise filed in Qingdao: the standard applies; its organization is judged by 2.5.' },
    missing: { zh: '企业信息未填写 enterprise.registeredIn（青岛 或 外地来青）。', en: 'The profile does not give enterprise.registeredIn (青岛 or 外地来青).' },
  },
  remediation: { zh: '在 profile.yaml 中填写 enterprise.registeredIn。', en: 'Fill in enterprise.registeredIn in profile.yaml.' },
  start: ({ profile }) => ({
    finish() {
      const scope = profile?.enterprise?.registeredIn;
      if (!scope) return result('no-data', { scope: null }, [], [note('missing')]);
      return result('pass', { scope }, [], [note(scope === '青岛' ? 'local' : 'out-of-town')]);
    },
  }),
};
export default check;

// 2.5: an out-of-town enterprise has its own organization (then 2.4 applies) or entrusts a local
// enterprise of level 3 or above, under contract.
import { note, profileFinding, result } from './helpers.js';
import type { Qualification } from './parameters.js';
import type { Check } from './types.js';

const check: Check = {
  id: '2.5',
  title: { zh: '外地来青企业的售后服务机构', en: 'Out-of-town enterprises' },
  requirement: {
    zh: '外地来青备案的房地产开发企业亦应设立售后服务机构，或委托本地三级以上（含三级）资质房地产开发企业的售后服务机构代为管理。',
    en: 'An out-of-town developer filed in Qingdao shall also set up an organization, or entrust the organization of a local developer of level 3 or above to manage it.',
  },
  judged: 'profile',
  datasets: ['profile', 'staff'],
  parameters: ['localAgentLevels'],
  method: {
    zh: '仅适用于外地来青企业：企业信息写明自设机构（organization.name，且花名册中有该部门人员），或委托本地三级以上企业（entrustment.agent、agentQualification、contractNo）；两者皆无为不符合。',
    en: 'Only for out-of-town enterprises: the profile names its own organization (organization.name, with staff in that department), or an entrustment to a local enterprise of level 3 or above (entrustment.agent, agentQualification, contractNo); neither is a failure.',
  },
  messages: {
    local: { zh: '本地企业，不适用。', en: 'A Qingdao enterprise: not applicable.' },
    unknown: { zh: '企业信息未填写 enterprise.registeredIn。', en: 'The profile does not give enterprise.registeredIn.' },
    own: { zh: '自设售后服务机构「{organization}」，按 2.4 核对人员配备。', en: 'Runs its own organization "{organization}"; staffing is judged by 2.4.' },
    entrusted: { zh: '委托 {agent}（{level}）代管，合同 {contract}。', en: 'Entrusted to {agent} ({level}) under contract {contract}.' },
    'agent-level': { zh: '受托企业 {agent} 资质为 {level}，应为三级以上。', en: 'The agent {agent} holds level {level}; level 3 or above is required.' },
    'no-contract': { zh: '委托代管未填写合同编号 entrustment.contractNo。', en: 'The entrustment gives no contract number (entrustment.contractNo).' },
    neither: { zh: '既未自设售后服务机构，也未委托本地企业代管。', en: 'Neither an own organization nor an entrustment to a local enterprise.' },
  },
  remediation: {
    zh: '自设售后服务机构，或与本地三级以上资质企业签订委托代管合同，并在 profile.yaml 中填写。',
    en: 'Set up an own organization, or sign an entrustment contract with a local developer of level 3 or above, and record it in profile.yaml.',
  },
  start: ({ profile, params, supplied }) => {
    const departments = new Set<string>();
    return {
      staff: (record) => void (record.department && departments.add(record.department)),
      finish() {
        const scope = profile?.enterprise?.registeredIn;
        if (!scope) return result('no-data', {}, [], [note('unknown')]);
        if (scope === '青岛') return result('not-applicable', {}, [], [note('local')]);
        const organization = profile?.organization?.name;
        if (organization && (!supplied.has('staff') || departments.has(organization))) {
          return result('pass', { arrangement: 'own' }, [], [note('own', { organization })]);
        }
        const entrustment = profile?.entrustment;
        if (entrustment?.agent) {
          const level = entrustment.agentQualification ?? '';
          if (!params.localAgentLevels.includes(level as Qualification)) {
            return result('fail', { arrangement: 'entrusted' }, [profileFinding('2.5', 'fail', 'agent-level', { agent: entrustment.agent, level: level || '?' })]);
          }
          if (!entrustment.contractNo) return result('fail', { arrangement: 'entrusted' }, [profileFinding('2.5', 'fail', 'no-contract')]);
          return result('pass', { arrangement: 'entrusted' }, [], [note('entrusted', { agent: entrustment.agent, level, contract: entrustment.contractNo })]);
        }
        return result('fail', { arrangement: null }, [profileFinding('2.5', 'fail', 'neither')]);
      },
    };
  },
};
export default check;

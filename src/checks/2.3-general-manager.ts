// 2.3: 总经理负责制 — the head of the organization answers directly to the general manager.
import { note, result, statusFrom, type StaffRow } from './helpers.js';
import { judgeReporting, reportingMessages } from './organization.js';
import type { Check } from './types.js';

export function reportingCheck(id: '2.3' | '3.1.1', title: Check['title'], requirement: Check['requirement']): Check {
  return {
    id,
    title,
    requirement,
    judged: 'data',
    datasets: ['profile', 'staff'],
    parameters: ['headRoles'],
    method: {
      zh: '机构（organization.name 部门）中岗位含"经理/负责人/主任"的人员，其"直接上级"应为总经理（enterprise.generalManager，或花名册中的总经理）：写姓名、职务或二者（周明德、总经理、公司总经理、总经理（周明德）、周总、董事长兼总经理）均认可；副总经理、总经理助理不是总经理；写总经理却是另一人的姓名（总经理（李四））为不一致，列为发现。',
      en: 'Everyone in the organization\'s department whose post contains 经理/负责人/主任 has the general manager (enterprise.generalManager, or the roster\'s 总经理) as direct superior: the name, the title or both are accepted (周明德, 总经理, 公司总经理, 总经理（周明德）, 周总, 董事长兼总经理); a 副总经理 or 总经理助理 is not the general manager; the title with another person\'s name (总经理（李四）) is a mismatch and a finding.',
    },
    messages: { ...reportingMessages, 'no-staff': { zh: '未提供人员花名册。', en: 'No staff roster supplied.' } },
    remediation: {
      zh: '明确售后服务机构负责人直接向总经理负责，并在花名册"直接上级"中如实填写。',
      en: 'Make the head of the organization answer directly to the general manager, and record it in the roster\'s 直接上级 column.',
    },
    start: ({ profile, params, supplied }) => {
      const rows: StaffRow[] = [];
      return {
        staff: (record, at) => void rows.push({ record, at }),
        finish(context) {
          if (!supplied.has('staff')) return result('no-data', {}, [], [note('no-staff')]);
          const judged = judgeReporting(id, rows, profile, params, context.resolvedPeriod?.from ?? null);
          if (!judged) return result('no-data', {}, [], [note('no-general-manager')]);
          return result(statusFrom(judged.findings), { generalManager: judged.manager, heads: judged.heads }, judged.findings);
        },
      };
    },
  };
}

export default reportingCheck(
  '2.3',
  { zh: '总经理负责制', en: 'General manager responsibility' },
  { zh: '售后服务机构实行总经理负责制。', en: 'The organization works under the general manager\'s responsibility.' },
);

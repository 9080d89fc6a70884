// 2.2: the organization is a department of its own: its staff belong to it and hold no post elsewhere.
import { note, result, statusFrom, type StaffRow } from './helpers.js';
import { departmentMessages, judgeDepartment } from './organization.js';
import type { Check } from './types.js';

const check: Check = {
  id: '2.2',
  title: { zh: '独立职能部门', en: 'A department of its own' },
  requirement: { zh: '售后服务机构是独立于企业其他部门的职能部门。', en: 'The organization is a functional department independent of the enterprise\'s other departments.' },
  judged: 'data',
  datasets: ['profile', 'staff'],
  parameters: [],
  method: {
    zh: '花名册中有人员属于企业信息 organization.name 所列部门，且这些人员不在其他部门兼任岗位（按工号，无工号时按姓名）。',
    en: 'Someone on the roster belongs to the department named organization.name, and none of them holds a post in another department (matched by staff number, else name).',
  },
  messages: { ...departmentMessages, 'not-independent': { zh: '企业信息声明机构未独立设置。', en: 'The profile declares the organization is not independent.' }, 'no-staff': { zh: '未提供人员花名册。', en: 'No staff roster supplied.' } },
  remediation: { zh: '将售后服务人员编入独立部门，取消其在其他部门的兼职。', en: 'Place the after-sales staff in a department of their own and end their posts in other departments.' },
  start: ({ profile, supplied }) => {
    const rows: StaffRow[] = [];
    return {
      staff: (record, at) => void rows.push({ record, at }),
      finish() {
        if (!supplied.has('staff')) return result('no-data', {}, [], [note('no-staff')]);
        const { findings, members } = judgeDepartment('2.2', rows, profile?.organization?.name);
        return result(statusFrom(findings), { department: profile?.organization?.name ?? null, members }, findings);
      },
    };
  },
};
export default check;

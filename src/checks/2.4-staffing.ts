// 2.4: full-time staff by qualification level, on every day of the period, from start and end dates.
import { addDays } from '../calendar/days.js';
import { finding, isHead, note, organizationStaff, profileFinding, result, statusFrom, type StaffRow } from './helpers.js';
import type { Qualification } from './parameters.js';
import type { Check, Finding } from './types.js';

const check: Check = {
  id: '2.4',
  title: { zh: '专职人员配备', en: 'Full-time staffing' },
  requirement: {
    zh: '四级资质房地产开发企业应设专职售后服务机构负责人；三级以上（含三级）资质房地产开发企业售后服务机构专职人员应在三人以上。',
    en: 'A level-4 developer shall have a full-time head of the organization; a developer of level 3 or above shall have at least three full-time after-sales staff.',
  },
  judged: 'data',
  datasets: ['profile', 'staff'],
  parameters: ['staffing', 'headRoles'],
  method: {
    zh: '按资质等级（一级、二级、三级：专职 3 人以上，含 3 人；四级、暂定：专职负责人 1 人），逐日核对审计期间内每一天在岗的专职人员（到岗日期至离岗日期，离岗当日仍在岗）；兼职不计；每个不足的连续区间为一条发现。',
    en: 'By qualification level (一级/二级/三级: at least 3 full-time staff, 3 included; 四级/暂定: a full-time head), checks every day of the period who was in post full-time (start date to end date, the end date included); part-time staff do not count; each run of days short is one finding.',
  },
  messages: {
    'no-qualification': { zh: '企业信息未填写有效的资质等级 enterprise.qualification。', en: 'The profile gives no valid enterprise.qualification.' },
    'no-staff': { zh: '未提供人员花名册。', en: 'No staff roster supplied.' },
    'no-period': { zh: '无法确定审计期间，按审计日 {asOf} 一天核对。', en: 'No audit period: judged on the audit date {asOf} alone.' },
    'short-staff': {
      zh: '{from} 至 {to}（{days} 天）专职人员 {count} 人，少于要求的 {required} 人。',
      en: '{from} to {to} ({days} days): {count} full-time staff, fewer than the {required} required.',
    },
    'no-head': {
      zh: '{from} 至 {to}（{days} 天）没有专职的机构负责人。',
      en: '{from} to {to} ({days} days): no full-time head of the organization.',
    },
    'no-start-date': { zh: '{name} 没有有效的到岗日期，未计入。', en: '{name} has no valid start date and is not counted.' },
  },
  remediation: {
    zh: '按资质等级配足专职售后服务人员（一、二、三级不少于 3 人；四级及暂定设专职负责人），人员离岗前做好补充。',
    en: 'Keep enough full-time after-sales staff for the qualification level (3 for levels 1–3; a full-time head for level 4 and provisional), and hire before someone leaves.',
  },
  start: ({ profile, params, supplied }) => {
    const rows: StaffRow[] = [];
    return {
      staff: (record, at) => void rows.push({ record, at }),
      finish(context) {
        const level = profile?.enterprise?.qualification as Qualification | undefined;
        if (!level || !params.staffing[level]) return result('no-data', {}, [], [note('no-qualification')]);
        if (!supplied.has('staff')) return result('no-data', {}, [], [note('no-staff')]);
        const rule = params.staffing[level];
        const period = context.resolvedPeriod ?? { from: context.asOf, to: context.asOf };
        const notes = context.resolvedPeriod ? [] : [note('no-period', { asOf: context.asOf })];
        const findings: Finding[] = [];
        const counted = organizationStaff(rows, profile?.organization?.name).filter((r) => r.record.employment === '专职');
        for (const r of counted) if (!r.record.startDate) findings.push(finding('2.4', 'warn', r.record.name ?? null, r.at, 'no-start-date', { name: r.record.name ?? '' }));
        const active = counted.filter((r) => r.record.startDate);
        const required = rule.fullTimeHead ? 1 : rule.fullTime;
        let minimum = Number.POSITIVE_INFINITY;
        let run: { from: string; to: string; count: number; days: number } | null = null;
        const close = (): void => {
          if (!run) return;
          const message = rule.fullTimeHead ? 'no-head' : 'short-staff';
          findings.push(profileFinding('2.4', 'fail', message, { from: run.from, to: run.to, days: run.days, count: run.count, required }));
          run = null;
        };
        for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
          const inPost = active.filter((r) => r.record.startDate! <= day && (!r.record.endDate || r.record.endDate >= day));
          const count = rule.fullTimeHead ? inPost.filter((r) => isHead(r.record, params)).length : inPost.length;
          minimum = Math.min(minimum, count);
          if (count < required) {
            if (run && run.count === count) {
              run.to = day;
              run.days++;
            } else {
              close();
              run = { from: day, to: day, count, days: 1 };
            }
          } else close();
        }
        close();
        const metrics = { qualification: level, required, minFullTime: Number.isFinite(minimum) ? minimum : 0, counted: active.length };
        return result(statusFrom(findings), metrics, findings, notes);
      },
    };
  },
};
export default check;

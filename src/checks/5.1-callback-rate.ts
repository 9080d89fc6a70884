// 5.1: callback rate = distinct sold units reached by a callback in the period / units sold by the
// period end ≥ 30% (以上 includes 30%); the sample must cover every project.
import { note, profileFinding, rate, reachedCustomer, result } from './helpers.js';
import type { Check, Finding } from './types.js';
import { homeKey } from '../validate/identifiers.js';

const check: Check = {
  id: '5.1',
  title: { zh: '回访制度与回访率', en: 'Callback system and callback rate' },
  requirement: {
    zh: '售后服务机构必须建立售后服务回访制度，采取抽样方法对消费者进行回访，深入了解消费者对售后服务的满意程度，做好有关记录，回访率应为已售房屋的30%以上。',
    en: 'The organization shall run a callback system, sampling consumers to learn how satisfied they are with the after-sales service, keep records, and call back at least 30% of the homes sold.',
  },
  judged: 'data',
  datasets: ['callbacks', 'units', 'profile'],
  parameters: ['callbackRate'],
  method: {
    zh: '回访率 = 回访日期在审计期间内且不晚于审计日、回访成功（回访状态为已回访或空白）的不重复已售房屋数 ÷ 期末已售房屋数，达到 30%（含 30%）为符合；按项目分别计算，审计期间没有成功回访的项目（有已售房屋）为警告。无已售房源台账时用企业信息 projects 中的已售套数，每个项目计入的回访房屋数不超过其已售套数。回访记录已提供但没有一行时，回访率为 0%。房号写法不同（2号楼1单元401、2#1-401、02-01-0401）而楼栋、单元、户号相同的是同一套房屋；无法分辨楼栋、单元、户号的写法（14-01）只与完全相同的写法匹配。',
    en: 'Callback rate = distinct sold homes reached by a callback (回访状态 已回访 or blank) dated in the period and not after the audit date ÷ homes sold by the period end; 30% or more (30% included) complies. Computed per project too; a project with homes sold and no reached callback in the period is a warning. Without a units ledger, the sold counts of the profile\'s projects are used, and a project\'s reached homes are capped at its units sold. A callback sheet supplied with no row gives a rate of 0%. A home is one home however its 房号 is written (2号楼1单元401, 2#1-401, 02-01-0401: the same building, unit and room); a 房号 that does not say which number is which (14-01) matches only itself.',
  },
  messages: {
    'project-not-sampled': { zh: '项目「{project}」已售 {sold} 套，审计期间没有成功回访。', en: 'Project "{project}": {sold} homes sold, none reached by a callback in the period.' },
    'no-callbacks': { zh: '未提供回访记录。', en: 'No callback sheet supplied.' },
    'no-units': { zh: '需要已售房源台账，或企业信息中各项目的已售套数（projects）。', en: 'Needs the units ledger, or the sold counts of the profile\'s projects.' },
    'none-sold': { zh: '期末没有已售房屋。', en: 'No home sold by the period end.' },
    'from-profile': { zh: '已售套数取自企业信息 projects。', en: 'Homes sold are taken from the profile\'s projects.' },
  },
  remediation: {
    zh: '按已售房屋 30% 以上制订抽样回访计划，覆盖每个项目，并做好回访记录。',
    en: 'Plan sampled callbacks to at least 30% of the homes sold, covering every project, and record them.',
  },
  start: (context) => {
    // Sold units and callback reach live in context.units (one copy for the audit); callbacks to
    // units not in a ledger are counted here for the profile-counts case. The ledger is read before
    // the callbacks, so its size is known here; a ledger with no usable row is no ledger.
    const reachedByProject = new Map<string, Set<string>>();
    return {
      callbacks(record) {
        if (context.units.size > 0 || !record.project || !record.unit || !reachedCustomer(record) || !context.inPeriod(record.date) || context.afterAsOf(record.date)) return;
        let units = reachedByProject.get(record.project);
        if (!units) reachedByProject.set(record.project, (units = new Set()));
        units.add(homeKey(record.unit));
      },
      finish(endContext) {
        if (!endContext.supplied.has('callbacks')) return result('no-data', {}, [], [note('no-callbacks')]);
        const periodEnd = endContext.resolvedPeriod?.to ?? endContext.asOf;
        const perProject = new Map<string, { sold: number; reached: number }>();
        const notes = [];
        if (endContext.supplied.has('units') && endContext.units.size > 0) {
          for (const [project, coverage] of endContext.units.coverage(periodEnd)) perProject.set(project, { ...coverage });
        } else if (endContext.profile?.projects?.length) {
          notes.push(note('from-profile'));
          for (const p of endContext.profile.projects) perProject.set(p.name, { sold: p.unitsSold, reached: Math.min(reachedByProject.get(p.name)?.size ?? 0, p.unitsSold) });
        } else return result('no-data', {}, [], [note('no-units')]);
        let soldTotal = 0;
        let reachedTotal = 0;
        const findings: Finding[] = [];
        const projects: Record<string, number | null> = {};
        for (const [project, { sold: n, reached: r }] of [...perProject].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          soldTotal += n;
          reachedTotal += r;
          projects[project] = rate(r, n);
          if (n > 0 && r === 0) findings.push(profileFinding('5.1', 'warn', 'project-not-sampled', { project, sold: n }));
        }
        const callbackRate = rate(reachedTotal, soldTotal);
        const metrics = { callbackRate, soldUnits: soldTotal, reachedUnits: reachedTotal, threshold: endContext.params.callbackRate, projectRates: projects };
        // Nothing sold by the period end: nothing in scope.
        if (callbackRate === null) return result('not-applicable', metrics, findings, [...notes, note('none-sold')]);
        const status = callbackRate < endContext.params.callbackRate ? 'fail' : findings.length > 0 ? 'warn' : 'pass';
        return result(status, metrics, findings, notes);
      },
    };
  },
};
export default check;

// SPEC §3 "Readings of the rules above": the readings shared by several clauses, each with the
// clauses it concerns. `rules ID` prints those of the clause after its method (which states the
// clause's own readings); a test holds every clause named here to its text.
import type { Bilingual } from '../errors.js';

export interface Reading {
  readonly id: string;
  readonly clauses: readonly string[];
  readonly text: Bilingual;
}

/** The clauses judged from the complaint register. */
const REGISTER = ['3.1.5', '3.1.7', '3.2.2', '3.2.3', '3.2.4', '4.4', '4.6', '4.7', '4.8'];
/** Every clause judged from records. */
const RECORDS = [...REGISTER, '2.2', '2.3', '2.4', '3.1.1', '4.5', '5.1'];

export const READINGS: readonly Reading[] = [
  {
    id: 'scope',
    clauses: ['3.1.5', '3.1.7', '3.2.2', '3.2.3', '3.2.4', '4.4', '4.5', '4.6', '4.7', '4.8', '5.1'],
    text: {
      zh: '范围：依投诉台账判定的条款只看审计期间受理的案件；3.2.4 看审计期间办结的案件；4.5 和 5.1 只计回访日期在审计期间内的回访。',
      en: 'Scope: clauses judged from the complaint register look at cases received in the period; 3.2.4 at cases closed in the period; 4.5 and 5.1 count callbacks dated in the period.',
    },
  },
  {
    id: 'as-of',
    clauses: ['3.1.7', '3.2.2', '3.2.3', '3.2.4', '4.4', '4.5', '4.7', '4.8', '5.1'],
    text: {
      zh: '审计日：审计所站的那一天（--as-of，默认为审计期末与今天中较早的一天）。日期在审计日之后的记录（处理意见、办结、回访）在审计日尚不存在。时限早于审计日为已过；时限在审计日当天为未过（待处理）。',
      en: 'The as-of date is the day the audit looks from (--as-of; by default the period end or today, whichever is earlier). A record dated after it (an opinion, a closing, a callback) did not exist then. A deadline has passed when it is before the as-of date; a deadline on the as-of date is pending.',
    },
  },
  {
    id: 'rows',
    clauses: RECORDS,
    text: {
      zh: '每一行都判定，编号重复的行也不例外（重复编号本身是一条数据质量问题，各条款一视同仁）；某个字段有问题的行，只在需要该字段的条款中不计；缺少经办人、受理时间或处理状态的投诉是 3.2.2 的一条发现。',
      en: 'Every row is judged, a row with a duplicate id too (the duplicate is a data-quality issue, in every clause alike); a row with a broken field is left out only of the checks that need that field; a complaint missing 经办人, 受理时间 or 处理状态 is a 3.2.2 finding.',
    },
  },
  {
    id: 'no-data',
    clauses: RECORDS,
    text: {
      zh: '无数据：未提供的数据，或没有一行可用的投诉台账，使相关条款为"无数据"。已提供但没有一行的回访记录仍算已提供：5.1 回访率为 0%（不符合），3.2.4 回访率为 0%（警告）。条款范围内没有任何记录时为"不适用"。',
      en: 'No data: a dataset not supplied, or a complaint register with no usable row, makes its clauses no-data. A callback sheet that was supplied but holds no row is supplied: 5.1 is 0% and fails, 3.2.4 is 0% and warns. A clause with nothing in scope is not-applicable.',
    },
  },
  {
    id: 'forwarded',
    clauses: ['3.1.7', '4.8'],
    text: {
      zh: '转办案件：受理渠道为主管部门转办或 12345转办的案件，不论类别（投诉、报修、咨询）。审计范围内没有转办案件时，3.1.7 和 4.8 均为"不适用"。',
      en: 'Forwarded cases are cases of any kind (投诉, 报修, 咨询) whose channel is 主管部门转办 or 12345转办. With no forwarded case in scope, 3.1.7 and 4.8 are both not-applicable.',
    },
  },
  {
    id: 'opinion',
    clauses: ['3.2.2', '4.4', '4.7'],
    text: {
      zh: '"有处理意见"（4.4、3.2.2）：处理意见或处理意见时间已填写。4.7 需要处理意见时间：有意见而无时间的，过了时限即为逾期，因为无法证明按时。',
      en: '"Has a handling opinion" (4.4, 3.2.2): 处理意见 or 处理意见时间 is filled. 4.7 needs 处理意见时间: an opinion without a time, once its deadline has passed, is late because its timeliness cannot be shown.',
    },
  },
  {
    id: 'closed',
    clauses: ['3.1.7', '3.2.4', '4.8'],
    text: {
      zh: '"办结"（3.1.7、3.2.4、4.8）：办结时间已填写（不看处理状态）。未填写转办时限的转办案件是 3.1.7 的一条发现；4.8 在案件办结或转办时限已过后适用。',
      en: '"Closed" (3.1.7, 3.2.4, 4.8): 办结时间 is filled (whatever 处理状态 says). A forwarded case with no 转办时限 is a 3.1.7 finding; 4.8 applies once the case is closed or its 转办时限 has passed.',
    },
  },
  {
    id: 'follow-up',
    clauses: ['3.2.4'],
    text: {
      zh: '回访（3.2.4）：关联投诉编号指向该案件、回访到客户（回访状态为已回访或空白）的回访记录，日期不限（但不晚于审计日）；未接通、拒访不算。',
      en: 'A follow-up (3.2.4) is a callback linked by 关联投诉编号 that reached the customer (回访状态 已回访 or blank), of any date (but not after the as-of date); 未接通 and 拒访 do not count.',
    },
  },
  {
    id: 'warranty',
    clauses: ['4.6'],
    text: {
      zh: '保修期（4.6）：至交付日 N 个月后的对应日止（没有对应日的，为该月最后一天）；该日受理仍在期内；不因节假日顺延；供热供冷的"一个采暖期"为交付日之后开始的第一个完整采暖季；交付之前受理的案件不属 4.6。',
      en: 'Warranty (4.6): the period ends on the corresponding day N months after delivery (the last day of the month when there is none); a receipt on that day is inside; no holiday extension; the heating or cooling season is the first full season that begins after the delivery day; a case received before delivery is outside 4.6.',
    },
  },
  {
    id: 'staffing',
    clauses: ['2.4'],
    text: {
      zh: '人员（2.4）：计入的是售后服务机构所属部门的专职人员；minFullTime 为审计期间任一天的最少人数（四级、暂定：专职负责人人数）；每条人数不足的发现是人数相同的一段连续日期。',
      en: 'Staffing (2.4): counted staff are 专职 members of the organization\'s department; minFullTime is the fewest on any day of the period (for 四级/暂定: full-time heads); a shortfall finding is a run of days with the same count.',
    },
  },
  {
    id: 'callback-rate',
    clauses: ['5.1'],
    text: {
      zh: '回访率（5.1）："无回访"的项目是审计期间没有一次成功回访的项目；只有企业信息中的已售套数时，每个项目计入的回访房屋数不超过其已售套数。',
      en: 'Callback rate (5.1): a project "without callback" has no reached callback in the period; with only profile counts, a project\'s reached homes are capped at its units sold.',
    },
  },
];

export const readingsOf = (clause: string): readonly Reading[] => READINGS.filter((r) => r.clauses.includes(clause));

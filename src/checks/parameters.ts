// Thresholds and definitions of the rule pack: defaults from SPEC and DOMAIN, changed by the config
// file's `parameters`, printed in every report.
import type { Bilingual } from '../errors.js';

export type Qualification = '一级' | '二级' | '三级' | '四级' | '暂定';

export interface StaffingRule {
  /** Full-time staff of the organization required on every day. */
  readonly fullTime: number;
  /** Whether a full-time head (经理/负责人) is required on every day. */
  readonly fullTimeHead: boolean;
}

export interface Parameters {
  readonly responseWorkingDays: number;
  readonly handlingRate: number;
  readonly satisfactionRate: number;
  readonly satisfiedGrades: readonly string[];
  readonly strictGrades: readonly string[];
  readonly callbackRate: number;
  readonly forwardedChannels: readonly string[];
  readonly staffing: Readonly<Record<Qualification, StaffingRule>>;
  readonly headRoles: readonly string[];
  readonly localAgentLevels: readonly Qualification[];
  readonly heatingSeason: { readonly start: string; readonly end: string };
  readonly warrantyMonths: Readonly<Record<string, number | 'season' | null>>;
  readonly findingsListed: number;
}

export type ParameterName = keyof Parameters;

export const DEFAULT_PARAMETERS: Parameters = {
  responseWorkingDays: 3,
  handlingRate: 1,
  satisfactionRate: 0.9,
  satisfiedGrades: ['非常满意', '满意', '较满意', '基本满意', '4', '5'],
  strictGrades: ['非常满意', '满意', '5'],
  callbackRate: 0.3,
  forwardedChannels: ['主管部门转办', '12345转办'],
  staffing: {
    一级: { fullTime: 3, fullTimeHead: false },
    二级: { fullTime: 3, fullTimeHead: false },
    三级: { fullTime: 3, fullTimeHead: false },
    四级: { fullTime: 1, fullTimeHead: true },
    暂定: { fullTime: 1, fullTimeHead: true },
  },
  headRoles: ['经理', '负责人', '主任'],
  localAgentLevels: ['一级', '二级', '三级'],
  heatingSeason: { start: '11-16', end: '04-05' },
  // Statutory minimum periods from delivery (months; 'season' = one heating season; null = as agreed).
  warrantyMonths: {
    地基主体结构: 600,
    屋面防水: 36,
    渗漏: 12,
    抹灰脱落: 12,
    地面空鼓开裂: 12,
    门窗五金: 12,
    管道堵塞: 2,
    供热供冷: 'season',
    卫生洁具: 12,
    灯具电器开关: 6,
    其他: null,
  },
  findingsListed: 100_000,
};

export const PARAMETER_TEXT: Readonly<Record<ParameterName, Bilingual>> = {
  responseWorkingDays: { zh: '投诉处理意见时限（工作日）', en: 'working days to give a handling opinion' },
  handlingRate: { zh: '投诉处理率要求', en: 'required complaint handling rate' },
  satisfactionRate: { zh: '满意率要求（以上，含本数）', en: 'required satisfaction rate (inclusive)' },
  satisfiedGrades: { zh: '计为满意的评价', en: 'answers counted as satisfied' },
  strictGrades: { zh: '严格口径的满意评价', en: 'answers counted as satisfied in the strict rate' },
  callbackRate: { zh: '回访率要求（以上，含本数）', en: 'required callback rate (inclusive)' },
  forwardedChannels: { zh: '视为主管部门转办的受理渠道', en: 'channels that mark a forwarded complaint' },
  staffing: { zh: '各资质等级的专职人员要求', en: 'full-time staff required by qualification level' },
  headRoles: { zh: '表示机构负责人的岗位用词', en: 'post words that mark the head of the organization' },
  localAgentLevels: { zh: '可受托代管的本地企业资质', en: 'qualification levels a local agent may hold' },
  heatingSeason: { zh: '青岛供暖季（月-日）', en: 'Qingdao heating season (month-day)' },
  warrantyMonths: { zh: '法定最低保修期（月，自交付之日起）', en: 'statutory minimum warranty periods (months from delivery)' },
  findingsListed: { zh: '每个条款最多列出的发现数', en: 'findings listed per clause at most' },
};

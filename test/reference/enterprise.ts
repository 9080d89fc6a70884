// Random enterprises for the reference comparison: records as the generator means them (what the
// reference judges) and the files an enterprise would send (what the audit reads). The cases lean
// on the readings SPEC §3 fixed: records dated after the as-of day, opinions without a time,
// forwarded cases of every kind, unreached follow-ups, repairs before delivery, holidays and
// make-up days of 2024-2026, duplicate ids.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isWorkingDay, nthWorkingDayAfter, plusDays, plusMonths, toDay, toMs } from './calendar.js';
import type { Callback, Case, Enterprise, Unit } from './clauses.js';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROJECTS = ['海岸华庭', '山语城', '金沙湾', '银海苑'];
const HANDLERS = ['李娜', '赵强', '陈晓', '王建国'];
const CATEGORIES = ['渗漏', '门窗五金', '地面空鼓开裂', '抹灰脱落', '管道堵塞', '灯具电器开关', '卫生洁具', '供热供冷', '屋面防水', '其他'];
const GRADES = ['非常满意', '满意', '较满意', '基本满意', '一般', '不满意', '5', '4', '3'];

export interface Generated {
  enterprise: Enterprise;
  messy: boolean;
  /** The complaint register as a workbook rather than a CSV. */
  xlsx: boolean;
}

export function generate(seed: number): Generated {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number): boolean => r() < p;
  const int = (a: number, b: number): number => a + Math.floor(r() * (b - a + 1));
  const messy = chance(0.5);
  const xlsx = chance(0.35);

  const year = pick([2024, 2025, 2026]);
  const half = chance(0.3);
  const from = half && chance(0.5) ? `${year}-07-01` : `${year}-01-01`;
  const to = half && from.endsWith('01-01') ? `${year}-06-30` : `${year}-12-31`;
  const asOfChoice = r();
  // The as-of day: the period end (the common case), inside the period, or a little after it.
  const asOf = asOfChoice < 0.5 ? to : asOfChoice < 0.75 ? plusDays(to, -int(1, 40)) : year === 2026 ? to : plusDays(to, int(1, 20));
  const inRange = (a: string, b: string): string => toDay(toMs(a) + Math.floor(r() * (toMs(b) - toMs(a) + 86_400_000)));
  const clamp = (d: string): string => (d > '2026-12-20' ? '2026-12-20' : d < '2024-01-02' ? '2024-01-02' : d);
  const stamp = (d: string): string => `${d} ${String(int(8, 19)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}`;

  const projects = PROJECTS.slice(0, int(2, 4));
  const units: Unit[] = [];
  for (const project of projects) {
    const n = int(8, 30);
    for (let i = 0; i < n; i++) {
      const unit = `${int(1, 6)}-${int(1, 3)}-${int(1, 18)}0${int(1, 4)}`;
      if (units.some((u) => u.project === project && u.unit === unit)) continue;
      const soldAt = chance(0.1) ? plusDays(to, int(1, 60)) : inRange('2024-01-02', to);
      const deliveredAt = chance(0.15) ? null : clamp(plusDays(soldAt, int(-30, 400)));
      units.push({ project, unit, soldAt: clamp(soldAt), deliveredAt: deliveredAt && deliveredAt > clamp(soldAt) ? deliveredAt : clamp(soldAt) });
    }
  }

  const cases: Case[] = [];
  const n = int(25, 90);
  for (let i = 0; i < n; i++) {
    const kind = pick(['投诉', '投诉', '投诉', '投诉', '报修', '报修', '咨询'] as const);
    const channel = chance(0.12) ? '主管部门转办' : chance(0.1) ? '12345转办' : pick(['来电', '来访', '网络', '来函']);
    const received = clamp(inRange(plusDays(from, -8), plusDays(to, 8)));
    const due = nthWorkingDayAfter(received, 3);
    // The opinion: on time (often on the deadline itself), late, missing, or after the as-of day.
    const o = r();
    let opinionDay: string | null;
    if (o < 0.45) opinionDay = chance(0.3) ? due : plusDays(received, int(0, 2));
    else if (o < 0.7) opinionDay = plusDays(due, int(1, 15));
    else if (o < 0.8) opinionDay = plusDays(asOf, int(1, 10));
    else opinionDay = null;
    if (opinionDay) opinionDay = clamp(opinionDay);
    const shape = r();
    const opinionAt = opinionDay && shape > 0.08 ? stamp(opinionDay) : null;
    const opinion = opinionDay && shape > 0.16 ? pick(['已安排维修人员上门', '已联系业主说明情况', '已派单处理']) : opinionDay && shape <= 0.08 ? '已处理' : null;
    const closedAt = opinionDay && chance(0.7) ? stamp(clamp(plusDays(opinionDay, int(0, 25)))) : null;
    const forwarded = channel.endsWith('转办');
    const unit = chance(0.85) ? pick(units) : null;
    const project = unit ? unit.project : pick(projects);
    const category = kind === '咨询' ? null : pick(CATEGORIES);
    const deliveredAt = unit?.deliveredAt ?? null;
    const warranty = kind === '咨询' ? null : chance(0.2) ? '超出保修期' : chance(0.5) ? '保修期内' : '不适用';
    const escalated = chance(0.06) ? '是' : chance(0.5) ? '否' : null;
    cases.push({
      id: `TS${year}-${String(i + 1).padStart(4, '0')}`,
      row: 0,
      project,
      unit: unit ? unit.unit : null,
      kind,
      channel,
      category,
      receivedAt: stamp(received),
      opinion,
      opinionAt,
      closedAt,
      status: chance(0.03) ? null : closedAt ? '已办结' : opinionAt ? '处理中' : '待处理',
      handler: chance(0.03) ? null : pick(HANDLERS),
      warranty: deliveredAt && warranty === '超出保修期' && chance(0.3) ? '超出保修期' : warranty,
      referralDue: forwarded && chance(0.9) ? clamp(plusDays(received, int(3, 20))) : null,
      repliedInPersonAt: forwarded && chance(0.8) ? stamp(clamp(plusDays(received, int(1, 25)))) : null,
      writtenReport: forwarded && chance(0.85) ? `BG-${i + 1}` : null,
      escalated,
      escalationCause: escalated === '是' ? pick(['企业原因', '其他']) : null,
    });
  }
  // A duplicate id: both rows are judged (SPEC §3); the duplicate is a data-quality issue.
  if (chance(0.3) && cases.length > 3) cases.push({ ...cases[int(0, cases.length - 1)]!, receivedAt: stamp(clamp(inRange(from, to))) });

  const callbacks: Callback[] = [];
  let cb = 0;
  const reached = (): Callback['reached'] => pick(['已回访', '已回访', '已回访', null, '未接通', '拒访'] as const);
  for (const c of cases) {
    if (!c.closedAt || chance(0.25)) continue;
    const date = clamp(plusDays(c.closedAt.slice(0, 10), int(0, 30)));
    const status = reached();
    callbacks.push({
      id: `HF${year}-${String(++cb).padStart(4, '0')}`, row: 0, project: c.project, unit: c.unit ?? pick(units).unit, date, reached: status,
      satisfaction: status === '未接通' || status === '拒访' ? null : chance(0.9) ? pick(GRADES) : null, complaintId: c.id,
    });
  }
  const sampled = Math.floor(units.length * (0.1 + r() * 0.5));
  for (let i = 0; i < sampled; i++) {
    const u = pick(units);
    const status = reached();
    callbacks.push({
      id: `HF${year}-${String(++cb).padStart(4, '0')}`, row: 0, project: u.project, unit: u.unit, date: clamp(inRange(plusDays(from, -15), plusDays(to, 15))), reached: status,
      satisfaction: status === '未接通' || status === '拒访' ? null : pick(GRADES.slice(0, chance(0.7) ? 4 : GRADES.length)), complaintId: null,
    });
  }
  return { enterprise: { from, to, asOf, cases, callbacks, units }, messy, xlsx };
}

// ---------------------------------------------------------------------------------------------
// Writing the files as an enterprise's export would hold them.

const COMPLAINT_HEADERS = ['编号', '项目名称', '房号', '受理渠道', '类别', '问题分类', '受理时间', '处理意见', '处理意见时间', '办结时间', '处理状态', '经办人', '保修判定', '转办时限', '面复时间', '书面报告', '是否越级投诉', '越级原因'];
/** Headers as real registers name them (SPEC §2's aliases), for the messy files. */
const ALIASES: Record<string, string[]> = {
  编号: ['编号', '投诉编号', '工单号'],
  受理时间: ['受理时间', '投诉时间', '登记时间', '来电时间', '反映时间'],
  处理意见时间: ['处理意见时间', '答复时间', '回复时间'],
  办结时间: ['办结时间', '结案时间', '完成时间'],
  经办人: ['经办人', '受理人', '处理人'],
};

/** One home written the ways registers write it (2-1-401 is building 2, entrance 1, room 401). */
export function unitText(unit: string, r: () => number): string {
  const [b, u, room] = unit.split('-') as [string, string, string];
  const shapes = [unit, `${b}号楼${u}单元${room}`, `${b}#${u}-${room}`, `${b}栋${u}单元${room}室`, `${b}幢${u}单元${room}`, `0${b}-0${u}-0${room}`];
  return shapes[Math.floor(r() * shapes.length)]!;
}
const STAFF_CSV = [
  '工号,姓名,岗位,所属部门,用工性质,直接上级,到岗日期,离岗日期',
  'KF001,王建国,客服中心经理,客户服务中心,专职,周志强,2019-03-01,',
  'KF002,李娜,客服专员,客户服务中心,专职,王建国,2020-06-15,',
  'KF003,赵强,维修专员,客户服务中心,专职,王建国,2021-09-01,',
  'KF004,陈晓,客服专员,客户服务中心,专职,王建国,2022-01-01,',
  'ZJ001,周志强,总经理,总经理办公室,专职,,2015-01-01,',
];

const csvCell = (v: string | null): string => (v === null ? '' : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A date in one of the shapes enterprises type (messy) or ISO. */
function dateText(value: string | null, r: () => number, messy: boolean): string | null {
  if (value === null || !messy) return value;
  const [y, m, d] = [value.slice(0, 4), +value.slice(5, 7), +value.slice(8, 10)];
  const time = value.length > 10 ? value.slice(11) : null;
  const shapes = [`${y}-${value.slice(5, 7)}-${value.slice(8, 10)}`, `${y}/${m}/${d}`, `${y}.${m}.${d}`, `${y}年${m}月${d}日`];
  const date = shapes[Math.floor(r() * shapes.length)]!;
  if (!time) return date;
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const times = [time, `${hh}时${mm}分`, hh < 12 ? `上午${hh}:${String(mm).padStart(2, '0')}` : `下午${hh === 12 ? 12 : hh - 12}:${String(mm).padStart(2, '0')}`];
  const t = times[Math.floor(r() * times.length)]!;
  // Without a space only where nothing is ambiguous: after 日, or before 上午/下午 (2025.3.514:32 is
  // not a date anyone can read).
  const joined = date.endsWith('日') || /^[上下]/.test(t);
  return joined && r() < 0.4 ? `${date}${t}` : `${date} ${t}`;
}

/** A date-time cell of a workbook: Excel stores China wall-clock time, so build it in UTC. */
function dateCell(value: string | null): Date | null {
  if (value === null) return null;
  return new Date(Date.UTC(+value.slice(0, 4), +value.slice(5, 7) - 1, +value.slice(8, 10), +(value.slice(11, 13) || 0), +(value.slice(14, 16) || 0)));
}

export async function writeEnterprise(dir: string, g: Generated, seed: number): Promise<void> {
  const { enterprise: e, messy, xlsx } = g;
  const r = rng(seed ^ 0x5eed);
  mkdirSync(dir, { recursive: true });
  const bom = '\uFEFF';
  // Clean workbooks hold date cells; messy ones (and every CSV) dates as text in many shapes.
  const when = (v: string | null): string | Date | null => (xlsx && !messy ? dateCell(v) : dateText(v, r, messy));
  const rows: (string | Date | null)[][] = [];
  if (messy) rows.push([`${e.from.slice(0, 4)}年度客户投诉台账`]);
  rows.push(COMPLAINT_HEADERS.map((h) => (messy && ALIASES[h] ? ALIASES[h][Math.floor(r() * ALIASES[h].length)]! : h)));
  for (const c of e.cases) {
    if (messy && r() < 0.05) rows.push([]);
    c.row = rows.length + 1;
    rows.push([c.id, c.project, c.unit && messy ? unitText(c.unit, r) : c.unit, c.channel, c.kind, c.category, when(c.receivedAt), c.opinion, when(c.opinionAt), when(c.closedAt), c.status, c.handler, c.warranty, when(c.referralDue), when(c.repliedInPersonAt), c.writtenReport, c.escalated, c.escalationCause]);
  }
  if (xlsx) {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('投诉台账');
    for (const row of rows) sheet.addRow(row.map((v) => v ?? null));
    await book.xlsx.writeFile(join(dir, '投诉台账.xlsx'));
  } else {
    writeFileSync(join(dir, '投诉台账.csv'), bom + rows.map((row) => row.map((v) => csvCell(v as string | null)).join(',')).join('\r\n') + '\r\n');
  }

  const cbLines = ['回访编号,项目名称,房号,回访日期,回访方式,回访人,回访状态,满意度,关联投诉编号'];
  for (const b of e.callbacks) {
    b.row = cbLines.length + 1;
    cbLines.push([b.id, b.project, messy ? unitText(b.unit, r) : b.unit, dateText(b.date, r, messy), '电话', '李娜', b.reached, b.satisfaction, b.complaintId].map(csvCell).join(','));
  }
  writeFileSync(join(dir, '回访记录.csv'), bom + cbLines.join('\r\n') + '\r\n');

  const unitLines = ['项目名称,房号,签约日期,交付日期'];
  for (const u of e.units) unitLines.push([u.project, u.unit, dateText(u.soldAt, r, messy), dateText(u.deliveredAt, r, messy)].map(csvCell).join(','));
  writeFileSync(join(dir, '已售房源台账.csv'), bom + unitLines.join('\r\n') + '\r\n');
  writeFileSync(join(dir, '人员花名册.csv'), bom + STAFF_CSV.join('\r\n') + '\r\n');

  writeFileSync(
    join(dir, 'profile.yaml'),
    [
      'enterprise:',
      '  name: 青岛参照置业有限公司',
      '  uscc: 91350100M000100Y43',
      '  qualification: 二级',
      '  registeredIn: 青岛',
      '  generalManager: 周志强',
      'organization:',
      '  name: 客户服务中心',
      '  independent: true',
      '  establishedAt: 2019-03-01',
      '  filing: { number: 青房售服备〔2019〕017号, date: 2019-03-15 }',
      '  announcement: { date: 2019-03-20, channel: 青岛日报 }',
      '  hotline: 0532-88886666',
      '  fund: { amount: 800000, account: 售后服务专项资金账户 }',
      `period: { from: ${e.from}, to: ${e.to} }`,
      '',
    ].join('\n'),
  );
}

export { isWorkingDay, plusMonths };

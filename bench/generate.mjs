#!/usr/bin/env node
// Writes a synthetic enterprise of N complaints (CSV, XLSX or both) with staff, callbacks, units and
// realistic Chinese content, and a known number of planted violations per clause, listed in
// planted.json beside the data.
//
//   node bench/generate.mjs --complaints 100000 --out bench/data/100k --format csv
//
// Deterministic for a given seed. Streams its output, so a million rows take little memory.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';

const PROJECTS = ['海岸华庭', '山语城', '金沙湾', '银海苑', '翠湖居'];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '文', '志强', '海燕'];
const CATEGORIES = ['渗漏', '门窗五金', '地面空鼓开裂', '抹灰脱落', '管道堵塞', '灯具电器开关', '卫生洁具', '供热供冷', '屋面防水', '其他'];
const DESCRIPTIONS = [
  '卫生间顶棚渗水，墙面发霉，要求尽快维修',
  '入户门锁损坏，无法正常开关，影响出行',
  '客厅地面空鼓，踩上去有响声，担心开裂',
  '阳台顶棚抹灰脱落，存在安全隐患',
  '厨房下水堵塞，反复疏通无效',
  '客厅开关面板失灵，照明无法使用',
  '马桶底座漏水，地面长期潮湿',
  '暖气不热，室温只有十四度',
  '顶层屋面漏雨，卧室吊顶被泡',
  '小区道路积水严重，雨天无法通行',
];
const STAFF = [
  ['KF001', '王建国', '客服中心经理', '客户服务中心', '专职', '周志强', '2019-03-01', '', '13805321234'],
  ['KF002', '李娜', '客服专员', '客户服务中心', '专职', '王建国', '2020-06-15', '', '13905322345'],
  ['KF003', '赵强', '维修专员', '客户服务中心', '专职', '王建国', '2021-09-01', '', '0532-88886667'],
  ['KF004', '陈晓', '客服专员', '客户服务中心', '专职', '王建国', '2022-01-01', '', '15105323456'],
  ['KF005', '孙丽', '客服专员', '客户服务中心', '兼职', '王建国', '2022-03-01', '', '18605324567'],
  ['ZJ001', '周志强', '总经理', '总经理办公室', '专职', '', '2015-01-01', '', '13705320001'],
];
const HANDLERS = ['李娜', '赵强', '陈晓', '王建国'];
const DAY = 86_400_000;

function args() {
  const a = process.argv.slice(2);
  const get = (name, fallback) => {
    const i = a.indexOf(`--${name}`);
    return i >= 0 ? a[i + 1] : fallback;
  };
  return { complaints: Number(get('complaints', '10000')), out: get('out', 'bench/data/10k'), format: get('format', 'csv'), seed: Number(get('seed', '7')) };
}

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const stamp = (ms) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const quote = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** How many of each violation are planted among n complaints: at least one of each when n ≥ 2,000. */
export function plan(n) {
  return {
    late: Math.max(1, Math.floor(n / 100)), // 4.7: opinion two weeks after receipt
    unhandled: Math.max(1, Math.floor(n / 1000)), // 4.4: no opinion at all (also late in 4.7, 3.2.2)
    escalations: Math.max(1, Math.floor(n / 2000)), // 3.1.5: caused by the enterprise
    wrongRefusals: Math.max(1, Math.floor(n / 5000)), // 4.6: a leak refused within a year of delivery
    noWrittenReport: Math.max(1, Math.floor(n / 4000)), // 4.8: forwarded, closed, no written report
    forwardedLate: Math.max(1, Math.floor(n / 4000)), // 3.1.7: closed after the due date
    noFollowUp: Math.max(1, Math.floor(n / 500)), // 3.2.4: closed complaint without a callback
    invalidDates: Math.max(1, Math.floor(n / 10000)), // data quality: 2025-02-30
    unknownHandlers: Math.max(1, Math.floor(n / 10000)), // data quality: handler not on the roster
  };
}

/**
 * Writes the enterprise. Every complaint is kind 投诉 received in 2025 on a working day, so the
 * planted counts are exact: on-time opinions are given the same day, late ones 14 days later
 * (more than three working days after any receipt, holidays included).
 */
export async function generate({ complaints: n, out, format, seed }) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const person = () => pick(SURNAMES) + pick(GIVEN);
  mkdirSync(out, { recursive: true });
  const counts = plan(n);
  const unitsPerProject = Math.max(20, Math.ceil(n / 4 / PROJECTS.length));
  const delivered = '2024-06-30';

  const staffRows = [['工号', '姓名', '岗位', '所属部门', '用工性质', '直接上级', '到岗日期', '离岗日期', '联系电话'], ...STAFF];
  writeFileSync(join(out, '人员花名册.csv'), `\uFEFF${staffRows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`);

  const unitRows = [['项目名称', '房号', '签约日期', '交付日期', '业主姓名']];
  const unitList = Array.from({ length: unitsPerProject }, (_, i) => `${1 + Math.floor(i / 36)}-${1 + (i % 2)}-${pad(1 + Math.floor((i % 36) / 2))}0${1 + (i % 2)}`);
  const unitsOf = () => unitList;
  for (const p of PROJECTS) for (const u of unitsOf(p)) unitRows.push([p, u, '2023-05-01', delivered, person()]);
  writeFileSync(join(out, '已售房源台账.csv'), `${unitRows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`);

  // Working days of 2025 between March and November, outside the holiday weeks, as receipt days.
  const days = [];
  for (let t = Date.UTC(2025, 2, 3); t < Date.UTC(2025, 10, 28); t += DAY) {
    const d = new Date(t);
    const w = d.getUTCDay();
    const iso = day(t);
    if (w === 0 || w === 6 || (iso >= '2025-04-04' && iso <= '2025-04-06') || (iso >= '2025-05-01' && iso <= '2025-05-05') || (iso >= '2025-05-31' && iso <= '2025-06-02') || (iso >= '2025-10-01' && iso <= '2025-10-08')) continue;
    days.push(t);
  }

  const header = ['编号', '项目名称', '房号', '客户姓名', '联系电话', '受理渠道', '类别', '问题分类', '问题描述', '受理时间', '处理意见时间', '处理意见', '办结时间', '处理结果', '处理状态', '经办人', '保修判定', '转办单号', '转办时限', '面复时间', '书面报告', '是否越级投诉', '越级原因'];
  // Which complaint carries which planted violation: spread evenly through the file.
  const slots = new Map();
  let next = 0;
  const every = (count, kind) => {
    for (let i = 0; i < count; i++) slots.set(next++ * 7 + 3, kind);
  };
  every(counts.late, 'late');
  every(counts.unhandled, 'unhandled');
  every(counts.escalations, 'escalation');
  every(counts.wrongRefusals, 'wrongRefusal');
  every(counts.noWrittenReport, 'noWrittenReport');
  every(counts.forwardedLate, 'forwardedLate');
  every(counts.noFollowUp, 'noFollowUp');
  every(counts.invalidDates, 'invalidDate');
  every(counts.unknownHandlers, 'unknownHandler');
  if (next * 7 + 3 > n) throw new Error(`too few complaints (${n}) for the planted violations`);

  const callbacks = [['回访编号', '项目名称', '房号', '回访日期', '回访方式', '回访人', '回访状态', '满意度', '关联投诉编号', '客户意见']];
  let callbackNo = 0;
  const writer = format === 'csv' || format === 'both' ? createWriteStream(join(out, '投诉台账.csv')) : null;
  const write = async (line) => {
    if (writer && !writer.write(line)) await once(writer, 'drain');
  };
  await write(`${header.join(',')}\r\n`);
  const callbackWriter = createWriteStream(join(out, '回访记录.csv'));
  const writeCallback = async (row) => {
    if (!callbackWriter.write(`${row.map(quote).join(',')}\r\n`)) await once(callbackWriter, 'drain');
  };
  await writeCallback(callbacks[0]);

  const xlsxRows = format === 'xlsx' || format === 'both' ? [] : null;
  let xlsxWriter = null;
  let xlsxSheet = null;
  if (xlsxRows) {
    const { default: ExcelJS } = await import('exceljs');
    xlsxWriter = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(out, '投诉台账.xlsx'), useSharedStrings: true, useStyles: false });
    xlsxSheet = xlsxWriter.addWorksheet('投诉台账');
    xlsxSheet.addRow(['2025年度客户投诉台账']).commit();
    xlsxSheet.addRow(header).commit();
  }

  for (let i = 0; i < n; i++) {
    const kind = slots.get(i) ?? 'ok';
    const project = PROJECTS[i % PROJECTS.length];
    const units = unitsOf(project);
    const unit = units[Math.floor(i / PROJECTS.length) % units.length];
    // A wrong refusal is planted inside the one-year leak warranty (delivered 2024-06-30).
    const receivedDay = kind === 'wrongRefusal' ? days[i % 40] : days[i % days.length];
    const received = receivedDay + (8 + (i % 9)) * 3_600_000 + (i % 60) * 60_000;
    const category = CATEGORIES[i % CATEGORIES.length];
    const description = DESCRIPTIONS[i % DESCRIPTIONS.length];
    const forwarded = kind === 'noWrittenReport' || kind === 'forwardedLate';
    const channel = forwarded ? '主管部门转办' : i % 11 === 0 ? '来访' : '来电';
    let opinion = received + 2 * 3_600_000;
    if (kind === 'late') opinion = received + 14 * DAY;
    const closed = kind === 'unhandled' ? null : opinion + DAY;
    const due = forwarded ? received + 10 * DAY : null;
    const closedAt = kind === 'forwardedLate' ? due + 2 * DAY : closed;
    let receivedText = stamp(received);
    if (kind === 'invalidDate') receivedText = '2025-02-30 10:00';
    const id = `TS${pad(i + 1, 7)}`;
    const row = [
      id, project, unit, person(), `13${pad(i % 100_000_000, 9)}`.slice(0, 11), channel, '投诉', kind === 'wrongRefusal' ? '渗漏' : category, description,
      receivedText, kind === 'unhandled' ? '' : stamp(opinion), kind === 'unhandled' ? '' : '安排维修人员上门处理', closedAt === null ? '' : stamp(closedAt),
      closedAt === null ? '' : '已维修完毕', kind === 'unhandled' ? '处理中' : '已办结', kind === 'unknownHandler' ? '钱多多' : HANDLERS[i % HANDLERS.length],
      kind === 'wrongRefusal' ? '超出保修期' : '保修期内', forwarded ? `ZB${i}` : '', due === null ? '' : day(due), forwarded ? stamp(received + DAY) : '',
      kind === 'noWrittenReport' ? '' : forwarded ? `BG${i}` : '', kind === 'escalation' ? '是' : '否', kind === 'escalation' ? '企业原因' : '',
    ];
    if (kind === 'wrongRefusal') row[16] = '超出保修期';
    await write(`${row.map(quote).join(',')}\r\n`);
    if (xlsxSheet) xlsxSheet.addRow(row).commit();
    // Follow-up callbacks for closed complaints (all but the planted ones), satisfied 19 times in 20.
    if (closedAt !== null && kind !== 'noFollowUp') {
      callbackNo++;
      await writeCallback([`HF${pad(callbackNo, 7)}`, project, unit, day(closedAt + 2 * DAY), '电话', '李娜', '已回访', callbackNo % 20 === 0 ? '一般' : '满意', id, '']);
    }
  }
  if (writer) {
    writer.end();
    await once(writer, 'finish');
  }
  callbackWriter.end();
  await once(callbackWriter, 'finish');
  if (xlsxWriter) {
    xlsxSheet.addRow(['合计', `${n} 件`]).commit();
    xlsxSheet.commit();
    await xlsxWriter.commit();
  }

  writeFileSync(
    join(out, 'profile.yaml'),
    `enterprise:\n  name: 青岛基准测试置业有限公司\n  qualification: 二级\n  registeredIn: 青岛\n  generalManager: 周志强\norganization:\n  name: 客户服务中心\n  independent: true\n  filing: { number: 青房售服备〔2019〕001号, date: 2019-03-15 }\n  announcement: { date: 2019-03-20 }\n  hotline: 0532-88886666\n  fund: { amount: 500000 }\nperiod: { from: 2025-01-01, to: 2025-12-31 }\n`,
  );
  // What the audit must find, clause by clause (finding counts), and the data-quality issues.
  const expected = {
    '3.1.5': counts.escalations,
    '3.1.7': counts.forwardedLate,
    '3.2.2': counts.unhandled + counts.invalidDates,
    '3.2.4': counts.noFollowUp,
    '4.4': counts.unhandled,
    '4.6': counts.wrongRefusals,
    '4.7': counts.late + counts.unhandled,
    '4.8': counts.noWrittenReport,
    dataQuality: counts.invalidDates + counts.unknownHandlers,
  };
  const planted = { complaints: n, callbacks: callbackNo, units: PROJECTS.length * unitsPerProject, planted: counts, expected };
  writeFileSync(join(out, 'planted.json'), `${JSON.stringify(planted, null, 2)}\n`);
  return planted;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = args();
  const planted = await generate(options);
  console.log(JSON.stringify(planted));
}

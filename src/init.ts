// `init`: templates an inspector hands to an enterprise. One workbook per dataset (Chinese headers,
// drop-down lists for every enumeration, an instructions sheet) and a profile.yaml commented in
// Chinese. With --sample they carry a small consistent example that passes `validate`.
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { datasets, type ColumnDef } from './datasets.js';
import { writeOutputs, type OutputFile } from './write-output.js';
import { DATASETS, type DatasetName } from './model.js';
import { WARRANTY_CLASSES } from './checks/warranty.js';

export const TEMPLATE_FILES: Readonly<Record<DatasetName, string>> = {
  staff: '人员花名册.xlsx',
  units: '已售房源台账.xlsx',
  complaints: '投诉台账.xlsx',
  callbacks: '回访记录.xlsx',
};

const SHEET_NAMES: Readonly<Record<DatasetName, string>> = {
  staff: '人员花名册',
  units: '已售房源台账',
  complaints: '投诉台账',
  callbacks: '回访记录',
};

/** The last row of a worksheet: drop-downs cover the whole column below the header. */
const LAST_ROW = 1_048_576;

const KIND_HELP: Readonly<Record<ColumnDef['kind'], string>> = {
  id: '文本（编号）',
  text: '文本',
  freetext: '文本（可多行）',
  enum: '从下拉列表选择',
  date: '日期，如 2025-03-05',
  datetime: '日期时间，如 2025-03-05 14:30（可只填日期）',
  phone: '电话：手机 11 位，座机如 0532-88886666，或 400/800 号码',
};

/** Help for a column more specific than its kind's. */
const COLUMN_HELP: Readonly<Record<string, string>> = {
  unit: '房号：楼栋-单元-房间，如 2-1-401（2 号楼 1 单元 401 室）；也可写 2号楼1单元401 或 2#1-401，无单元写 5#302',
  category: `保修问题的分类，从下拉列表选择：${WARRANTY_CLASSES.join('、')}；咨询等可留空`,
};

const helpOf = (column: ColumnDef): string => COLUMN_HELP[column.key] ?? KIND_HELP[column.kind];

/** A small enterprise whose records agree across files. */
export const SAMPLE_ROWS: Readonly<Record<DatasetName, readonly Readonly<Record<string, string>>[]>> = {
  staff: [
    { id: 'KF001', name: '王建国', role: '客服中心经理', department: '客户服务中心', employment: '专职', reportsTo: '周志强', startDate: '2019-03-01', phone: '13805321234' },
    { id: 'KF002', name: '李娜', role: '客服专员', department: '客户服务中心', employment: '专职', reportsTo: '王建国', startDate: '2020-06-15', phone: '13905322345' },
    { id: 'KF003', name: '赵强', role: '维修专员', department: '客户服务中心', employment: '专职', reportsTo: '王建国', startDate: '2021-09-01', phone: '0532-88886667' },
  ],
  units: [
    { project: '海岸华庭', unit: '1-1-101', soldAt: '2022-05-10', deliveredAt: '2024-06-30', owner: '张伟' },
    { project: '海岸华庭', unit: '1-1-102', soldAt: '2022-05-12', deliveredAt: '2024-06-30', owner: '刘芳' },
    { project: '海岸华庭', unit: '2-1-301', soldAt: '2022-07-03', deliveredAt: '2024-06-30', owner: '陈静' },
  ],
  complaints: [
    {
      id: 'TS2025001', project: '海岸华庭', unit: '1-1-101', customer: '张伟', phone: '13612345678', channel: '来电', kind: '投诉', category: '渗漏',
      description: '卫生间顶棚渗水', receivedAt: '2025-03-05 09:30', opinionAt: '2025-03-06 16:00', opinion: '安排维修人员上门查看并维修',
      closedAt: '2025-03-10 17:00', result: '已更换防水层', status: '已办结', handler: '李娜', warranty: '保修期内', escalated: '否',
    },
    {
      id: 'TS2025002', project: '海岸华庭', unit: '1-1-102', customer: '刘芳', phone: '13712345678', channel: '来访', kind: '咨询',
      description: '咨询物业费缴纳方式', receivedAt: '2025-04-02 10:00', opinionAt: '2025-04-02 10:20', opinion: '已告知缴费方式',
      closedAt: '2025-04-02 10:20', status: '已办结', handler: '李娜',
    },
    {
      id: 'TS2025003', project: '海岸华庭', unit: '2-1-301', customer: '陈静', phone: '15012345678', channel: '主管部门转办', kind: '投诉', category: '门窗五金',
      description: '入户门锁损坏', receivedAt: '2025-05-12 14:00', opinionAt: '2025-05-13 11:00', opinion: '更换门锁',
      closedAt: '2025-05-16 15:00', result: '已更换', status: '已办结', handler: '赵强', warranty: '保修期内',
      referralNo: 'ZB-2025-031', referralDue: '2025-05-22', repliedInPersonAt: '2025-05-15 10:00', writtenReport: 'BG-2025-031', escalated: '否',
    },
  ],
  callbacks: [
    { id: 'HF2025001', project: '海岸华庭', unit: '1-1-101', date: '2025-03-12', method: '电话', caller: '李娜', reached: '已回访', satisfaction: '满意', complaintId: 'TS2025001', comment: '维修及时' },
    { id: 'HF2025002', project: '海岸华庭', unit: '2-1-301', date: '2025-05-20', method: '上门', caller: '王建国', reached: '已回访', satisfaction: '非常满意', complaintId: 'TS2025003' },
    { id: 'HF2025003', project: '海岸华庭', unit: '1-1-102', date: '2025-06-03', method: '电话', caller: '李娜', reached: '未接通' },
  ],
};

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function instructionsSheet(workbook: ExcelJS.Workbook, dataset: DatasetName): void {
  const def = datasets[dataset];
  const sheet = workbook.addWorksheet('填写说明');
  sheet.columns = [
    { header: '列名', width: 16 },
    { header: '是否必填', width: 10 },
    { header: '填写格式', width: 34 },
    { header: '可选值', width: 40 },
    { header: 'Column (English)', width: 50 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const column of def.columns) {
    sheet.addRow([
      column.header,
      column.required ? '必填' : '选填',
      helpOf(column),
      column.enumValues ? column.enumValues.join('、') : column.key === 'category' && dataset === 'complaints' ? WARRANTY_CLASSES.join('、') : '',
      `${column.key}: ${column.description}`,
    ]);
  }
  sheet.addRow([]);
  const notes = [
    `说明：请在「${SHEET_NAMES[dataset]}」工作表第 1 行表头下逐行填写，一行一条记录；表头请勿修改。`,
    '日期可写作 2025-03-05、2025/3/5 或 2025年3月5日；时间可写作 14:30。',
    '表格下方不要添加合计、制表人等行；如有，工具会识别并跳过。',
    '姓名、电话、问题描述等个人信息在审计报告中默认隐藏。',
  ];
  for (const note of notes) sheet.addRow([note]);
}

/**
 * A dataset's template: its sheet (headers, drop-downs, formats), rows given as text by key, and the
 * instructions sheet. `decorate` adds to the workbook before it is written (sample's plan summary).
 */
export async function templateWorkbook(
  dataset: DatasetName,
  rows: readonly Readonly<Record<string, string>>[],
  decorate?: (workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void,
): Promise<Uint8Array> {
  const Excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
  const workbook = new Excel.Workbook();
  workbook.creator = 'aftersales-audit';
  // Fixed dates keep the templates' bytes the same on every run.
  workbook.created = new Date(Date.UTC(2025, 0, 1));
  workbook.modified = workbook.created;
  const def = datasets[dataset];
  const sheet = workbook.addWorksheet(SHEET_NAMES[dataset], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = def.columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.kind === 'freetext' ? 30 : column.kind === 'datetime' ? 18 : 14,
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  def.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    if (column.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.note = `${column.required ? '必填' : '选填'}：${helpOf(column)}\n${column.key}: ${column.description}`;
    const letter = columnLetter(i + 1);
    const range = `${letter}2:${letter}${LAST_ROW}`;
    if (column.key === 'category' && dataset === 'complaints') {
      // The warranty classes, offered; another wording is accepted (it maps to a class or to none).
      (sheet as unknown as { dataValidations: { add(range: string, rule: object): void } }).dataValidations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${WARRANTY_CLASSES.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'information',
        errorTitle: '不是保修分类',
        error: `保修问题请选：${WARRANTY_CLASSES.join('、')}；咨询等非保修问题可留空`,
      });
    }
    if (column.enumValues) {
      // exceljs supports data validations on a range, but its typings omit them.
      (sheet as unknown as { dataValidations: { add(range: string, rule: object): void } }).dataValidations.add(range, {
        type: 'list',
        allowBlank: !column.required,
        formulae: [`"${column.enumValues.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: '不在可选值中',
        error: `可选：${column.enumValues.join('、')}`,
      });
    }
    // Text format keeps leading zeros of phones and ids that look like numbers.
    if (column.kind === 'phone' || column.kind === 'id') sheet.getColumn(i + 1).numFmt = '@';
    if (column.kind === 'date') sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
    if (column.kind === 'datetime') sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd hh:mm';
  });
  // Sample values are written as text, as a person types them: the reader parses them like any export.
  for (const row of rows) sheet.addRow(def.columns.map((c) => row[c.key] ?? null));
  instructionsSheet(workbook, dataset);
  decorate?.(workbook, sheet);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function profileTemplate(sample: boolean): string {
  const v = (value: string): string => (sample ? value : '');
  return `# 企业信息（aftersales-audit 读取）。带 * 的为必填；其余缺失时，相关条款判定为"无数据"。
# Enterprise profile read by aftersales-audit. Keys marked * are required.
enterprise:
  name: ${v('青岛海岸置业有限公司')}            # * 企业名称
  uscc: ${v('91350100M000100Y43')}             # 统一社会信用代码（18 位，校验位会被核对）
  qualification: ${v('二级')}                  # * 资质等级：一级 | 二级 | 三级 | 四级 | 暂定
  registeredIn: ${v('青岛')}                   # 青岛 | 外地来青
  generalManager: ${v('周志强')}               # 总经理姓名（售后服务机构负责人应直接向其负责）
organization:                                   # 售后服务机构
  name: ${v('客户服务中心')}                   # 机构名称，应与花名册"所属部门"一致
  independent: ${v('true')}                    # 是否独立设置：true | false
  establishedAt: ${v('2019-03-01')}            # 设立日期
  filing:                                       # 向主管部门备案
    number: ${v('青房售服备〔2019〕017号')}
    date: ${v('2019-03-15')}
  announcement:                                 # 向社会公告
    date: ${v('2019-03-20')}
    channel: ${v('青岛日报')}
  hotline: ${v('0532-88886666')}               # 公布的售后服务电话
  fund:                                         # 售后服务专项资金
    amount: ${v('800000')}                     # 金额（元）
    account: ${v('售后服务专项资金账户')}
# entrustment:                                  # 仅外地来青企业委托本地企业代管时填写
#   agent: 青岛某某房地产开发有限公司
#   agentQualification: 三级                   # 受托企业资质，应为三级以上
#   contractNo: WT-2024-003
projects:                                       # 各项目已售套数（未提供已售房源台账时使用）
${sample ? '  - { name: 海岸华庭, unitsSold: 3 }' : '  # - { name: 项目名称, unitsSold: 150 }'}
period:                                         # 审计期间
  from: ${v('2025-01-01')}
  to: ${v('2025-12-31')}
evidence:                                       # 条款号 -> 证明材料（相对于本文件夹的路径）
${sample ? '  "4.1": [evidence/服务承诺书.pdf]' : '  # "4.1": [evidence/服务承诺书.pdf]'}
`;
}

/**
 * Writes the templates into `dir`, all of them or none (write-output.ts): never through a symbolic
 * link (a link in a template's place, even a dangling one, counts as an existing file, and --force
 * replaces the link itself), never outside `dir`.
 */
export async function writeTemplates(dir: string, options: { sample: boolean; force: boolean }): Promise<string[]> {
  const outputs: OutputFile[] = [];
  for (const dataset of DATASETS) outputs.push({ file: join(dir, TEMPLATE_FILES[dataset]), content: await templateWorkbook(dataset, options.sample ? SAMPLE_ROWS[dataset] : []) });
  outputs.push({ file: join(dir, 'profile.yaml'), content: profileTemplate(options.sample) });
  await writeOutputs(outputs, { within: dir, replace: options.force });
  return [...DATASETS.map((d) => TEMPLATE_FILES[d]), 'profile.yaml'];
}

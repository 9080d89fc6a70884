import { describe, expect, it } from 'vitest';
import { datasets } from '../src/datasets.js';
import { buildHeaderIndex, classifyRow, closestHeader, findHeader, headerRepeatDetector, matchHeaderRow, rowText } from '../src/read/table.js';
import type { RawRow } from '../src/model.js';

const complaints = buildHeaderIndex(datasets.complaints);
const row = (n: number, cells: (string | number | null)[]): RawRow => ({ row: n, cells });

describe('header detection', () => {
  it('finds the header under a merged title and a period line', () => {
    const found = findHeader(complaints, [
      row(1, ['2025年度客户投诉台账', null, null]),
      row(2, ['统计期间：2025年', null, '项目名称']),
      row(3, ['编号', '项目名称', '受理渠道', '类别', '受理时间', '处理状态', '经办人']),
      row(4, ['A1', '海岸', '来电', '投诉', '2025-03-05', '已办结', '李娜']),
    ]);
    expect(found?.match.headerRow).toBe(3);
    expect(found?.at).toBe(2);
    expect(found?.match.positions.size).toBe(7);
  });

  it('recognises Chinese headers, English keys and aliases after normalising width, spaces and case', () => {
    const match = matchHeaderRow(complaints, row(1, ['投诉编号', 'PROJECT', '受 理 时 间', '（经办人）', '问题分类（短名）', '*状态', 'ＲｅｃｅｉｖｅｄＡｔ', '其他列']));
    expect(match.written).toMatchObject({ id: '投诉编号', project: 'PROJECT', receivedAt: '受 理 时 间', category: '问题分类(短名)', status: '*状态' });
    expect(match.ignored).toEqual(['(经办人)', '其他列']);
    expect(match.shadowed).toEqual([{ header: 'ＲｅｃｅｉｖｅｄＡｔ'.normalize('NFKC'), kept: '受 理 时 间', key: 'receivedAt' }]);
  });

  it('prefers the Chinese header over an alias for the same key, whatever the order', () => {
    const match = matchHeaderRow(complaints, row(1, ['单号', '编号', '项目']));
    expect(match.written['id']).toBe('编号');
    expect(match.shadowed).toEqual([{ header: '单号', kept: '编号', key: 'id' }]);
  });

  it('maps other headers through the config file', () => {
    const index = buildHeaderIndex(datasets.complaints, { 客诉单号: 'id', 归属项目: 'project' });
    const match = matchHeaderRow(index, row(1, ['客诉单号', '归属项目']));
    expect(match.written).toEqual({ id: '客诉单号', project: '归属项目' });
  });

  it('gives up when no row names two known columns', () => {
    expect(findHeader(complaints, [row(1, ['姓名', '年龄']), row(2, ['a', 'b'])])).toBeNull();
  });
});

describe('rows that are not data', () => {
  it.each([
    [['合计', '312件'], 'footer'],
    [['总计：', null, 5], 'footer'],
    [['制表人：李娜', null, '审核人：王建国'], 'footer'],
    [[null, '审核：王建国'], 'footer'],
    [['注：本表每季度报送'], 'footer'],
    [['备注:无'], 'footer'],
    [[null, '  ', null], 'blank'],
    [['A001', '海岸华庭'], 'data'],
    [['2025年3月'], 'separator'],
    [[null, '一季度', null, null], 'separator'],
    [[new Date(Date.UTC(2025, 2, 1))], 'separator'],
    [['一季度', '一季度', '一季度'], 'separator'],
    [['海岸华庭', '海岸华庭', 'A001'], 'data'],
  ] as const)('%j is %s', (cells, kind) => {
    expect(classifyRow(cells as unknown as (string | null)[], false)).toBe(kind);
  });

  it('a lone cell under a totals line is a note (footer), elsewhere a separator', () => {
    expect(classifyRow(['本表由客服中心填写'], true)).toBe('footer');
    expect(classifyRow(['本表由客服中心填写'], false)).toBe('separator');
    expect(classifyRow([45721, '合计'], false)).toBe('data');
  });

  it('lists a skipped row by its distinct texts', () => {
    expect(rowText(['一季度', '一季度', null, '一季度'])).toBe('一季度');
    expect(rowText(['合计', null, 312])).toBe('合计 312');
  });
});

describe('two-row and repeated headers', () => {
  const grouped = [
    row(1, ['2025年投诉台账']),
    row(2, ['编号', '项目名称', '受理渠道', '类型', '受理时间', '处理情况', null, null, '处理状态', '经办人']),
    row(3, [null, null, null, null, null, '处理意见', '处理意见时间', '办结时间', null, null]),
    row(4, ['TS1', '海岸华庭', '来电', '投诉', '2025-03-05', '已处理', '2025-03-06', '2025-03-07', '已办结', '李娜']),
  ];

  it('reads a group cell over its sub-headers as one header', () => {
    const found = findHeader(complaints, grouped)!;
    expect(found.at).toBe(2);
    expect(found.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(found.match.headerRow).toBe(2);
    expect(Object.keys(found.match.written).sort()).toEqual(['channel', 'closedAt', 'handler', 'id', 'kind', 'opinion', 'opinionAt', 'project', 'receivedAt', 'status'].sort());
    expect(found.match.ignored).toEqual([]);
  });

  it('also when the vertical merges arrive filled in the second row', () => {
    const filled = [grouped[1]!, row(3, ['编号', '项目名称', '受理渠道', '类型', '受理时间', '处理意见', '处理意见时间', '办结时间', '处理状态', '经办人']), grouped[3]!];
    const found = findHeader(complaints, filled)!;
    expect(found.at).toBe(1);
    expect(found.match.positions.size).toBe(10);
  });

  it('does not take a data row for a sub-header', () => {
    const found = findHeader(complaints, [grouped[1]!, grouped[3]!])!;
    expect(found.at).toBe(0);
    expect(found.rows).toHaveLength(1);
  });

  it('tells the header repeated inside the data, whole or its second row alone', () => {
    const found = findHeader(complaints, grouped)!;
    const repeats = headerRepeatDetector(found.rows);
    expect(repeats(grouped[1]!.cells)).toBe(true);
    expect(repeats(grouped[2]!.cells)).toBe(true);
    expect(repeats([' 编号 ', '项目名称'])).toBe(true);
    expect(repeats(grouped[3]!.cells)).toBe(false);
    expect(repeats(['编号', '海岸华庭', '来电'])).toBe(false);
  });
});

describe('headers of real registers (issue 12.8) and the rule when two claim one key', () => {
  const callbacks = buildHeaderIndex(datasets.callbacks);
  it.each([
    ['投诉日期', 'receivedAt'], ['来电日期', 'receivedAt'], ['反映时间', 'receivedAt'], ['登记日期', 'receivedAt'], ['受理日期', 'receivedAt'],
    ['受理日期（年-月-日）', 'receivedAt'], ['接报时间', 'receivedAt'], ['报修日期', 'receivedAt'],
    ['回复时间', 'opinionAt'], ['答复日期', 'opinionAt'], ['处理日期', 'opinionAt'], ['处理意见日期', 'opinionAt'],
    ['完成日期', 'closedAt'], ['结案日期', 'closedAt'], ['办结日期', 'closedAt'], ['销项日期', 'closedAt'],
    ['责任人', 'handler'], ['投诉渠道', 'channel'], ['反映内容', 'description'], ['手机号码', 'phone'],
  ])('complaints: %s → %s', (header, key) => {
    const match = matchHeaderRow(complaints, row(1, ['编号', header]));
    expect(match.written).toEqual({ id: '编号', [key]: header.normalize('NFKC') });
  });

  it.each([['满意程度', 'satisfaction'], ['回访结果', 'satisfaction'], ['工单号', 'complaintId'], ['回访人员', 'caller']])('callbacks: %s → %s', (header, key) => {
    expect(matchHeaderRow(callbacks, row(1, ['回访编号', header])).written[key]).toBe(header);
  });

  it('a date column and a time column of one key are joined, in either order, with no issue', () => {
    for (const cells of [['编号', '受理日期', '受理时间'], ['编号', '受理时间', '受理日期']]) {
      const match = matchHeaderRow(complaints, row(1, cells));
      expect(match.written['receivedAt']).toBe('受理日期');
      expect(match.times.get('receivedAt')).toEqual({ position: cells.indexOf('受理时间'), header: '受理时间' });
      expect(match.shadowed).toEqual([]);
    }
    const opinion = matchHeaderRow(complaints, row(1, ['处理意见日期', '处理意见时间', '办结日期', '办结时间']));
    expect(opinion.written).toEqual({ opinionAt: '处理意见日期', closedAt: '办结日期' });
    expect([...opinion.times.keys()]).toEqual(['opinionAt', 'closedAt']);
  });

  it('two dates (or two times) of one key are not a pair: the stronger header wins, else the first, and the other is reported', () => {
    const aliases = matchHeaderRow(complaints, row(1, ['投诉日期', '受理日期']));
    expect(aliases.written['receivedAt']).toBe('投诉日期');
    expect(aliases.shadowed).toEqual([{ header: '受理日期', kept: '投诉日期', key: 'receivedAt' }]);
    expect(aliases.times.size).toBe(0);
    const header = matchHeaderRow(complaints, row(1, ['来电时间', '受理时间']));
    expect(header.written['receivedAt']).toBe('受理时间');
    expect(header.shadowed).toEqual([{ header: '来电时间', kept: '受理时间', key: 'receivedAt' }]);
    // A third column for a joined key is reported too.
    const third = matchHeaderRow(complaints, row(1, ['受理日期', '受理时间', '投诉日期']));
    expect(third.times.get('receivedAt')?.header).toBe('受理时间');
    expect(third.shadowed).toEqual([{ header: '投诉日期', kept: '受理日期', key: 'receivedAt' }]);
  });

  it('a time column never pairs with a column of another key or a non-date key', () => {
    const match = matchHeaderRow(complaints, row(1, ['受理日期', '处理意见时间']));
    expect(match.written).toEqual({ receivedAt: '受理日期', opinionAt: '处理意见时间' });
    expect(match.times.size).toBe(0);
  });
});

describe('the unused header closest to a missing column (issue 12.8)', () => {
  const receivedAt = datasets.complaints.columns.find((c) => c.key === 'receivedAt')!;
  const handler = datasets.complaints.columns.find((c) => c.key === 'handler')!;
  it.each([
    [['备注', '接报时刻', '序号'], '接报时刻'],
    [['序号', '发生时间'], '发生时间'],
    [['序号', '受理时间点（北京时间）'], '受理时间点（北京时间）'],
    [['序号', '备注'], null],
    [[], null],
  ] as const)('receivedAt among %j → %s', (ignored, expected) => {
    expect(closestHeader(receivedAt, ignored)).toBe(expected);
  });

  it('handler', () => {
    expect(closestHeader(handler, ['受理时刻', '经办人员'])).toBe('经办人员');
  });
});

it('a joined date + time keeps its columns against a stronger third header, which is reported', () => {
  const match = matchHeaderRow(complaints, row(1, ['投诉日期', '投诉时间', '受理时间']));
  expect(match.written['receivedAt']).toBe('投诉日期');
  expect(match.times.get('receivedAt')?.header).toBe('投诉时间');
  expect(match.shadowed).toEqual([{ header: '受理时间', kept: '投诉日期', key: 'receivedAt' }]);
});

#!/usr/bin/python3
"""Writes fixtures/layouts/<habit>/<writer>/: small registers laid out the ways enterprises keep
them by hand (issue 14), each written by a program other than exceljs, with beside each workbook
its expected rows (<name>.expected.json: every record with its values, file, sheet and row).

Writers: openpyxl (.xlsx), xlsxwriter (.xlsx), xlwt (.xls, BIFF8); scripts/make-layout-fixtures.sh
then has LibreOffice convert the openpyxl workbooks to .xlsx, .xls and .ods. The content is fixed
(no clock, no randomness), so a run writes the same cells every time.

Run: scripts/make-layout-fixtures.sh (needs /usr/bin/python3 with openpyxl, xlsxwriter and xlwt,
and soffice). The tests only read what it wrote.
"""
import datetime as dt
import json
import os
import sys

import openpyxl
import xlsxwriter
import xlwt

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'layouts')

# ---------------------------------------------------------------------------------------------
# The records: the same columns as fixtures/demo, the same names (handlers are on its roster).

PROJECTS = ['海岸华庭', '山语城', '金沙湾']
HANDLERS = ['李娜', '王建国']
CATEGORIES = ['渗漏', '门窗五金', '管道堵塞', '地面空鼓开裂', '卫生洁具', '其他']
CHANNELS = ['来电', '来访', '网络', '12345转办']
SURNAMES = '张王李赵刘陈杨黄周吴'
GIVEN = ['伟', '芳', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛']

COMPLAINT_COLUMNS = [
    ('id', '编号'), ('project', '项目名称'), ('unit', '房号'), ('customer', '客户姓名'), ('phone', '联系电话'),
    ('channel', '受理渠道'), ('kind', '类别'), ('category', '问题分类'), ('description', '问题描述'),
    ('receivedAt', '受理时间'), ('opinion', '处理意见'), ('opinionAt', '处理意见时间'), ('closedAt', '办结时间'),
    ('status', '处理状态'), ('handler', '经办人'), ('warranty', '保修判定'),
]
UNIT_COLUMNS = [('project', '项目名称'), ('unit', '房号'), ('soldAt', '签约日期'), ('deliveredAt', '交付日期'), ('owner', '业主姓名')]
CALLBACK_COLUMNS = [
    ('id', '回访编号'), ('project', '项目名称'), ('unit', '房号'), ('date', '回访日期'), ('method', '回访方式'),
    ('caller', '回访人'), ('reached', '回访状态'), ('satisfaction', '满意度'), ('complaintId', '关联投诉编号'),
]
DATE_KEYS = {'soldAt', 'deliveredAt', 'date'}
DATETIME_KEYS = {'receivedAt', 'opinionAt', 'closedAt'}


def person(i):
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]


def complaints():
    """22 cases over 2025, two a month from January to November (December has none)."""
    out = []
    for i in range(22):
        month = i // 2 + 1
        day = 3 + (i % 2) * 12 + (i % 5)
        received = dt.datetime(2025, month, day, 9 + i % 8, (i * 13) % 60)
        project = PROJECTS[i % 3]
        opinion_at = received + dt.timedelta(days=1 + i % 3, hours=2)
        closed = i % 7 != 6
        out.append({
            'id': 'TS2025-%04d' % (i + 1), 'project': project, 'unit': '%d-%d-%d0%d' % (1 + i % 4, 1 + i % 2, 3 + i % 9, 1 + i % 4),
            'customer': person(i), 'phone': '1380532%04d' % (1000 + i * 37), 'channel': CHANNELS[i % 4],
            'kind': '报修' if i % 3 == 0 else '投诉', 'category': CATEGORIES[i % 6], 'description': '第%d号：%s问题，业主要求尽快处理' % (i + 1, CATEGORIES[i % 6]),
            'receivedAt': received, 'opinion': '已派维修人员上门查看' if i % 2 == 0 else '已联系施工单位整改',
            'opinionAt': opinion_at, 'closedAt': opinion_at + dt.timedelta(days=3) if closed else None,
            'status': '已办结' if closed else '处理中', 'handler': HANDLERS[i % 2], 'warranty': '保修期内',
        })
    return out


def units():
    """Twelve sold units, four per project."""
    out = []
    for i in range(12):
        sold = dt.date(2023, 1 + i % 12, 5 + i)
        out.append({'project': PROJECTS[i // 4], 'unit': '%d-1-%d0%d' % (1 + i % 3, 2 + i, 1 + i % 2), 'soldAt': sold,
                    'deliveredAt': dt.date(2024, 6, 1 + i), 'owner': person(i + 3)})
    return out


def callbacks():
    """Nine callbacks, three per project (of units in the sold-units ledger), one not reached."""
    out = []
    sold = units()
    for i in range(9):
        reached = i % 4 != 3
        unit = sold[(i // 3) * 4 + i % 3]
        out.append({'id': 'HF2025-%04d' % (i + 1), 'project': unit['project'], 'unit': unit['unit'],
                    'date': dt.date(2025, 2 + i, 10 + i), 'method': '电话' if i % 2 == 0 else '上门', 'caller': HANDLERS[i % 2],
                    'reached': '已回访' if reached else '未接通', 'satisfaction': '满意' if reached else None,
                    'complaintId': 'TS2025-%04d' % (i * 2 + 1)})
    return out


def by_project(records):
    return sorted(records, key=lambda r: PROJECTS.index(r['project']))

# ---------------------------------------------------------------------------------------------
# A workbook as data: sheets of rows (values at their cells), merged ranges (the value sits in the
# top-left cell, the rest is empty as every writer stores it) and the records expected from it.


class Sheet:
    def __init__(self, name, hidden=False):
        self.name = name
        self.hidden = hidden
        self.rows = []      # list of lists
        self.merges = []    # (first_row, first_col, last_row, last_col), 0-based
        self.columns = None  # key -> column letter of the data, for the expected rows
        self.records = []   # (row number 1-based, record)

    def add(self, cells):
        self.rows.append(list(cells))
        return len(self.rows)  # 1-based row number


def letter(col):
    return chr(ord('A') + col)


def table(sheet, columns, records, merge_project=False, header=True):
    """Appends a header row and the records; with merge_project, 项目名称 is merged down over each
    project's run of rows (written once, in the run's first row)."""
    keys = [k for k, _ in columns]
    if header:
        sheet.add([h for _, h in columns])
    sheet.columns = {k: letter(i) for i, k in enumerate(keys)}
    start = len(sheet.rows)
    for record in records:
        row = sheet.add([record.get(k) for k in keys])
        sheet.records.append((row, record))
    if merge_project and 'project' in keys:
        col = keys.index('project')
        run_start = start
        for i in range(start, len(sheet.rows) + 1):
            if i == len(sheet.rows) or sheet.rows[i][col] != sheet.rows[run_start][col]:
                if i - 1 > run_start:
                    sheet.merges.append((run_start, col, i - 1, col))
                    for j in range(run_start + 1, i):
                        sheet.rows[j][col] = None
                run_start = i


def title(sheet, text, width):
    sheet.add([text] + [None] * (width - 1))
    sheet.merges.append((len(sheet.rows) - 1, 0, len(sheet.rows) - 1, width - 1))

# ---------------------------------------------------------------------------------------------
# The habits.


def habit_merged_project():
    """项目名称 merged down over each project's rows, in complaints, units and callbacks."""
    books = {}
    s = Sheet('投诉台账')
    title(s, '2025年度客户投诉台账', len(COMPLAINT_COLUMNS))
    table(s, COMPLAINT_COLUMNS, by_project(complaints()), merge_project=True)
    books['投诉台账'] = ('complaints', [s])
    s = Sheet('已售房源')
    table(s, UNIT_COLUMNS, units(), merge_project=True)
    books['已售房源台账'] = ('units', [s])
    s = Sheet('回访记录')
    table(s, CALLBACK_COLUMNS, callbacks(), merge_project=True)
    books['回访记录'] = ('callbacks', [s])
    return books


def habit_monthly_sheets():
    """A 汇总 sheet, then one sheet per month 1月…12月 (12月 empty but for its header)."""
    records = complaints()
    summary = Sheet('汇总')
    summary.add(['月份', '受理数量', '办结数量'])
    sheets = [summary]
    for month in range(1, 13):
        these = [r for r in records if r['receivedAt'].month == month]
        summary.add(['%d月' % month, len(these), sum(1 for r in these if r['status'] == '已办结')])
        s = Sheet('%d月' % month)
        table(s, COMPLAINT_COLUMNS, these)
        sheets.append(s)
    summary.add(['合计', len(records), sum(1 for r in records if r['status'] == '已办结')])
    return {'投诉台账': ('complaints', sheets)}


def habit_per_project_sheets():
    """One sheet per project, named by the project."""
    records = complaints()
    sheets = []
    for project in PROJECTS:
        s = Sheet(project)
        table(s, COMPLAINT_COLUMNS, [r for r in records if r['project'] == project])
        sheets.append(s)
    return {'投诉台账': ('complaints', sheets)}


def habit_instructions_sheet():
    """A 填写说明 sheet first, the register second, a hidden sheet of drop-down lists last."""
    notes = Sheet('填写说明')
    notes.add(['填写说明'])
    notes.add(['1. 每一条投诉、咨询或报修登记一行。'])
    notes.add(['2. 受理时间精确到分钟，格式 2025-01-01 09:00。'])
    notes.add(['3. 处理状态填写：待处理、处理中、已办结。'])
    s = Sheet('投诉台账')
    table(s, COMPLAINT_COLUMNS, complaints())
    lists = Sheet('选项', hidden=True)
    for i, channel in enumerate(CHANNELS):
        lists.add([channel, ['待处理', '处理中', '已办结', None][i]])
    return {'投诉台账': ('complaints', [notes, s, lists])}


def habit_two_row_header():
    """处理情况 merged above 处理意见 / 处理意见时间 / 办结时间; the other headers merged over both rows."""
    s = Sheet('投诉台账')
    title(s, '2025年度客户投诉台账', len(COMPLAINT_COLUMNS))
    keys = [k for k, _ in COMPLAINT_COLUMNS]
    group = {'opinion', 'opinionAt', 'closedAt'}
    top = []
    bottom = []
    for key, header in COMPLAINT_COLUMNS:
        if key in group:
            top.append('处理情况' if key == 'opinion' else None)
            bottom.append(header)
        else:
            top.append(header)
            bottom.append(None)
    first = s.add(top) - 1
    s.add(bottom)
    for i, key in enumerate(keys):
        if key not in group:
            s.merges.append((first, i, first + 1, i))
    s.merges.append((first, keys.index('opinion'), first, keys.index('closedAt')))
    table(s, COMPLAINT_COLUMNS, complaints(), header=False)
    return {'投诉台账': ('complaints', [s])}


def habit_repeated_header():
    """Months pasted one under another: a separator row ("2025年3月"), the header again, the rows;
    "一季度" before the first quarter and "二季度" before the second."""
    s = Sheet('投诉台账')
    records = [r for r in complaints() if r['receivedAt'].month <= 6]
    s.columns = {k: letter(i) for i, (k, _) in enumerate(COMPLAINT_COLUMNS)}
    for month in range(1, 7):
        if month in (1, 4):
            s.add(['一季度' if month == 1 else '二季度'])
        s.add(['2025年%d月' % month])
        s.add([h for _, h in COMPLAINT_COLUMNS])
        for record in [r for r in records if r['receivedAt'].month == month]:
            row = s.add([record.get(k) for k, _ in COMPLAINT_COLUMNS])
            s.records.append((row, record))
    return {'投诉台账': ('complaints', [s])}


def habit_copy():
    """The register and a copy of it beside it (投诉台账 - 副本): the copy's records are the same."""
    books = {}
    for name in ('投诉台账', '投诉台账 - 副本'):
        s = Sheet('投诉台账')
        table(s, COMPLAINT_COLUMNS, complaints())
        books[name] = ('complaints', [s])
    return books


def habit_date_1904():
    """Dates in the 1904 date system (old Mac Excel, some WPS templates)."""
    s = Sheet('已售房源')
    table(s, UNIT_COLUMNS, units())
    return {'已售房源台账': ('units', [s])}


HABITS = {
    'merged-project': habit_merged_project,
    'monthly-sheets': habit_monthly_sheets,
    'per-project-sheets': habit_per_project_sheets,
    'instructions-sheet': habit_instructions_sheet,
    'two-row-header': habit_two_row_header,
    'repeated-header': habit_repeated_header,
    'copy': habit_copy,
    'date-1904': habit_date_1904,
}

# ---------------------------------------------------------------------------------------------
# Writers.

FIXED = dt.datetime(2025, 1, 1)


def write_openpyxl(path, sheets, date1904):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904 if date1904 else openpyxl.utils.datetime.CALENDAR_WINDOWS_1900
    wb.properties.creator = 'aftersales-audit fixtures'
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name)
        if sheet.hidden:
            ws.sheet_state = 'hidden'
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, dt.datetime):
                    cell.number_format = 'yyyy-mm-dd hh:mm'
                elif isinstance(value, dt.date):
                    cell.number_format = 'yyyy-mm-dd'
        for (r1, c1, r2, c2) in sheet.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.save(path)


def write_xlsxwriter(path, sheets, date1904):
    wb = xlsxwriter.Workbook(path, {'date_1904': date1904})
    wb.set_properties({'author': 'aftersales-audit fixtures', 'created': FIXED})
    date_format = wb.add_format({'num_format': 'yyyy-mm-dd'})
    datetime_format = wb.add_format({'num_format': 'yyyy-mm-dd hh:mm'})
    plain = wb.add_format({})

    def put(ws, r, c, value, merge=None):
        fmt = datetime_format if isinstance(value, dt.datetime) else date_format if isinstance(value, dt.date) else plain
        if merge:
            ws.merge_range(r, c, merge[0], merge[1], value, fmt)
        elif isinstance(value, dt.date):
            ws.write_datetime(r, c, value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time()), fmt)
        else:
            ws.write(r, c, value)

    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        if sheet.hidden:
            ws.hide()
        anchors = {(r1, c1): (r2, c2) for (r1, c1, r2, c2) in sheet.merges}
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if (r, c) in anchors:
                    put(ws, r, c, value, anchors[(r, c)])
                elif value is not None:
                    put(ws, r, c, value)
    wb.close()


def write_xlwt(path, sheets, date1904):
    wb = xlwt.Workbook(encoding='utf-8')
    wb.dates_1904 = date1904
    date_style = xlwt.easyxf(num_format_str='yyyy-mm-dd')
    datetime_style = xlwt.easyxf(num_format_str='yyyy-mm-dd hh:mm')
    plain = xlwt.easyxf('')
    for sheet in sheets:
        ws = wb.add_sheet(sheet.name)
        if sheet.hidden:
            ws.visibility = 1
        anchors = {(r1, c1): (r2, c2) for (r1, c1, r2, c2) in sheet.merges}
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                style = datetime_style if isinstance(value, dt.datetime) else date_style if isinstance(value, dt.date) else plain
                if (r, c) in anchors:
                    r2, c2 = anchors[(r, c)]
                    ws.write_merge(r, r2, c, c2, value, style)
                elif value is not None:
                    ws.write(r, c, value, style)
    wb.save(path)

# ---------------------------------------------------------------------------------------------
# Expected rows.


def text_of(key, value):
    if value is None:
        return None
    if key in DATETIME_KEYS:
        return value.strftime('%Y-%m-%dT%H:%M:%S') if (value.hour or value.minute or value.second) else value.strftime('%Y-%m-%d')
    if key in DATE_KEYS:
        return value.strftime('%Y-%m-%d')
    return str(value)


def expected(file, dataset, sheets, date1904):
    return {
        'file': file,
        'dataset': dataset,
        'date1904': date1904,
        'sheets': [{'sheet': s.name, 'hidden': s.hidden, 'columns': s.columns} for s in sheets],
        'records': [
            {'file': file, 'sheet': s.name, 'row': row,
             'values': {k: text_of(k, record.get(k)) for k in s.columns if record.get(k) is not None}}
            for s in sheets for (row, record) in s.records
        ],
    }


def dump(data):
    """JSON with one record a line: small, and a diff shows which record changed."""
    head = {k: v for k, v in data.items() if k != 'records'}
    lines = [json.dumps(r, ensure_ascii=False) for r in data['records']]
    return json.dumps(head, ensure_ascii=False)[:-1] + ',\n "records": [\n  ' + ',\n  '.join(lines) + '\n ]\n}\n'


WRITERS = {'openpyxl': ('xlsx', write_openpyxl), 'xlsxwriter': ('xlsx', write_xlsxwriter), 'xlwt': ('xls', write_xlwt)}


def main():
    for habit, make in HABITS.items():
        books = make()
        date1904 = habit == 'date-1904'
        for writer, (ext, write) in WRITERS.items():
            folder = os.path.join(ROOT, habit, writer)
            os.makedirs(folder, exist_ok=True)
            for name, (dataset, sheets) in books.items():
                write(os.path.join(folder, '%s.%s' % (name, ext)), sheets, date1904)
                with open(os.path.join(folder, '%s.expected.json' % name), 'w', encoding='utf-8') as out:
                    out.write(dump(expected('%s.%s' % (name, ext), dataset, sheets, date1904)))
        # LibreOffice converts the openpyxl workbooks (make-layout-fixtures.sh); their expected rows
        # differ only in the file name.
        for ext in ('xlsx', 'xls', 'ods'):
            folder = os.path.join(ROOT, habit, 'libreoffice-' + ext)
            os.makedirs(folder, exist_ok=True)
            for name, (dataset, sheets) in books.items():
                with open(os.path.join(folder, '%s.expected.json' % name), 'w', encoding='utf-8') as out:
                    out.write(dump(expected('%s.%s' % (name, ext), dataset, sheets, date1904)))


main()

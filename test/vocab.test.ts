// Issue 12.8 and 12.9: registers as enterprises write them, saved by Excel and WPS (fixtures/vocab,
// made by fixtures/vocab/make.py): the headers real registers use, and a date column with a time
// column beside it, read as one date-time. A time alone is never a date.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ISSUES, readEnterprise, type Reading } from '../src/pipeline.js';

const root = new URL('../fixtures/vocab/', import.meta.url).pathname;

async function read(folder: string): Promise<{ reading: Reading; records: Map<string, Record<string, string | undefined>> }> {
  const records = new Map<string, Record<string, string | undefined>>();
  const reading = await readEnterprise(
    { dir: join(root, folder), explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: DEFAULT_MAX_ISSUES },
    (record) => {
      if (record['id']) records.set(record['id'], { ...record });
    },
  );
  return { reading, records };
}

const issuesOf = (reading: Reading): { row: number | null; column: string | null; value: string | null; code: string }[] =>
  reading.dataQuality.issues.filter((i) => i.code !== 'unknown-handler').map((i) => ({ row: i.row, column: i.column, value: i.value, code: i.code }));

describe('a CSV saved by Excel (UTF-8 with BOM, CRLF): 受理日期 + 受理时间, 回复时间, 完成日期', () => {
  it('joins the date and the time column, and reads the new headers', async () => {
    const { reading, records } = await read('csv-excel-utf8-bom');
    const [input] = reading.inputs.filter((i) => i.dataset === 'complaints');
    expect(input?.encoding).toBe('utf-8-bom');
    expect(input?.columns).toMatchObject({ receivedAt: '受理日期 + 受理时间', opinionAt: '回复时间', closedAt: '完成日期' });
    expect(input?.ignoredColumns).toEqual([]);
    expect(records.get('K001')).toMatchObject({ receivedAt: '2025-03-05T14:20:00', opinionAt: '2025-03-06T09:30:00', closedAt: '2025-03-08' });
    expect(records.get('K002')).toMatchObject({ receivedAt: '2025-03-05T14:32:00', opinionAt: '2025-03-06T09:05:00', closedAt: '2025-03-10' });
    // No time: the day alone.
    expect(records.get('K003')?.receivedAt).toBe('2025-03-07');
    // A time without a day is not a date: the receipt is missing.
    expect(records.get('K004')?.receivedAt).toBeUndefined();
    // An unreadable time: the issue names the time column and its cell.
    expect(records.get('K005')?.receivedAt).toBeUndefined();
    // A full date-time in the time column is used as written.
    expect(records.get('K006')?.receivedAt).toBe('2025-03-09T10:15:00');
    expect(issuesOf(reading)).toEqual([
      { row: 5, column: '受理日期', value: null, code: 'required' },
      { row: 6, column: '受理时间', value: '下午两点', code: 'invalid-date' },
    ]);
    expect(reading.dataQuality.issues.some((i) => i.code === 'ambiguous-column')).toBe(false);
  });
});

describe('a CSV saved by WPS (GB18030, CRLF): 投诉日期 + 投诉时间, 答复日期 + 答复时间, 结案日期', () => {
  it('reads every row with its time', async () => {
    const { reading, records } = await read('csv-wps-gb18030');
    const [input] = reading.inputs.filter((i) => i.dataset === 'complaints');
    expect(input?.encoding).toBe('gb18030');
    expect(input?.columns).toMatchObject({ receivedAt: '投诉日期 + 投诉时间', opinionAt: '答复日期 + 答复时间', closedAt: '结案日期', handler: '处理人', status: '状态' });
    expect(records.get('W01')).toMatchObject({ receivedAt: '2025-03-05T14:20:00', opinionAt: '2025-03-06T09:05:00', closedAt: '2025-03-12T16:10:00', status: '已办结', channel: '12345转办' });
    expect(records.get('W02')).toMatchObject({ receivedAt: '2025-03-05T09:05:00', opinionAt: '2025-03-05T12:30:00', status: '处理中' });
    expect(records.get('W02')?.closedAt).toBeUndefined();
    expect(records.get('W03')).toMatchObject({ receivedAt: '2025-03-05T14:32:00', opinionAt: '2025-03-06T14:32:05', closedAt: '2025-03-07' });
    expect(issuesOf(reading)).toEqual([]);
  });
});

describe('an XLSX written by openpyxl: date cells beside time cells', () => {
  it('joins a time cell (a fraction of a day, a date cell on 1899-12-30/31, a number, text) to its date', async () => {
    const { reading, records } = await read('xlsx-openpyxl');
    const [input] = reading.inputs.filter((i) => i.dataset === 'complaints');
    expect(input?.headerRow).toBe(2);
    expect(input?.columns).toMatchObject({ receivedAt: '受理日期 + 受理时间', opinionAt: '处理意见日期 + 处理意见时间', closedAt: '办结日期 + 办结时间' });
    expect(records.get('X01')).toMatchObject({ receivedAt: '2025-03-05T14:20:00', opinionAt: '2025-03-06T09:30:00', closedAt: '2025-03-08T17:00:00' });
    expect(records.get('X02')?.receivedAt).toBe('2025-03-05T09:05:00');
    expect(records.get('X03')?.receivedAt).toBe('2025-03-07T18:00:00');
    expect(records.get('X04')).toMatchObject({ receivedAt: '2025-03-07T15:45:00', opinionAt: '2025-03-07T16:10:00' });
    expect(records.get('X05')).toMatchObject({ receivedAt: '2025-03-10', opinionAt: '2025-03-10' });
    expect(records.get('X06')?.receivedAt).toBe('2025-03-11T12:00:00');
    expect(issuesOf(reading)).toEqual([]);
  });

  it('reads the same through the worker thread', async () => {
    const previous = process.env['AFTERSALES_AUDIT_WORKER_BYTES'];
    process.env['AFTERSALES_AUDIT_WORKER_BYTES'] = '0';
    try {
      const { records } = await read('xlsx-openpyxl');
      expect(records.get('X02')?.receivedAt).toBe('2025-03-05T09:05:00');
      expect(records.get('X06')?.receivedAt).toBe('2025-03-11T12:00:00');
    } finally {
      if (previous === undefined) delete process.env['AFTERSALES_AUDIT_WORKER_BYTES'];
      else process.env['AFTERSALES_AUDIT_WORKER_BYTES'] = previous;
    }
  });
});

import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { inspectWorkbook, notXlsx, readSheet } from '../src/read/xlsx.js';
import type { RawRow } from '../src/model.js';

const dir = mkdtempSync(join(tmpdir(), 'aa-xlsx-'));

async function rowsOf(path: string, sheet: string): Promise<RawRow[]> {
  const out: RawRow[] = [];
  await readSheet(path, 'book.xlsx', sheet, (row, cells) => void out.push({ row, cells }));
  return out;
}

describe('XLSX reader', () => {
  it('lists sheets (hidden ones marked) and reads each by name, with cell values made plain', async () => {
    const wb = new ExcelJS.Workbook();
    const first = wb.addWorksheet('投诉台账');
    first.addRow(['2025年度投诉台账']);
    first.mergeCells('A1:D1');
    first.addRow(['编号', '受理时间', '备注', '金额']);
    first.addRow(['A1', new Date(Date.UTC(2025, 2, 5, 9, 30)), { richText: [{ text: '富' }, { text: '文本' }] }, { formula: '1+1', result: 2 }]);
    first.getCell('B3').numFmt = 'yyyy-mm-dd hh:mm';
    first.addRow(['A2', 45721, { text: '链接', hyperlink: 'https://example.invalid' }, true]);
    wb.addWorksheet('回访').addRow(['H1']);
    wb.addWorksheet('隐藏', { state: 'hidden' }).addRow(['x']);
    const path = join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(path);

    const info = await inspectWorkbook(path, 'book.xlsx');
    expect(info.sheets).toEqual([
      { name: '投诉台账', hidden: false },
      { name: '回访', hidden: false },
      { name: '隐藏', hidden: true },
    ]);
    expect(info.date1904).toBe(false);

    const rows = await rowsOf(path, '投诉台账');
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.cells[0]).toBe('2025年度投诉台账');
    expect(rows[2]!.cells).toEqual(['A1', new Date(Date.UTC(2025, 2, 5, 9, 30)), '富文本', 2]);
    expect(rows[3]!.cells).toEqual(['A2', 45721, '链接', true]);
    expect((await rowsOf(path, '回访')).map((r) => r.cells)).toEqual([['H1']]);
  });

  // exceljs#3064: the forward-only WorkbookReader loses xl/workbook.xml (stored last) now and then.
  it('reads a workbook whose xl/workbook.xml is the last zip entry, every time', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('First').addRow(['a', 'b']);
    wb.addWorksheet('Second').addRow(['c', 'd']);
    const path = join(dir, 'race.xlsx');
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    for (let i = 0; i < 25; i++) {
      expect((await rowsOf(path, 'Second')).map((r) => r.cells)).toEqual([['c', 'd']]);
    }
  });

  // Up to 4 MB a workbook is read into memory whole before it is unzipped; a larger one is read from
  // the file part by part. This one is made large by a 5 MB picture (random bytes, which deflate
  // cannot shrink) beside a small sheet.
  it('reads a workbook over 4 MB from the file, as it reads a small one from memory', async () => {
    const build = async (name: string, picture: number): Promise<string> => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('投诉台账');
      sheet.addRow(['编号', '受理时间']);
      for (let i = 1; i <= 300; i++) sheet.addRow([`TS${i}`, '2025-03-05 09:30']);
      if (picture > 0) {
        const bytes = Buffer.alloc(picture);
        let x = 2463534242;
        for (let i = 0; i < picture; i++) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          bytes[i] = x & 0xff;
        }
        sheet.addImage(wb.addImage({ buffer: bytes as unknown as ExcelJS.Buffer, extension: 'png' }), 'D2:E4');
      }
      const path = join(dir, name);
      await wb.xlsx.writeFile(path);
      return path;
    };
    const large = await build('large.xlsx', 5 * 1024 * 1024);
    const small = await build('small.xlsx', 0);
    expect(statSync(large).size).toBeGreaterThan(4 * 1024 * 1024);
    expect(statSync(small).size).toBeLessThan(4 * 1024 * 1024);
    expect(await inspectWorkbook(large, 'large.xlsx')).toEqual(await inspectWorkbook(small, 'small.xlsx'));
    const rows = await rowsOf(large, '投诉台账');
    expect(rows).toHaveLength(301);
    expect(rows).toEqual(await rowsOf(small, '投诉台账'));
  });

  it('knows the 1904 date system', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet('S').addRow([1]);
    const path = join(dir, 'mac.xlsx');
    await wb.xlsx.writeFile(path);
    expect((await inspectWorkbook(path, 'mac.xlsx')).date1904).toBe(true);
  });

  it('names what a file really is when it is not an xlsx', () => {
    expect(notXlsx('a.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBeNull();
    expect(notXlsx('a.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))?.text.en).toContain('.xls');
    expect(notXlsx('a.xlsx', Buffer.from('%PDF-1.4'))?.text.en).toContain('PDF');
    expect(notXlsx('a.xlsx', Buffer.alloc(0))?.text.en).toContain('empty');
    expect(notXlsx('a.xlsx', Buffer.from('编号,项目'))?.text.en).toContain('not a zip');
  });
});

// Merged cells in .xlsx (#14.1), and the 1904 date system as LibreOffice writes it (#14 bug 2): the value of a merged range's top-left cell is given to every cell
// of the range, in any column, though SpreadsheetML lists the ranges after the rows (<mergeCells>
// after <sheetData>). Workbooks are written byte by byte (test/support/zip.ts): unprefixed and
// prefixed XML, a small workbook read whole and one over 4 MB read from the file, on this thread and
// in the parsing worker (the compiled code: `npm run build` first), a merge list across the 16 KiB
// chunks of the inflated part, and the bounds on a hostile list.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, setLimits } from '../src/limits.js';
import type { CellValue } from '../src/model.js';
import { MERGED_RANGES_LIMIT, readSheet } from '../src/read/xlsx.js';
import { bookParts, makeZip, sheetXml, type CellSpec, type ZipPart } from './support/zip.js';

const dir = mkdtempSync(join(tmpdir(), 'aa-xlsx-merges-'));
afterEach(() => setLimits(DEFAULT_LIMITS));

/** Bytes that deflate cannot shrink: they make a workbook larger than the 4 MB read whole. */
function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = 88172645;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
const LARGE: ZipPart = { name: 'xl/media/image1.png', data: noise(4.5 * 1024 * 1024), stored: true };

/** A sheet's XML with `refs` as its merge list, after the rows as writers put it. */
function mergedSheet(rows: readonly (readonly CellSpec[])[], refs: readonly string[], prefix = ''): string {
  const p = prefix ? `${prefix}:` : '';
  const list = `<${p}mergeCells count="${refs.length}">${refs.map((ref) => `<${p}mergeCell ref="${ref}"/>`).join('')}</${p}mergeCells>`;
  return sheetXml(rows, prefix).replace(`</${p}worksheet>`, `${list}<${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></${p}worksheet>`);
}

function write(name: string, sheets: { name: string; xml: string }[], options: { prefix?: string; large?: boolean } = {}): string {
  const path = join(dir, name);
  writeFileSync(path, makeZip(bookParts({ sheets, prefix: options.prefix ?? '', extra: options.large ? [LARGE] : [] })));
  return path;
}

async function cellsOf(path: string, sheet: string): Promise<[number, CellValue[]][]> {
  const out: [number, CellValue[]][] = [];
  await readSheet(path, 'book.xlsx', sheet, (row, cells) => void out.push([row, [...cells]]));
  return out;
}

// A register as kept by hand: a two-row header (处理情况 merged over its three sub-headers, the
// other headers merged down over both rows), 项目名称 merged down over each project's rows, a
// covered cell that still holds text (LibreOffice can keep it hidden) and an empty merged range.
const ROWS: CellSpec[][] = [
  ['编号', '项目名称', '处理情况', '', '', '处理状态'],
  ['', '', '处理意见', '处理意见时间', '办结时间', ''],
  ['TS1', '海岸华庭', '已派人', 45660, 45661, '已办结'],
  ['TS2', '', '已派人', 45662, 45663, '已办结'],
  ['TS3', 'hidden', '已派人', 45664, '', '处理中'],
  ['TS4', '山语城', '已联系', 45665, 45666, '已办结'],
  ['TS5', '', '已联系', 45667, 45668, '已办结'],
];
const REFS = ['A1:A2', 'B1:B2', '$C$1:$E$1', 'F1:F2', 'B3:B5', 'B6:B7', 'E5:E7', 'G3'];
const EXPECTED: [number, CellValue[]][] = [
  [1, ['编号', '项目名称', '处理情况', '处理情况', '处理情况', '处理状态']],
  [2, ['编号', '项目名称', '处理意见', '处理意见时间', '办结时间', '处理状态']],
  [3, ['TS1', '海岸华庭', '已派人', 45660, 45661, '已办结']],
  [4, ['TS2', '海岸华庭', '已派人', 45662, 45663, '已办结']],
  [5, ['TS3', '海岸华庭', '已派人', 45664, null, '处理中']],
  [6, ['TS4', '山语城', '已联系', 45665, 45666, '已办结']],
  [7, ['TS5', '山语城', '已联系', 45667, 45668, '已办结']],
];
// sheetXml writes '' as an empty inline string: the reader gives those as '' (not null).
const cleaned = (rows: [number, CellValue[]][]): [number, CellValue[]][] => rows.map(([r, cells]) => [r, cells.map((c) => (c === '' ? null : c))]);

describe('merged cells in .xlsx (#14.1)', () => {
  it('reads a LibreOffice workbook in the 1904 date system (date1904="true") on its own dates', async () => {
    const book1904 = fileURLToPath(new URL('../fixtures/layouts/date-1904/libreoffice-xlsx/已售房源台账.xlsx', import.meta.url));
    const rows = await cellsOf(book1904, '已售房源');
    expect((rows[1]![1][2] as Date).toISOString()).toBe('2023-01-05T00:00:00.000Z');
  });

  for (const prefix of ['', 'x']) {
    for (const large of [false, true]) {
      it(`gives a range's value to every cell of it, any column, header or data (${prefix ? 'prefixed XML' : 'plain XML'}, ${large ? 'over 4 MB, read from the file' : 'small, read whole'})`, async () => {
        const path = write(`merged-${prefix || 'plain'}-${large}.xlsx`, [{ name: '投诉台账', xml: mergedSheet(ROWS, REFS, prefix) }], { prefix, large });
        expect(cleaned(await cellsOf(path, '投诉台账'))).toEqual(EXPECTED);
      });
    }
  }

  it('fills nothing on a sheet without merges, and nothing from a range whose top-left cell is empty', async () => {
    const path = write('plain.xlsx', [
      { name: 'A', xml: sheetXml([['编号', '项目名称'], ['TS1', '海岸华庭']]) },
      { name: 'B', xml: mergedSheet([['编号', '项目名称'], ['TS1', ''], ['TS2', '']], ['B2:B3']) },
    ]);
    expect(await cellsOf(path, 'A')).toEqual([[1, ['编号', '项目名称']], [2, ['TS1', '海岸华庭']]]);
    expect(cleaned(await cellsOf(path, 'B'))).toEqual([[1, ['编号', '项目名称']], [2, ['TS1', null]], [3, ['TS2', null]]]);
  });

  it('reads a merge list that runs across the 16 KiB chunks of the inflated part', async () => {
    const rows: CellSpec[][] = [['编号', '项目名称']];
    const refs: string[] = [];
    for (let i = 0; i < 3000; i++) {
      rows.push([`TS${i}`, i % 2 === 0 ? `项目${i}` : '']);
      if (i % 2 === 0) refs.push(`B${i + 2}:B${i + 3}`);
    }
    const path = write('long-list.xlsx', [{ name: '投诉台账', xml: mergedSheet(rows, refs) }]);
    const cells = await cellsOf(path, '投诉台账');
    expect(cells).toHaveLength(3001);
    for (let i = 0; i < 3000; i++) expect(cells[i + 1]![1][1], `row ${i + 2}`).toBe(`项目${i - (i % 2)}`);
  });

  it('refuses a sheet with more merged ranges than MERGED_RANGES_LIMIT, or ranges covering millions of cells, naming the sheet', async () => {
    const many = Array.from({ length: MERGED_RANGES_LIMIT + 1 }, (_, i) => `A${2 * i + 1}:A${2 * i + 2}`);
    const path = write('many-merges.xlsx', [{ name: '投诉台账', xml: mergedSheet([['编号']], many) }]);
    await expect(readSheet(path, 'many.xlsx', '投诉台账', () => {})).rejects.toMatchObject({
      text: { zh: expect.stringContaining('工作表「投诉台账」的合并单元格超过'), en: expect.stringContaining('sheet "投诉台账" has over 100,000 merged ranges') },
    });
    const huge = write('huge-merge.xlsx', [{ name: '投诉台账', xml: mergedSheet([['编号']], ['A1:ZZ900000']) }]);
    await expect(readSheet(huge, 'huge.xlsx', '投诉台账', () => {})).rejects.toThrow(/merged ranges or they cover over 5,000,000 cells/);
  });
});

// The parsing worker runs from the compiled code (dist/read/parse-worker.js): `npm run build` first.
describe('merged cells and the 1904 date system in .xlsx, in the parsing worker', () => {
  it('are filled as on this thread (small and large workbooks, prefixed XML)', async () => {
    const built = (await import(new URL('../dist/read/xlsx.js', import.meta.url).href)) as typeof import('../src/read/xlsx.js');
    const previous = process.env['AFTERSALES_AUDIT_WORKER_BYTES'];
    process.env['AFTERSALES_AUDIT_WORKER_BYTES'] = '0';
    try {
      // The 1904 date system as LibreOffice writes it (date1904="true", not "1"): 2023-01-05, not 2019-01-04.
      const book1904 = fileURLToPath(new URL('../fixtures/layouts/date-1904/libreoffice-xlsx/已售房源台账.xlsx', import.meta.url));
      const dates: CellValue[] = [];
      await built.sheetRows(book1904, '已售房源台账.xlsx', '已售房源').read((_, cells) => void dates.push(cells?.[2] ?? null));
      expect((dates[1] as Date).toISOString()).toBe('2023-01-05T00:00:00.000Z');
      for (const [prefix, large] of [['', false], ['x', true]] as const) {
        const path = write(`worker-${prefix || 'plain'}-${large}.xlsx`, [{ name: '投诉台账', xml: mergedSheet(ROWS, REFS, prefix) }], { prefix, large });
        const out: [number, CellValue[]][] = [];
        await built.sheetRows(path, 'book.xlsx', '投诉台账').read((row, cells) => void out.push([row, [...(cells ?? [])]]));
        expect(cleaned(out)).toEqual(EXPECTED);
      }
    } finally {
      if (previous === undefined) delete process.env['AFTERSALES_AUDIT_WORKER_BYTES'];
      else process.env['AFTERSALES_AUDIT_WORKER_BYTES'] = previous;
    }
  });
});

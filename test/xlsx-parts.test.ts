// The zip layer of the XLSX reader (src/read/xlsx.ts): every part decoded as one stream, whatever
// its size and wherever its 16 KiB chunks end; namespace prefixes; duplicate, numerous or encrypted
// parts. Workbooks are written byte by byte here (test/support/zip.ts), so each case is exact.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, setLimits } from '../src/limits.js';
import type { CellValue } from '../src/model.js';
import { inspectWorkbook, readSheet } from '../src/read/xlsx.js';
import { bookParts, makeCfb, makeZip, sheetXml, straddlingTexts, type ZipPart } from './support/zip.js';

const dir = mkdtempSync(join(tmpdir(), 'aa-xlsx-parts-'));
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

afterEach(() => setLimits(DEFAULT_LIMITS));

function write(name: string, data: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** Bytes that deflate cannot shrink: they make a workbook larger than the 4 MB read whole. */
function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = 2463534242;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
const LARGE: ZipPart = { name: 'xl/media/image1.png', data: noise(4.5 * 1024 * 1024), stored: true };

async function cellsOf(path: string, sheet: string): Promise<CellValue[][]> {
  const out: CellValue[][] = [];
  await readSheet(path, 'book.xlsx', sheet, (_, cells) => void out.push([...cells]));
  return out;
}

/** Workbooks whose shared strings, or inline strings, put 年 across each of 6 boundaries. */
function straddlingBooks(large: boolean): { shared: string; inline: string; texts: string[]; inlineTexts: string[] } {
  const sstHead = `${XML_HEAD}<sst xmlns="${MAIN}">`;
  const shared = straddlingTexts(Buffer.byteLength(sstHead), () => '<si><t>', () => '</t></si>', 6);
  const sst = `${sstHead}${shared.texts.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`;
  const sharedSheet = sheetXml(shared.texts.map((_, i) => [{ s: i }]));
  const sheetHead = `${XML_HEAD}<worksheet xmlns="${MAIN}"><sheetData>`;
  const open = (i: number): string => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>`;
  const inline = straddlingTexts(Buffer.byteLength(sheetHead), open, () => '</t></is></c></row>', 6, '海岸华庭项目');
  const inlineSheet = `${sheetHead}${inline.texts.map((t, i) => `${open(i)}${t}</t></is></c></row>`).join('')}</sheetData></worksheet>`;
  // The parts really are laid out so: the byte at each boundary is the middle of a character.
  for (const xml of [sst, inlineSheet]) {
    const bytes = Buffer.from(xml);
    for (let k = 1; k <= 6; k++) expect(bytes[k * 16384]! & 0xc0).toBe(0x80);
  }
  const extra = large ? [LARGE] : [];
  const tag = large ? 'large' : 'small';
  return {
    shared: write(`shared-${tag}.xlsx`, makeZip(bookParts({ sheets: [{ name: '投诉台账', xml: sharedSheet }], sharedStrings: sst, extra }))),
    inline: write(`inline-${tag}.xlsx`, makeZip(bookParts({ sheets: [{ name: '投诉台账', xml: inlineSheet }], extra }))),
    texts: shared.texts,
    inlineTexts: inline.texts,
  };
}

describe('XLSX parts are decoded as one stream (#12 bug 1)', () => {
  for (const large of [false, true]) {
    it(`reads a character across every 16 KiB boundary of the shared strings and of a sheet (${large ? 'a workbook over 4 MB, read from the file' : 'a small workbook, read whole'})`, async () => {
      const books = straddlingBooks(large);
      expect((await cellsOf(books.shared, '投诉台账')).map((c) => c[0])).toEqual(books.texts);
      expect((await cellsOf(books.inline, '投诉台账')).map((c) => c[0])).toEqual(books.inlineTexts);
    });
  }

  it('reads every sheet of a workbook of 700 sheets, one named across byte 32,768 of xl/workbook.xml (#13.6)', async () => {
    const names: string[] = [];
    const head = `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`;
    let at = Buffer.byteLength(head);
    let across = -1;
    while (names.length < 700) {
      const n = names.length + 1;
      const element = (name: string): string => `<sheet name="${name}" sheetId="${n}" r:id="rId${n}"/>`;
      let name = `投诉台账${n}号`;
      if (across < 0 && at + Buffer.byteLength(element(name)) + 40 > 32768) {
        // This name goes across byte 32,768, the boundary in the middle of one of its characters.
        for (const shift of ['', 'a', 'aa']) {
          name = `${shift}投诉台账${'长'.repeat(20)}${n}`;
          const nameAt = at + element(name).indexOf('"') + 1;
          if (Buffer.from(name)[32768 - nameAt]! >> 6 === 2) break;
        }
        across = names.length;
      }
      names.push(name);
      at += Buffer.byteLength(element(name));
    }
    expect(across).toBeGreaterThan(0);
    const path = write('many.xlsx', makeZip(bookParts({ sheets: names.map((name, i) => ({ name, xml: sheetXml([['编号'], [`T${i}`]]) })) })));
    expect((await inspectWorkbook(path, 'many.xlsx')).sheets.map((s) => s.name)).toEqual(names);
    for (const [i, name] of names.entries()) expect(await cellsOf(path, name)).toEqual([['编号'], [`T${i}`]]);
  });
});

describe('what is kept about a workbook between its sheets', () => {
  it('reads a file rewritten at once with other content of the same size anew', async () => {
    const path = join(dir, 'rewritten.xlsx');
    for (const value of ['AAAA', 'BBBB', 'CCCC']) {
      writeFileSync(path, makeZip(bookParts({ sheets: [{ name: value, xml: sheetXml([['编号'], [value]]) }] })));
      expect((await inspectWorkbook(path, 'rewritten.xlsx')).sheets.map((s) => s.name)).toEqual([value]);
      expect(await cellsOf(path, value)).toEqual([['编号'], [value]]);
    }
  });
});

describe('XLSX namespace prefixes (#13.7)', () => {
  it('reads a workbook whose SpreadsheetML elements all carry a prefix (<x:worksheet>, <x:row>, <x:c>)', async () => {
    const sst = `${XML_HEAD}<x:sst xmlns:x="${MAIN}"><x:si><x:t>项目名称</x:t></x:si><x:si><x:t>海岸华庭</x:t></x:si></x:sst>`;
    const xml = sheetXml(
      [
        ['编号', { s: 0 }, '受理时间'],
        ['TS1', { s: 1 }, 45721],
      ],
      'x',
    );
    // A prefix split between two 16 KiB chunks too: a long sheet.
    const rows = Array.from({ length: 3000 }, (_, i) => [`TS${i}`, { s: 1 }, 45721 + i] as const);
    const long = sheetXml([['编号', { s: 0 }, '受理时间'], ...rows], 'x');
    const path = write('prefixed.xlsx', makeZip(bookParts({ prefix: 'x', sharedStrings: sst, sheets: [{ name: '投诉台账', xml }, { name: '长表', xml: long }] })));
    expect((await inspectWorkbook(path, 'prefixed.xlsx')).sheets).toEqual([
      { name: '投诉台账', hidden: false },
      { name: '长表', hidden: false },
    ]);
    expect(await cellsOf(path, '投诉台账')).toEqual([
      ['编号', '项目名称', '受理时间'],
      ['TS1', '海岸华庭', 45721],
    ]);
    const longRows = await cellsOf(path, '长表');
    expect(longRows).toHaveLength(3001);
    expect(longRows[3000]).toEqual(['TS2999', '海岸华庭', 45721 + 2999]);
  });
});

describe('XLSX zip entries', () => {
  it('refuses a zip holding two parts of one name, naming the part (#13.8)', async () => {
    const parts = bookParts({ sheets: [{ name: '投诉台账', xml: sheetXml([['编号'], ['TS1']]) }] });
    const path = write('twice.xlsx', makeZip([...parts, { name: 'xl/worksheets/sheet1.xml', data: sheetXml([['编号'], ['FORGED']]) }]));
    await expect(inspectWorkbook(path, 'twice.xlsx')).rejects.toThrow(/two parts named xl\/worksheets\/sheet1\.xml/);
    await expect(cellsOf(path, '投诉台账')).rejects.toMatchObject({ text: { zh: expect.stringContaining('两个同名的部件 xl/worksheets/sheet1.xml') } });
  });

  it('refuses a zip of more entries than limits.xlsxEntries before listing them (#13.10)', async () => {
    const parts = bookParts({ sheets: [{ name: '投诉台账', xml: sheetXml([['编号'], ['TS1']]) }] });
    const many = Array.from({ length: 25_000 }, (_, i) => ({ name: `customXml/item${i}.xml`, data: '', stored: true }));
    const path = write('entries.xlsx', makeZip([...parts, ...many]));
    await expect(inspectWorkbook(path, 'entries.xlsx')).rejects.toThrow(/25005 parts, over the limit of 20000 \(limits\.xlsxEntries\)/);
    setLimits({ xlsxEntries: 30_000 });
    expect((await inspectWorkbook(path, 'entries.xlsx')).sheets).toHaveLength(1);
  });

  it('refuses a workbook of more sheets than limits.xlsxSheets (#13.10)', async () => {
    const path = write('sheets.xlsx', makeZip(bookParts({ sheets: Array.from({ length: 12 }, (_, i) => ({ name: `S${i}`, xml: sheetXml([['x']]) })) })));
    setLimits({ xlsxSheets: 11 });
    await expect(inspectWorkbook(path, 'sheets.xlsx')).rejects.toThrow(/more than 11 sheets \(limits\.xlsxSheets\)/);
    setLimits({ xlsxSheets: 12 });
    expect((await inspectWorkbook(path, 'sheets.xlsx')).sheets).toHaveLength(12);
  });

  it('calls a password-protected .xlsx so, and a legacy .xls a legacy .xls (#13.18)', async () => {
    const encrypted = write(
      'locked.xlsx',
      makeCfb([
        { name: 'EncryptionInfo', data: noise(4096) },
        { name: 'EncryptedPackage', data: noise(9000) },
      ]),
    );
    await expect(inspectWorkbook(encrypted, 'locked.xlsx')).rejects.toThrow(/encrypted with a password.*remove the password/);
    await expect(inspectWorkbook(encrypted, 'locked.xlsx')).rejects.toMatchObject({ text: { zh: expect.stringContaining('设置了打开密码') } });
    const legacy = write('old.xlsx', makeCfb([{ name: 'Workbook', data: noise(5000) }]));
    await expect(inspectWorkbook(legacy, 'old.xlsx')).rejects.toThrow(/legacy Excel 97-2003 \(\.xls\)/);
  });
});

// The parsing worker runs from the compiled code (dist/read/parse-worker.js, beside dist/read/xlsx.js):
// `npm run build` first. AFTERSALES_AUDIT_WORKER_BYTES=0 sends every workbook to it.
describe('XLSX parts in the parsing worker', () => {
  it('reads a character across every 16 KiB boundary, a prefixed workbook and a 700-sheet one as the main thread does', async () => {
    const built = (await import(new URL('../dist/read/xlsx.js', import.meta.url).href)) as typeof import('../src/read/xlsx.js');
    const previous = process.env['AFTERSALES_AUDIT_WORKER_BYTES'];
    process.env['AFTERSALES_AUDIT_WORKER_BYTES'] = '0';
    try {
      const inWorker = async (path: string, sheet: string): Promise<CellValue[][]> => {
        const out: CellValue[][] = [];
        await built.sheetRows(path, 'book.xlsx', sheet).read((_, cells) => void out.push([...(cells ?? [])]));
        return out;
      };
      for (const large of [false, true]) {
        const books = straddlingBooks(large);
        expect((await inWorker(books.shared, '投诉台账')).map((c) => c[0])).toEqual(books.texts);
        expect((await inWorker(books.inline, '投诉台账')).map((c) => c[0])).toEqual(books.inlineTexts);
      }
      const sst = `${XML_HEAD}<x:sst xmlns:x="${MAIN}"><x:si><x:t>海岸华庭</x:t></x:si></x:sst>`;
      const prefixed = write('prefixed-worker.xlsx', makeZip(bookParts({ prefix: 'x', sharedStrings: sst, sheets: [{ name: '投诉台账', xml: sheetXml([['项目名称'], [{ s: 0 }]], 'x') }] })));
      expect(await inWorker(prefixed, '投诉台账')).toEqual([['项目名称'], ['海岸华庭']]);
    } finally {
      if (previous === undefined) delete process.env['AFTERSALES_AUDIT_WORKER_BYTES'];
      else process.env['AFTERSALES_AUDIT_WORKER_BYTES'] = previous;
    }
  });
});

// The compiled CLI (`npm run build` first): the limits come from --config, the errors end in exit 2.
describe('XLSX zip limits and refusals through the CLI', () => {
  const bin = new URL('../bin/aftersales-audit.js', import.meta.url).pathname;
  const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });

  it('takes limits.xlsxSheets from the config, and says a password-protected workbook is one, with exit 2', () => {
    const folder = join(dir, 'cli');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '投诉台账.xlsx'), makeZip(bookParts({ sheets: ['投诉台账', '回访记录', '其他'].map((name) => ({ name, xml: sheetXml([['编号'], ['TS1']]) })) })));
    writeFileSync(join(dir, 'limits.yaml'), 'limits:\n  xlsxSheets: 2\n');
    const refused = run(['validate', folder, '--config', join(dir, 'limits.yaml'), '--lang', 'en']);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim()).toBe('aftersales-audit: 投诉台账.xlsx: the workbook has more than 2 sheets (limits.xlsxSheets) and was not read; keep only the sheets to audit, or raise limits.xlsxSheets in the config');
    expect(run(['validate', folder, '--lang', 'en']).status).not.toBe(2);

    const locked = join(dir, 'locked');
    mkdirSync(locked, { recursive: true });
    writeFileSync(join(locked, '投诉台账.xlsx'), makeCfb([{ name: 'EncryptionInfo', data: noise(4096) }, { name: 'EncryptedPackage', data: noise(9000) }]));
    const result = run(['validate', locked]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('投诉台账.xlsx：这是设置了打开密码的加密 .xlsx 文件');
    expect(result.stderr).not.toContain('.xls)');
  });
});

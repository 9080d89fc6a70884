// The legacy .xls (BIFF8) and .ods reader, on the workbooks of fixtures/layouts (written by xlwt and
// LibreOffice, see scripts/make-layout-fixtures.sh), and the fixtures' own consistency: each
// expected-rows JSON against its workbook's cells, .xlsx ones read by exceljs's full reader (which
// gives every cell of a merged range its first cell's value), independently of our readers.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { datasets } from '../src/datasets.js';
import { InputError } from '../src/errors.js';
import { DEFAULT_LIMITS, setLimits } from '../src/limits.js';
import type { CellValue, DatasetName } from '../src/model.js';
import { readEnterprise } from '../src/pipeline.js';
import { inspectLegacyWorkbook, MERGED_CELLS_LIMIT, readLegacySheet, workbookFormat, type LegacyFormat } from '../src/read/legacy.js';
import { inspectWorkbook, toCellValue } from '../src/read/xlsx.js';
import { normaliseCell } from '../src/validate/records.js';

const LAYOUTS = new URL('../fixtures/layouts/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'aa-legacy-'));

interface Expected {
  file: string;
  dataset: DatasetName;
  date1904: boolean;
  sheets: { sheet: string; hidden: boolean; columns: Record<string, string> }[];
  records: { file: string; sheet: string; row: number; values: Record<string, string> }[];
}

/** Every expected-rows JSON under fixtures/layouts, with its workbook. */
function fixtures(): { habit: string; variant: string; folder: string; workbook: string; expected: Expected }[] {
  const out = [];
  for (const habit of readdirSync(LAYOUTS).sort()) {
    for (const variant of readdirSync(join(LAYOUTS, habit)).sort()) {
      const folder = join(LAYOUTS, habit, variant);
      for (const name of readdirSync(folder).sort()) {
        if (!name.endsWith('.expected.json')) continue;
        const expected = JSON.parse(readFileSync(join(folder, name), 'utf8')) as Expected;
        out.push({ habit, variant, folder, workbook: join(folder, expected.file), expected });
      }
    }
  }
  return out;
}

const column = (letter: string): number => letter.charCodeAt(0) - 65;

/** Sheet → row → cells, from our reader (.xls, .ods) or exceljs's full reader (.xlsx). */
async function cellsOf(path: string, sheets: readonly string[]): Promise<Map<string, Map<number, readonly CellValue[]>>> {
  const out = new Map<string, Map<number, readonly CellValue[]>>();
  const ext = extname(path);
  if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const date1904 = (await inspectWorkbook(path, basename(path))).date1904;
    for (const name of sheets) {
      const rows = new Map<number, CellValue[]>();
      const ws = wb.getWorksheet(name)!;
      for (let r = 1; r <= ws.rowCount; r++) {
        const cells: CellValue[] = [];
        for (let c = 1; c <= ws.columnCount; c++) {
          const v = toCellValue(ws.getCell(r, c).value);
          // exceljs takes only date1904="1" for the 1904 system, not LibreOffice's "true".
          cells.push(v instanceof Date && date1904 && !wb.properties.date1904 ? new Date(v.getTime() + 1462 * 86_400_000) : v);
        }
        rows.set(r, cells);
      }
      out.set(name, rows);
    }
    return out;
  }
  const format = (await workbookFormat(path, basename(path), ext)) as LegacyFormat;
  for (const name of sheets) {
    const rows = new Map<number, readonly CellValue[]>();
    await readLegacySheet(path, basename(path), format, name, (row, cells) => void rows.set(row, cells));
    out.set(name, rows);
  }
  return out;
}

function valuesAt(expected: Expected, sheet: string, cells: readonly CellValue[] | undefined): Record<string, string> {
  const columns = expected.sheets.find((s) => s.sheet === sheet)!.columns;
  const values: Record<string, string> = {};
  for (const [key, letter] of Object.entries(columns)) {
    const def = datasets[expected.dataset].columns.find((c) => c.key === key)!;
    const cell = cells?.[column(letter)] ?? null;
    const value = cell === null || cell === '' ? undefined : normaliseCell(def, cell, expected.date1904);
    if (value !== undefined) values[key] = value;
  }
  return values;
}

afterEach(() => setLimits(DEFAULT_LIMITS));

describe('fixtures/layouts', () => {
  const all = fixtures();

  it('has every habit in every writer: openpyxl, xlsxwriter, xlwt and LibreOffice (.xlsx, .xls, .ods)', () => {
    const habits = new Set(all.map((f) => f.habit));
    expect([...habits].sort()).toEqual(['copy', 'date-1904', 'instructions-sheet', 'merged-project', 'monthly-sheets', 'per-project-sheets', 'repeated-header', 'two-row-header']);
    for (const habit of habits) {
      const variants = new Set(all.filter((f) => f.habit === habit).map((f) => f.variant));
      expect([...variants].sort(), habit).toEqual(['libreoffice-ods', 'libreoffice-xls', 'libreoffice-xlsx', 'openpyxl', 'xlsxwriter', 'xlwt']);
    }
  });

  // The expected rows are what every reader must give; here they are checked against the cells
  // themselves, so a fixture can be trusted by the readers' tests (xlsx ones by exceljs, the others
  // by the legacy reader: this is also its test on every sheet of every habit).
  it.each(all.map((f) => [`${f.habit}/${f.variant}/${f.expected.file}`, f] as const))('%s: the expected rows are the workbook\'s cells', async (_, f) => {
    const sheets = f.expected.sheets.map((s) => s.sheet);
    const cells = await cellsOf(f.workbook, sheets);
    expect(f.expected.records.length).toBeGreaterThan(0);
    for (const record of f.expected.records) {
      expect(record.file).toBe(basename(f.workbook));
      expect(valuesAt(f.expected, record.sheet, cells.get(record.sheet)!.get(record.row)), `${record.sheet} row ${record.row}`).toEqual(record.values);
    }
  });
});

describe('legacy workbook reader (.xls, .ods)', () => {
  it('lists sheets with hidden ones marked and the date system, in .xls from xlwt and LibreOffice and in .ods', async () => {
    for (const variant of ['xlwt', 'libreoffice-xls', 'libreoffice-ods']) {
      const ext = variant.endsWith('ods') ? 'ods' : 'xls';
      const path = join(LAYOUTS, 'instructions-sheet', variant, `投诉台账.${ext}`);
      const format = await workbookFormat(path, 'x', `.${ext}`);
      expect(format).toBe(ext);
      const info = await inspectLegacyWorkbook(path, 'x', format as LegacyFormat);
      expect(info, variant).toEqual({
        sheets: [
          { name: '填写说明', hidden: false },
          { name: '投诉台账', hidden: false },
          { name: '选项', hidden: true },
        ],
        date1904: false,
      });
      const path1904 = join(LAYOUTS, 'date-1904', variant, `已售房源台账.${ext}`);
      expect((await inspectLegacyWorkbook(path1904, 'x', ext as LegacyFormat)).date1904, variant).toBe(true);
    }
  });

  it('applies a merged range to every cell of it, and gives date cells as China wall-clock dates (1904 system too)', async () => {
    for (const ext of ['xls', 'ods'] as const) {
      const variant = ext === 'xls' ? 'xlwt' : 'libreoffice-ods';
      const rows = new Map<number, readonly CellValue[]>();
      await readLegacySheet(join(LAYOUTS, 'merged-project', variant, `投诉台账.${ext}`), 'x', ext, '投诉台账', (row, cells) => void rows.set(row, cells));
      // The title merged across A1:P1, 项目名称 merged down B3:B10.
      expect(rows.get(1)!.length).toBe(16);
      expect(new Set(rows.get(1))).toEqual(new Set(['2025年度客户投诉台账']));
      for (let r = 3; r <= 10; r++) expect(rows.get(r)![1], `${ext} row ${r}`).toBe('海岸华庭');
      expect(rows.get(11)![1]).toBe('山语城');
      expect(rows.get(3)![9]).toEqual(new Date(Date.UTC(2025, 0, 3, 9, 0)));
      const units = new Map<number, readonly CellValue[]>();
      await readLegacySheet(join(LAYOUTS, 'date-1904', variant, `已售房源台账.${ext}`), 'x', ext, '已售房源', (row, cells) => void units.set(row, cells));
      expect(units.get(2)!.slice(2, 4)).toEqual([new Date(Date.UTC(2023, 0, 5)), new Date(Date.UTC(2024, 5, 1))]);
    }
  });

  it('an audit folder of .xls or .ods reads every record with its values, file, sheet and row', async () => {
    for (const variant of ['xlwt', 'libreoffice-xls', 'libreoffice-ods']) {
      const folder = join(LAYOUTS, 'merged-project', variant);
      const seen: { dataset: string; file: string; sheet: string | null; row: number; record: Record<string, string> }[] = [];
      const reading = await readEnterprise({ dir: folder, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000 }, (record, source, row) =>
        seen.push({ dataset: source.dataset, file: source.file, sheet: source.sheet, row, record: { ...record } }),
      );
      expect(reading.dataQuality.issues, variant).toEqual([]);
      for (const name of ['投诉台账', '已售房源台账', '回访记录']) {
        const expected = JSON.parse(readFileSync(join(folder, `${name}.expected.json`), 'utf8')) as Expected;
        const got = seen
          .filter((s) => s.file === expected.file)
          .map((s) => ({ file: s.file, sheet: s.sheet, row: s.row, values: Object.fromEntries(Object.entries(s.record).filter(([, v]) => v !== undefined)) }));
        expect(got, `${variant} ${name}`).toEqual(expected.records);
      }
    }
  });

  it('reads a .xls whose name says .xlsx, and a .et (WPS) that is BIFF8, by their content', async () => {
    const dir = join(tmp, 'renamed');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(LAYOUTS, 'copy', 'xlwt', '投诉台账.xls'), join(dir, '投诉台账.xlsx'));
    copyFileSync(join(LAYOUTS, 'date-1904', 'libreoffice-xls', '已售房源台账.xls'), join(dir, '已售房源台账.et'));
    const reading = await readEnterprise({ dir, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000 });
    expect(reading.inputs.map((i) => [i.file, i.sheet, i.rows])).toEqual([
      ['已售房源台账.et', '已售房源', 12],
      ['投诉台账.xlsx', '投诉台账', 22],
    ]);
    expect(reading.plan.sources.map((s) => s.format)).toEqual(['xls', 'xls']);
  });

  it('an unreadable .xls that names no dataset is listed as not read instead of stopping the audit', async () => {
    const dir = join(tmp, 'stray');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(LAYOUTS, 'copy', 'xlwt', '投诉台账.xls'), join(dir, '投诉台账.xls'));
    writeFileSync(join(dir, '附件.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
    const reading = await readEnterprise({ dir, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 1000 });
    expect(reading.inputs.map((i) => i.file)).toEqual(['投诉台账.xls']);
    expect(reading.plan.unrecognised).toContain('附件.xls');
  });

  it('says clearly that a damaged .xls, a damaged .ods or a password-protected .ods cannot be read', async () => {
    const broken = join(tmp, '投诉台账.xls');
    writeFileSync(broken, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
    await expect(inspectLegacyWorkbook(broken, '投诉台账.xls', 'xls')).rejects.toThrow(InputError);
    await expect(inspectLegacyWorkbook(broken, '投诉台账.xls', 'xls')).rejects.toThrow(/save it as \.xlsx/);

    const notZip = join(tmp, '投诉台账.ods');
    writeFileSync(notZip, 'not a zip at all');
    await expect(inspectLegacyWorkbook(notZip, '投诉台账.ods', 'ods')).rejects.toThrow(/the \.ods file is damaged/);

    // An .ods saved with a password: its manifest names the encryption of content.xml.
    const { default: JSZip } = await import('jszip');
    const source = await JSZip.loadAsync(readFileSync(join(LAYOUTS, 'copy', 'libreoffice-ods', '投诉台账.ods')));
    const manifest = (await source.file('META-INF/manifest.xml')!.async('string')).replace(
      /(<manifest:file-entry[^>]*manifest:full-path="content.xml"[^>]*)\/>/,
      '$1><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data></manifest:file-entry>',
    );
    source.file('META-INF/manifest.xml', manifest);
    const locked = join(tmp, 'locked.ods');
    writeFileSync(locked, await source.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    await expect(inspectLegacyWorkbook(locked, 'locked.ods', 'ods')).rejects.toThrow(/password-protected/);

    // An .xls saved with a password: a FILEPASS record (XOR obfuscation) right after the workbook's BOF.
    const X = createRequire(import.meta.url)('@e965/xlsx') as {
      CFB: { read(d: Buffer, o: object): unknown; find(c: unknown, p: string): { content: Buffer; size: number }; write(c: unknown, o: object): Buffer };
    };
    const cfb = X.CFB.read(readFileSync(join(LAYOUTS, 'copy', 'xlwt', '投诉台账.xls')), { type: 'buffer' });
    const stream = X.CFB.find(cfb, 'Workbook');
    const bytes = Buffer.from(stream.content);
    const filePass = Buffer.from([0x2f, 0x00, 0x06, 0x00, 0x00, 0x00, 0x34, 0x12, 0x78, 0x56]);
    const at = 4 + bytes.readUInt16LE(2);
    stream.content = Buffer.concat([bytes.subarray(0, at), filePass, bytes.subarray(at)]);
    stream.size = stream.content.length;
    const lockedXls = join(tmp, '投诉台账-locked.xls');
    writeFileSync(lockedXls, X.CFB.write(cfb, { type: 'buffer' }));
    expect(await workbookFormat(lockedXls, 'x', '.xls')).toBe('xls');
    await expect(inspectLegacyWorkbook(lockedXls, '投诉台账.xls', 'xls')).rejects.toThrow(/投诉台账\.xls: the workbook is password-protected/);
  });

  it('sends an encrypted .xlsx (an OLE file holding an EncryptedPackage) to the XLSX reader', async () => {
    const X = createRequire(import.meta.url)('@e965/xlsx') as {
      CFB: { utils: { cfb_new(): unknown; cfb_add(c: unknown, p: string, d: Buffer): void }; write(c: unknown, o: object): Buffer };
    };
    const cfb = X.CFB.utils.cfb_new();
    X.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.alloc(64));
    X.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096));
    const path = join(tmp, 'encrypted.xlsx');
    writeFileSync(path, X.CFB.write(cfb, { type: 'buffer' }));
    expect(await workbookFormat(path, 'x', '.xlsx')).toBe('xlsx');
    expect(await workbookFormat(path, 'x', '.xls')).toBe('xlsx');
  });
});

describe('legacy reader against hostile files', () => {
  async function odsWith(content: (xml: string) => string): Promise<string> {
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(readFileSync(join(LAYOUTS, 'copy', 'libreoffice-ods', '投诉台账.ods')));
    zip.file('content.xml', content(await zip.file('content.xml')!.async('string')));
    const path = join(tmp, `hostile-${Math.random().toString(36).slice(2)}.ods`);
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    return path;
  }

  it('never resolves external entities in an .ods (XXE) nor expands nested ones', async () => {
    const secret = join(tmp, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET');
    const path = await odsWith((xml) =>
      xml
        .replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://${secret}"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`)
        .replace('<text:p>TS2025-0001</text:p>', '<text:p>&xxe;&c;</text:p>'),
    );
    const rows: (readonly CellValue[])[] = [];
    await readLegacySheet(path, 'x.ods', 'ods', '投诉台账', (_, cells) => void rows.push(cells));
    const text = JSON.stringify(rows);
    expect(text).not.toContain('TOP-SECRET');
    expect(text).not.toContain('aaaaaaaaaa');
    expect(rows.length).toBe(23);
  });

  it('refuses an .ods whose repeated cells would expand past the limits, before parsing it', async () => {
    const path = await odsWith((xml) =>
      xml.replace(/<table:table-row\b([^>]*)>(<table:table-cell[^>]*>)/, '<table:table-row table:number-rows-repeated="900000"$1><table:table-cell table:number-columns-repeated="900">'),
    );
    await expect(readLegacySheet(path, 'x.ods', 'ods', '投诉台账', () => {})).rejects.toThrow(/expand/);
    // Styled empty cells repeated to the sheet's end, as spreadsheet programs write them, are no cells.
    const styled = await odsWith((xml) =>
      xml.replace('</table:table>', '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:style-name="ce1" table:number-columns-repeated="1000"></table:table-cell></table:table-row></table:table>'),
    );
    const rows: number[] = [];
    await readLegacySheet(styled, 'x.ods', 'ods', '投诉台账', (row) => void rows.push(row));
    expect(rows.length).toBe(23);
  });

  it('refuses an .ods part that inflates past limits.xlsxPartMb (a zip bomb)', async () => {
    const path = await odsWith((xml) => xml.replace('</office:document-content>', `<!--${' '.repeat(3 * 1024 * 1024)}--></office:document-content>`));
    setLimits({ xlsxPartMb: 2 });
    await expect(inspectLegacyWorkbook(path, 'x.ods', 'ods')).rejects.toThrow(/zip bomb/);
  });

  it('keeps merged ranges to the rows present and refuses ranges that would fill too many cells', async () => {
    // A range spanning a million rows and 900 columns on a sheet of 23 rows fills only those rows.
    const big = await odsWith((xml) => xml.replace(/<table:table-cell\b/, `<table:table-cell table:number-columns-spanned="900" table:number-rows-spanned="1000000"`));
    setLimits({ columns: 1000 });
    const got: number[] = [];
    await readLegacySheet(big, 'x.ods', 'ods', '投诉台账', (row) => void got.push(row));
    expect(got.length).toBe(23); // the rows of the sheet, not a million
    // Ranges filling more cells than MERGED_CELLS_LIMIT are refused: 6,000 rows 1,000 cells wide
    // (one cell at the end of each) under one range spanning them all.
    const row = '<table:table-row><table:table-cell table:number-columns-repeated="999"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>';
    const wide = await odsWith((xml) =>
      xml
        .replace(/<table:table-cell\b/, '<table:table-cell table:number-columns-spanned="1000" table:number-rows-spanned="7000"')
        .replace('</table:table>', `${row.repeat(6000)}</table:table>`),
    );
    expect(6000 * 1000).toBeGreaterThan(MERGED_CELLS_LIMIT);
    await expect(readLegacySheet(wide, 'x.ods', 'ods', '投诉台账', () => {})).rejects.toThrow(/merged ranges of sheet "投诉台账" cover over/);
  });

  it('hands the table layer one row past limits.sheetRows, so the audit says the sheet is too long', async () => {
    setLimits({ sheetRows: 5 });
    const rows: number[] = [];
    await readLegacySheet(join(LAYOUTS, 'copy', 'xlwt', '投诉台账.xls'), 'x', 'xls', '投诉台账', (row) => void rows.push(row));
    expect(rows).toEqual([1, 2, 3, 4, 5, 6]);
    const dir = join(tmp, 'long');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(LAYOUTS, 'copy', 'libreoffice-ods', '投诉台账.ods'), join(dir, '投诉台账.ods'));
    await expect(readEnterprise({ dir, explicit: {}, sheet: null, encoding: null, headers: {}, maxIssues: 10 })).rejects.toThrow(/limits\.sheetRows/);
  });
});

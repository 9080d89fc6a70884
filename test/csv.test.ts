import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse';
import { openCsv } from '../src/read/csv.js';
import { tuneParser } from '../src/read/csv-parse-core.js';
import { InputError } from '../src/errors.js';
import type { RawRow } from '../src/model.js';

const dir = mkdtempSync(join(tmpdir(), 'aa-csv-'));

/**
 * openCsv as built (dist/, made by `npm test`'s pretest): only there is the parsing worker's script
 * beside the reader, so only there does AFTERSALES_AUDIT_WORKER_BYTES=0 send a file to the worker.
 */
async function builtOpenCsv(): Promise<typeof openCsv> {
  const built = new URL('../dist/read/csv.js', import.meta.url).href;
  return ((await import(built)) as { openCsv: typeof openCsv }).openCsv;
}
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
}

/** Rows as read; a run of empty lines as a row with no cells and `span` its length. */
async function rows(path: string, encoding: null | 'gb18030' = null): Promise<RawRow[]> {
  const csv = await openCsv(path, 'test.csv', encoding);
  const out: RawRow[] = [];
  await csv.read((row, cells, span) => out.push(cells === null ? { row, cells: [], span: span! } : { row, cells }));
  return out;
}

describe('CSV rows are numbered by the line on which the record starts', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('with %s line endings and quoted fields over several lines', async (_name, eol) => {
    const text = ['a,b', `1,"x${eol}y"`, '', `2,"p${eol}q${eol}r"`, '3,z', ''].join(eol);
    const got = await rows(file(text));
    expect(got.map((r) => [r.row, r.cells[0]])).toEqual([
      [1, 'a'],
      [2, '1'],
      [4, undefined],
      [5, '2'],
      [8, '3'],
    ]);
    expect(got[1]!.cells[1]).toBe(`x${eol}y`);
    expect(got[2]).toEqual({ row: 4, cells: [], span: 1 });
  });

  it('with mixed line endings', async () => {
    const got = await rows(file('a,b\r\n1,"x\r\ny"\n2,z\r3,w'));
    expect(got.map((r) => r.row)).toEqual([1, 2, 4, 5]);
  });

  it('keeps multi-byte characters whole across read chunks (GB18030, > 256 KB)', async () => {
    const line = '编号,项目名称,问题描述\r\n';
    const body = Array.from({ length: 12_000 }, (_, i) => `A${i},海岸华庭,卫生间顶棚渗水，墙面发霉\r\n`).join('');
    // Encode through a GBK table built from the decoder (Node has no GB18030 encoder).
    const table = new Map<string, number[]>();
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = new TextDecoder('gb18030').decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
      }
    }
    const bytes: number[] = [];
    for (const ch of line + body) {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) bytes.push(code);
      else bytes.push(...table.get(ch)!);
    }
    const got = await rows(file(Buffer.from(bytes)));
    expect(got).toHaveLength(12_001);
    expect(got.every((r) => !r.cells.join('').includes('\ufffd'))).toBe(true);
    expect(got[12_000]!.cells).toEqual(['A11999', '海岸华庭', '卫生间顶棚渗水，墙面发霉']);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('a run of empty lines (%s) is one call with its length, not a row per line', async (_name, eol) => {
    // 5 million empty lines took 229 s and 2.3 GB when each was a record; a run now costs a count.
    const text = `a,b${eol}${eol.repeat(5000)}1,2${eol}${eol.repeat(3)}`;
    expect(await rows(file(text))).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: [], span: 5000 },
      { row: 5002, cells: ['1', '2'] },
      { row: 5003, cells: [], span: 3 },
    ]);
    // Empty lines before the header, and a file of nothing else.
    expect(await rows(file(`${eol.repeat(4)}a,b`))).toEqual([{ row: 1, cells: [], span: 4 }, { row: 5, cells: ['a', 'b'] }]);
    expect(await rows(file(eol.repeat(7)))).toEqual([{ row: 1, cells: [], span: 7 }]);
  });

  it('an unclosed quote after empty lines is placed on its own line', async () => {
    const csv = await openCsv(file('a,b\n\n\n"x,y\n1,2\n'), 'q.csv', null);
    await expect(csv.read(() => {})).rejects.toThrow(/line 4: a quoted cell/);
  });

  it('rows shorter or longer than the first are read as they are, without csv-parse making an error of each', () => {
    // Each ragged record cost csv-parse an error object (~100 µs): 2.5 million lines of "," took six minutes.
    expect(tuneParser(parse({ relax_column_count: true }), 1000)).not.toBeNull();
  });

  it('a row wider than limits.columns keeps its first cells and hands on its real count, on either thread', async () => {
    // A 29-line file of a million columns took 1.2 GB when each row was read whole.
    const wide = Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',');
    const path = file(`a,b\n${wide}\n1,2\n`);
    const open = await builtOpenCsv();
    for (const threshold of ['', '0']) {
      process.env['AFTERSALES_AUDIT_WORKER_BYTES'] = threshold;
      try {
        const csv = await open(path, 'wide.csv', null);
        const got: [number, number, number | undefined][] = [];
        await csv.read((row, cells, _span, _control, cellCount) => void got.push([row, cells!.length, cellCount]));
        expect(got).toEqual([
          [1, 2, undefined],
          [2, 1000, 5000],
          [3, 2, undefined],
        ]);
      } finally {
        delete process.env['AFTERSALES_AUDIT_WORKER_BYTES'];
      }
    }
  });

  it('a line of 8,000,000 empty cells is read on a 24 MB heap: the feeder cuts the row after every piece it writes', () => {
    // Cut only as the record ended, csv-parse would first hold all 8M cells (an out-of-memory abort here).
    const path = file(`a,b\n${','.repeat(8_000_000)}\n1,2\n`);
    const script = `const { parseCsv } = await import(${JSON.stringify(new URL('../dist/read/csv-parse-core.js', import.meta.url).href)});
      const got = [];
      await parseCsv({ path: ${JSON.stringify(path)}, file: 'w.csv', encoding: 'utf-8', delimiter: ',', maxColumns: 1000 }, (row, cells, span, control, count) => void got.push([row, cells?.length, count ?? null]));
      console.log(JSON.stringify(got));`;
    const r = spawnSync(process.execPath, ['--max-old-space-size=24', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([[1, 2, null], [2, 1000, 8_000_001], [3, 2, null]]);
  });

  it('a row of 200,000 cells, over many reads, in UTF-8 and GB18030, keeps limits.columns cells and its real count', async () => {
    const wide = Array.from({ length: 200_000 }, (_, i) => (i % 2 ? '' : '格')).join(',');
    for (const [content, encoding] of [[`a,b\n${wide}\n1,2\n`, null], [Buffer.concat([Buffer.from('a,b\n'), Buffer.from(wide.replaceAll('格', '\xb8\xf1'), 'latin1'), Buffer.from('\n1,2\n')]), 'gb18030']] as const) {
      const csv = await openCsv(file(content), 'wide.csv', encoding);
      const got: [number, number, number | undefined, string | undefined][] = [];
      await csv.read((row, cells, _span, _control, cellCount) => void got.push([row, cells!.length, cellCount, cells![0] as string]));
      expect(got).toEqual([
        [1, 2, undefined, 'a'],
        [2, 1000, 200_000, '格'],
        [3, 2, undefined, '1'],
      ]);
    }
  });

  it('while a wide row is read, csv-parse never holds more than a piece of cells past limits.columns', async () => {
    const parser = parse({ relax_column_count: true });
    const tuned = tuneParser(parser, 1000)!;
    const state = (parser as unknown as { api: { state: { record: unknown[] } } }).api.state;
    const records: string[][] = [];
    parser.on('data', (record: string[]) => records.push(record));
    let most = 0;
    for (let i = 0; i < 40; i++) {
      parser.write(','.repeat(16 * 1024));
      tuned.trim();
      most = Math.max(most, state.record.length);
    }
    const ended = new Promise((resolve) => parser.on('end', resolve));
    parser.end('\n');
    await ended;
    expect(most).toBe(1000);
    expect(records.map((r) => r.length)).toEqual([1000]);
    const mark = [0, 0, 0];
    tuned.marks.next(mark);
    expect(mark[2]).toBe(40 * 16 * 1024 + 1);
  });

  it('a UTF-8 file read in the parsing worker (cells crossing as bytes) gives the rows, lines and counts the main thread reads', async () => {
    const big = '长'.repeat(1_200_000); // 3.6 MB: a cell larger than the worker's first byte buffer
    const content = [
      '\ufeff编号,说明,备注',
      'A1,"引号""内""的文字",😀 四字节',
      'A2,"跨\r\n两行的\n单元格",',
      '',
      '',
      'A3,a"b c,"x"y"',
      `A4,${big},尾`,
      'A5,,',
      Array.from({ length: 2500 }, (_, i) => `w${i}`).join(','),
      'A6,"末行\r"',
      '',
    ].join('\r\n');
    const path = file(content);
    const open = await builtOpenCsv();
    const read = async (threshold: string) => {
      process.env['AFTERSALES_AUDIT_WORKER_BYTES'] = threshold;
      try {
        const csv = await open(path, 'bytes.csv', null);
        const got: unknown[] = [];
        // The worker leaves out a span of one line (the sink reads no span as one).
        await csv.read((row, cells, span, control, cellCount) => void got.push([row, cells, span ?? 1, control, cellCount]));
        return { got, sha256: csv.sha256() };
      } finally {
        delete process.env['AFTERSALES_AUDIT_WORKER_BYTES'];
      }
    };
    const here = await read(String(2 ** 40));
    const worker = await read('0');
    expect(worker).toEqual(here);
    expect((here.got as [number, string[] | null][]).map(([row, cells]) => [row, cells?.[0]?.slice(0, 5)])).toEqual([
      [1, '编号'], [2, 'A1'], [3, 'A2'], [6, undefined], [8, 'A3'], [9, 'A4'], [10, 'A5'], [11, 'w0'], [12, 'A6'],
    ]);
    expect((here.got[1] as [number, string[]])[1]).toEqual(['A1', '引号"内"的文字', '😀 四字节']);
    expect((here.got[5] as [number, string[]])[1][1]).toBe(big);
  });

  it('reports the hash of the bytes read', async () => {
    const content = 'a,b\n1,2\n';
    const csv = await openCsv(file(content), 'x.csv', null);
    await csv.read(() => {});
    expect(csv.sha256()).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('a file that is not valid in its forced encoding fails with the file named', async () => {
    const path = file(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0xfd, 0x0a]));
    const csv = await openCsv(path, 'bad.csv', null);
    await expect(csv.read(() => {})).rejects.toThrow(InputError);
  });
});

describe('UTF-8 is handed to csv-parse as checked bytes', () => {
  it('a character cut by the 256 KB read boundary, at every split of its bytes, reads whole', async () => {
    for (const pad of [3, 4, 5]) {
      // Row 2 carries a 3-byte character across byte 262,144; a BOM at the start is dropped.
      const head = `\uFEFF编号,说明\nTS1,${'a'.repeat(262_144 - 3 - 17 - 5 - 1 + pad)}`;
      const path = file(`${head}投诉,x\nTS2,末\n`);
      const got = await rows(path);
      expect(got.map((r) => r.cells)).toEqual([['编号', '说明'], ['TS1', `${'a'.repeat(262_144 - 3 - 17 - 5 - 1 + pad)}投诉`, 'x'], ['TS2', '末']]);
    }
  });

  it('a file that ends in the middle of a character is named as cut short', async () => {
    const bytes = Buffer.concat([Buffer.from('编号,说明\nTS1,投'), Buffer.from([0xe8, 0xaf])]);
    await expect(rows(file(bytes))).rejects.toThrow(/ends in the middle of a utf-8 character/);
  });

  it('an invalid byte past the first chunk is named with its line and offset', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `TS${i},投诉内容`).join('\n');
    const bytes = Buffer.concat([Buffer.from(`编号,说明\n${lines}\nTS,`), Buffer.from([0xff]), Buffer.from('\n')]);
    const offset = bytes.length - 2;
    await expect(rows(file(bytes))).rejects.toThrow(new RegExp(`line 20002 \\(byte offset ${offset}\\): an invalid UTF-8`));
  });
});

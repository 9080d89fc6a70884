import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCsv } from '../src/read/csv.js';
import { InputError } from '../src/errors.js';
import type { RawRow } from '../src/model.js';

const dir = mkdtempSync(join(tmpdir(), 'aa-csv-'));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
}

async function rows(path: string, encoding: null | 'gb18030' = null): Promise<RawRow[]> {
  const csv = await openCsv(path, 'test.csv', encoding);
  const out: RawRow[] = [];
  await csv.read((row, cells) => out.push({ row, cells }));
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
      [4, ''],
      [5, '2'],
      [8, '3'],
    ]);
    expect(got[1]!.cells[1]).toBe(`x${eol}y`);
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

// A minimal zip writer for tests that need a workbook no spreadsheet library writes: parts placed
// byte by byte, namespace prefixes, duplicate entries, tens of thousands of entries. Deflated
// (method 8) unless `stored`; no zip64, no data descriptors.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  readonly name: string;
  readonly data: string | Buffer;
  readonly stored?: boolean;
}

export function makeZip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const raw = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : part.data;
    const body = part.stored ? raw : deflateRawSync(raw);
    const method = part.stored ? 0 : 8;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface BookSpec {
  /** Each sheet's name and its part's XML (see `sheetXml`). */
  readonly sheets: readonly { readonly name: string; readonly xml: string }[];
  /** xl/sharedStrings.xml, whole. */
  readonly sharedStrings?: string;
  /** The prefix for every SpreadsheetML element ('' for none). */
  readonly prefix?: string;
  /** Parts added as they are (duplicates, padding…). */
  readonly extra?: readonly ZipPart[];
}

/** The parts of a minimal valid workbook (what openpyxl and Excel need to open it). */
export function bookParts(spec: BookSpec): ZipPart[] {
  const p = spec.prefix ? `${spec.prefix}:` : '';
  const ns = spec.prefix ? `xmlns:${spec.prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const sheetEntries = spec.sheets.map((s, i) => `<${p}sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const rels = spec.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  const overrides = spec.sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        (spec.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
        `${overrides}</Types>`,
    },
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}workbook ${ns} xmlns:r="${REL}"><${p}sheets>${sheetEntries}</${p}sheets></${p}workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}">${rels}` +
        (spec.sharedStrings ? `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
        '</Relationships>',
    },
    ...spec.sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml })),
  ];
  if (spec.sharedStrings) parts.push({ name: 'xl/sharedStrings.xml', data: spec.sharedStrings });
  return [...parts, ...(spec.extra ?? [])];
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function column(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A cell's XML: a number, a shared string's index ({ s: i }) or an inline string. */
export type CellSpec = number | { readonly s: number } | string;

export function cellXml(cell: CellSpec, row: number, col: number, prefix = ''): string {
  const p = prefix ? `${prefix}:` : '';
  const ref = `${column(col)}${row}`;
  if (typeof cell === 'number') return `<${p}c r="${ref}"><${p}v>${cell}</${p}v></${p}c>`;
  if (typeof cell === 'string') return `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${escapeXml(cell)}</${p}t></${p}is></${p}c>`;
  return `<${p}c r="${ref}" t="s"><${p}v>${cell.s}</${p}v></${p}c>`;
}

export function sheetXml(rows: readonly (readonly CellSpec[])[], prefix = ''): string {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const body = rows.map((cells, r) => `<${p}row r="${r + 1}">${cells.map((c, i) => cellXml(c, r + 1, i, prefix)).join('')}</${p}row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}worksheet ${ns}><${p}sheetData>${body}</${p}sheetData></${p}worksheet>`;
}

/**
 * Texts whose XML, written one after another after `before` (the bytes of the part up to the first),
 * text i as `open(i) + text + close(i)`, puts a three-byte character across each of the first
 * `boundaries` 16 KiB boundaries of the part: the 年 of `word`, its first byte just before the
 * boundary and two after. The other texts are ASCII padding; `straddles` are the indexes of the words.
 */
export function straddlingTexts(
  before: number,
  open: (i: number) => string,
  close: (i: number) => string,
  boundaries: number,
  word = '2020年6月16日',
): { texts: string[]; straddles: number[] } {
  const texts: string[] = [];
  const straddles: number[] = [];
  let at = before;
  const put = (text: string): void => {
    at += Buffer.byteLength(open(texts.length) + text + close(texts.length));
    texts.push(text);
  };
  const head = Buffer.byteLength(word.slice(0, word.indexOf('年')));
  for (let k = 1; k <= boundaries; k++) {
    const boundary = k * 16384;
    while (boundary - at > 400) put(`pad${texts.length}`.padEnd(200, '.'));
    // One more pad, so that the word's 年 starts one byte before the boundary.
    const wrap = Buffer.byteLength(open(texts.length) + close(texts.length));
    const pad = boundary - 1 - head - at - wrap - Buffer.byteLength(open(texts.length + 1));
    put(`p${texts.length}`.padEnd(pad, '.'));
    if (at + Buffer.byteLength(open(texts.length)) + head !== boundary - 1) throw new Error('straddlingTexts: misplaced');
    straddles.push(texts.length);
    put(word);
  }
  put('end');
  return { texts, straddles };
}

/**
 * A minimal OLE compound file (MS-CFB, version 3, 512-byte sectors) holding `streams` at the root,
 * each of at least 4,096 bytes (so in regular sectors, no mini stream), all in one FAT sector.
 */
export function makeCfb(streams: readonly { readonly name: string; readonly data: Buffer }[]): Buffer {
  const SECTOR = 512;
  const FREE = 0xffffffff;
  const END = 0xfffffffe;
  const FATSECT = 0xfffffffd;
  if (streams.length > 3) throw new Error('makeCfb: one directory sector holds the root and 3 streams');
  const fat = new Array<number>(128).fill(FREE);
  fat[0] = FATSECT;
  fat[1] = END; // the directory
  let next = 2;
  const starts: number[] = [];
  const bodies: Buffer[] = [];
  for (const stream of streams) {
    if (stream.data.length < 4096) throw new Error('makeCfb: streams of 4,096 bytes or more only');
    const sectors = Math.ceil(stream.data.length / SECTOR);
    starts.push(next);
    for (let i = 0; i < sectors; i++) fat[next + i] = i === sectors - 1 ? END : next + i + 1;
    next += sectors;
    const body = Buffer.alloc(sectors * SECTOR);
    stream.data.copy(body);
    bodies.push(body);
  }
  if (next > 128) throw new Error('makeCfb: too large for one FAT sector');
  const header = Buffer.alloc(SECTOR);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x3e, 24); // minor version
  header.writeUInt16LE(3, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32); // 64-byte mini sectors
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // the directory starts at sector 1
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(END, 60); // no mini FAT
  header.writeUInt32LE(END, 68); // no DIFAT sectors
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREE, 76 + 4 * i);
  const fatSector = Buffer.alloc(SECTOR);
  fat.forEach((v, i) => fatSector.writeUInt32LE(v, 4 * i));
  const directory = Buffer.alloc(SECTOR);
  const entry = (index: number, name: string, type: number, child: number, right: number, start: number, size: number): void => {
    const at = index * 128;
    directory.write(`${name}\0`, at, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, at + 64);
    directory[at + 66] = type;
    directory[at + 67] = 1; // black
    directory.writeUInt32LE(FREE, at + 68); // left sibling
    directory.writeUInt32LE(right, at + 72);
    directory.writeUInt32LE(child, at + 76);
    directory.writeUInt32LE(start, at + 116);
    directory.writeUInt32LE(size, at + 120);
  };
  entry(0, 'Root Entry', 5, streams.length > 0 ? 1 : FREE, FREE, END, 0);
  streams.forEach((s, i) => entry(i + 1, s.name, 2, FREE, i + 2 <= streams.length ? i + 2 : FREE, starts[i]!, s.data.length));
  return Buffer.concat([header, fatSector, directory, ...bodies]);
}

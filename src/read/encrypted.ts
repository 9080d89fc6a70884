// Tells a password-protected .xlsx from a legacy .xls. Both are OLE compound files (CFB, MS-CFB);
// Excel and WPS save an encrypted workbook as one holding the streams EncryptionInfo and
// EncryptedPackage (MS-OFFCRYPTO §2.3.4), so the names in its directory say which it is. Only the
// header, the FAT sectors the directory's chain needs and the directory's sectors are read.
import { open, type FileHandle } from 'node:fs/promises';

const END_OF_CHAIN = 0xfffffffe;
/** Sector ids above this are markers (free, end of chain, FAT, DIFAT), not sectors. */
const MAX_SECTOR = 0xfffffffa;
/** A directory of more sectors than this is not a workbook's (and a cycle in the chain ends here). */
const MAX_DIRECTORY_SECTORS = 4096;

export function isCfb(head: Buffer): boolean {
  return head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1;
}

/** The names of the entries in a compound file's directory (at most MAX_DIRECTORY_SECTORS sectors of it). */
export async function cfbEntryNames(path: string): Promise<string[]> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, 'r');
    const h = handle;
    const header = Buffer.alloc(512);
    if ((await h.read(header, 0, 512, 0)).bytesRead < 512 || !isCfb(header)) return [];
    const shift = header.readUInt16LE(30);
    if (shift !== 9 && shift !== 12) return [];
    const size = 1 << shift;
    const perSector = size / 4;
    const sector = async (id: number): Promise<Buffer | null> => {
      const buffer = Buffer.alloc(size);
      const { bytesRead } = await h.read(buffer, 0, size, (id + 1) * size);
      return bytesRead === size ? buffer : null;
    };
    // The FAT's own sectors: the first 109 in the header, the rest in the DIFAT chain, read as needed.
    const fatSectors: number[] = [];
    for (let i = 0; i < 109; i++) fatSectors.push(header.readUInt32LE(76 + 4 * i));
    let difat = header.readUInt32LE(68);
    const fatSectorAt = async (index: number): Promise<number | null> => {
      while (index >= fatSectors.length && difat <= MAX_SECTOR && fatSectors.length < 1_000_000) {
        const block = await sector(difat);
        if (!block) return null;
        for (let i = 0; i < perSector - 1; i++) fatSectors.push(block.readUInt32LE(4 * i));
        difat = block.readUInt32LE(4 * (perSector - 1));
      }
      return index < fatSectors.length ? fatSectors[index]! : null;
    };
    const fatCache = new Map<number, Buffer>();
    const next = async (id: number): Promise<number | null> => {
      const at = await fatSectorAt(Math.floor(id / perSector));
      if (at === null || at > MAX_SECTOR) return null;
      let fat = fatCache.get(at);
      if (!fat) {
        const block = await sector(at);
        if (!block) return null;
        fatCache.set(at, (fat = block));
      }
      return fat.readUInt32LE(4 * (id % perSector));
    };
    const names: string[] = [];
    let id: number | null = header.readUInt32LE(48);
    for (let n = 0; id !== null && id <= MAX_SECTOR && n < MAX_DIRECTORY_SECTORS; n++) {
      const block = await sector(id);
      if (!block) break;
      for (let at = 0; at + 128 <= size; at += 128) {
        const length = block.readUInt16LE(at + 64);
        if (block[at + 66] === 0 || length < 2 || length > 64) continue; // an unused entry
        names.push(block.toString('utf16le', at, at + length - 2));
      }
      id = await next(id);
      if (id === END_OF_CHAIN) break;
    }
    return names;
  } catch {
    return [];
  } finally {
    await handle?.close();
  }
}

/** The file is an encrypted OOXML package (a password-protected .xlsx, .docx…). */
export async function isEncryptedPackage(path: string): Promise<boolean> {
  const names = await cfbEntryNames(path);
  return names.includes('EncryptedPackage') && names.includes('EncryptionInfo');
}

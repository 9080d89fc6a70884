// Text encodings of CSV exports: UTF-8 with or without BOM, GB18030/GBK, UTF-16 LE/BE.
// Detected from the first bytes by strict decoding (never by hoping), overridable with --encoding.
import { UsageError } from '../errors.js';

export type Encoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

const LABELS: Readonly<Record<string, Encoding>> = {
  'utf8': 'utf-8',
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'gb18030': 'gb18030',
  'gbk': 'gb18030',
  'gb2312': 'gb18030',
  'cp936': 'gb18030',
  'utf16le': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf16': 'utf-16le',
  'utf-16': 'utf-16le',
  'ucs2': 'utf-16le',
  'utf16be': 'utf-16be',
  'utf-16be': 'utf-16be',
};

export const ENCODING_CHOICES = 'utf-8, gb18030 (gbk, gb2312), utf-16le, utf-16be';

/** Resolves a user's --encoding value. GBK and GB2312 are read as GB18030, their superset. */
export function encodingFromLabel(label: string): Encoding {
  const encoding = LABELS[label.trim().toLowerCase()];
  if (!encoding) {
    throw new UsageError({
      zh: `不支持的编码 "${label}"；可选：${ENCODING_CHOICES}`,
      en: `unknown encoding "${label}"; choose one of: ${ENCODING_CHOICES}`,
    });
  }
  return encoding;
}

export interface Detected {
  readonly encoding: Encoding;
  /** How the encoding was decided, for the report. */
  readonly how: 'bom' | 'detected' | 'forced';
}

/** Decides the encoding from the first bytes of a file (a few hundred KB is plenty). */
export function detectEncoding(head: Uint8Array): Detected {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', how: 'bom' };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', how: 'bom' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', how: 'bom' };
  // UTF-16 without BOM: ASCII characters (digits, commas) leave NUL bytes on one side only.
  const sample = head.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  }
  const pairs = sample.length / 2;
  if (pairs >= 8 && oddZeros > pairs * 0.2 && evenZeros < oddZeros / 10) return { encoding: 'utf-16le', how: 'detected' };
  if (pairs >= 8 && evenZeros > pairs * 0.2 && oddZeros < evenZeros / 10) return { encoding: 'utf-16be', how: 'detected' };
  try {
    // stream: true lets a character cut at the end of the sample pass.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', how: 'detected' };
  } catch {
    return { encoding: 'gb18030', how: 'detected' };
  }
}

/** The name shown in reports. */
export function encodingLabel(detected: Detected): string {
  if (detected.encoding === 'utf-8' && detected.how === 'bom') return 'utf-8-bom';
  return detected.encoding;
}

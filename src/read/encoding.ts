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
    // A UTF-8 file with one bad sequence is still UTF-8: read as GB18030 it failed with the wrong
    // encoding named, at the wrong place. Its reading then stops at the bad bytes, named exactly.
    return { encoding: looksLikeUtf8(head) ? 'utf-8' : 'gb18030', how: 'detected' };
  }
}

/**
 * The length of the valid UTF-8 sequence at `at`: 1 for ASCII, 2-4 for a multi-byte character, 0 for
 * an invalid one, -1 for one cut short by the end of `bytes`.
 */
function utf8SequenceAt(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  let length: number;
  let min = 0x80;
  let max = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) min = 0xa0; // overlong
    if (lead === 0xed) max = 0x9f; // surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) min = 0x90;
    if (lead === 0xf4) max = 0x8f;
  } else return 0;
  for (let i = 1; i < length; i++) {
    if (at + i >= bytes.length) return -1;
    const byte = bytes[at + i]!;
    if (byte < (i === 1 ? min : 0x80) || byte > (i === 1 ? max : 0xbf)) return 0;
  }
  return length;
}

/**
 * The offset of the first byte sequence in `bytes` that is not UTF-8 (from `from`), or -1. A
 * character cut by the end of `bytes` is not counted as invalid.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  for (let at = from; at < bytes.length; ) {
    const length = utf8SequenceAt(bytes, at);
    if (length === 0) return at;
    if (length < 0) return -1;
    at += length;
  }
  return -1;
}

/**
 * Whether text that fails strict UTF-8 decoding is UTF-8 all the same, with a few bad bytes: its
 * multi-byte characters are valid UTF-8 at least 4 times as often as not (GBK text, read as UTF-8,
 * fails at some 5 characters in 6), or GB18030 cannot read it either, and no further than UTF-8.
 */
export function looksLikeUtf8(head: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let at = 0; at < head.length; ) {
    const length = utf8SequenceAt(head, at);
    if (length < 0) break;
    if (length === 0) {
      invalid++;
      at++;
    } else {
      if (length > 1) valid++;
      at += length;
    }
  }
  if (valid >= 3 && valid >= invalid * 4) return true;
  // Neither reads it all: the one that reads further (UTF-8 on a tie: plain ASCII is UTF-8).
  return firstUndecodable(head, 'gb18030') <= firstInvalidUtf8(head);
}

/** The offset of the first byte `encoding` cannot decode in `bytes`, or `bytes.length`. */
export function firstUndecodable(bytes: Uint8Array, encoding: Encoding): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, middle + 1), { stream: true });
      low = middle + 1;
    } catch {
      high = middle;
    }
  }
  return low;
}

/** The name shown in reports. */
export function encodingLabel(detected: Detected): string {
  if (detected.encoding === 'utf-8' && detected.how === 'bom') return 'utf-8-bom';
  return detected.encoding;
}

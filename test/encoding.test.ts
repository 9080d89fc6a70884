import { describe, expect, it } from 'vitest';
import { detectEncoding, encodingFromLabel, firstInvalidUtf8 } from '../src/read/encoding.js';
import { detectDelimiter, looksBinary } from '../src/read/csv.js';
import { UsageError } from '../src/errors.js';

const gbk = (): Uint8Array => new Uint8Array([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xcf, 0xee, 0xc4, 0xbf]); // 编号,项目 in GBK

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', how: 'bom' });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toEqual({ encoding: 'utf-16le', how: 'bom' });
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0x00, 0x61]))).toEqual({ encoding: 'utf-16be', how: 'bom' });
  });

  it('tells UTF-8 from GB18030 by strict decoding', () => {
    expect(detectEncoding(new TextEncoder().encode('编号,项目名称\n')).encoding).toBe('utf-8');
    expect(detectEncoding(gbk()).encoding).toBe('gb18030');
  });

  it('calls a UTF-8 file with a few bad bytes UTF-8, not GB18030 (its reading then names the bad bytes)', () => {
    const good = new TextEncoder().encode('编号,项目名称\nA1,海岸华庭\nA2,');
    const bad = new Uint8Array([...good, 0xe6, 0x28, 0xff, ...new TextEncoder().encode('华庭\n')]);
    expect(detectEncoding(bad).encoding).toBe('utf-8');
    // ASCII with a byte neither encoding reads.
    expect(detectEncoding(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0xff, 0x0a])).encoding).toBe('utf-8');
    // GBK text stays GBK, however many of its pairs happen to be valid UTF-8.
    expect(detectEncoding(new Uint8Array([...gbk(), 0x0a, ...gbk(), 0x0a, ...gbk()])).encoding).toBe('gb18030');
  });

  it('finds the first byte that is not UTF-8', () => {
    expect(firstInvalidUtf8(new TextEncoder().encode('编号,a'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe7, 0xbc, 0x61]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // a surrogate
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe7, 0xbc]))).toBe(-1); // cut at the end
  });

  it('passes a UTF-8 character cut at the end of the sample', () => {
    const bytes = new TextEncoder().encode('编号,项目');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });

  it('spots UTF-16 without a BOM by its NUL bytes', () => {
    expect(detectEncoding(new Uint8Array(Buffer.from('编号,项目名称,受理时间\r\nA1,海岸,2025-03-05\r\n', 'utf16le'))).encoding).toBe('utf-16le');
    const be = Buffer.from('编号,项目名称,受理时间\r\nA1,海岸,2025-03-05\r\n', 'utf16le').swap16();
    expect(detectEncoding(new Uint8Array(be)).encoding).toBe('utf-16be');
  });
});

describe('encodingFromLabel', () => {
  it('maps GBK and GB2312 to GB18030 and refuses unknown labels', () => {
    expect(encodingFromLabel('GBK')).toBe('gb18030');
    expect(encodingFromLabel('gb2312')).toBe('gb18030');
    expect(encodingFromLabel('UTF-16LE')).toBe('utf-16le');
    expect(() => encodingFromLabel('big5')).toThrow(UsageError);
  });
});

describe('detectDelimiter and looksBinary', () => {
  it('finds comma, tab or semicolon', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
  });

  it('calls NUL bytes binary except in UTF-16', () => {
    expect(looksBinary(new Uint8Array([0x61, 0x00, 0x62]), 'utf-8')).toBe(true);
    expect(looksBinary(new Uint8Array([0x61, 0x00, 0x62, 0x00]), 'utf-16le')).toBe(false);
    expect(looksBinary(new TextEncoder().encode('编号,项目\r\n'), 'utf-8')).toBe(false);
  });
});

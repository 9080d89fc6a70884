import { describe, expect, it } from 'vitest';
import { isValidChinesePhone, isValidUscc } from '../src/validate/identifiers.js';
import { maskName, maskPhone } from '../src/report/mask.js';

describe('统一社会信用代码', () => {
  it.each(['91350100M000100Y43', '91110000600037341L'])('accepts %s', (code) => expect(isValidUscc(code)).toBe(true));
  it.each(['91350100M000100Y44', '91350100M000100Y4', '9135010OM000100Y43', '91350100m000100y43', ''])('rejects %j', (code) =>
    expect(isValidUscc(code)).toBe(false),
  );
});

describe('Chinese phone numbers', () => {
  it.each(['13812345678', '0532-88886666', '053288886666', '0532 8888 6666', '(0532)88886666', '400-123-4567', '8001234567', '+86 138 1234 5678', '19912345678'])(
    'accepts %s',
    (phone) => expect(isValidChinesePhone(phone)).toBe(true),
  );
  it.each(['1381234567', '12345678', '0532-8888666', '10086', '14012345678', 'abc'])('rejects %s', (phone) =>
    expect(isValidChinesePhone(phone)).toBe(false),
  );
  it('gives the same verdict from the cache as the first time', () => {
    expect(isValidChinesePhone('13812349999')).toBe(true);
    expect(isValidChinesePhone('13812340000')).toBe(true);
    expect(isValidChinesePhone('1401234000')).toBe(false);
  });
});

describe('masking personal data', () => {
  it('keeps the surname and the ends of a phone', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

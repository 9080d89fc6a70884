import { describe, expect, it } from 'vitest';
import { homeKey, isValidChinesePhone, isValidUscc } from '../src/validate/identifiers.js';
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

describe('房号: one home however it is written', () => {
  // Each group is one home; no two groups are the same home.
  const homes: readonly (readonly string[])[] = [
    ['2号楼1单元401', '2#1-401', '2栋1单元401室', '2幢1单元401', '2-1-401', '02-01-0401', '2号楼1-401', '2#楼1单元401',
      '２号楼１单元４０１', '2＃1－401', ' 2# 1-401 ', '2座1单元401号', '2号1单元401', '2栋-1单元-401', '2号楼1单元401户'],
    ['5#302', '5号楼302', '5栋302室', '５＃３０２', '5#0302'],
    ['5#1-302'],
    ['A座1单元101', 'a座1单元101', 'A-1-101', 'Ａ座１单元１０１', 'A栋1-101'],
    ['B座1单元101'],
    ['1401', '1401室', '01401'],
    ['14-01'],
    ['1单元401', '1单元401室'],
    ['2号楼1单元402'],
    ['12-1-401'],
    ['2-11-401'],
    ['2-1-4010'],
    ['2#1401'],
    ['2#14-01'],
    ['5号302'],
    ['2号楼1单元4楼401'],
    ['地下车库B2-018'],
  ];
  it.each(homes.map((group) => [group[0]!, group] as const))('%s: every spelling gives one key', (_, group) => {
    expect(new Set(group.map(homeKey)).size).toBe(1);
  });
  it('reads every key back as itself, so a text left unread never equals a home that was read', () => {
    for (const spelling of homes.flat()) expect(homeKey(homeKey(spelling))).toBe(homeKey(spelling));
  });
  it('never merges two homes', () => {
    const keys = homes.map((group) => homeKey(group[0]!));
    expect(new Set(keys).size).toBe(homes.length);
  });
  it('keys a home by building-unit-room, numbers without leading zeros', () => {
    expect(['２号楼１单元０４０１', '5号楼302', 'a座1单元101', '1单元401室', '01401室'].map(homeKey)).toEqual(['2-1-401', '5#302', 'A-1-101', '1单元401', '1401']);
  });
  it('falls back to the text, folded, when it cannot read building, unit and room', () => {
    expect(homeKey('14-01')).toBe('14-01');
    expect(homeKey('１４－０１ ')).toBe('14-01');
    expect(homeKey('地下车库b2-018')).toBe('地下车库B2-018');
  });
});

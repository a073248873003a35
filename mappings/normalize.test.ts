import { describe, expect, it } from 'vitest';
import {
  detectBadEncoding,
  isPlainAscii,
  normalizeContactPhone,
  normalizeName,
  normalizePhone,
  normalizePostcode,
  normalizeText,
  searchKey,
  toHalfWidth,
  withoutSpaces,
} from './normalize.ts';
import { legacyText, Random } from './test-kit.ts';

describe('toHalfWidth / normalizeName', () => {
  it.each([
    ['ＡＢＣ公司', 'ABC公司'],
    ['昆明市第１２３中学', '昆明市第123中学'],
    ['中国工商银行（昆明分行）', '中国工商银行(昆明分行)'],
    ['云南电力，昆明供电局', '云南电力,昆明供电局'],
    ['ＩＢＭ（中国）有限公司', 'IBM(中国)有限公司'],
    ['Ｅ－ｍａｉｌ：ａ＠ｂ．ｃｎ', 'E-mail:a@b.cn'],
  ])('folds full-width forms: %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('keeps CJK punctuation, which is part of the Chinese text', () => {
    expect(toHalfWidth('昆明、曲靖。「玉溪」【红河】《大理》')).toBe('昆明、曲靖。「玉溪」【红河】《大理》');
  });

  it('collapses ideographic spaces, tabs and runs of blanks, and trims', () => {
    expect(normalizeName('\u3000云南省\u3000\u3000昆明市  五华区\t\n')).toBe('云南省 昆明市 五华区');
    expect(normalizeName('\u00A0玉溪\u00A0卷烟厂\u00A0')).toBe('玉溪 卷烟厂');
  });

  it('drops zero-width characters and the BOM', () => {
    expect(normalizeName('\uFEFF昆明\u200B钢铁')).toBe('昆明钢铁');
  });

  it('search key ignores case, width and spacing', () => {
    expect(searchKey('ＩＢＭ（中国）\u3000有限公司')).toBe('ibm(中国)有限公司');
    expect(searchKey('ibm (中国) 有限公司')).toBe(searchKey('ＩＢＭ（中国）有限公司'));
  });
});

describe('detectBadEncoding', () => {
  it.each([
    ['昆明钢铁集团', null],
    ['Café du Monde', null],
    ['“云南”白药', null],
    ['Müller GmbH 昆明办事处', null],
  ])('passes clean text: %s', (text, expected) => {
    expect(detectBadEncoding(text)).toBe(expected);
  });

  it.each([
    ['昆明\uFFFD\uFFFD集团', /U\+FFFD/],
    ['æ˜†æ˜Žé’¢é“', /UTF-8 read as Latin-1/], // 昆明钢铁 as UTF-8 read as cp1252
    ['ä¸­å›½ç”µä¿¡', /UTF-8 read as Latin-1/], // 中国电信
    ['CafÃ©', /UTF-8 read as Latin-1/],
    ['ï¿½ï¿½公司', /ï¿½/],
    ['ÖÐ¹úµçÐÅ', /Latin-1/], // 中国电信 as GBK read as Latin-1
    ['昆明\u0000钢铁', /control character U\+0000/],
    ['昆明\u0085钢铁', /control character U\+0085/],
    ['昆明\uE012钢铁', /private-use code point U\+E012/],
    ['昆明\uD800钢铁', /surrogate/],
  ])('flags mangled text: %j', (text, reason) => {
    expect(detectBadEncoding(text)).toMatch(reason);
  });

  it('does not count tabs and line breaks as controls', () => {
    expect(detectBadEncoding('第一行\r\n第二行\t完')).toBeNull();
  });
});

describe('normalizePhone', () => {
  it.each([
    ['0871-1234567', '08711234567'],
    ['0871 - 63123456', '087163123456'],
    ['(0871)1234567', '08711234567'],
    ['（０８７１）６３１２３４５６', '087163123456'],
    ['010-12345678', '01012345678'],
    ['138 0871 0000', '13808710000'],
    ['+86 139-8765-4321', '13987654321'],
    ['008613987654321', '13987654321'],
    ['63123456', '63123456'],
    ['0871-63123456-8001', '087163123456-8001'],
    ['0871-63123456转8001', '087163123456-8001'],
    ['0871-63123456 分机 12', '087163123456-12'],
    ['63123456 ext. 305', '63123456-305'],
    ['10000', '10000'],
    ['800-123-4567'.replace(/-/g, ''), '8001234567'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['同上', '1380871000', '2345', '13808710000转12', '0871-12'])('rejects %s', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('contact phone: several numbers joined, free text kept', () => {
    expect(normalizeContactPhone('0871-1234567/13808710000')).toBe('08711234567/13808710000');
    expect(normalizeContactPhone('13808710000 0871-1234567')).toBe('13808710000/08711234567');
    expect(normalizeContactPhone('王经理\u3000办公室')).toBe('王经理 办公室');
  });
});

describe('normalizePostcode', () => {
  it.each([
    ['650051', '650051'],
    ['６５００５１', '650051'],
    [' 650 051 ', '650051'],
  ])('%j → %s', (input, expected) => {
    expect(normalizePostcode(input)).toBe(expected);
  });

  it.each(['65005', '6500511', '65O051', ''])('rejects %j', (input) => {
    expect(normalizePostcode(input)).toBeNull();
  });
});

describe('the plain-ASCII fast path (differential, seeded)', () => {
  // The definition the scan replaces, and the steps of normalizeText the shortcut skips.
  const PLAIN_ASCII = /^[!-~]+(?: [!-~]+)*$/;
  const steps = (text: string) =>
    toHalfWidth(text.normalize('NFC')).replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').replace(/\s+/g, ' ').trim();

  it('isPlainAscii is the regex, and plain text is its own normalisation with nothing to flag', () => {
    const rnd = new Random(0x5eed01);
    let plain = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = legacyText(rnd);
      expect(isPlainAscii(text), JSON.stringify(text)).toBe(PLAIN_ASCII.test(text));
      expect(normalizeText(text), JSON.stringify(text)).toBe(steps(text));
      if (isPlainAscii(text)) {
        plain++;
        expect(detectBadEncoding(text), JSON.stringify(text)).toBeNull();
      }
    }
    // Both sides of the line are exercised.
    expect(plain).toBeGreaterThan(2_000);
    expect(plain).toBeLessThan(18_000);
  });

  it.each(['', ' ', 'a', 'a b', 'a  b', ' a', 'a ', '~!', 'a\tb', 'a\u007fb', '\u0085', '１'])('%j', (text) => {
    expect(isPlainAscii(text)).toBe(PLAIN_ASCII.test(text));
  });

  it('withoutSpaces is replace(/ /g, "")', () => {
    for (const text of ['8558888', '855 8888', ' 8 5 ', '', '\u3000a']) expect(withoutSpaces(text)).toBe(text.replace(/ /g, ''));
  });
});

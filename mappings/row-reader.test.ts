import { describe, expect, it } from 'vitest';
import { RowReader, toMoney } from './row-reader.ts';

describe('toMoney', () => {
  it.each([
    [12.3, '12.30'],
    [0, '0.00'],
    [-5.5, '-5.50'],
    [0.1 + 0.2, '0.30'],
    [1234567890.12, '1234567890.12'],
    ['88.8', '88.80'],
    ['007', '7.00'],
    ['-0.00', '0.00'],
    ['12345678901234.56', '12345678901234.56'],
  ])('%j → %s', (value, expected) => {
    expect(toMoney(value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [12.345, 'invalid_value'],
    [Number.NaN, 'contract_violation'],
    [1e20, 'invalid_value'],
    ['12.345', 'contract_violation'],
    ['十二元', 'contract_violation'],
    [null, 'contract_violation'],
  ])('%j is not an amount (%s)', (value, code) => {
    expect(toMoney(value)).toMatchObject({ ok: false, code });
  });
});

describe('RowReader', () => {
  it('finds columns case-insensitively (Oracle upper case in replayed rows)', () => {
    const r = new RowReader({ CONTRACTNO: 'HT688888' });
    expect(r.text('ConTractNo')).toBe('HT688888');
  });

  it('treats blank as null, and a blank required field as a contract violation', () => {
    const r = new RowReader({ A: '  ', B: '\u3000' });
    expect(r.text('A')).toBeNull();
    r.text('B', { required: true });
    expect(r.reasons).toEqual([{ code: 'contract_violation', field: 'B', message: expect.stringMatching(/required/) }]);
  });

  it('collects every reason, not just the first', () => {
    const r = new RowReader({ NAME: 'æ˜†æ˜Ž', WHEN: '2026-02-30', CYCLE: 20261301, COST: 'abc' });
    r.text('NAME');
    r.date('WHEN');
    r.cycle('CYCLE');
    r.money('COST');
    expect(r.reasons.map((x) => [x.code, x.field])).toEqual([
      ['bad_encoding', 'NAME'],
      ['unparseable_date', 'WHEN'],
      ['invalid_value', 'CYCLE'],
      ['contract_violation', 'COST'],
    ]);
    expect(r.result(() => 1)).toEqual({ ok: false, reasons: r.reasons });
  });

  it('keeps big NUMBER ids as digit strings and refuses ones a float already damaged', () => {
    const r = new RowReader({ A: '332001010188', B: Number('12345678901234567890') });
    expect(r.digits('A')).toBe('332001010188');
    expect(r.digits('B')).toBeNull();
    expect(r.reasons[0]).toMatchObject({ code: 'invalid_value', field: 'B' });
  });
});

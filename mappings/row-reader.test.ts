import { describe, expect, it } from 'vitest';
import { moneyFast, PlainColumn, RowReader, toMoney } from './row-reader.ts';
import { fingerprint, legacyCycle, legacyDateText, legacyMoney, legacyText, outcome, Random } from './test-kit.ts';

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

  it('a bigint where a number belongs is a reason, not a crash', () => {
    const r = new RowReader({ N: 12n });
    expect(r.number('N')).toBeNull();
    expect(r.reasons.map((x) => x.message)).toEqual(['N is not a number: 12n']);
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

describe('fast paths against the general reading (differential, seeded)', () => {
  it('moneyFast answers toMoney\'s amount, or leaves the value to it', () => {
    const rnd = new Random(0x5eed04);
    let answered = 0;
    for (let i = 0; i < 30_000; i++) {
      const value = legacyMoney(rnd);
      const fast = moneyFast(value);
      if (fast === undefined) continue;
      answered++;
      expect(toMoney(value), fingerprint(value)).toEqual({ ok: true, value: fast });
    }
    expect(answered).toBeGreaterThan(15_000);
  });

  it.each([0, -0, 0.004, -0.004, 1.005, 0.1 + 0.2, 12.3, '-0.00', '-0', '007', '007.5', '0.05', '-0.05', '12345678901234567890.12', 90071992547409.9, 2 ** 53 / 100])(
    'moneyFast(%j)',
    (value) => {
      const general = toMoney(value);
      expect(moneyFast(value)).toBe(general.ok ? general.value : undefined);
    },
  );

  // Every reading method, on one field of a row, with the fast paths and without: the same value and
  // the same reasons. Rows come with the contract's spelling, Oracle's upper case, or the field absent.
  const readings: Array<[string, (r: RowReader) => unknown, (rnd: Random) => unknown]> = [
    ['text', (r) => r.text('Field'), anyValue(legacyText)],
    ['text required', (r) => r.text('Field', { required: true }), anyValue(legacyText)],
    ['date', (r) => r.date('Field'), anyValue(legacyDateText)],
    ['date required', (r) => r.date('Field', { required: true }), anyValue(legacyDateText)],
    ['number', (r) => r.number('Field'), anyValue(legacyMoney)],
    ['number integer', (r) => r.number('Field', { integer: true }), anyValue((rnd) => (rnd.chance(0.5) ? legacyCycle(rnd) : legacyMoney(rnd)))],
    ['money', (r) => r.money('Field'), anyValue(legacyMoney)],
    ['money required', (r) => r.money('Field', { required: true }), anyValue(legacyMoney)],
    ['cycle', (r) => r.cycle('Field'), anyValue(legacyCycle)],
    ['cycle required', (r) => r.cycle('Field', { required: true }), anyValue(legacyCycle)],
  ];

  it.each(readings)('RowReader.%s', (_name, read, generate) => {
    const rnd = new Random(0x5eed05);
    for (let i = 0; i < 4_000; i++) {
      const value = generate(rnd);
      const row = rnd.chance(0.1) ? { FIELD: value } : rnd.chance(0.05) ? {} : { Field: value };
      const fast = new RowReader(row);
      const general = new RowReader(row, { fastPaths: false });
      const answers = [fast, general].map((r) => outcome(() => read(r)));
      expect(answers[0], fingerprint(row)).toBe(answers[1]);
      expect(fingerprint(fast.reasons), fingerprint(row)).toBe(fingerprint(general.reasons));
    }
  });

  it('PlainColumn answers RowReader.text, or undefined, whatever it met before', () => {
    const rnd = new Random(0x5eed06);
    const column = new PlainColumn();
    let previous: unknown = null;
    for (let i = 0; i < 5_000; i++) {
      // Repeats (the same text in a new string, as the next row of a group brings it) and fresh values.
      const value = rnd.chance(0.3) && typeof previous === 'string' ? `${previous} `.slice(0, -1) : anyValue(legacyText)(rnd);
      previous = value;
      const optional = column.optional(value);
      if (optional !== undefined) expect(new RowReader({ F: value }, { fastPaths: false }).text('F')).toBe(optional);
      const required = column.required(value);
      if (required !== undefined) {
        const general = new RowReader({ F: value }, { fastPaths: false });
        expect(general.text('F', { required: true })).toBe(required);
        expect(general.reasons).toEqual([]);
      }
      if (typeof value === 'string') expect(required === undefined).toBe(new PlainColumn().required(value) === undefined);
    }
    // The empty string is never plain, even first.
    expect(new PlainColumn().required('')).toBeUndefined();
    expect(new PlainColumn().optional(null)).toBeNull();
  });

  it('creates no reasons array for a row without reasons, and still hands one out', () => {
    const r = new RowReader({ A: 'x' });
    r.text('A');
    expect(r.result(() => 1)).toEqual({ ok: true, value: 1 });
    expect(r.reasons).toEqual([]);
    r.reasons.push({ code: 'invalid_value', message: 'pushed by a mapper' });
    expect(r.result(() => 1)).toEqual({ ok: false, reasons: [{ code: 'invalid_value', message: 'pushed by a mapper' }] });
  });
});

/** The generator's values, and now and then the other things a column may hold. */
function anyValue(generate: (rnd: Random) => unknown): (rnd: Random) => unknown {
  return (rnd) => (rnd.chance(0.85) ? generate(rnd) : rnd.pick([null, undefined, '', '  ', '\u3000', 0, -0, 42, 1.5, 12n, true, new Date(0), new Date(Number.NaN), {}]));
}

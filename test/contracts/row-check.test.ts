// The compiled fast path of checkRow (contracts/row-check.ts) against the authority, normalizeRow + ajv,
// on every row contract of the catalogue: seeded rows built from each schema, good ones as every driver
// hands them and hostile ones (wrong types, numeric text, over-long astral text, calendar and NUMBER
// edge values, folded and unknown columns …). Whenever the fast path answers, ajv must accept the same
// row and normalise it to the same object; whenever ajv accepts, the fast path must answer too.

import { createRequire } from 'node:module';
import { inspect, isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkRow } from '../../adapters/shared/point-caller.ts';
import { decimalsOf, isLegacyDateTime } from '../../contracts/oracle-values.ts';
import {
  contractOf,
  createAjv,
  interfacePoints,
  normalizeRow,
  validateRow,
  type ColumnSchema,
  type ObjectSchema,
} from '../../contracts/registry.ts';
import {
  checkRowFast,
  compileRowChecker,
  fitsScale,
  isDateTimeText,
  plainNumber,
  ucs2length,
} from '../../contracts/row-check.ts';
import { mulberry32 } from '../../simulator/generate/prng.ts';

const ajvUcs2length = (createRequire(import.meta.url)('ajv/dist/runtime/ucs2length.js') as { default: (s: string) => number }).default;

type Rand = () => number;

/** The simulator's seeded generator: the same cases on every run. */
const prng: (seed: number) => Rand = mulberry32;
const seedOf = (text: string) => [...text].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0, 2166136261);
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const typesOf = (column: ColumnSchema) => (Array.isArray(column.type) ? column.type : [column.type]);

// Text alphabets: code-point counting only matters past the BMP (and for lone surrogates).
const ALPHABETS = [['a', 'Z', '0', ' ', '-'], ['中', '文', 'é'], ['𠀀', '😀', '𝄞'], ['a', '中', '😀', '\uD800', '\uDC00']];
function text(r: Rand, length: number, alphabet = pick(r, ALPHABETS)): string {
  let out = '';
  for (let i = 0; i < length; i++) out += pick(r, alphabet);
  return out;
}

function dateText(r: Rand, sloppy: boolean): string {
  const year = pick(r, [int(r, 1990, 2030), int(r, 0, 99), int(r, 1000, 9999), 1900, 2000, 2024, 2100]);
  const month = sloppy ? int(r, 0, 13) : int(r, 1, 12);
  const day = sloppy ? int(r, 0, 32) : int(r, 1, 28);
  const hour = sloppy ? int(r, 0, 24) : int(r, 0, 23);
  const minute = sloppy ? int(r, 0, 60) : int(r, 0, 59);
  const second = sloppy ? int(r, 0, 60) : int(r, 0, 59);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} ${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
}

const BAD_DATES = [
  '2026-02-30 00:00:00', '2026-1-5 00:00:00', '2026-01-05', '2024-02-29 12:00:00', '2100-02-29 00:00:00',
  '2000-02-29 00:00:00', '0000-02-29 00:00:00', '0004-02-29 00:00:00', '0099-12-31 23:59:59', '9999-12-31 23:59:59',
  '2026-12-31 24:00:00', '2026-12-31 23:60:00', '2026-12-31 23:59:60', '2026-00-10 00:00:00', '2026-12-00 00:00:00',
  '2026-12-31T23:59:59', '2026-12-31 23:59:59.000', '2026-12-31T23:59:59.0', '2026-12-31 23:59:59.5', '2026-12-31 23:59:59Z',
  ' 2026-12-31 23:59:59', '2026-12-31 23:59:59\n', '２０２６-12-31 23:59:59', '2026/12/31 23:59:59', '2026-12-31_23:59:59',
  '-026-12-31 23:59:59', '2026-12-31 23:59:5a', '2026-12-31 23:59', '2026-12-31T23:59:59+08:00', '+2026-12-31 23:59:59',
];
const DATES = [
  new Date('2026-10-05T02:11:12Z'), new Date(0), new Date(-2208988800000), new Date(Date.UTC(1990, 6, 1, 12)),
  new Date(Date.UTC(2024, 1, 28, 16)), new Date(NaN), new Date(8.64e15), new Date(-62198755200000),
];
const NUMBERS = [
  0, -0, 1, -1, 0.1 + 0.2, 1e21, -1e21, 1e-7, 5e-324, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 12.345,
  12.34, 1.005, 0.57, 99999999999999.98, Number('99999999999999.99'), 1e14, 1e14 - 1, 9999999999, 1e10, -1e10, 99999999, 1e8, 20260230,
  20261301, 20260229, 20240229, 19000229, 10000101, 99991231, 99991232, 9999.995, 123456789012.35, 1234567890123.455, 0.1,
];
const NUMBER_TEXTS = [
  '', ' ', '0', '-0', '+0', '00', '007', '1.', '.5', '-.5', '.', '-', '+', ' 12 ', '\t12\n', '\u00a012', '1e3', '1E-2', '0x10',
  '12abc', 'NaN', 'Infinity', '-Infinity', '1.234', '1.20', '1.005', '99999999999999.99', '99999999999999.98', '１２', '1_000',
  '20261001', '20260230', '-1', '123456789012345', '1234567890123456', '12345678901234567890', '0.30000000000000004', '1e21',
  '9999999999', '10000000000', '-9999999999.0', '1.2e1', '--1', '1..2', '1.2.3', '٣',
];
const BIGINTS = [0n, 1n, -1n, 20261001n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 64n, -(2n ** 63n), 12345678901234567890n];
const OTHERS: unknown[] = [undefined, null, true, false, {}, [], ['a'], { valueOf: () => 1 }, () => 1, Symbol('s')];

/** A value the column should take, in one of the representations a driver may hand over. */
function goodValue(r: Rand, column: ColumnSchema): unknown {
  const types = typesOf(column);
  if (types.includes('null') && r() < 0.15) return null;
  const oracle = column['x-oracle'];
  if (oracle.type === 'DATE') {
    const t = dateText(r, false);
    return pick(r, [t, t, t, t.replace(' ', 'T'), `${t}.000`, DATES[int(r, 0, 4)]]);
  }
  if (oracle.type === 'NUMBER' && types.includes('string')) {
    const width = Number(/\{0,(\d+)\}/.exec(String(column['pattern']))?.[1] ?? 14);
    const digits = `${int(r, 1, 9)}${Array.from({ length: int(r, 0, width) }, () => int(r, 0, 9)).join('')}`;
    const n = Number(digits);
    return pick(r, [digits, r() < 0.5 ? `-${digits}` : '0', Number.isSafeInteger(n) ? n : digits, BigInt(digits)]);
  }
  if (oracle.type === 'NUMBER') {
    let value: number;
    if (column['x-format']) {
      value = Number(`${int(r, 1000, 9999)}${pad(int(r, 1, 12), 2)}${pad(int(r, 1, 28), 2)}`);
      if (column['x-format'] === 'YYYYMMDD|-1' && r() < 0.2) value = -1;
    } else if (oracle.precision === undefined) {
      value = pick(r, [r() * 1e6 - 5e5, int(r, -1e9, 1e9), 0.1 + 0.2, 1e21, -0, 5e-324, Number.MAX_VALUE, 12.5]);
    } else {
      const scale = types.includes('integer') ? 0 : (oracle.scale ?? 0);
      const digits = int(r, 1, oracle.precision);
      value = (Math.trunc(r() * 10 ** digits) * (r() < 0.3 ? -1 : 1)) / 10 ** scale;
    }
    const forms: unknown[] = [value, value, String(value)];
    if (Number.isFinite(value) && Math.abs(value) < 1e21) forms.push(value.toFixed(oracle.scale ?? 0), ` ${value} `, `+${value}`);
    if (Number.isSafeInteger(value)) forms.push(BigInt(value));
    return pick(r, forms);
  }
  if (column['x-legacy-date-text']) return pick(r, [dateText(r, true), '2026/01/31 8:30', '', null]);
  const min = (column['minLength'] as number | undefined) ?? 0;
  const max = column.maxLength ?? 30;
  return text(r, pick(r, [min, max, int(r, min, max)]));
}

/** Values that break or test the edge of a column. */
function hostileValue(r: Rand, column: ColumnSchema): unknown {
  const max = column.maxLength ?? 20;
  switch (int(r, 0, 7)) {
    case 0:
      return pick(r, NUMBERS);
    case 1:
      return pick(r, NUMBER_TEXTS);
    case 2:
      return pick(r, BIGINTS);
    case 3:
      return pick(r, [...OTHERS, ...DATES]);
    case 4:
      return pick(r, [...BAD_DATES, dateText(r, true), dateText(r, false)]);
    case 5: {
      const n = pick(r, [max - 1, max, max + 1, 0, 1]);
      return pick(r, ['x', '中', '𠀀', '\uD800', '\uDC00']).repeat(Math.max(0, n)) + pick(r, ['', '', '𠀀', '\uD83D']);
    }
    case 6: {
      const bound = pick(r, [column['minimum'], column['maximum']]) as number | undefined;
      if (bound === undefined) return pick(r, NUMBERS);
      const near = pick(r, [bound, bound + 0.01, bound - 0.01, bound + 1, bound - 1, -bound, bound * 10]);
      return pick(r, [near, String(near)]);
    }
    default:
      return goodValue(r, column);
  }
}

const spell = {
  contract: (key: string) => key,
  upper: (key: string) => key.toUpperCase(),
  lower: (key: string) => key.toLowerCase(),
  mixed: (key: string, r: Rand) => [...key].map((ch) => (r() < 0.5 ? ch.toUpperCase() : ch.toLowerCase())).join(''),
  // KELVIN SIGN lower-cases to k: a name normalizeRow folds although it is not ASCII.
  kelvin: (key: string) => key.toUpperCase().replace(/K/g, '\u212A'),
};
const SPELLINGS = Object.keys(spell) as (keyof typeof spell)[];

interface Shape {
  spelling: keyof typeof spell;
  order: string[];
}

function buildRow(r: Rand, row: ObjectSchema, shape: Shape, hostile: boolean): Record<string, unknown> {
  const values = new Map<string, unknown>(shape.order.map((name) => [name, goodValue(r, row.properties[name] as ColumnSchema)]));
  const names = Object.keys(row.properties);
  const extra: [string, unknown][] = [];
  if (hostile) {
    for (let m = int(r, 1, 3); m > 0; m--) {
      const name = pick(r, names);
      const column = row.properties[name] as ColumnSchema;
      switch (int(r, 0, 9)) {
        case 0:
          values.delete(name);
          break;
        case 1:
          values.set(name, pick(r, [undefined, null]));
          break;
        case 2:
          extra.push([pick(r, ['SIM_INTERNAL', 'ROWNUM', 'rowid', '0', '']), pick(r, [undefined, 1, null, 'x'])]);
          break;
        case 3:
          // The same column twice under two spellings, either one possibly undefined.
          extra.push([spell.mixed(name, r) === name ? name.toUpperCase() : spell.mixed(name, r), pick(r, [undefined, goodValue(r, column)])]);
          break;
        default:
          values.set(name, hostileValue(r, column));
      }
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of values) out[spell[shape.spelling](name, r)] = value;
  for (const [key, value] of extra) if (!Object.hasOwn(out, key)) out[key] = value;
  return out;
}

function randomShape(r: Rand, row: ObjectSchema): Shape {
  const order = Object.keys(row.properties);
  if (r() < 0.3) order.sort(() => r() - 0.5);
  // Optional columns a driver may leave out of its select list.
  const kept = order.filter((name) => row.required?.includes(name) || r() < 0.9);
  return { spelling: pick(r, SPELLINGS), order: kept };
}

type Outcome = 'accepted' | 'rejected';

/** The fast path's answer against normalizeRow + ajv; a string says how they differ. */
function compare(id: string, raw: Record<string, unknown>): Outcome | string {
  const fast = checkRowFast(id, raw);
  const slow = validateRow(id, normalizeRow(id, raw));
  if (fast === null) return slow.ok ? 'ajv accepted a row the fast path declined' : 'rejected';
  if (!slow.ok) return `fast path accepted a row ajv rejects: ${JSON.stringify(slow.errors)}`;
  if (!isDeepStrictEqual(fast, slow.row) || !isDeepStrictEqual(Object.keys(fast), Object.keys(slow.row))) {
    return `normalised rows differ: fast ${inspect(fast)} ajv ${inspect(slow.row)}`;
  }
  if (Object.getPrototypeOf(fast) !== Object.prototype) return 'fast row is not a plain object';
  return 'accepted';
}

const CASES_PER_CONTRACT = 4000;
const rowPoints = interfacePoints().filter((p) => contractOf(p.id).row);

describe('fast row checker against normalizeRow + ajv', () => {
  it('covers every row contract of the catalogue', () => {
    expect(rowPoints.length).toBeGreaterThanOrEqual(22);
  });

  it.each(rowPoints.map((p) => [p.id, p.legacyName] as const))('%s %s: same verdicts and rows on seeded cases', (id) => {
    const row = contractOf(id).row as ObjectSchema;
    const r = prng(seedOf(id));
    const counts = { accepted: 0, rejected: 0 };
    const mismatches: string[] = [];
    let shape = randomShape(r, row);
    for (let n = 0; n < CASES_PER_CONTRACT; n++) {
      // Runs of rows with one shape, as a driver hands them, so both the shape hit and miss paths run.
      if (r() < 0.05) shape = randomShape(r, row);
      const raw = buildRow(r, row, shape, r() < 0.6);
      const outcome = compare(id, raw);
      if (outcome === 'accepted' || outcome === 'rejected') counts[outcome]++;
      else if (mismatches.length < 5) mismatches.push(`case ${n}: ${outcome}\n  raw ${inspect(raw)}`);
      // checkRow itself: the fast answer, or exactly today's errors.
      if (n % 8 === 0) {
        const slow = validateRow(id, normalizeRow(id, raw));
        expect(checkRow(id, raw)).toEqual(slow.ok ? { ok: true, row: slow.row } : { ok: false, raw, errors: slow.errors });
      }
    }
    if (process.env.ROW_CHECK_STATS) console.log(id, counts);
    expect(mismatches, mismatches.join('\n')).toEqual([]);
    // The generators must really exercise both sides.
    expect(counts.accepted).toBeGreaterThan(CASES_PER_CONTRACT * 0.2);
    expect(counts.rejected).toBeGreaterThan(CASES_PER_CONTRACT * 0.2);
  });

  it('does not take an inherited property for a column of a learned shape', () => {
    const check = compileRowChecker(contractOf('JF-5').row as ObjectSchema);
    const good = { EQUIPMENTNBR: '8558888', ITEM: '01', CALLTIME: '20260101' };
    // Met twice, the shape is compiled and becomes the one for…in is matched against.
    for (let i = 0; i < 3; i++) expect(check(good)).toEqual({ EquipmentNbr: '8558888', Item: '01', CallTime: 20260101 });
    const inherited = Object.assign(Object.create({ CALLTIME: '20260101' }) as Record<string, unknown>, {
      EQUIPMENTNBR: '8558888',
      ITEM: '01',
    });
    expect(check(inherited)).toBeNull();
    expect(validateRow('JF-5', normalizeRow('JF-5', inherited)).ok).toBe(false);
    expect(check(good)).not.toBeNull();
  });

  it('declines an own __proto__ key, which normalizeRow cannot copy, and leaves the verdict to ajv', () => {
    const raw = JSON.parse('{"EQUIPMENTNBR":"8558888","ITEM":"01","CALLTIME":20260101,"__proto__":5}') as Record<string, unknown>;
    expect(checkRowFast('JF-5', raw)).toBeNull();
    expect(checkRow('JF-5', raw)).toEqual({ ok: true, row: { EquipmentNbr: '8558888', Item: '01', CallTime: 20260101 } });
  });

  it('serves rows of many shapes, past the bounds of its shape cache and compile budget', () => {
    const check = compileRowChecker(contractOf('JF-5').row as ObjectSchema);
    for (let i = 0; i < 400; i++) {
      const raw = { CALLTIME: 20260101, ITEM: '01', EQUIPMENTNBR: '8558888', [`X${i}`]: undefined };
      for (let seen = 0; seen < 3; seen++) expect(check(raw)).toEqual({ CallTime: 20260101, Item: '01', EquipmentNbr: '8558888' });
      expect(check({ ...raw, [`X${i}`]: 1 })).toBeNull();
    }
  });
});

describe('fast row checker helpers against the functions ajv runs', () => {
  const r = prng(20261101);

  it('isDateTimeText answers as isLegacyDateTime', () => {
    const years = [0, 1, 4, 99, 100, 400, 1000, 1900, 2000, 2024, 2026, 2100, 9999];
    for (const year of years) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const t = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} 23:59:59`;
          expect(isDateTimeText(t), t).toBe(isLegacyDateTime(t));
        }
      }
    }
    const alphabet = ['0', '1', '2', '5', '9', '-', ':', ' ', 'T', '/', '٣', '０'];
    for (let i = 0; i < 20000; i++) {
      const chars = [...dateText(r, true)];
      for (let m = int(r, 0, 2); m > 0; m--) chars[int(r, 0, 18)] = pick(r, alphabet);
      const t = r() < 0.05 ? chars.join('').slice(0, int(r, 0, 19)) + pick(r, ['', '0', '\n']) : chars.join('');
      if (isDateTimeText(t) !== isLegacyDateTime(t)) expect.fail(`differ on ${JSON.stringify(t)}`);
    }
  });

  it('plainNumber reads text as Number does, or leaves it to coerceValue', () => {
    for (const t of NUMBER_TEXTS) {
      const n = plainNumber(t);
      if (n !== undefined) expect(Object.is(n, Number(t)), t).toBe(true);
    }
    for (let i = 0; i < 50000; i++) {
      const whole = Array.from({ length: int(r, 0, 9) }, () => int(r, 0, 9)).join('');
      const fraction = Array.from({ length: int(r, 0, 8) }, () => int(r, 0, 9)).join('');
      const t = `${pick(r, ['', '', '-', '+'])}${whole}${r() < 0.7 ? `.${fraction}` : ''}`;
      const n = plainNumber(t);
      if (n === undefined ? /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t) && t.replace(/\D/g, '').length <= 15 : !Object.is(n, Number(t))) {
        expect.fail(`plainNumber(${JSON.stringify(t)}) = ${n}, Number gives ${Number(t)}`);
      }
    }
  });

  it('fitsScale answers as decimalsOf(value) <= scale', () => {
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    for (let i = 0; i < 100000; i++) {
      const scale = int(r, 1, 4);
      let value: number;
      switch (int(r, 0, 3)) {
        case 0:
          words[0] = (r() * 2 ** 32) >>> 0;
          words[1] = (r() * 2 ** 32) >>> 0;
          value = bits[0] as number;
          break;
        case 1:
          value = Math.trunc(r() * 10 ** int(r, 1, 17)) / 10 ** int(r, 0, 5);
          break;
        case 2: {
          // One ulp either side of a value with few decimals.
          bits[0] = Math.trunc(r() * 10 ** int(r, 1, 16)) / 10 ** int(r, 1, 4);
          words[0] = (words[0] as number) + (r() < 0.5 ? 1 : -1);
          value = bits[0] as number;
          break;
        }
        default:
          value = pick(r, NUMBERS);
      }
      if (!Number.isFinite(value)) continue;
      if (fitsScale(value, scale, 10 ** scale) !== decimalsOf(value) <= scale) expect.fail(`fitsScale(${value}, ${scale})`);
    }
  });

  it('ucs2length counts as ajv does', () => {
    for (let i = 0; i < 20000; i++) {
      const t = text(r, int(r, 0, 12), ['a', '中', '😀', '\uD800', '\uDC00', '\uDBFF', '\uDFFF']);
      if (ucs2length(t) !== ajvUcs2length(t)) expect.fail(`ucs2length(${JSON.stringify(t)})`);
    }
  });
});

describe('fast row checker compiler', () => {
  const base = (): ObjectSchema => structuredClone(contractOf('JF-7').row as ObjectSchema);

  it('compiles a contract with its annotations', () => {
    const row = base();
    (row.properties['VIP'] as ColumnSchema)['x-legacy-name'] = 'VIP';
    row['x-key'] = ['VIP'];
    expect(compileRowChecker(row)({ VIP: 'V1', EQUIPMENTNBR: '1', STARTTIME: '2026-01-01 00:00:00', CALLTIME: 20260101 })).toEqual({
      VIP: 'V1',
      EquipmentNbr: '1',
      StartTime: '2026-01-01 00:00:00',
      CallTime: 20260101,
    });
  });

  it('answers as ajv on keywords and values the catalogue does not use today', () => {
    const oracle = (o: object) => ({ 'x-oracle': o });
    const row = {
      type: 'object',
      properties: {
        A: { type: ['number', 'null'], ...oracle({ type: 'NUMBER', precision: 5, scale: 2 }) },
        B: { type: 'integer', 'x-format': 'YYYYMMDD|-1', ...oracle({ type: 'NUMBER', precision: 8, scale: 0 }) },
        C: { type: 'string', minLength: 3, maxLength: 4, ...oracle({ type: 'VARCHAR2', length: 4 }) },
        D: { type: ['string', 'null'], pattern: '^[A-Z]{2}\\d$', ...oracle({ type: 'VARCHAR2', length: 3 }) },
        E: { type: 'number', minimum: -5, maximum: 5, ...oracle({ type: 'NUMBER', scale: 1 }) },
        F: { type: ['integer', 'number'], ...oracle({ type: 'NUMBER', precision: 3 }) },
        G: { type: ['string', 'null'], format: 'legacy-date-time', ...oracle({ type: 'DATE' }) },
      },
      required: ['B', 'C'],
      additionalProperties: false,
    } as unknown as ObjectSchema;
    const fast = compileRowChecker(row);
    const ajv = createAjv().compile(row);
    const r = prng(7);
    // Mostly values at the edges of each column, as a normalised row holds them.
    const pools: Record<string, unknown[]> = {
      A: [null, 999.99, -999.99, 0.05, 12.3, 1000, -1000, 999.995, 1e-7, NaN],
      B: [-1, 20260101, 20240229, 20260230, -2, 0, 1e8, 20261301, 2026010.5],
      C: ['abc', 'abcd', '𠀀𠀀𠀀', '中文字', '𠀀𠀀𠀀𠀀', 'ab', '𠀀𠀀', 'abcde', '𠀀𠀀𠀀𠀀𠀀', '\uD800\uD800\uD800', 'a𠀀'],
      D: [null, 'AB1', 'ZZ9', 'AB١', 'ab1', 'AB12', 'AB𝟏', ''],
      E: [0, 4.9, -4.9, 5, -5, 5.1, 0.15, 0.05, 4.95, 1e-7, Infinity, -0],
      F: [0, 999, -999, 1000, 12.5, 0.5, NaN, -0.0],
      G: [null, '2026-01-01 00:00:00', '2026-02-30 00:00:00', '2026-1-5 00:00:00', '0000-02-29 00:00:00'],
    };
    const values = (name: string) => (r() < 0.8 ? pick(r, pools[name] ?? []) : hostileValue(r, row.properties[name] as ColumnSchema));
    let accepted = 0;
    for (let n = 0; n < 20000; n++) {
      // Values as a driver's normalised row holds them (the compiled coercions are tested above).
      const raw: Record<string, unknown> = {};
      for (const name of Object.keys(row.properties)) {
        const value = r() < 0.9 ? values(name) : undefined;
        // Values normalizeRow would have coerced are left out: the compiled coercions are tested above.
        if (value !== undefined && typeof value !== 'bigint' && !(value instanceof Date) && !(typeof value === 'string' && /^[\s\d.+-]/.test(value))) raw[name] = value;
      }
      const answer = fast(raw);
      const valid = ajv(raw);
      if ((answer !== null) !== valid || (answer !== null && !isDeepStrictEqual(answer, raw))) {
        expect.fail(`fast ${inspect(answer)} ajv ${valid} on ${inspect(raw)}`);
      }
      if (valid) accepted++;
    }
    expect(accepted).toBeGreaterThan(100);
  });

  const columnChanges: [string, (column: ColumnSchema) => void][] = [
    ['enum', (c) => (c['enum'] = ['a'])],
    ['const', (c) => (c['const'] = 'a')],
    ['multipleOf', (c) => (c['multipleOf'] = 0.01)],
    ['exclusiveMinimum', (c) => (c['exclusiveMinimum'] = 0)],
    ['another format', (c) => (c['format'] = 'email')],
    ['another x-format', (c) => (c['x-format'] = 'YYYYMM')],
    ['a boolean type', (c) => (c.type = ['boolean', 'null'])],
    ['a $ref', (c) => (c['$ref'] = '#/$defs/other')],
    ['a default', (c) => (c['default'] = 'x')],
    ['a non-numeric maxLength', (c) => (c['maxLength'] = '20' as unknown as number)],
  ];
  it.each(columnChanges)('refuses a column with %s', (_, change) => {
    const row = base();
    change(row.properties['VIP'] as ColumnSchema);
    expect(() => compileRowChecker(row, 'JF-7 row')).toThrow(/JF-7 row\/VIP: .* is not implemented/);
  });

  const rowChanges: [string, (row: ObjectSchema) => void][] = [
    ['additionalProperties allowed', (row) => ((row as { additionalProperties: unknown }).additionalProperties = true)],
    ['patternProperties', (row) => (row['patternProperties'] = { '^X': {} })],
    ['minProperties', (row) => (row['minProperties'] = 1)],
    ['a required column it does not define', (row) => (row.required = ['Nope'])],
    ['a column named like an Object.prototype member', (row) => (row.properties['constructor'] = { type: 'string', 'x-oracle': { type: 'VARCHAR2' } })],
  ];
  it.each(rowChanges)('refuses a row schema with %s', (_, change) => {
    const row = base();
    change(row);
    expect(() => compileRowChecker(row, 'JF-7 row')).toThrow(/is not implemented/);
  });
});

// normalizeRow / validateRow / validateResult / validateInput on every interface point: rows built from
// each contract (upper-cased as Oracle answers them) must pass, and each way of spoiling them must fail
// at the right path. Hand-written rows below cover what drivers really hand over.

import { describe, expect, it } from 'vitest';
import {
  contractOf,
  interfacePoints,
  normalizeRow,
  validateInput,
  validateResult,
  validateRow,
  type ColumnSchema,
} from '../../contracts/registry.ts';

function typesOf(column: ColumnSchema): string[] {
  return Array.isArray(column.type) ? column.type : [column.type];
}

/** A value that satisfies the column, derived from its schema (so the schema must be satisfiable). */
function sampleValue(name: string, column: ColumnSchema): unknown {
  const oracle = column['x-oracle'];
  if (oracle.type === 'DATE') return '2026-01-31 08:30:00';
  if (oracle.type === 'NUMBER') {
    if (typesOf(column).includes('string')) return '332001010188';
    if (column['x-format'] === 'YYYYMMDD') return 20260101;
    if ((oracle.scale ?? 0) > 0) return 12.5;
    return oracle.precision === 1 ? 1 : 42;
  }
  if (column['x-legacy-date-text']) return '2026/01/31 8:30';
  // Chinese text where the width allows it: maxLength counts characters, not bytes.
  const length = column.maxLength ?? 4;
  return (name.length % 2 === 0 ? '中' : 'A').repeat(Math.min(length, 3));
}

function sampleRow(id: string): Record<string, unknown> {
  const row = contractOf(id).row;
  if (!row) throw new Error(`${id} has no rows`);
  return Object.fromEntries(Object.entries(row.properties).map(([name, c]) => [name, sampleValue(name, c)]));
}

function upperCased(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toUpperCase(), v]));
}

const rowPoints = interfacePoints().filter((p) => contractOf(p.id).row);
const resultPoints = interfacePoints().filter((p) => contractOf(p.id).result);

describe.each(rowPoints.map((p) => [p.id, p.legacyName] as const))('%s %s rows', (id) => {
  const { row } = contractOf(id);
  const properties = Object.entries(row?.properties ?? {});
  const required = row?.required ?? [];

  it('accepts a good row answered in Oracle upper case and gives back the contract spelling', () => {
    const result = validateRow(id, normalizeRow(id, upperCased(sampleRow(id))));
    expect(result).toEqual({ ok: true, row: sampleRow(id) });
  });

  it('accepts NULL in every optional column', () => {
    const good = sampleRow(id);
    for (const [name] of properties) if (!required.includes(name)) good[name] = null;
    expect(validateRow(id, normalizeRow(id, good)).ok).toBe(true);
  });

  it('rejects an unknown column', () => {
    const result = validateRow(id, normalizeRow(id, { ...upperCased(sampleRow(id)), SIM_INTERNAL: 1 }));
    expect(result).toEqual({ ok: false, errors: [{ path: '/SIM_INTERNAL', message: 'is not a field of the contract' }] });
  });

  it.each(required)('rejects a row without required %s, and with it NULL', (name) => {
    const missing = sampleRow(id);
    delete missing[name];
    expect(validateRow(id, normalizeRow(id, missing))).toEqual({
      ok: false,
      errors: [{ path: `/${name}`, message: 'is required' }],
    });
    const nulled = validateRow(id, normalizeRow(id, { ...sampleRow(id), [name]: null }));
    expect(nulled.ok).toBe(false);
    if (!nulled.ok) expect(nulled.errors.map((e) => e.path)).toEqual([`/${name}`]);
  });

  const textColumns = properties.filter(([, c]) => c['x-oracle'].type === 'VARCHAR2');
  it.each(textColumns.map(([name]) => name))('rejects over-length text in %s, accepts it at the limit', (name) => {
    const max = row?.properties[name]?.maxLength ?? 0;
    expect(validateRow(id, { ...sampleRow(id), [name]: 'x'.repeat(max) }).ok).toBe(true);
    const result = validateRow(id, { ...sampleRow(id), [name]: 'x'.repeat(max + 1) });
    expect(result).toEqual({ ok: false, errors: [{ path: `/${name}`, message: `must NOT have more than ${max} characters` }] });
  });

  it.each(properties.map(([name]) => name))('rejects a value of the wrong type in %s', (name) => {
    const column = row?.properties[name];
    // A number in a text column; text in a number column; for NUMBER(p > 15) digit strings, where a safe
    // number is legitimately turned into digits, a boolean.
    const digits = column?.['x-oracle'].type === 'NUMBER' && typesOf(column).includes('string');
    const wrong = digits ? true : column && typesOf(column).includes('string') ? 12345 : 'not a number';
    const result = validateRow(id, normalizeRow(id, { ...sampleRow(id), [name]: wrong }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain(`/${name}`);
  });
});

describe('values as the drivers hand them over', () => {
  it('turns numeric text (node-postgres numeric) into numbers and Date objects into Shanghai wall clock', () => {
    const raw = {
      EQUIPMENTNBR: '08715551234',
      CALLNBR: '01088886666',
      STARTTIME: new Date('2026-01-31T16:30:05Z'),
      TIMELONG: '125',
      COST: '3.60',
      CALLTIME: '20260101',
    };
    const result = validateRow('JF-7', normalizeRow('JF-7', raw));
    expect(result).toEqual({
      ok: true,
      row: {
        EquipmentNbr: '08715551234',
        CallNbr: '01088886666',
        StartTime: '2026-02-01 00:30:05',
        TimeLong: 125,
        Cost: 3.6,
        CallTime: 20260101,
      },
    });
  });

  it('keeps SERV97_ID as digits: safe numbers and bigints become text, lost precision is refused', () => {
    const base = { ACC_CODE: '8558888', SERV97_ID: 332001010188 };
    expect(normalizeRow('97-4', base)['SERV97_ID']).toBe('332001010188');
    expect(normalizeRow('97-4', { ...base, SERV97_ID: 12345678901234567890n })['SERV97_ID']).toBe('12345678901234567890');
    expect(validateRow('97-4', normalizeRow('97-4', { ...base, SERV97_ID: 2 ** 60 })).ok).toBe(false);
    expect(validateRow('97-4', { ...base, SERV97_ID: '123456789012345678901' }).ok).toBe(false);
    expect(validateRow('97-4', { ...base, SERV97_ID: '00123' }).ok).toBe(false);
  });

  it('maps CONTRACTNO to each table’s own spelling and width', () => {
    const fee = normalizeRow('JF-5', { EQUIPMENTNBR: '8558888', CONTRACTNO: 'HT12345678', ITEM: '01', CALLTIME: 20260101 });
    expect(fee).toHaveProperty('ConTractNo', 'HT12345678');
    expect(validateRow('JF-5', { ...fee, ConTractNo: 'HT123456789' }).ok).toBe(false);
    const top = normalizeRow('JF-8', { CONTRACTNO: 'HT1234567890123', COST: 99999.5, CALLTIME: 20260101 });
    expect(top).toHaveProperty('ConTractNO', 'HT1234567890123');
    expect(validateRow('JF-8', top).ok).toBe(true);
    expect(validateRow('JF-8', { ...top, ConTractNO: 'HT12345678901234' }).ok).toBe(false);
  });

  it('refuses a row where two driver columns fold onto one contract column', () => {
    const result = validateRow('JF-4', normalizeRow('JF-4', { ITEM: '01', Item: '02' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe('/Item (duplicate of ITEM)');
  });

  it('refuses impossible calendar dates and cycles that a pattern or bounds let through', () => {
    const row = { ACC_CODE: '8558888', SERV97_ID: '1', ACC_USEDATE: '2026-02-30 00:00:00' };
    expect(validateRow('97-4', row).ok).toBe(false);
    expect(validateRow('97-4', { ...row, ACC_USEDATE: '2024-02-29 23:59:59' }).ok).toBe(true);
    const fee = { EquipmentNbr: '8558888', Item: '01', CallTime: 20260231 };
    expect(validateRow('JF-5', fee)).toEqual({ ok: false, errors: [{ path: '/CallTime', message: 'must be a YYYYMMDD date number' }] });
  });

  it('refuses amounts with more decimals or digits than NUMBER(16,2) holds', () => {
    const fee = { EquipmentNbr: '8558888', Item: '01', CallTime: 20260101 };
    expect(validateRow('JF-5', { ...fee, Cost: 12.34 }).ok).toBe(true);
    expect(validateRow('JF-5', { ...fee, Cost: 12345678901234.5 }).ok).toBe(true);
    expect(validateRow('JF-5', { ...fee, Cost: 12.345 }).ok).toBe(false);
    expect(validateRow('JF-5', { ...fee, Cost: 1e14 }).ok).toBe(false);
  });

  it('keeps dates held as text exactly as stored (mappings parse them)', () => {
    const row = normalizeRow('97-5', { VIP: '1000000001', SO_NBR: 'SO1', SO_DATE: '2026-1-5 9:03' });
    expect(validateRow('97-5', row)).toEqual({ ok: true, row: { VIP: 1000000001, SO_NBR: 'SO1', SO_DATE: '2026-1-5 9:03' } });
  });

  it('refuses to normalise rows of a scalar point and unknown ids', () => {
    expect(() => normalizeRow('97-10', {})).toThrow(/scalar/);
    expect(() => validateRow('97-99', {})).toThrow(/unknown interface point/);
  });
});

describe.each(resultPoints.map((p) => [p.id, p.legacyName] as const))('%s %s result', (id) => {
  it('accepts its answers and refuses anything else', () => {
    if (id === 'JF-12') {
      expect(validateResult(id, '-1')).toEqual({ ok: true, row: -1 });
      expect(validateResult(id, 20260115)).toEqual({ ok: true, row: 20260115 });
      expect(validateResult(id, 20261315).ok).toBe(false);
      expect(validateResult(id, -2).ok).toBe(false);
    } else {
      expect(validateResult(id, 1)).toEqual({ ok: true, row: 1 });
      expect(validateResult(id, '0')).toEqual({ ok: true, row: 0 });
      expect(validateResult(id, 2).ok).toBe(false);
    }
    expect(validateResult(id, 'yes').ok).toBe(false);
    expect(validateResult(id, null).ok).toBe(false);
  });
});

describe('validateInput', () => {
  it('checks parameters by name, type and presence', () => {
    expect(validateInput('JF-9', { p_acc_nbr: '8558888', p_from_cycle: 20260101, p_to_cycle: 20260301 }).ok).toBe(true);
    const missing = validateInput('JF-9', { p_acc_nbr: '8558888', p_from_cycle: 20260101 });
    expect(missing).toEqual({ ok: false, errors: [{ path: '/p_to_cycle', message: 'is required' }] });
    expect(validateInput('JF-1', { p_cycle: '20260101' }).ok).toBe(false);
    expect(validateInput('97-5', { p_vip: '1' }).ok).toBe(false);
    expect(validateInput('97-5', {}).ok).toBe(true);
  });

  it('measures write parameters in bytes of the legacy charset when asked', () => {
    const input = { p_acc_nbr: '8558888', p_vip: '1210300001', p_serv_level: '金牌服务等级' };
    // Six characters fit VARCHAR2(10) by characters, not by bytes: 12 in GBK, 18 in UTF-8.
    expect(validateInput('97-10', input).ok).toBe(true);
    expect(validateInput('97-10', input, { charset: 'GBK' })).toEqual({
      ok: false,
      errors: [{ path: '/p_serv_level', message: 'does not fit 10 bytes in GBK' }],
    });
    expect(validateInput('97-10', { ...input, p_serv_level: '金牌服务等' }, { charset: 'GBK' }).ok).toBe(true);
    expect(validateInput('97-10', { ...input, p_serv_level: '金牌服务等' }, { charset: 'UTF8' }).ok).toBe(false);
    expect(validateInput('CS-5', { AccNbr: '8558888', VIP: '1210300001', SERV_LEVEL: 'AAA' }, { charset: 'UTF8' }).ok).toBe(true);
  });
});

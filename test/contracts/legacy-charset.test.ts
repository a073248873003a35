// Byte limits of writes toward legacy columns: VARCHAR2(n) is n bytes, counted in the legacy charset.

import { describe, expect, it } from 'vitest';
import { contractOf, fitsLegacyColumn, legacyByteLength, toLegacyDateTime } from '../../contracts/registry.ts';

const varchar = (n: number) => ({ type: 'VARCHAR2' as const, length: n, byteLimit: n });

describe('legacyByteLength', () => {
  it('counts ASCII as 1 byte and Chinese as 2 in GBK, 3 in UTF-8', () => {
    expect(legacyByteLength('ABC', 'GBK')).toBe(3);
    expect(legacyByteLength('工商银行', 'GBK')).toBe(8);
    expect(legacyByteLength('工商银行', 'UTF8')).toBe(12);
    expect(legacyByteLength('HT工行1', 'GBK')).toBe(7);
  });

  it('refuses characters GBK cannot encode, and broken UTF-16 in either charset', () => {
    expect(legacyByteLength('客户😀', 'GBK')).toBeNull();
    expect(legacyByteLength('客户😀', 'UTF8')).toBe(10);
    expect(legacyByteLength('\uD800x', 'UTF8')).toBeNull();
    expect(legacyByteLength('\uD800x', 'GBK')).toBeNull();
  });
});

describe('fitsLegacyColumn', () => {
  it('holds a VARCHAR2 write to its byte limit, not its character count', () => {
    const column = contractOf('97-2').row?.properties['CONN_PERSON']?.['x-oracle'];
    if (!column) throw new Error('CONN_PERSON has no x-oracle');
    expect(column).toEqual(varchar(20));
    expect(fitsLegacyColumn('中'.repeat(10), column, 'GBK')).toBe(true);
    expect(fitsLegacyColumn('中'.repeat(11), column, 'GBK')).toBe(false);
    expect(fitsLegacyColumn('中'.repeat(6), column, 'UTF8')).toBe(true);
    expect(fitsLegacyColumn('中'.repeat(7), column, 'UTF8')).toBe(false);
    expect(fitsLegacyColumn('x'.repeat(20), column, 'UTF8')).toBe(true);
    expect(fitsLegacyColumn('x'.repeat(21), column, 'GBK')).toBe(false);
  });

  it('lets the narrower legacy column decide: a 20-character number fits 97 but not the fee table', () => {
    const number = '0'.repeat(15);
    const acc = contractOf('97-4').row?.properties['ACC_CODE']?.['x-oracle'];
    const equipment = contractOf('JF-5').row?.properties['EquipmentNbr']?.['x-oracle'];
    if (!acc || !equipment) throw new Error('missing x-oracle');
    expect(fitsLegacyColumn(number, acc, 'GBK')).toBe(true);
    expect(fitsLegacyColumn(number, equipment, 'GBK')).toBe(false);
  });

  it('passes NULL (nullability is the schema’s business) and refuses a non-string for VARCHAR2', () => {
    expect(fitsLegacyColumn(null, varchar(1), 'GBK')).toBe(true);
    expect(fitsLegacyColumn(12, varchar(5), 'GBK')).toBe(false);
  });

  it('checks NUMBER precision and scale, and digit strings for NUMBER(p > 15)', () => {
    const money = { type: 'NUMBER' as const, precision: 16, scale: 2 };
    expect(fitsLegacyColumn(99999999999999.98, money, 'GBK')).toBe(true);
    expect(fitsLegacyColumn(1e14, money, 'GBK')).toBe(false);
    expect(fitsLegacyColumn(0.125, money, 'GBK')).toBe(false);
    const id = { type: 'NUMBER' as const, precision: 20, scale: 0 };
    expect(fitsLegacyColumn('9'.repeat(20), id, 'GBK')).toBe(true);
    expect(fitsLegacyColumn('9'.repeat(21), id, 'GBK')).toBe(false);
    expect(fitsLegacyColumn('12a', id, 'GBK')).toBe(false);
  });

  it('accepts real calendar times for DATE', () => {
    const date = { type: 'DATE' as const };
    expect(fitsLegacyColumn('2026-12-31 23:59:59', date, 'GBK')).toBe(true);
    expect(fitsLegacyColumn('2026-11-31 00:00:00', date, 'GBK')).toBe(false);
    expect(fitsLegacyColumn(new Date(Number.NaN), date, 'GBK')).toBe(false);
  });
});

describe('toLegacyDateTime', () => {
  it('writes the Asia/Shanghai wall clock whatever the process time zone', () => {
    expect(toLegacyDateTime(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01 00:00:00');
    expect(toLegacyDateTime(new Date('2026-06-01T03:04:05.999Z'))).toBe('2026-06-01 11:04:05');
  });
});

// JF-3 AREA, JF-4 ITEM, JF-6 PRIVATE_NET.
import { describe, expect, it } from 'vitest';
import { mapArea } from './AREA.mapping.ts';
import { mapItem } from './ITEM.mapping.ts';
import { mapPrivateNet } from './PRIVATE_NET.mapping.ts';

describe('JF-3 AREA → AreaCode', () => {
  it('maps an area; the NUMBER(16) id arrives as digits', () => {
    expect(mapArea({ AreaCodeId: '871', AreaCode: '0871', AreaName: '昆明' })).toEqual({
      ok: true,
      value: { areaCodeId: 871, areaCode: '0871', name: '昆明' },
    });
  });

  it('an id beyond exact range and a missing name are reported', () => {
    const result = mapArea({ AreaCodeId: '9999999999999999', AreaCode: '0871', AreaName: null });
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['invalid_value', 'AreaCodeId'],
      ['invalid_value', 'AreaName'],
    ]);
  });
});

describe('JF-4 ITEM → ChargeItem', () => {
  it('classifies by name', () => {
    expect(mapItem({ ITEM: '7001', Name: '短信平台使用费' })).toEqual({
      ok: true,
      value: { itemCode: '7001', name: '短信平台使用费', category: 'platform' },
    });
  });

  it('an item matched by no rule → unknown_code (no fallback in the table)', () => {
    expect(mapItem({ ITEM: 'X888', Name: '神秘费用' })).toMatchObject({ ok: false, reasons: [{ code: 'unknown_code', field: 'ITEM' }] });
  });

  it('a mangled name is bad_encoding (and, unreadable, matches no rule either)', () => {
    const result = mapItem({ ITEM: 'A101', Name: 'å¸‚è¯é€šè¯è´¹' });
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['bad_encoding', 'Name'],
      ['unknown_code', 'ITEM'],
    ]);
  });
});

describe('JF-6 PRIVATE_NET → PrivateNetwork', () => {
  it('maps a range, and refuses a reversed one', () => {
    expect(mapPrivateNet({ ManagerNo: 'ZW001', BegingNo: '63100000', EndNo: '63109999', Name: '省政府专网' })).toEqual({
      ok: true,
      value: { managerNumber: 'ZW001', firstNumber: '63100000', lastNumber: '63109999', name: '省政府专网' },
    });
    expect(mapPrivateNet({ ManagerNo: 'ZW002', BegingNo: '63109999', EndNo: '63100000' })).toMatchObject({
      ok: false,
      reasons: [{ code: 'invalid_value', field: 'EndNo' }],
    });
  });
});

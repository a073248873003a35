import { describe, expect, it } from 'vitest';
import type { VipGetDkhinfoRow } from './rows.ts';
import { mapVipGetDkhinfo } from './VIP_GET_DKHINFO.mapping.ts';
import { decodeVipNumber } from './vip-number.ts';

const row: VipGetDkhinfoRow = {
  DKH_CARDID: '1301200123',
  DKHNAME: '中国工商银行云南省分行',
  USERTYPE: '大客户',
  EXCH: '五华分局',
  BAREA: '五华区',
  CONN_PERSON: '李建国',
  CONN_TELE: '0871-3123456',
  ADDR: '昆明市拓东路７３号',
  POSTCARD: '650011',
};

describe('decodeVipNumber', () => {
  it('reads type, level, region, industry and serial from the digits', () => {
    expect(decodeVipNumber('2507712345')).toEqual({
      ok: true,
      value: { customerType: 'commercial', level: '5A', regionCode: '07', industryGroup: 'transport', industrySection: 'G', serial: '12345' },
    });
  });

  it('a digit naming a group of several sections gives the group only', () => {
    expect(decodeVipNumber('1304400001')).toMatchObject({ ok: true, value: { industryGroup: 'commerce', industrySection: null } });
  });

  it.each(['130190012', '13019001234', '13O1900123', '1601900123', '1001900123'])('rejects %s', (vip) => {
    expect(decodeVipNumber(vip).ok).toBe(false);
  });
});

describe('97-2 VIP_GET_DKHINFO → Customer', () => {
  it('maps a key account, deriving level, region and industry from the VIP number', () => {
    const result = mapVipGetDkhinfo(row, { customerId: 'c-1', legacyCustomerId: 10001 });
    expect(result).toEqual({
      ok: true,
      value: {
        id: 'c-1',
        vipNumber: '1301200123',
        legacyCustomerId: 10001,
        name: '中国工商银行云南省分行',
        customerType: 'key_account',
        exchangeArea: '五华分局',
        administrativeArea: '五华区',
        contactPerson: '李建国',
        contactPhone: '08713123456',
        address: '昆明市拓东路73号',
        postcode: '650011',
        level: '3A',
        tier: null,
        serviceLevel: null,
        industrySection: 'J',
        industryGroup: 'finance',
        regionCode: '01',
        manager: null,
        status: 'formal',
        statusTime: null,
      },
    });
  });

  it('falls back to the 1st digit when USERTYPE is unknown or empty', () => {
    const unknown = mapVipGetDkhinfo({ ...row, DKH_CARDID: '2101200123', USERTYPE: '政企客户' }, { customerId: 'c-1' });
    expect(unknown.ok && unknown.value.customerType).toBe('commercial');
    const empty = mapVipGetDkhinfo({ ...row, USERTYPE: null }, { customerId: 'c-1' });
    expect(empty.ok && empty.value.customerType).toBe('key_account');
  });

  it('USERTYPE wins over the digit when it is known', () => {
    const result = mapVipGetDkhinfo({ ...row, USERTYPE: '商业客户' }, { customerId: 'c-1' });
    expect(result.ok && result.value.customerType).toBe('commercial');
  });

  it('unknown USERTYPE and a 1st digit without type → unknown_code', () => {
    const result = mapVipGetDkhinfo({ ...row, DKH_CARDID: '7301200123', USERTYPE: '政企客户' }, { customerId: 'c-1' });
    expect(result).toMatchObject({ ok: false, reasons: [{ code: 'unknown_code', field: 'USERTYPE' }] });
  });

  it('collects every reason of a bad row', () => {
    const result = mapVipGetDkhinfo(
      { ...row, DKH_CARDID: '1901200123', DKHNAME: 'äº‘å—ç”µåŠ›', POSTCARD: '65001', ADDR: '昆明\uFFFD路' },
      {},
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['missing_reference', undefined],
      ['invalid_value', 'DKH_CARDID'],
      ['bad_encoding', 'DKHNAME'],
      ['bad_encoding', 'ADDR'],
      ['invalid_value', 'POSTCARD'],
    ]);
  });

  it('a missing name is a contract violation', () => {
    const result = mapVipGetDkhinfo({ ...row, DKHNAME: '' }, { customerId: 'c-1' });
    expect(result).toMatchObject({ ok: false, reasons: [{ code: 'contract_violation', field: 'DKHNAME' }] });
  });

  it('reads upper-case column names of a replayed raw row', () => {
    const raw = Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toUpperCase(), v]));
    expect(mapVipGetDkhinfo(raw as unknown as VipGetDkhinfoRow, { customerId: 'c-1' }).ok).toBe(true);
  });
});

// JF-5 VIP_FEE, JF-9…11 fee queries, JF-7 CALL_LIST, JF-8 TOP1000_FEE, JF-12 VIPJF_GET_QF.
import { describe, expect, it } from 'vitest';
import { mapCallList } from './CALL_LIST.mapping.ts';
import { mapTop1000Fee } from './TOP1000_FEE.mapping.ts';
import { mapVipFee } from './VIP_FEE.mapping.ts';
import { mapVipjfGetFee } from './VIPJF_GET_FEE_BY_ACCNBR.mapping.ts';
import { mapVipjfGetQf } from './VIPJF_GET_QF.mapping.ts';

const itemNames = new Map([
  ['1002', '本地通话费'],
  ['2001', '国内长途通话费'],
  ['6001', 'ADSL包月费'],
  ['X888', '神秘费用'],
]);

const fee = { EquipmentNbr: '8558888', ConTractNo: 'HT688888', VIP: '1301900123', Item: '2001', Cost: 1234.5, CallTime: 20260101 };

describe('JF-5 VIP_FEE → Charge', () => {
  it('maps a long-distance charge with a two-place amount', () => {
    expect(mapVipFee(fee, { itemNames })).toEqual({
      ok: true,
      value: {
        serviceNumber: '8558888',
        accountNumber: 'HT688888',
        vipNumber: '1301900123',
        itemCode: '2001',
        category: 'long_distance_telephone',
        amount: '1234.50',
        billingCycle: 20260101,
      },
    });
  });

  it('an item no rule recognises → unknown_code on Item', () => {
    expect(mapVipFee({ ...fee, Item: 'X888' }, { itemNames })).toMatchObject({
      ok: false,
      reasons: [{ code: 'unknown_code', field: 'Item', message: expect.stringContaining('神秘费用') }],
    });
    // Not in the ITEM table and outside every code range.
    expect(mapVipFee({ ...fee, Item: 'Z12' }, { itemNames })).toMatchObject({ ok: false, reasons: [{ code: 'unknown_code' }] });
  });

  it('falls back on code ranges when the ITEM table does not name the item', () => {
    expect(mapVipFee({ ...fee, Item: '6009' }, {})).toMatchObject({ ok: true, value: { category: 'internet_access' } });
  });

  it('a bad cycle, no amount and mangled VIP are all reported', () => {
    const result = mapVipFee({ ...fee, CallTime: 20260231, Cost: null, VIP: '13019\uFFFD0123' }, { itemNames });
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['bad_encoding', 'VIP'],
      ['invalid_value', 'Cost'],
      ['invalid_value', 'CallTime'],
    ]);
  });
});

describe('JF-9…11 fee queries → Charge', () => {
  it('maps a fee-by-number row, the VIP number from the context', () => {
    const row = { EquipmentNbr: '8558888', UserName: '昆钢集团', ConTractNo: 'HT688888', PayName: '昆钢集团', Item: '1002', Cost: 88, CallTime: 20260101 };
    expect(mapVipjfGetFee(row, { itemNames, vipNumber: '1301900123' })).toMatchObject({
      ok: true,
      value: { category: 'local_telephone', amount: '88.00', vipNumber: '1301900123', accountNumber: 'HT688888' },
    });
  });
});

describe('JF-7 CALL_LIST → CallDetailRecord', () => {
  const call = {
    VIP: '1301900123',
    EquipmentNbr: '8558888',
    CallNbr: '01065501234',
    CallType: 'DDD',
    AreaCode: '010',
    StartTime: '2026-01-12 14:03:27',
    ConTractNO: 'HT688888',
    TimeLong: 185,
    Cost: 1.8,
    CallTime: 20260101,
  };

  it('maps a call', () => {
    expect(mapCallList(call)).toEqual({
      ok: true,
      value: {
        vipNumber: '1301900123',
        serviceNumber: '8558888',
        calledNumber: '01065501234',
        callType: 'DDD',
        calledArea: '010',
        startedAt: new Date('2026-01-12T06:03:27Z'),
        accountNumber: 'HT688888',
        durationSeconds: 185,
        amount: '1.80',
        billingCycle: 20260101,
      },
    });
  });

  it('an impossible start time, a negative duration and a missing number are reported together', () => {
    const result = mapCallList({ ...call, StartTime: '2026-01-32 14:03:27', TimeLong: -5, EquipmentNbr: '' });
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['contract_violation', 'EquipmentNbr'],
      ['unparseable_date', 'StartTime'],
      ['invalid_value', 'TimeLong'],
    ]);
  });
});

describe('JF-8 TOP1000_FEE → TopContract', () => {
  it('maps a prospect contract', () => {
    expect(mapTop1000Fee({ ConTractNO: 'HT700123', Cost: 56789.1, CallTime: 20260101 })).toEqual({
      ok: true,
      value: { accountNumber: 'HT700123', amount: '56789.10', billingCycle: 20260101 },
    });
  });
});

describe('JF-12 VIPJF_GET_QF → PaymentStatus', () => {
  const ctx = { accountNumber: 'HT688888', billingCycle: 20260101 };

  it('-1 is unpaid (arrears)', () => {
    expect(mapVipjfGetQf(-1, ctx)).toEqual({ ok: true, value: { accountNumber: 'HT688888', billingCycle: 20260101, paidDate: null } });
  });

  it('YYYYMMDD is the paid date', () => {
    expect(mapVipjfGetQf({ p_result: 20260215 }, ctx)).toMatchObject({ ok: true, value: { paidDate: '2026-02-15' } });
  });

  it('anything else is invalid; a missing call context is a missing reference', () => {
    expect(mapVipjfGetQf(0, ctx)).toMatchObject({ ok: false, reasons: [{ code: 'invalid_value', field: 'p_result' }] });
    expect(mapVipjfGetQf(20260230, ctx)).toMatchObject({ ok: false, reasons: [{ code: 'invalid_value' }] });
    expect(mapVipjfGetQf(-1, {})).toMatchObject({ ok: false, reasons: [{ code: 'missing_reference' }, { code: 'missing_reference' }] });
  });
});

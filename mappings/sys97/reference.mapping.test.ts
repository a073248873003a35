// 97-1, 97-7, 97-8, 97-9: the small mappers of the 97 system.
import { describe, expect, it } from 'vitest';
import { mapVip97GetChange } from './VIP97_GET_CHANGE.mapping.ts';
import { mapVip97GetProduct } from './VIP97_GET_PRODUCT.mapping.ts';
import { mapVip97OnceFee } from './VIP97_ONCE_FEE.mapping.ts';
import { mapVip97SoProcess } from './VIP97_SO_PROCESS.mapping.ts';

describe('97-1 VIP97_GET_CHANGE', () => {
  it('answers the VIP number; one off the layout is invalid', () => {
    expect(mapVip97GetChange({ DKH_CARDID: '1301900123' })).toEqual({ ok: true, value: { vipNumber: '1301900123' } });
    expect(mapVip97GetChange({ DKH_CARDID: 'HT688888' })).toMatchObject({ ok: false, reasons: [{ code: 'invalid_value' }] });
  });
});

describe('97-7 VIP97_SO_PROCESS → WorkOrderFulfilment', () => {
  const row = {
    SO_NBR: 'SO202512010007',
    VIP: 10001,
    SERV_NBR: '8558888',
    ACC_SERVTYPE: 'DDN',
    SO_TYPE: '移机',
    SO_DATE: '2025-12-01 09:00:00',
    FINISH_DATE: '2025-12-03 17:30:00',
    STS: '竣工',
    SX: 72,
    TIME_USED: 56.5,
  };

  it('maps a finished relocation', () => {
    expect(mapVip97SoProcess(row)).toEqual({
      ok: true,
      value: {
        orderNumber: 'SO202512010007',
        legacyCustomerId: 10001,
        serviceNumber: '8558888',
        serviceType: 'ddn',
        orderType: 'relocation',
        orderTypeLegacy: '移机',
        acceptedAt: new Date('2025-12-01T01:00:00Z'),
        finishedAt: new Date('2025-12-03T09:30:00Z'),
        status: 'finished',
        timeLimitHours: 72,
        hoursUsed: 56.5,
      },
    });
  });

  it('an unknown status is unknown_code (no fallback); no status at all follows FINISH_DATE', () => {
    expect(mapVip97SoProcess({ ...row, STS: '挂起' })).toMatchObject({ ok: false, reasons: [{ code: 'unknown_code', field: 'STS' }] });
    expect(mapVip97SoProcess({ ...row, STS: null, FINISH_DATE: null })).toMatchObject({ ok: true, value: { status: 'open' } });
  });
});

describe('97-8 VIP97_ONCE_FEE → OneTimeFee', () => {
  const row = {
    FEE_ID: 900001,
    DKH_CARDID: '1301900123',
    SO_NBR: 'SO202601050001',
    ACC_CODE: '8558888',
    FEE_NAME: '初装费',
    AMOUNT: 200,
    FEE_DATE: '2026-01-05 09:35:00',
  };

  it('maps the amount as a two-place decimal string', () => {
    expect(mapVip97OnceFee(row)).toMatchObject({ ok: true, value: { feeId: '900001', amount: '200.00', name: '初装费' } });
  });

  it('an amount with three decimals and a missing date are both reported', () => {
    const result = mapVip97OnceFee({ ...row, AMOUNT: 12.345, FEE_DATE: null as unknown as string });
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['invalid_value', 'AMOUNT'],
      ['contract_violation', 'FEE_DATE'],
    ]);
  });
});

describe('97-9 VIP97_GET_PRODUCT → Product', () => {
  it('maps a product, and refuses one without a name', () => {
    expect(mapVip97GetProduct({ ProductId: 'P0101', Name: 'ＤＤＮ　数字专线', Kind: '数据' })).toEqual({
      ok: true,
      value: { productId: 'P0101', name: 'DDN 数字专线', kind: '数据' },
    });
    expect(mapVip97GetProduct({ ProductId: 'P0102', Name: null })).toMatchObject({ ok: false, reasons: [{ code: 'invalid_value', field: 'Name' }] });
  });
});

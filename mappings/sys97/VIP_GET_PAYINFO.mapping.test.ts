import { describe, expect, it } from 'vitest';
import { mapVipGetPayinfo } from './VIP_GET_PAYINFO.mapping.ts';

const row = {
  ACCT_NBR: 'HT688888',
  PAYNAME: '昆明钢铁集团有限责任公司',
  PAYMETH: '托收',
  BANKNAME: '中国工商银行昆明分行',
  BANKACCT: '2502010109024512345',
  ADDR: '昆明市安宁市',
  PAYPOSTAL: '６５０３０２',
};

describe('97-3 VIP_GET_PAYINFO → Account', () => {
  it('maps a bank-collection account', () => {
    expect(mapVipGetPayinfo(row, { customerId: 'c-7' })).toEqual({
      ok: true,
      value: {
        accountNumber: 'HT688888',
        customerId: 'c-7',
        payerName: '昆明钢铁集团有限责任公司',
        payMethod: 'bank_collection',
        payMethodLegacy: '托收',
        bankName: '中国工商银行昆明分行',
        bankAccount: '2502010109024512345',
        address: '昆明市安宁市',
        postcode: '650302',
      },
    });
  });

  it.each([
    ['银行代扣', 'bank_debit'],
    ['现金', 'cash'],
    ['支票', 'cheque'],
    ['微信支付', 'other'],
  ])('pay method %s → %s, legacy text kept', (legacy, method) => {
    const result = mapVipGetPayinfo({ ...row, PAYMETH: legacy }, { customerId: 'c-7' });
    expect(result).toMatchObject({ ok: true, value: { payMethod: method, payMethodLegacy: legacy } });
  });

  it('no customer id → missing_reference; no account number → contract_violation', () => {
    const result = mapVipGetPayinfo({ ...row, ACCT_NBR: null as unknown as string }, { customerId: null });
    expect(!result.ok && result.reasons.map((r) => r.code)).toEqual(['missing_reference', 'contract_violation']);
  });
});

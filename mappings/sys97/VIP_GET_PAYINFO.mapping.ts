// 97-3 VIP_GET_PAYINFO → Account (a contract number of the customer).

import type { Account } from '../../src/domain/account.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { payMethods } from '../code-tables/index.ts';
import { RowReader } from '../row-reader.ts';
import type { VipGetPayinfoRow } from './rows.ts';

export interface AccountMappingContext {
  customerId?: string | null;
}

export function mapVipGetPayinfo(row: VipGetPayinfoRow, ctx: AccountMappingContext): MapResult<Account> {
  const r = new RowReader(row);
  const customerId = r.reference('customer id', ctx.customerId);
  const accountNumber = r.text('ACCT_NBR', { required: true });
  const payerName = r.text('PAYNAME');
  const payMethod = r.code('PAYMETH', payMethods);
  const bankName = r.text('BANKNAME');
  const bankAccount = r.text('BANKACCT');
  const address = r.text('ADDR');
  const postcode = r.postcode('PAYPOSTAL');
  return r.result(() => ({
    accountNumber,
    customerId: customerId!,
    payerName,
    // An empty PAYMETH says nothing; 'other' with no legacy text shows exactly that.
    payMethod: payMethod.code ?? 'other',
    payMethodLegacy: payMethod.legacy,
    bankName,
    bankAccount,
    address,
    postcode,
  }));
}

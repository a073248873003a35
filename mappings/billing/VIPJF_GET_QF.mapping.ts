// JF-12 VIPJF_GET_QF → PaymentStatus. The answer is a scalar: YYYYMMDD (paid on that day) or -1
// (unpaid: the cycle is in arrears). The registry and the quarantine hold it as { p_result }.

import type { PaymentStatus } from '../../src/domain/billing.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { RowReader } from '../row-reader.ts';
import { cycleToIsoDate, parseBillingCycle } from '../text-date.ts';
import type { VipjfGetQfAnswer } from './rows.ts';

export interface PaymentMappingContext {
  /** The call's p_contract_nbr and p_cycle: the answer does not repeat them. */
  accountNumber?: string | null;
  billingCycle?: number | null;
}

export function mapVipjfGetQf(answer: VipjfGetQfAnswer | number, ctx: PaymentMappingContext): MapResult<PaymentStatus> {
  const r = new RowReader(typeof answer === 'number' ? { p_result: answer } : answer);
  const accountNumber = r.reference('contract number of the call', ctx.accountNumber);
  const billingCycle = r.reference('billing cycle of the call', ctx.billingCycle);
  const result = r.number('p_result', { required: true, integer: true });
  let paidDate: string | null = null;
  if (result !== null && result !== -1) {
    const paid = parseBillingCycle(result);
    if (paid.ok) paidDate = cycleToIsoDate(paid.value);
    else r.fail('invalid_value', 'p_result', `neither -1 nor a paid date: ${paid.reason}`);
  }
  return r.result(() => ({ accountNumber: accountNumber!, billingCycle: billingCycle!, paidDate }));
}

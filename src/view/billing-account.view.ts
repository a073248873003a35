// Billing accounts with their arrears: the unpaid cycles billing answered (hub.payment_status) and the
// charges of those cycles, so an account answers "what does it owe" without a legacy call.

import { and, customerScope, sql, type Principal, type SqlFragment } from '../api/platform/index.ts';
import type { ViewSource } from './view-sql.ts';

export interface BillingAccountRow extends Record<string, unknown> {
  account_number: string;
  customer_id: string;
  customer_name: string;
  vip_number: string;
  payer_name: string | null;
  pay_method: 'bank_collection' | 'cash' | 'cheque' | 'bank_debit' | 'other';
  pay_method_legacy: string | null;
  bank_name: string | null;
  bank_account: string | null;
  address: string | null;
  postcode: string | null;
  updated_at: Date | string;
  arrears_amount: string;
  arrears_cycles: number;
}

const COLUMNS = sql`a.account_number, a.customer_id, c.name AS customer_name, c.vip_number, a.payer_name, a.pay_method,
  a.pay_method_legacy, a.bank_name, a.bank_account, a.address, a.postcode, a.updated_at,
  (SELECT coalesce(sum(x.amount), 0)::text FROM hub.payment_status p
     JOIN hub.charge x ON x.account_number = p.account_number AND x.billing_cycle = p.billing_cycle
    WHERE p.account_number = a.account_number AND p.paid_date IS NULL) AS arrears_amount,
  (SELECT count(*)::int FROM hub.payment_status p WHERE p.account_number = a.account_number AND p.paid_date IS NULL) AS arrears_cycles`;

const FROM = sql`hub.account a JOIN hub.customer c ON c.id = a.customer_id`;

export function billingAccountSource(principal: Principal, conditions: SqlFragment[] = []): ViewSource {
  return { select: COLUMNS, from: FROM, where: and([customerScope(principal, 'c'), ...conditions]) };
}

export function billingAccountByNumber(principal: Principal, accountNumber: string): ViewSource {
  return billingAccountSource(principal, [sql`a.account_number = ${accountNumber}`]);
}

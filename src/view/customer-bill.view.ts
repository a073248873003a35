// Bills and charges (TMF678 shapes) from the billing tables of the view. A bill is one account's cycle
// as billing's payment status (VIPJF_GET_QF, read for every billed account) names it; its amount is the
// sum of that account's charges in the cycle. Charges reach a customer through their service.

import type { BusinessCategory } from '../domain/index.ts';
import { and, customerScope, sql, type Principal, type SqlFragment } from '../api/platform/index.ts';
import type { ViewSource } from './view-sql.ts';

export interface CustomerBillRow extends Record<string, unknown> {
  account_number: string;
  billing_cycle: number;
  paid_date: string | null;
  customer_id: string;
  customer_name: string;
  amount: string | number;
}

const BILL_COLUMNS = sql`p.account_number, p.billing_cycle, p.paid_date::text AS paid_date, a.customer_id,
  c.name AS customer_name,
  (SELECT coalesce(sum(x.amount), 0)::text FROM hub.charge x
    WHERE x.account_number = p.account_number AND x.billing_cycle = p.billing_cycle) AS amount`;

// bill_id is the unique paging key; tmf_state and in_arrears make the answer's words filterable.
const BILL_FROM = sql`(SELECT ps.*, ps.account_number || '-' || ps.billing_cycle AS bill_id,
      CASE WHEN ps.paid_date IS NULL THEN 'sent' ELSE 'settled' END AS tmf_state, ps.paid_date IS NULL AS in_arrears
    FROM hub.payment_status ps) p
  JOIN hub.account a ON a.account_number = p.account_number
  JOIN hub.customer c ON c.id = a.customer_id`;

export function customerBillSource(principal: Principal, conditions: SqlFragment[] = []): ViewSource {
  return { select: BILL_COLUMNS, from: BILL_FROM, where: and([customerScope(principal, 'c'), ...conditions]) };
}

export interface ChargeRow extends Record<string, unknown> {
  service_number: string;
  account_number: string | null;
  item_code: string;
  item_name: string | null;
  category: BusinessCategory;
  amount: string;
  billing_cycle: number;
  has_bill: boolean;
}

const CHARGE_COLUMNS = sql`x.service_number, x.account_number, x.item_code, i.name AS item_name, x.category,
  x.amount::text AS amount, x.billing_cycle,
  EXISTS (SELECT 1 FROM hub.payment_status pb WHERE pb.account_number = x.account_number AND pb.billing_cycle = x.billing_cycle) AS has_bill`;

const CHARGE_FROM = sql`(SELECT ch.*, ch.service_number || ':' || ch.item_code || ':' || ch.billing_cycle AS charge_id
    FROM hub.charge ch) x
  JOIN hub.service s ON s.service_number = x.service_number
  JOIN hub.customer c ON c.id = s.customer_id
  LEFT JOIN hub.charge_item i ON i.item_code = x.item_code`;

export function chargeSource(principal: Principal, conditions: SqlFragment[] = []): ViewSource {
  return { select: CHARGE_COLUMNS, from: CHARGE_FROM, where: and([customerScope(principal, 'c'), ...conditions]) };
}

// TMF678 customer bills (an account's billing cycle, paid or in arrears) and applied billing rates (the
// charges of a cycle per service and charge item, with the item's business category).

import { z } from 'zod';
import { BUSINESS_CATEGORIES } from '../../domain/index.ts';
import { defineRoute, notFoundInScope, sql, type AnyRoute } from '../platform/index.ts';
import { chargeSource, customerBillSource, type ChargeRow, type CustomerBillRow } from '../../view/customer-bill.view.ts';
import { cyclePeriod } from '../../view/view-values.ts';
import { BASE, answer, READERS, customerParty, href, listOf, oneRow, ref, yuan, type ResourceDeps } from './resource-kit.ts';
import type { AppliedCustomerBillingRate, CustomerBill } from './tmf-types.ts';

export const billId = (accountNumber: string, cycle: number) => `${accountNumber}-${cycle}`;

export function toCustomerBill(row: CustomerBillRow): CustomerBill {
  const cycle = Number(row.billing_cycle);
  const id = billId(row.account_number, cycle);
  const unpaid = row.paid_date === null;
  return {
    id,
    href: href(BASE.customerBill, id),
    '@type': 'CustomerBill',
    billNo: id,
    billingCycle: cycle,
    billingPeriod: cyclePeriod(cycle),
    state: unpaid ? 'sent' : 'settled',
    inArrears: unpaid,
    paymentDate: row.paid_date,
    amountDue: yuan(row.amount),
    remainingAmount: yuan(unpaid ? row.amount : 0),
    billingAccount: ref(BASE.billingAccount, row.account_number, 'BillingAccount'),
    relatedParty: [customerParty(row.customer_id, row.customer_name)],
  };
}

export function toAppliedRate(row: ChargeRow): AppliedCustomerBillingRate {
  const cycle = Number(row.billing_cycle);
  const id = `${row.service_number}:${row.item_code}:${cycle}`;
  return {
    id,
    href: `${BASE.appliedCustomerBillingRate}?id=${encodeURIComponent(id)}`,
    '@type': 'AppliedCustomerBillingRate',
    name: row.item_name ?? row.item_code,
    itemCode: row.item_code,
    category: row.category,
    billingCycle: cycle,
    periodCoverage: cyclePeriod(cycle),
    taxExcludedAmount: yuan(row.amount),
    isBilled: true,
    product: ref(BASE.product, row.service_number, 'Product'),
    billingAccount: row.account_number ? ref(BASE.billingAccount, row.account_number, 'BillingAccount') : null,
    bill: row.account_number && row.has_bill ? ref(BASE.customerBill, billId(row.account_number, cycle), 'CustomerBill') : null,
  };
}

// <account number>-<YYYYMMDD>; the account number may itself hold a dash, the cycle never does.
const BILL_ID = /^([^\p{Cc}\s/\\]{1,40})-(\d{8})$/u;

export function customerBillRoutes({ db }: ResourceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: BASE.customerBill,
      operationId: 'listCustomerBill',
      summary: 'Bills (an account\'s billing cycle) of the customers in the caller\'s scope; inArrears=true lists the arrears',
      tags: ['customerBill'],
      roles: READERS,
      collection: {
        filterable: {
          customerId: { column: 'a.customer_id', type: 'string' },
          accountNumber: { column: 'p.account_number', type: 'string' },
          billingCycle: { column: 'p.billing_cycle', type: 'integer' },
          state: { column: 'p.tmf_state', type: 'string', values: ['settled', 'sent'] },
          inArrears: { column: 'p.in_arrears', type: 'boolean' },
        },
        sortable: { billingCycle: { column: 'p.billing_cycle' } },
        key: { attribute: 'id', column: 'p.bill_id' },
        defaultSort: ['-billingCycle'],
        maxLimit: 200,
      },
      response: { status: 200, schema: 'CustomerBill', list: true },
      handler: (ctx) => listOf<CustomerBillRow>(ctx, db, customerBillSource(ctx.principal), toCustomerBill),
    }),
    defineRoute({
      method: 'get',
      path: `${BASE.customerBill}/:id`,
      operationId: 'retrieveCustomerBill',
      summary: 'One bill: <account number>-<billing cycle YYYYMMDD>',
      tags: ['customerBill'],
      roles: READERS,
      params: z.object({ id: z.string().regex(BILL_ID, '<account number>-<YYYYMMDD>') }),
      response: { status: 200, schema: 'CustomerBill' },
      async handler(ctx) {
        const [, account = '', cycle = '0'] = BILL_ID.exec(ctx.params.id) ?? [];
        const row = await oneRow<CustomerBillRow>(db, customerBillSource(ctx.principal, [sql`p.account_number = ${account}`, sql`p.billing_cycle = ${Number(cycle)}`]));
        if (!row) throw notFoundInScope('customer bill', ctx.params.id);
        return answer(ctx, toCustomerBill(row));
      },
    }),
    defineRoute({
      method: 'get',
      path: BASE.appliedCustomerBillingRate,
      operationId: 'listAppliedCustomerBillingRate',
      summary: 'Charges per service, charge item and billing cycle, with the business category; filter by customerId, billingCycle, category',
      tags: ['customerBill'],
      roles: READERS,
      collection: {
        filterable: {
          id: { column: 'x.charge_id', type: 'string' },
          customerId: { column: 's.customer_id', type: 'string' },
          accountNumber: { column: 'x.account_number', type: 'string' },
          serviceNumber: { column: 'x.service_number', type: 'string' },
          billingCycle: { column: 'x.billing_cycle', type: 'integer' },
          category: { column: 'x.category', type: 'string', values: BUSINESS_CATEGORIES },
          itemCode: { column: 'x.item_code', type: 'string' },
        },
        sortable: { billingCycle: { column: 'x.billing_cycle' }, amount: { column: 'x.amount' } },
        key: { attribute: 'id', column: 'x.charge_id' },
        defaultSort: ['-billingCycle'],
        maxLimit: 500,
      },
      response: { status: 200, schema: 'AppliedCustomerBillingRate', list: true },
      handler: (ctx) => listOf<ChargeRow>(ctx, db, chargeSource(ctx.principal), toAppliedRate),
    }),
  ];
}

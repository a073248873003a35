// The customer 360 (TMF717-shaped): one call, one query over the unified view, no legacy call. fields=
// names the sections wanted, and only those are computed; personal data is masked (and its disclosure
// audited) exactly as on the customer and billing-account resources.

import { z } from 'zod';
import { defineRoute, notFoundInScope, type AnyRoute } from '../platform/index.ts';
import type { BillingAccountRow } from '../../view/billing-account.view.ts';
import type { CustomerBillRow } from '../../view/customer-bill.view.ts';
import type { CustomerRow } from '../../view/customer.view.ts';
import type { ServiceRow } from '../../view/product.view.ts';
import type { WorkOrderRow } from '../../view/service-order.view.ts';
import type { TroubleTicketRow } from '../../view/trouble-ticket.view.ts';
import { loadCustomer360, SECTIONS, type ChargeSummaryJson, type Section } from '../../view/customer360.view.ts';
import { cyclePeriod, jsonRows } from '../../view/view-values.ts';
import { ACCOUNT_PERSONAL, toBillingAccount } from './billing-account.routes.ts';
import { toCustomerBill } from './customer-bill.routes.ts';
import { CUSTOMER_PERSONAL, toCustomer } from './customer.routes.ts';
import { toProduct } from './product.routes.ts';
import { BASE, answer, CUSTOMER_ID, READERS, href, yuan, type ResourceDeps } from './resource-kit.ts';
import { toServiceOrder } from './service-order.routes.ts';
import { toTroubleTicket } from './trouble-ticket.routes.ts';
import type { ChargeSummary, Customer360 } from './tmf-types.ts';

// Nested paths into the 360 of the personal fields of its parts.
const PERSONAL_360 = {
  ...Object.fromEntries(Object.entries(CUSTOMER_PERSONAL).map(([path, kind]) => [`customer.${path}`, kind])),
  ...Object.fromEntries(Object.entries(ACCOUNT_PERSONAL).map(([path, kind]) => [`billingAccount.${path}`, kind])),
} as Record<string, 'personalPhone' | 'bankAccount'>;

const cents = (amount: string | number) => Math.round(Number(amount) * 100);

function toChargeSummary(cycle: ChargeSummaryJson): ChargeSummary {
  const total = cycle.categories.reduce((sum, c) => sum + cents(c.amount), 0);
  return {
    billingCycle: Number(cycle.billing_cycle),
    billingPeriod: cyclePeriod(Number(cycle.billing_cycle)),
    totalAmount: yuan(total / 100),
    category: cycle.categories.map((c) => ({ category: c.category, amount: yuan(c.amount) })),
  };
}

export function customer360Routes({ db, now = () => new Date() }: ResourceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: `${BASE.customer360}/:id`,
      operationId: 'retrieveCustomer360',
      summary: 'A customer\'s 360 from the unified view: profile, level, tier and SLA, accounts, services, open work orders, charges of the last 12 cycles by category, arrears, open and recent faults and complaints',
      description: 'fields= names the sections to answer (customer, billingAccount, product, serviceOrder, chargeSummary, arrears, troubleTicket); sections not named are not computed. Answers from the hub\'s view only, never by calling a legacy system.',
      tags: ['customer360'],
      roles: READERS,
      params: z.object({ id: CUSTOMER_ID }),
      response: { status: 200, schema: 'Customer360' },
      async handler(ctx) {
        const at = now();
        const wanted = ctx.fields ? SECTIONS.filter((s) => ctx.fields!.includes(s)) : [...SECTIONS];
        const row = await loadCustomer360(db, ctx.principal, ctx.params.id, wanted, at);
        if (!row) throw notFoundInScope('customer', ctx.params.id);
        const item: Customer360 = { id: row.id, href: href(BASE.customer360, row.id), '@type': 'Customer360' };
        const has = (s: Section) => wanted.includes(s);
        if (has('customer')) {
          const customer = jsonRows<CustomerRow>(row.customer)[0];
          if (customer) item.customer = toCustomer(customer);
        }
        if (has('billingAccount')) item.billingAccount = jsonRows<BillingAccountRow>(row.billingAccount).map(toBillingAccount);
        if (has('product')) item.product = jsonRows<ServiceRow>(row.product).map(toProduct);
        if (has('serviceOrder')) item.serviceOrder = jsonRows<WorkOrderRow>(row.serviceOrder).map((o) => toServiceOrder(o, at));
        if (has('chargeSummary')) item.chargeSummary = jsonRows<ChargeSummaryJson>(row.chargeSummary).map(toChargeSummary);
        if (has('arrears')) {
          const bills = jsonRows<CustomerBillRow>(row.arrears).map(toCustomerBill);
          const total = bills.reduce((sum, b) => sum + Math.round(b.remainingAmount.value * 100), 0);
          item.arrears = { totalAmount: yuan(total / 100), customerBill: bills };
        }
        if (has('troubleTicket')) item.troubleTicket = jsonRows<TroubleTicketRow>(row.troubleTicket).map(toTroubleTicket);
        return answer(ctx, ctx.personal(item, row.id, PERSONAL_360));
      },
    }),
  ];
}

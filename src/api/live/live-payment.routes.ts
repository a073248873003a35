// Payment status asked of billing now (JF-12 VIPJF_GET_QF): has this account paid this cycle, or is it
// in arrears? The view keeps what the last billing cycle load asked (hub.payment_status); a clerk
// taking a payment on the phone needs today's answer, the view's is the fallback, marked stale.

import { z } from 'zod';
import type { LivePaymentStatus } from '../../../contracts/generated/api/LivePaymentStatus.ts';
import { mapRows } from '../../../mappings/index.ts';
import type { Queryable } from '../../store/database.ts';
import { cyclePeriod, isoTime } from '../../view/view-values.ts';
import { defineRoute, type AnyRoute } from '../platform/index.ts';
import { billId } from '../resources/customer-bill.routes.ts';
import { BASE, READERS, customerParty, href, ref } from '../resources/resource-kit.ts';
import { legacyMeta, legacyUnavailable, liveAnswer, logStale, viewMeta, type LiveCaller, type LiveDeps, type LiveMeta } from './live-call.ts';
import { customerOfAccount, type ScopedCustomer } from './live-scope.ts';
import { parseCycle } from './live-values.ts';

// <account number>-<YYYYMMDD>, as the view's CustomerBill id; the account number may hold a dash.
const BILL_ID = /^([^\p{Cc}\s/\\]{1,20})-(\d{8})$/u;

interface ViewPayment {
  paid_date: string | null;
  confirmed_at: Date | string;
}

async function viewPayment(db: Queryable, account: string, cycle: number): Promise<ViewPayment | undefined> {
  const { rows } = await db.query<ViewPayment>(
    'SELECT paid_date::text AS paid_date, confirmed_at FROM hub.payment_status WHERE account_number = $1 AND billing_cycle = $2',
    [account, cycle],
  );
  return rows[0];
}

function body(account: string, cycle: number, customer: ScopedCustomer, paymentDate: string | null, inView: boolean, meta: LiveMeta): LivePaymentStatus {
  const id = billId(account, cycle);
  return {
    id,
    href: `${href(BASE.customerBill, id)}/paymentStatus/live`,
    '@type': 'LivePaymentStatus',
    billingCycle: cycle,
    billingPeriod: cyclePeriod(cycle),
    paid: paymentDate !== null,
    inArrears: paymentDate === null,
    paymentDate,
    billingAccount: ref(BASE.billingAccount, account, 'BillingAccount'),
    bill: inView ? ref(BASE.customerBill, id, 'CustomerBill') : null,
    relatedParty: [customerParty(customer.customerId, customer.customerName)],
    ...meta,
  };
}

export function livePaymentRoutes(deps: LiveDeps, caller: LiveCaller): AnyRoute[] {
  const { db, legacy } = deps;
  return [
    defineRoute({
      method: 'get',
      path: `${BASE.customerBill}/:id/paymentStatus/live`,
      operationId: 'liveCustomerBillPaymentStatus',
      summary: 'Whether a bill (<account number>-<cycle YYYYMMDD>) is paid, asked of billing now: the payment date, or in arrears',
      description: [
        'Real time (VIPJF_GET_QF). The account is placed in the caller\'s scope from the view first: outside it, 404 and billing is not called.',
        'Headers: X-Data-Source legacy|view; X-Cache hit|miss and Age (kept 30 s); X-Legacy-Rows-Rejected.',
        'Billing down: the view\'s payment status, stale: true, Warning: 110, X-Legacy-Status; none in the view: 503 with Retry-After.',
      ].join('\n\n'),
      tags: ['customerBill', 'live'],
      roles: READERS,
      params: z.object({ id: z.string().regex(BILL_ID, '<account number>-<YYYYMMDD>') }),
      response: { status: 200, schema: 'LivePaymentStatus' },
      async handler(ctx) {
        const [, account = '', cycleText = ''] = BILL_ID.exec(ctx.params.id) ?? [];
        const cycle = parseCycle(cycleText, 'path.id');
        const customer = await customerOfAccount(db, ctx.principal, account);
        const outcome = await caller.call(JSON.stringify(['JF-12', account, cycle]), () => legacy.billing.VIPJF_GET_QF(account, cycle));
        const inView = await viewPayment(db, account, cycle);
        if (outcome.ok) {
          const mapped = mapRows('JF-12', [{ p_result: outcome.value ?? -1 }], { accountNumber: account, billingCycle: cycle });
          const status = mapped.values[0];
          if (status) {
            const { meta, ageSeconds } = legacyMeta(caller, outcome, 0);
            return liveAnswer(ctx, body(account, cycle, customer, status.paidDate, inView !== undefined, meta), meta, { ageSeconds });
          }
        }
        // Billing down, or its answer was no date: what the view knows, if it knows anything.
        const down = outcome.ok ? { reason: 'permanent' as const, retryAfterSeconds: 5, error: new Error(`VIPJF_GET_QF answered ${String(outcome.value)}`) } : outcome.down;
        if (!inView) throw legacyUnavailable(ctx, 'billing', down, 'payment status');
        logStale(ctx, 'billing', down, 'payment status');
        const meta = { ...viewMeta(isoTime(inView.confirmed_at)), rejectedRows: outcome.ok ? 1 : 0 };
        return liveAnswer(ctx, body(account, cycle, customer, inView.paid_date, true, meta), meta, { down });
      },
    }),
  ];
}

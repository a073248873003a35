// TMF666 billing accounts (contract numbers) with the arrears the view holds for each.

import { z } from 'zod';
import { defineRoute, notFoundInScope, type AnyRoute } from '../platform/index.ts';
import { billingAccountByNumber, billingAccountSource, type BillingAccountRow } from '../../view/billing-account.view.ts';
import { isoTime } from '../../view/view-values.ts';
import { BASE, answer, READERS, characteristics, customerParty, disclose, href, key, listOf, oneRow, yuan, type ResourceDeps } from './resource-kit.ts';
import type { BillingAccount } from './tmf-types.ts';

export const ACCOUNT_PERSONAL = { 'defaultPaymentMethod.bankAccount': 'bankAccount' } as const;

const METHOD_TYPE = {
  bank_collection: 'BankAccountDebit',
  bank_debit: 'BankAccountDebit',
  cash: 'Cash',
  cheque: 'Check',
  other: 'PaymentMethod',
} as const;

export function toBillingAccount(row: BillingAccountRow): BillingAccount {
  return {
    id: row.account_number,
    href: href(BASE.billingAccount, row.account_number),
    '@type': 'BillingAccount',
    name: row.payer_name ?? row.account_number,
    accountType: 'billing',
    relatedParty: [{ ...customerParty(row.customer_id, row.customer_name), role: 'owner' }],
    defaultPaymentMethod: {
      id: `${row.account_number}-payment`,
      name: row.pay_method,
      '@referredType': METHOD_TYPE[row.pay_method] ?? 'PaymentMethod',
      nameLegacy: row.pay_method_legacy,
      bankName: row.bank_name,
      bankAccount: row.bank_account,
    },
    contact: [{ contactType: 'billing', contactName: row.payer_name, street1: row.address, postCode: row.postcode }],
    accountBalance: [{ balanceType: 'arrears', amount: yuan(row.arrears_amount), unpaidBillingCycles: Number(row.arrears_cycles) }],
    characteristic: characteristics([
      ['accountNumber', row.account_number],
      ['customerVipNumber', row.vip_number],
    ]),
    lastUpdate: isoTime(row.updated_at) ?? undefined,
  };
}

export function billingAccountRoutes({ db }: ResourceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: BASE.billingAccount,
      operationId: 'listBillingAccount',
      summary: 'Billing accounts of the customers in the caller\'s scope, with their arrears',
      tags: ['billingAccount'],
      roles: READERS,
      collection: {
        filterable: {
          customerId: { column: 'a.customer_id', type: 'string' },
          payMethod: { column: 'a.pay_method', type: 'string', values: ['bank_collection', 'cash', 'cheque', 'bank_debit', 'other'] },
          lastUpdate: { column: 'a.updated_at', type: 'date' },
        },
        sortable: { lastUpdate: { column: 'a.updated_at' } },
        key: { attribute: 'id', column: 'a.account_number' },
        maxLimit: 200,
      },
      response: { status: 200, schema: 'BillingAccount', list: true },
      handler: (ctx) =>
        listOf<BillingAccountRow>(ctx, db, billingAccountSource(ctx.principal), (row) => disclose(ctx, toBillingAccount(row), row.customer_id, ACCOUNT_PERSONAL)),
    }),
    defineRoute({
      method: 'get',
      path: `${BASE.billingAccount}/:id`,
      operationId: 'retrieveBillingAccount',
      summary: 'One billing account by its account (contract) number',
      tags: ['billingAccount'],
      roles: READERS,
      params: z.object({ id: key(40) }),
      response: { status: 200, schema: 'BillingAccount' },
      async handler(ctx) {
        const row = await oneRow<BillingAccountRow>(db, billingAccountByNumber(ctx.principal, ctx.params.id));
        if (!row) throw notFoundInScope('billing account', ctx.params.id);
        return answer(ctx, disclose(ctx, toBillingAccount(row), row.customer_id, ACCOUNT_PERSONAL));
      },
    }),
  ];
}

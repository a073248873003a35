// TMF629 customers: the list (with look-ups by any VIP number the customer ever had, service number,
// account number, and name search that takes a fragment in any width) and one customer by the hub's id.

import { z } from 'zod';
import { defineRoute, notFoundInScope, sql, type AnyRoute } from '../platform/index.ts';
import { customerSource, customerWhere, type CustomerRow } from '../../view/customer.view.ts';
import { isoTime, textList } from '../../view/view-values.ts';
import { BASE, answer, CUSTOMER_ID, READERS, characteristics, disclose, href, key, listOf, oneRow, ref, text, type ResourceDeps } from './resource-kit.ts';
import type { ContactMedium, Customer } from './tmf-types.ts';

export const CUSTOMER_PERSONAL = { 'contactMedium.characteristic.phoneNumber': 'personalPhone' } as const;

export function toCustomer(row: CustomerRow): Customer {
  const former = textList(row.former_vip_numbers);
  const contactMedium: ContactMedium[] = [];
  if (row.contact_person !== null || row.contact_phone !== null) {
    contactMedium.push({ mediumType: 'phone', preferred: true, characteristic: { contactType: 'contact', contactPerson: row.contact_person, phoneNumber: row.contact_phone } });
  }
  if (row.address !== null || row.postcode !== null) {
    contactMedium.push({ mediumType: 'postalAddress', characteristic: { contactType: 'office', street1: row.address, postCode: row.postcode } });
  }
  return {
    id: row.id,
    href: href(BASE.customer, row.id),
    '@type': 'Customer',
    name: row.name,
    status: row.status,
    statusTime: isoTime(row.status_time),
    engagedParty: { id: row.id, name: row.name, '@referredType': 'Organization' },
    characteristic: characteristics([
      ['vipNumber', row.vip_number],
      ['formerVipNumbers', former.join(',')],
      ['customerType', row.customer_type],
      ['level', row.level],
      ['tier', row.tier],
      ['serviceLevel', row.service_level],
      ['industrySection', row.industry_section],
      ['regionCode', row.region_code],
      ['exchangeArea', row.exchange_area],
      ['administrativeArea', row.administrative_area],
      ['legacyCustomerId', row.legacy_customer_id === null ? null : Number(row.legacy_customer_id)],
    ]),
    relatedParty: row.manager ? [{ id: row.manager, role: 'customerManager', '@referredType': 'Individual' }] : [],
    contactMedium,
    account: textList(row.account_numbers).map((n) => ref(BASE.billingAccount, n, 'BillingAccount')),
    lastUpdate: isoTime(row.updated_at) ?? undefined,
  };
}

const STATUSES = ['potential', 'formal', 'churned', 'cancelled'] as const;

export function customerRoutes({ db }: ResourceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: BASE.customer,
      operationId: 'listCustomer',
      summary: 'Customers in the caller\'s scope; look up by VIP number, service number, account number or a name fragment',
      description: [
        'name= takes any fragment of the Chinese name; full-width and half-width letters, digits and punctuation match alike,',
        'spaces and punctuation are ignored. Results then sort whole-name matches first, then prefixes (matchRank).',
        'vipNumber= also finds a customer by a VIP number it had before a level or region change.',
      ].join(' '),
      tags: ['customer'],
      roles: READERS,
      query: z.object({
        vipNumber: key(20).optional().describe('Current or former VIP number (DKH_CARDID).'),
        serviceNumber: key(40).optional().describe('A service number of the customer (ACC_CODE).'),
        accountNumber: key(40).optional().describe('A billing account (contract) number of the customer.'),
        name: text(100).optional().describe('A fragment of the customer name, any width.'),
      }),
      collection: {
        filterable: {
          status: { column: 'c.status', type: 'string', values: STATUSES },
          level: { column: 'c.level', type: 'string', values: ['1A', '2A', '3A', '4A', '5A'] },
          tier: { column: 'c.tier', type: 'string', values: ['national', 'province', 'city', 'other'] },
          serviceLevel: { column: 'c.service_level', type: 'string', values: ['A', 'AA', 'AAA'] },
          customerType: { column: 'c.customer_type', type: 'string', values: ['key_account', 'commercial', 'other'] },
          exchangeArea: { column: 'c.exchange_area', type: 'string' },
          administrativeArea: { column: 'c.administrative_area', type: 'string' },
          industrySection: { column: 'c.industry_section', type: 'string' },
          lastUpdate: { column: 'c.updated_at', type: 'date' },
        },
        sortable: {
          matchRank: { column: 'c.match_rank' },
          name: { column: 'c.name' },
          level: { column: 'c.level', nullable: true },
          lastUpdate: { column: 'c.updated_at' },
        },
        key: { attribute: 'id', column: 'c.id' },
        defaultSort: ['matchRank', 'name'],
        maxLimit: 200,
      },
      response: { status: 200, schema: 'Customer', list: true },
      handler: (ctx) =>
        listOf<CustomerRow>(ctx, db, customerSource(ctx.principal, ctx.query), (row) => disclose(ctx, toCustomer(row), row.id, CUSTOMER_PERSONAL)),
    }),
    defineRoute({
      method: 'get',
      path: `${BASE.customer}/:id`,
      operationId: 'retrieveCustomer',
      summary: 'One customer by the hub\'s id',
      tags: ['customer'],
      roles: READERS,
      params: z.object({ id: CUSTOMER_ID }),
      response: { status: 200, schema: 'Customer' },
      async handler(ctx) {
        const row = await oneRow<CustomerRow>(db, customerWhere(ctx.principal, sql`c.id = ${ctx.params.id}`));
        if (!row) throw notFoundInScope('customer', ctx.params.id);
        return answer(ctx, disclose(ctx, toCustomer(row), row.id, CUSTOMER_PERSONAL));
      },
    }),
  ];
}

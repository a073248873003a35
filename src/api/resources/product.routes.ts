// TMF637 product inventory (the customers' services) and TMF620 product offerings (the 97 system's
// catalogue, reference data every role reads).

import { z } from 'zod';
import { defineRoute, notFoundInScope, sql, type AnyRoute } from '../platform/index.ts';
import { catalogueSource, serviceSource, type CatalogueRow, type ServiceRow } from '../../view/product.view.ts';
import { isoTime } from '../../view/view-values.ts';
import { BASE, answer, READERS, characteristics, customerParty, href, key, listOf, oneRow, ref, type ResourceDeps } from './resource-kit.ts';
import type { Product, ProductOffering } from './tmf-types.ts';

const SERVICE_TYPES = ['fixed_line', 'ddn', 'adsl', 'leased_line', 'mobile', 'isdn', 'frame_relay', 'internet_dedicated', 'other'] as const;

export function toProduct(row: ServiceRow): Product {
  return {
    id: row.service_number,
    href: href(BASE.product, row.service_number),
    '@type': 'Product',
    name: row.sub_account_name ?? row.service_number,
    productSerialNumber: row.service_number,
    status: 'active',
    startDate: isoTime(row.start_date),
    billingAccount: row.account_number ? ref(BASE.billingAccount, row.account_number, 'BillingAccount') : null,
    relatedParty: [customerParty(row.customer_id, row.customer_name)],
    productCharacteristic: characteristics([
      ['serviceType', row.service_type],
      ['serviceTypeLegacy', row.service_type_legacy],
      ['legacyServiceId', row.legacy_service_id],
      ['userName', row.user_name],
      ['subAccountName', row.sub_account_name],
      ['parentName', row.parent_name],
      ['installAddress', row.install_address],
      ['postcode', row.postcode],
    ]),
    lastUpdate: isoTime(row.updated_at) ?? undefined,
  };
}

export function toProductOffering(row: CatalogueRow): ProductOffering {
  return {
    id: row.product_id,
    href: href(BASE.productOffering, row.product_id),
    '@type': 'ProductOffering',
    name: row.name,
    lifecycleStatus: 'active',
    category: row.kind ? [{ id: row.kind, name: row.kind, '@referredType': 'Category' }] : [],
    lastUpdate: isoTime(row.updated_at) ?? undefined,
  };
}

export function productRoutes({ db }: ResourceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: BASE.product,
      operationId: 'listProduct',
      summary: 'Services of the customers in the caller\'s scope',
      tags: ['product'],
      roles: READERS,
      collection: {
        filterable: {
          customerId: { column: 's.customer_id', type: 'string' },
          accountNumber: { column: 's.account_number', type: 'string' },
          serviceType: { column: 's.service_type', type: 'string', values: SERVICE_TYPES },
          startDate: { column: 's.start_date', type: 'date' },
        },
        sortable: { startDate: { column: 's.start_date', nullable: true } },
        key: { attribute: 'id', column: 's.service_number' },
        maxLimit: 500,
      },
      response: { status: 200, schema: 'Product', list: true },
      handler: (ctx) => listOf<ServiceRow>(ctx, db, serviceSource(ctx.principal), toProduct),
    }),
    defineRoute({
      method: 'get',
      path: `${BASE.product}/:id`,
      operationId: 'retrieveProduct',
      summary: 'One service by its service number',
      tags: ['product'],
      roles: READERS,
      params: z.object({ id: key(40) }),
      response: { status: 200, schema: 'Product' },
      async handler(ctx) {
        const row = await oneRow<ServiceRow>(db, serviceSource(ctx.principal, [sql`s.service_number = ${ctx.params.id}`]));
        if (!row) throw notFoundInScope('product', ctx.params.id);
        return answer(ctx, toProduct(row));
      },
    }),
    defineRoute({
      method: 'get',
      path: BASE.productOffering,
      operationId: 'listProductOffering',
      summary: 'The 97 system\'s product catalogue',
      tags: ['productOffering'],
      roles: READERS,
      collection: {
        filterable: { kind: { column: 'p.kind', type: 'string' } },
        sortable: { name: { column: 'p.name' } },
        key: { attribute: 'id', column: 'p.product_id' },
        defaultSort: ['name'],
        maxLimit: 500,
      },
      response: { status: 200, schema: 'ProductOffering', list: true },
      handler: (ctx) => listOf<CatalogueRow>(ctx, db, catalogueSource(), toProductOffering),
    }),
    defineRoute({
      method: 'get',
      path: `${BASE.productOffering}/:id`,
      operationId: 'retrieveProductOffering',
      summary: 'One catalogue product by its ProductId',
      tags: ['productOffering'],
      roles: READERS,
      params: z.object({ id: key(40) }),
      response: { status: 200, schema: 'ProductOffering' },
      async handler(ctx) {
        const row = await oneRow<CatalogueRow>(db, catalogueSource([sql`p.product_id = ${ctx.params.id}`]));
        if (!row) throw notFoundInScope('product offering', ctx.params.id);
        return answer(ctx, toProductOffering(row));
      },
    }),
  ];
}

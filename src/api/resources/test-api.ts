// The REST API as the resource tests meet it: the platform's app with every resource route over the
// seeded view, the audit log in the same database, and tokens for each kind of caller.

import { pino } from 'pino';
import type { ApiKeyConfig } from '../../config/config.ts';
import type { Database } from '../../store/database.ts';
import { createApiApp, DatabaseAuditSink, mintToken, type AnyRoute, type ApiApp } from '../platform/index.ts';
import type { MintOptions } from '../platform/auth.ts';
import type { OpenApiDocument } from '../platform/openapi.ts';
import { resourceRoutes } from './index.ts';
import { MANAGER_1, MANAGER_2, NOW } from './test-seed.ts';

const SECRET = 'resource-tests-secret-0123456789abcdefghij';
export const CRM_KEY: ApiKeyConfig = { name: 'crm', role: 'system', key: 'crm-front-end-key-0123456789abcdef' };

export const AS = {
  manager1: { role: 'customer_manager', staffId: MANAGER_1 },
  manager2: { role: 'customer_manager', staffId: MANAGER_2 },
  supervisorXH: { role: 'area_supervisor', areas: ['XH'] },
  supervisorNB: { role: 'area_supervisor', areas: ['NB01'] },
  admin: { role: 'province_admin', subject: 'staff:P001' },
  operations: { role: 'operations', subject: 'staff:O001' },
  hq: { role: 'hq', subject: 'hq:national' },
} as const satisfies Record<string, MintOptions>;
export type Caller = keyof typeof AS | 'crm';

export interface ResourceApi extends ApiApp {
  routes: AnyRoute[];
  document: OpenApiDocument;
  /** Headers that authenticate as the caller. */
  as(caller: Caller): Promise<Record<string, string>>;
}

export function createResourceApi(db: Database): ResourceApi {
  const routes = resourceRoutes({ db, now: () => NOW });
  const api = createApiApp({
    routes,
    auth: { jwtSecret: SECRET, apiKeys: [CRM_KEY] },
    audit: new DatabaseAuditSink(db),
    logger: pino({ level: 'silent' }),
    rateLimitPerMinute: 1_000_000,
  });
  const tokens = new Map<Caller, string>();
  return {
    ...api,
    routes,
    async as(caller): Promise<Record<string, string>> {
      if (caller === 'crm') return { 'x-api-key': CRM_KEY.key };
      let token = tokens.get(caller);
      if (!token) {
        token = await mintToken(SECRET, AS[caller]);
        tokens.set(caller, token);
      }
      return { authorization: `Bearer ${token}` };
    },
  };
}

/** One customer's resources, as the probes below reach them. */
export interface Target {
  customerId: string;
  vipNumber: string;
  account: string;
  service: string;
  order: string;
  ticket: string;
}

/** Routes that carry no customer data (reference data); every other route must have a probe. */
export const NOT_CUSTOMER_BEARING: ReadonlySet<string> = new Set(['listProductOffering', 'retrieveProductOffering']);

export interface Probe {
  url: string;
  /** A single resource answers 404 outside the scope; a collection answers an empty page. */
  kind: 'one' | 'list';
}

/** For each customer-bearing operation, a request that reaches the target customer's data. */
export function probesOf(t: Target): Record<string, Probe> {
  const one = (url: string): Probe => ({ url, kind: 'one' });
  const list = (url: string): Probe => ({ url, kind: 'list' });
  return {
    listCustomer: list(`/tmf-api/customerManagement/v4/customer?vipNumber=${t.vipNumber}`),
    retrieveCustomer: one(`/tmf-api/customerManagement/v4/customer/${t.customerId}`),
    retrieveCustomer360: one(`/tmf-api/customer360/v4/customer360/${t.customerId}`),
    listBillingAccount: list(`/tmf-api/accountManagement/v4/billingAccount?customerId=${t.customerId}`),
    retrieveBillingAccount: one(`/tmf-api/accountManagement/v4/billingAccount/${t.account}`),
    listProduct: list(`/tmf-api/productInventory/v4/product?customerId=${t.customerId}`),
    retrieveProduct: one(`/tmf-api/productInventory/v4/product/${t.service}`),
    listServiceOrder: list(`/tmf-api/serviceOrdering/v4/serviceOrder?customerId=${t.customerId}`),
    retrieveServiceOrder: one(`/tmf-api/serviceOrdering/v4/serviceOrder/${t.order}`),
    listTroubleTicket: list(`/tmf-api/troubleTicket/v4/troubleTicket?customerId=${t.customerId}`),
    retrieveTroubleTicket: one(`/tmf-api/troubleTicket/v4/troubleTicket/${t.ticket}`),
    listCustomerBill: list(`/tmf-api/customerBillManagement/v4/customerBill?customerId=${t.customerId}`),
    retrieveCustomerBill: one(`/tmf-api/customerBillManagement/v4/customerBill/${t.account}-20260301`),
    listAppliedCustomerBillingRate: list(`/tmf-api/customerBillManagement/v4/appliedCustomerBillingRate?customerId=${t.customerId}`),
  };
}

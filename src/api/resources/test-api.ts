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

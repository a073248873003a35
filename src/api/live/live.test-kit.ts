// The live routes as their tests meet them: the simulator's legacy world, the hub's own legacy ports
// (connectLegacy: real transports, bulkheads, breakers) with every port call counted, a view filled by
// the real syncs (97 full sync, open-orders sweep, one billing cycle), two customers handed to two test
// managers, and the API app with nothing but the live routes mounted.

import { pino } from 'pino';
import type { BillingPort } from '../../../adapters/billing/billing.adapter.ts';
import type { Sys97Port } from '../../../adapters/sys97/sys97.adapter.ts';
import type { LegacyPolicyConfig } from '../../../adapters/transport/resilience.ts';
import type { SimulatorHandle } from '../../../simulator/index.ts';
import { connectLegacy, type LegacyOptions, type LegacySystems } from '../../legacy/legacy-systems.ts';
import type { Database } from '../../store/index.ts';
import { runBillingCycleStep, startBillingCycle } from '../../sync/billing-cycle.sync.ts';
import { runChangeSync } from '../../sync/sys97-change.sync.ts';
import { runWorkOrderSweep } from '../../sync/work-order.sync.ts';
import { createApiApp, DatabaseAuditSink, mintToken, type ApiApp } from '../platform/index.ts';
import type { MintOptions } from '../platform/auth.ts';
import { ExchangeRecorder } from '../platform/testing.ts';
import { liveRoutes, type LiveDeps } from './index.ts';

const SECRET = 'live-route-tests-secret-0123456789abcdef';
/** The live routes, as a front end calls them. */
export const LIVE = {
  fees: '/tmf-api/customerBillManagement/v4/appliedCustomerBillingRate/live',
  oneTime: '/tmf-api/customerBillManagement/v4/oneTimeCharge/live',
  payment: (account: string, cycle: number) => `/tmf-api/customerBillManagement/v4/customerBill/${encodeURIComponent(account)}-${cycle}/paymentStatus/live`,
  order: (orderNumber: string) => `/tmf-api/serviceOrdering/v4/serviceOrder/${encodeURIComponent(orderNumber)}/live`,
};

export const MANAGER_A = 'S901';
export const MANAGER_B = 'S902';
export const MANAGER_C = 'S903';

export const CALLERS = {
  managerA: { role: 'customer_manager', staffId: MANAGER_A },
  managerB: { role: 'customer_manager', staffId: MANAGER_B },
  managerC: { role: 'customer_manager', staffId: MANAGER_C },
  admin: { role: 'province_admin', subject: 'staff:P001' },
} as const satisfies Record<string, MintOptions>;
export type Caller = keyof typeof CALLERS;

/** Counts every call of every port method, by name. */
export class CallCounter {
  readonly calls = new Map<string, number>();
  total(): number {
    return [...this.calls.values()].reduce((a, b) => a + b, 0);
  }
  of(name: string): number {
    return this.calls.get(name) ?? 0;
  }
  wrap<T extends object>(port: T): T {
    return new Proxy(port, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        return (...args: unknown[]) => {
          this.calls.set(prop, this.of(prop) + 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
}

export interface LiveHub {
  legacy: LegacySystems;
  counter: CallCounter;
  api: ApiApp;
  http: ExchangeRecorder;
  get(url: string, caller: Caller): Promise<{ response: Response; body: unknown; ms: number }>;
}

const tokens = new Map<Caller, string>();

/**
 * A hub over the simulator with its own legacy connection (so its breakers are its own) and the live
 * routes over the shared view. Close hub.legacy when done.
 */
export async function liveHub(
  sim: SimulatorHandle,
  db: Database,
  options: { legacy?: LegacyOptions; policy?: Partial<LegacyPolicyConfig>; live?: Partial<LiveDeps> } = {},
): Promise<LiveHub> {
  const policy: Partial<LegacyPolicyConfig> = {
    retries: 1, initialDelayMs: 10, maxDelayMs: 20, breaker: { kind: 'consecutive', failures: 3, halfOpenAfterMs: 60_000 }, ...options.policy,
  };
  const legacy = await connectLegacy(
    { kind: 'postgres', sys97Url: sim.sys97.url, billingUrl: sim.billing.url, cs1000WsdlUrl: sim.cs1000.wsdlUrl },
    { timeoutMs: 2_000, poolSize: 3, policies: { sys97: policy, billing: policy }, ...options.legacy },
  );
  const counter = new CallCounter();
  const ports = { sys97: counter.wrap<Sys97Port>(legacy.sys97), billing: counter.wrap<BillingPort>(legacy.billing) };
  const api = createApiApp({
    routes: liveRoutes({ db, legacy: ports, ...options.live }),
    auth: { jwtSecret: SECRET, apiKeys: [] },
    audit: new DatabaseAuditSink(db),
    logger: pino({ level: 'silent' }),
    rateLimitPerMinute: 1_000_000,
  });
  const http = new ExchangeRecorder(api.app);
  return {
    legacy,
    counter,
    api,
    http,
    async get(url, caller) {
      let token = tokens.get(caller);
      if (!token) {
        token = await mintToken(SECRET, CALLERS[caller]);
        tokens.set(caller, token);
      }
      const started = performance.now();
      const { response, body } = await http.request(url, { headers: { authorization: `Bearer ${token}` } });
      return { response, body, ms: performance.now() - started };
    },
  };
}

/** What the tests ask about: one customer of each test manager, with data in every live source. */
export interface Subject {
  customerId: string;
  vipNumber: string;
  service: string;
  account: string;
  order: string;
}

/** The 97 side in full, the open orders with their steps, and the latest billing cycle. */
export async function fillView(sim: SimulatorHandle, db: Database): Promise<{ cycle: number }> {
  const legacy = await connectLegacy(
    { kind: 'postgres', sys97Url: sim.sys97.url, billingUrl: sim.billing.url, cs1000WsdlUrl: sim.cs1000.wsdlUrl },
    { timeoutMs: 10_000, poolSize: 3 },
  );
  try {
    await runChangeSync(legacy.sys97, db, { mode: 'full', runId: 'live-full' });
    await runWorkOrderSweep(legacy.sys97, db, { runId: 'live-sweep' });
    const { rows } = await sim.db.billing.query<{ c: string }>('SELECT max("CALLTIME")::text AS c FROM bill_fee');
    const cycle = Number(rows[0]?.c);
    let state = startBillingCycle(cycle, { runId: 'live-cycle' });
    const deps = { billing: legacy.billing, db, alert: async () => undefined, pollIntervalMs: 50, paymentBatchSize: 50, paymentConcurrency: 3 };
    for (let i = 0; i < 400; i++) {
      const out = await runBillingCycleStep(deps, state);
      if ('done' in out) return { cycle };
      state = out.state;
      await new Promise((r) => setTimeout(r, out.delayMs));
    }
    throw new Error(`billing cycle ${cycle} did not load`);
  } finally {
    await legacy.close();
  }
}

/** Two customers with charges and a bill in the cycle, an order with steps and one-time fees. */
export async function pickSubjects(sim: SimulatorHandle, db: Database, cycle: number): Promise<[Subject, Subject]> {
  const fees = await sim.db.sys97.query<{ vip: string }>('SELECT DISTINCT "DKH_CARDID" AS vip FROM VIP97_ONCE_FEE');
  const { rows } = await db.query<Subject>(
    `SELECT DISTINCT ON (c.id) c.id AS "customerId", c.vip_number AS "vipNumber", s.service_number AS service,
            a.account_number AS account, w.order_number AS "order"
       FROM hub.customer c
       JOIN hub.service s ON s.customer_id = c.id
       JOIN hub.account a ON a.account_number = s.account_number AND a.customer_id = c.id
       JOIN hub.work_order w ON w.customer_id = c.id AND w.state = 'open'
      WHERE c.vip_number = ANY($2::text[])
        AND EXISTS (SELECT 1 FROM hub.charge x WHERE x.service_number = s.service_number AND x.billing_cycle = $1)
        AND EXISTS (SELECT 1 FROM hub.payment_status p WHERE p.account_number = a.account_number AND p.billing_cycle = $1)
        AND EXISTS (SELECT 1 FROM hub.work_order_step st WHERE st.order_number = w.order_number)
      ORDER BY c.id, s.service_number, w.order_number
      LIMIT 2`,
    [cycle, fees.rows.map((r) => r.vip)],
  );
  if (rows.length < 2) throw new Error(`the tiny province has ${rows.length} customers with every live source filled`);
  const [a, b] = rows as [Subject, Subject];
  await db.query('UPDATE hub.customer SET manager = $1 WHERE id = $2', [MANAGER_A, a.customerId]);
  await db.query('UPDATE hub.customer SET manager = $1 WHERE id = $2', [MANAGER_B, b.customerId]);
  return [a, b];
}

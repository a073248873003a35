// The composition root of the legacy side: one resilience policy per legacy system, the transport the
// configuration names (Oracle in production, PostgreSQL toward the simulator, SOAP for the 1000
// service) and the ports on top. Everything above this file sees only the ports.

import { createBillingAdapter, type BillingPort } from '../../adapters/billing/billing.adapter.ts';
import { createCs1000Adapter, type Cs1000Port } from '../../adapters/cs1000/cs1000.adapter.ts';
import { Cs1000Transport, endpointFromWsdlUrl } from '../../adapters/cs1000/cs1000.transport.ts';
import { PointCaller } from '../../adapters/shared/point-caller.ts';
import { policyRunner } from '../../adapters/shared/policy-runner.ts';
import { createSys97Adapter, type Sys97Port } from '../../adapters/sys97/sys97.adapter.ts';
import type { LegacyDatabase } from '../../adapters/transport/legacy-database.ts';
import { loadOracleDb, openOracleTransport } from '../../adapters/transport/oracle.transport.ts';
import { PostgresTransport } from '../../adapters/transport/postgres.transport.ts';
import { LegacyResilience, type LegacyPolicyConfig } from '../../adapters/transport/resilience.ts';
import type { OracleConnectionConfig } from '../config/index.ts';

export type LegacySystemName = 'sys97' | 'billing' | 'cs1000';

export type LegacyEndpoints =
  | { kind: 'postgres'; sys97Url: string; billingUrl: string; cs1000WsdlUrl: string }
  | {
      kind: 'oracle';
      sys97: OracleConnectionConfig;
      billing: OracleConnectionConfig;
      libDir?: string;
      cs1000WsdlUrl: string;
    };

export interface LegacyOptions {
  /** Bound of one round trip toward a legacy system. */
  timeoutMs?: number;
  fetchSize?: number;
  /** Sessions per legacy database; the policy's concurrency never exceeds it. */
  poolSize?: number;
  policies?: Partial<Record<LegacySystemName, Partial<LegacyPolicyConfig>>>;
  /**
   * Interface tables the billing system may stream at once during a cycle load (default 1). A billing
   * database with sessions to spare (Oracle, the simulator on a server) takes 3: the cycle's tables
   * are then read side by side. The embedded simulator is one PGlite session: 1.
   */
  tableStreams?: number;
}

export interface LegacySystems {
  sys97: Sys97Port;
  billing: BillingPort;
  cs1000: Cs1000Port;
  resilience: LegacyResilience;
  /** See LegacyOptions.tableStreams. */
  tableStreams: number;
  close(): Promise<void>;
}

export async function connectLegacy(endpoints: LegacyEndpoints, options: LegacyOptions = {}): Promise<LegacySystems> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const fetchSize = options.fetchSize ?? 1000;
  const poolSize = options.poolSize ?? 4;
  // The policy's deadline sits above the transport's so a slow round trip fails in the transport
  // first, with the legacy's own error, and the policy deadline catches only what hangs.
  const base: Partial<LegacyPolicyConfig> = { concurrency: poolSize, timeoutMs: timeoutMs * 2 };
  const resilience = new LegacyResilience({
    sys97: { ...base, ...options.policies?.sys97 },
    billing: { ...base, ...options.policies?.billing },
    cs1000: { ...base, ...options.policies?.cs1000 },
  });

  let db97: LegacyDatabase;
  let dbBilling: LegacyDatabase;
  if (endpoints.kind === 'postgres') {
    db97 = new PostgresTransport({ system: 'sys97', connectionString: endpoints.sys97Url, poolSize, timeoutMs, fetchSize });
    dbBilling = new PostgresTransport({ system: 'billing', connectionString: endpoints.billingUrl, poolSize, timeoutMs, fetchSize });
  } else {
    const oracledb = await loadOracleDb();
    const common = { poolSize, timeoutMs, fetchSize, libDir: endpoints.libDir, module: 'bss-hub' };
    db97 = await openOracleTransport(oracledb, { system: 'sys97', ...endpoints.sys97, ...common });
    dbBilling = await openOracleTransport(oracledb, { system: 'billing', ...endpoints.billing, ...common });
  }
  const cs1000Transport = await Cs1000Transport.create({ endpoint: endpointFromWsdlUrl(endpoints.cs1000WsdlUrl), timeoutMs });

  return {
    sys97: createSys97Adapter(db97, new PointCaller(db97, policyRunner(resilience, 'sys97'), { timeoutMs, fetchSize })),
    billing: createBillingAdapter(dbBilling, new PointCaller(dbBilling, policyRunner(resilience, 'billing'), { timeoutMs, fetchSize })),
    cs1000: createCs1000Adapter(cs1000Transport, policyRunner(resilience, 'cs1000')),
    resilience,
    // Each stream holds one slot of the billing bulkhead for the whole table.
    tableStreams: Math.max(1, Math.min(options.tableStreams ?? 1, options.policies?.billing?.concurrency ?? poolSize)),
    close: async () => {
      await Promise.allSettled([db97.close(), dbBilling.close(), cs1000Transport.close()]);
    },
  };
}

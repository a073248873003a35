// Test helper: the hub side over a running simulator, built by the hub's own composition root
// (src/legacy/legacy-systems.ts: the real transports, resilience policies, PointCaller and adapters)
// and an empty migrated view in PGlite. Tests hand in the simulator's handle; the hub code itself
// never imports simulator/.

import type { BillingPort } from '../../adapters/billing/billing.adapter.ts';
import type { Cs1000Port } from '../../adapters/cs1000/cs1000.adapter.ts';
import type { Sys97Port } from '../../adapters/sys97/sys97.adapter.ts';
import { connectLegacy, type LegacyOptions } from '../legacy/legacy-systems.ts';
import { migrate, openDatabase, type Database } from '../store/index.ts';

/** The part of a simulator handle the hub needs: where to connect. */
export interface SimulatorEndpoints {
  sys97: { url: string };
  billing: { url: string };
  cs1000: { wsdlUrl: string };
}

export interface HubOverSimulator {
  sys97: Sys97Port;
  billing: BillingPort;
  cs1000: Cs1000Port;
  db: Database;
  /** Another empty view (closed with the rest), for comparing two runs over the same legacy data. */
  openView(): Promise<Database>;
  close(): Promise<void>;
}

async function openView(): Promise<Database> {
  const db = await openDatabase({});
  await migrate(db);
  return db;
}

/**
 * `options.fetchSize` small (e.g. 100) makes a tiny province's cycle arrive in many batches; the
 * default transport timeout is shortened so an injected hang ends a test in seconds.
 */
export async function connectHubToSimulator(sim: SimulatorEndpoints, options: LegacyOptions = {}): Promise<HubOverSimulator> {
  const legacy = await connectLegacy(
    { kind: 'postgres', sys97Url: sim.sys97.url, billingUrl: sim.billing.url, cs1000WsdlUrl: sim.cs1000.wsdlUrl },
    { timeoutMs: 10_000, ...options },
  );
  const views: Database[] = [];
  try {
    views.push(await openView());
  } catch (err) {
    await legacy.close();
    throw err;
  }
  return {
    sys97: legacy.sys97,
    billing: legacy.billing,
    cs1000: legacy.cs1000,
    db: views[0] as Database,
    openView: async () => {
      const db = await openView();
      views.push(db);
      return db;
    },
    close: async () => {
      await Promise.allSettled([legacy.close(), ...views.map((db) => db.close())]);
    },
  };
}

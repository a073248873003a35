// The simulated legacy world, started in-process by tests and `npm run sim`. The hub reaches it only
// through the URLs of the handle: postgres:// URLs for the 97 and billing systems (node-postgres,
// each through a fault proxy) and the 1000 system's SOAP endpoint.

import { FaultRegistry } from './faults/fault-config.ts';
import { mirrorFaults } from './faults/fault-mirror.ts';
import { startFaultProxy, type FaultProxy } from './faults/fault-proxy.ts';
import { startAdminHttp } from './admin-http.ts';
import { createMutate, type Mutate } from './mutate.ts';
import type { SqlRunner } from './sql-runner.ts';
import { clientUrl, openPgliteStore, openServerStore, type SystemName, type SystemStore } from './storage.ts';
import { startSoapServer } from './soap/index.ts';
import { loadSyntheticProvince, type ProvinceSize } from './province.ts';

export type { FaultConfig, BadRowKind } from './faults/fault-config.ts';
export { FaultRegistry } from './faults/fault-config.ts';
export type { SqlRunner } from './sql-runner.ts';
export type { Mutate } from './mutate.ts';
export type { ProvinceSize } from './province.ts';

export interface SimulatorOptions {
  size?: ProvinceSize;
  seed?: number;
  /** Server mode: schemas sys97, billing and cs1000 in this PostgreSQL database. */
  databaseUrl?: string;
  /** PGlite mode: keep each system's database under dataDir/<system> (in memory when absent). */
  dataDir?: string;
  host?: string;
  /** Fixed ports (0 or absent: any free port). */
  ports?: { sys97?: number; billing?: number; cs1000?: number; admin?: number };
  /** Billing's preparation time of a requested cycle (VIPJF_SET_REQUEST → ready). Default 2000. */
  preparationMs?: number;
  /**
   * Fill the tables with a synthetic province (default true). Server mode: true also drops and
   * recreates the three schemas. false: empty tables, or what a reused dataDir / schema holds.
   */
  generate?: boolean;
  /**
   * Server mode: drop and recreate the three schemas first (default: the value of generate). Tests
   * pass { generate: false, fresh: true } for empty tables they fill themselves.
   */
  fresh?: boolean;
  /** Share a registry with the caller (default: a new one). */
  faults?: FaultRegistry;
}

export interface SimulatorHandle {
  sys97: { url: string };
  billing: { url: string };
  cs1000: { url: string; wsdlUrl: string };
  adminUrl: string;
  faults: FaultRegistry;
  /** Resolves when fault changes have reached every sim_fault table. */
  faultsSettled(): Promise<void>;
  db: Record<SystemName, SqlRunner>;
  mutate: Mutate;
  setPreparationMs(ms: number): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_PREPARATION_MS = 2000;

async function setPreparation(billing: SqlRunner, ms: number): Promise<void> {
  await billing.query(
    `INSERT INTO sim_setting (key, value) VALUES ('preparation_ms', $1)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [String(ms)],
  );
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const host = options.host ?? '127.0.0.1';
  const faults = options.faults ?? new FaultRegistry();
  const generate = options.generate ?? true;
  const cleanup: Array<() => Promise<void> | void> = [];
  const stop = async (): Promise<void> => {
    for (const step of cleanup.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        console.error('simulator stop:', error);
      }
    }
  };

  try {
    const stores = {} as Record<SystemName, SystemStore>;
    for (const system of ['sys97', 'billing', 'cs1000'] as const) {
      const store = options.databaseUrl === undefined
        ? await openPgliteStore(system, options.dataDir, system !== 'cs1000')
        : await openServerStore(system, options.databaseUrl, options.fresh ?? generate);
      cleanup.push(() => store.close());
      stores[system] = store;
    }
    if (generate && Object.values(stores).every((s) => s.fresh)) {
      await loadSyntheticProvince(stores, { size: options.size ?? 'demo', seed: options.seed ?? 1 });
    }
    await setPreparation(stores.billing.runner, options.preparationMs ?? DEFAULT_PREPARATION_MS);

    const runners = { sys97: stores.sys97.runner, billing: stores.billing.runner, cs1000: stores.cs1000.runner };
    const mirror = mirrorFaults(faults, runners);
    cleanup.push(() => mirror.stop());
    const settled = async (): Promise<void> => {
      // Writes queued while waiting are waited for too.
      for (let pending = mirror.settled(); pending !== undefined; pending = mirror.settled()) await pending;
    };

    const proxies = {} as Record<'sys97' | 'billing', FaultProxy>;
    for (const system of ['sys97', 'billing'] as const) {
      const store = stores[system];
      const proxy = await startFaultProxy({
        system,
        faults,
        upstream: store.upstream,
        host,
        port: options.ports?.[system] ?? 0,
        ...(store.lock === undefined ? {} : { lock: store.lock }),
        settled: () => mirror.settled(),
      });
      cleanup.push(() => proxy.close());
      proxies[system] = proxy;
    }

    const soap = await startSoapServer({ db: stores.cs1000.runner, faults, host, port: options.ports?.cs1000 ?? 0 });
    cleanup.push(() => soap.close());

    const writes = async (): Promise<unknown[]> => {
      const all: Array<Record<string, unknown>> = [];
      for (const system of ['sys97', 'billing', 'cs1000'] as const) {
        const { rows } = await runners[system].query<Record<string, unknown>>(
          `SELECT id, point_id, procedure, args, result, called_at FROM sim_write_log ORDER BY id`);
        all.push(...rows.map((row) => ({ system, ...row })));
      }
      return all.sort((a, b) => new Date(a.called_at as string).getTime() - new Date(b.called_at as string).getTime());
    };
    const setPreparationMs = (ms: number): Promise<void> => setPreparation(runners.billing, ms);
    const admin = await startAdminHttp({ faults, settled, writes, setPreparationMs }, host, options.ports?.admin ?? 0);
    cleanup.push(() => admin.close());

    return {
      sys97: { url: clientUrl(proxies.sys97, options.databaseUrl, 'sys97') },
      billing: { url: clientUrl(proxies.billing, options.databaseUrl, 'billing') },
      cs1000: { url: soap.url, wsdlUrl: soap.wsdlUrl },
      adminUrl: admin.url,
      faults,
      faultsSettled: settled,
      db: runners,
      mutate: createMutate(runners.sys97, runners.billing),
      setPreparationMs,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

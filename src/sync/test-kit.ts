// Test helper: the hub side over a running simulator, built the way production builds it — the real
// transports (node-postgres for 97 and billing, SOAP for 1000), the real adapters and PointCaller,
// and an empty migrated view in PGlite. Only the resilience policy is a plain one (retry transient
// reads a few times), so that a test sees the adapters' behaviour and not a breaker's.
// Tests hand in the simulator's handle; the hub code itself never imports simulator/.

import { createBillingAdapter, type BillingPort } from '../../adapters/billing/billing.adapter.ts';
import { createCs1000Adapter, type Cs1000Port } from '../../adapters/cs1000/cs1000.adapter.ts';
import { Cs1000Transport } from '../../adapters/cs1000/cs1000.transport.ts';
import { PointCaller, type PolicyRunner } from '../../adapters/shared/point-caller.ts';
import { createSys97Adapter, type Sys97Port } from '../../adapters/sys97/sys97.adapter.ts';
import { LegacyError } from '../../adapters/transport/errors.ts';
import { PostgresTransport } from '../../adapters/transport/postgres.transport.ts';
import { migrate, openDatabase, type Database } from '../store/index.ts';

/** The part of a simulator handle the hub needs: where to connect. */
export interface SimulatorEndpoints {
  sys97: { url: string };
  billing: { url: string };
  cs1000?: { url: string };
}

export interface HubOverSimulator {
  sys97: Sys97Port;
  billing: BillingPort;
  cs1000?: Cs1000Port;
  db: Database;
  /** Another empty view, for comparing two runs against the same legacy data. */
  openView(): Promise<Database>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Rows per batch of the interface-table reads (small values give many batches on a tiny province). */
  fetchSize?: number;
  timeoutMs?: number;
  /** Attempts of a read that failed transiently. */
  readAttempts?: number;
  policy?: PolicyRunner;
}

/** Retries transient read failures; writes and streams run once (as the real policy does). */
export function simplePolicy(readAttempts = 3): PolicyRunner {
  return {
    async run<T>(kind: 'read' | 'write', fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await fn(new AbortController().signal);
        } catch (err) {
          const again = kind === 'read' && err instanceof LegacyError && err.transient && attempt < readAttempts;
          if (!again) throw err;
          await new Promise((r) => setTimeout(r, 50 * attempt));
        }
      }
    },
    stream<T>(fn: (signal: AbortSignal) => AsyncIterable<T>): AsyncIterable<T> {
      return fn(new AbortController().signal);
    },
  };
}

async function openView(): Promise<Database> {
  const db = await openDatabase({});
  await migrate(db);
  return db;
}

export async function connectHubToSimulator(sim: SimulatorEndpoints, options: ConnectOptions = {}): Promise<HubOverSimulator> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const fetchSize = options.fetchSize ?? 500;
  const policy = options.policy ?? simplePolicy(options.readAttempts);
  const closers: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  try {
    const sys97Db = new PostgresTransport({ system: 'sys97', connectionString: sim.sys97.url, timeoutMs, fetchSize });
    closers.push(() => sys97Db.close());
    const billingDb = new PostgresTransport({ system: 'billing', connectionString: sim.billing.url, timeoutMs, fetchSize });
    closers.push(() => billingDb.close());
    const hub: HubOverSimulator = {
      sys97: createSys97Adapter(sys97Db, new PointCaller(sys97Db, policy, { timeoutMs, fetchSize })),
      billing: createBillingAdapter(billingDb, new PointCaller(billingDb, policy, { timeoutMs, fetchSize })),
      db: await openView(),
      openView: async () => {
        const db = await openView();
        closers.push(() => db.close());
        return db;
      },
      close,
    };
    closers.push(() => hub.db.close());
    if (sim.cs1000) {
      const transport = await Cs1000Transport.create({ endpoint: sim.cs1000.url, timeoutMs });
      closers.push(() => transport.close());
      hub.cs1000 = createCs1000Adapter(transport, policy);
    }
    return hub;
  } catch (err) {
    await close();
    throw err;
  }
}

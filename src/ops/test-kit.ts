// What the ops tests stand on: a migrated PGlite view with a few rows of each kind the console shows,
// a LegacyResilience of the three systems, a readiness registry, tokens of each role, and (for the
// tests that need queues) a local redis-server with the hub's four queues under a prefix of their own.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Hono } from 'hono';
import { pino, type Logger } from 'pino';
import { LegacyResilience } from '../../adapters/transport/resilience.ts';
import { mintToken, type AuthOptions } from '../api/platform/auth.ts';
import type { ApiKeyConfig } from '../config/config.ts';
import { QUEUE_NAMES } from '../jobs/job-definition.ts';
import { ReadinessRegistry } from '../platform/readiness.ts';
import { startLocalRedis, type LocalRedis } from '../platform/redis-server.ts';
import {
  BillingCycleRepository, migrate, openDatabase, QuarantineRepository, SyncRunRepository, SyncStateRepository, withTransaction, type Database,
} from '../store/index.ts';
import { HubMetrics } from './metrics.ts';
import { opsRoutes } from './ops.routes.ts';
import { observeRequests } from './request-observer.ts';

export const SECRET = 'ops-tests-secret-0123456789abcdefghijklmnop';
export const ADMIN_KEY: ApiKeyConfig = { name: 'noc', role: 'province_admin', key: 'noc-admin-key-0123456789abcdefgh' };
export const CRM_KEY: ApiKeyConfig = { name: 'crm', role: 'system', key: 'crm-system-key-0123456789abcdefgh' };
export const AUTH: AuthOptions = { jwtSecret: SECRET, apiKeys: [ADMIN_KEY, CRM_KEY] };
export const SYSTEMS = ['sys97', 'billing', 'cs1000'] as const;
export const PERSONAL_NAME = 'Zhang Sanfeng';

export function tokenOf(role: 'operations' | 'province_admin' | 'customer_manager' | 'hq'): Promise<string> {
  return mintToken(SECRET, role === 'customer_manager' ? { role, staffId: 'S001' } : { role, subject: `staff:${role}` });
}

export async function bearer(role: Parameters<typeof tokenOf>[0]): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenOf(role)}` };
}

/** A migrated in-memory view with quarantine rows, a sync cursor, sync runs and billing cycles. */
export async function seededView(now: Date): Promise<Database> {
  const db = await openDatabase({});
  await migrate(db);
  const quarantine = new QuarantineRepository(db);
  await quarantine.add([
    { pointId: '97-2', rawRow: { DKHNAME: PERSONAL_NAME }, reasons: [{ code: 'contract_violation', field: 'USERTYPE', message: 'not one of the code table <b>' }], subject: 'vip:1001' },
    { pointId: '97-2', rawRow: { DKHNAME: PERSONAL_NAME }, reasons: [{ code: 'contract_violation', message: 'too long' }], subject: 'vip:1002' },
    { pointId: '97-2', rawRow: { DKHNAME: PERSONAL_NAME }, reasons: [{ code: 'unparseable_date', field: 'SO_DATE', message: 'not a date' }], subject: 'vip:1003' },
    { pointId: 'JF-5', rawRow: { ConTractNo: 'C1' }, reasons: [{ code: 'duplicate_key', message: 'same key' }], subject: 'cycle:20260101' },
  ]);
  const replayed = await quarantine.add([{ pointId: 'CS-1', rawRow: {}, reasons: [{ code: 'invalid_value', message: 'x' }] }]);
  await quarantine.markReplayed(replayed);
  await withTransaction(db, (tx) => SyncStateRepository.advanceCursor(tx, 'sys97.change', { lastTime: new Date(now.getTime() - 600_000).toISOString() }));
  await withTransaction(db, (tx) => SyncStateRepository.advanceCursor(tx, 'cs1000.open', { sweptAt: new Date(now.getTime() - 120_000).toISOString() }));
  const runs = new SyncRunRepository(db);
  const done = await runs.create('sys97.incremental', { subject: 'sys97.change' });
  await runs.finish(done.id, { changed: 12, synced: 11, quarantined: 1 });
  const failed = await runs.create('billing.cycle', { subject: 'cycle:20260201' });
  await runs.fail(failed.id, 'ORA-12541: TNS:no listener');
  const cycles = new BillingCycleRepository(db);
  await cycles.request(20260101, now);
  await cycles.markReady(20260101, now);
  await cycles.request(20260201, now);
  await cycles.markFailed(20260201, 'billing did not answer');
  return db;
}

export function readinessOf(db: Database): ReadinessRegistry {
  const readiness = new ReadinessRegistry();
  readiness.register('store', async () => db.query('SELECT 1'));
  readiness.register('cs1000', async () => {
    throw new Error('SOAP endpoint refused the connection');
  });
  return readiness;
}

export function resilience(): LegacyResilience {
  const fast = { retries: 0, breaker: { kind: 'consecutive' as const, failures: 1, halfOpenAfterMs: 60_000 } };
  return new LegacyResilience({ sys97: {}, billing: {}, cs1000: fast });
}

export interface LogLines {
  logger: Logger;
  lines: Record<string, unknown>[];
}

export function capturingLogger(): LogLines {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

export interface OpsHarness {
  app: Hono;
  metrics: HubMetrics;
  db: Database;
  legacy: LegacyResilience;
  log: LogLines;
}

/** The ops routes behind the request observer, as start-hub mounts them (with or without queues). */
export function opsApp(db: Database, options: { queues?: readonly Queue[]; now?: () => Date; extra?: (app: Hono) => void } = {}): OpsHarness {
  const metrics = new HubMetrics({ defaultMetrics: false, now: options.now });
  const legacy = resilience();
  metrics.watchLegacy(legacy, SYSTEMS);
  metrics.watchStore(db);
  if (options.queues) metrics.watchQueues(options.queues);
  const log = capturingLogger();
  const app = new Hono();
  app.use(observeRequests({ metrics, logger: log.logger }) as never);
  app.route('/', opsRoutes({
    metrics, auth: AUTH, db, readiness: readinessOf(db), queues: options.queues ?? [], resilience: legacy, systems: SYSTEMS, logger: log.logger, now: options.now,
  }) as unknown as Hono);
  options.extra?.(app);
  return { app, metrics, db, legacy, log };
}

export interface RedisQueues {
  redis: LocalRedis;
  queues: Queue[];
  close(): Promise<void>;
}

/** A redis-server of the test's own and the four queues under a fresh prefix. */
export async function redisQueues(): Promise<RedisQueues> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-ops-redis-'));
  const redis = await startLocalRedis({ dir, stopOnSignals: true });
  const prefix = `ops${process.pid}`;
  const queues = QUEUE_NAMES.map((name) => {
    const queue = new Queue(name, { connection: { url: redis.url, maxRetriesPerRequest: 1 }, prefix });
    queue.on('error', () => undefined); // a test that stops Redis expects the reconnect errors
    return queue;
  });
  return {
    redis,
    queues,
    async close() {
      await Promise.allSettled(queues.map((q) => q.close()));
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Operations for the running hub, put together once: the metrics registry fed by the legacy policies,
// the BullMQ queues and the store; the request observer (request id, HTTP metrics, access log); the
// /metrics and /console routes. start-hub.ts mounts `observe` first and `routes` before the API.

import { Queue } from 'bullmq';
import type { MiddlewareHandler } from 'hono';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { LegacyResilience } from '../../adapters/transport/resilience.ts';
import { mintToken } from '../api/platform/auth.ts';
import type { AuthOptions } from '../api/platform/auth.ts';
import type { JwtSecret } from '../api/platform/jwt-secret.ts';
import { QUEUE_NAMES } from '../jobs/job-definition.ts';
import type { ReadinessRegistry } from '../platform/readiness.ts';
import type { Queryable } from '../store/index.ts';
import { HubMetrics } from './metrics.ts';
import { CONSOLE_PATH, opsRoutes } from './ops.routes.ts';
import { observeRequests } from './request-observer.ts';

export { HubMetrics } from './metrics.ts';
export { opsRoutes, CONSOLE_PATH, QUEUES_PATH } from './ops.routes.ts';
export { observeRequests } from './request-observer.ts';

export const LEGACY_SYSTEMS = ['sys97', 'billing', 'cs1000'] as const;

export interface HubOpsOptions {
  redisUrl: string;
  /** BullMQ key prefix of the hub's queues (default `bull`, as the job driver). */
  prefix?: string;
  db: Queryable;
  readiness: ReadinessRegistry;
  resilience: LegacyResilience;
  auth: AuthOptions;
  logger: Logger;
}

export interface HubOps {
  metrics: HubMetrics;
  observe: MiddlewareHandler;
  routes: Hono;
  close(): Promise<void>;
}

export function createHubOps(options: HubOpsOptions): HubOps {
  // Queues of their own, apart from the job driver's: commands fail after one reconnect attempt
  // instead of waiting for Redis for ever, so the board and a scrape answer while Redis is down.
  const queues = QUEUE_NAMES.map((name) => {
    const queue = new Queue(name, { connection: { url: options.redisUrl, maxRetriesPerRequest: 1 }, prefix: options.prefix });
    queue.on('error', () => undefined); // reconnects on its own; hub_metrics_source_up{source="redis"} reports it
    return queue;
  });
  const metrics = new HubMetrics();
  const unwatch = metrics.watchLegacy(options.resilience, LEGACY_SYSTEMS);
  metrics.watchQueues(queues);
  metrics.watchStore(options.db);
  const routes = opsRoutes({ ...options, metrics, queues, systems: LEGACY_SYSTEMS }) as unknown as Hono;
  return {
    metrics,
    observe: observeRequests({ metrics, logger: options.logger }) as unknown as MiddlewareHandler,
    routes,
    async close() {
      unwatch();
      await Promise.allSettled(queues.map((q) => q.close()));
    },
  };
}

/**
 * The console line of the start-up listing. With the embedded run's dev secret it is a link that
 * signs in at once (an operations token of 8 h, printed to the terminal of whoever started the hub,
 * who can read the secret anyway); otherwise how to get in.
 */
export async function consoleLink(httpUrl: string, jwt: JwtSecret): Promise<string> {
  const page = `${httpUrl}${CONSOLE_PATH}`;
  if (jwt.origin === 'dev secret' && jwt.secret) {
    const token = await mintToken(jwt.secret, { role: 'operations', subject: 'console:dev', ttlSeconds: 8 * 3600 });
    return `${page}?token=${token}  (operations, 8 h; queues at ${page}/queues)`;
  }
  return `${page}  (operations or province_admin: open ${CONSOLE_PATH}?token=<bearer token> once; queues at ${CONSOLE_PATH}/queues)`;
}

// What `start` brings up, in order, each with its stop registered as it comes up: local Redis (when
// REDIS_URL is unset), the embedded simulator (when LEGACY_MODE=simulator and no SYS97_URL), the
// readiness checks, the HTTP server. If one step fails, whatever already runs is stopped before the
// error goes on, so a failed start leaves no redis-server or simulator behind.

import { Hono } from 'hono';
import type { Logger } from 'pino';
import { installClientErrorHandler } from '../api/platform/error-handling.ts';
import { mintHint, resolveJwtSecret } from '../api/platform/jwt-secret.ts';
import type { HubConfig } from '../config/config.ts';
import { healthRoutes } from '../platform/health.routes.ts';
import { startHttpServer } from '../platform/http-server.ts';
import { ReadinessRegistry } from '../platform/readiness.ts';
import { connectRedisPing } from '../platform/redis-readiness.ts';
import { startLocalRedis } from '../platform/redis-server.ts';
import { SetupError } from '../platform/setup-error.ts';
import { Shutdown } from '../platform/shutdown.ts';
import { startEmbeddedSimulator } from './embedded-simulator.ts';

export interface StartHubDeps {
  logger: Logger;
  /** URL of the module to start as the embedded simulator; default simulator/index.ts (tests change it). */
  simulatorModule?: string;
  /**
   * The caller's, when it listens to signals from before the start: a Ctrl-C during a slow start
   * (the simulator generating its province) then stops what is already up.
   */
  shutdown?: Shutdown;
  /** The redis-server executable (tests point it at a missing file). */
  redisBinary?: string;
}

export interface RunningHub {
  httpUrl: string;
  redisUrl: string;
  /** Where the hub reaches the legacy systems. */
  legacy: { sys97: string; billing: string; cs1000: string; origin: string };
  app: Hono;
  /** How callers authenticate to the REST API (the dev secret and the token command, when embedded). */
  apiAuth: string;
  readiness: ReadinessRegistry;
  shutdown: Shutdown;
}

export async function startHub(config: HubConfig, deps: StartHubDeps): Promise<RunningHub> {
  const { logger } = deps;
  const shutdown = deps.shutdown ?? new Shutdown({ logger, stepTimeoutMs: 10_000 });
  const readiness = new ReadinessRegistry();
  const notInterrupted = () => {
    if (shutdown.started) throw new SetupError('start interrupted: shutdown began before the hub was up');
  };
  try {
    let redisUrl: string;
    if (config.redis.kind === 'local') {
      // Stopped by the shutdown as its last step, not on the signal itself: workers closing before it
      // still need Redis.
      const local = await startLocalRedis({ dir: config.redis.dir, binary: deps.redisBinary, stopOnSignals: false });
      shutdown.register('local redis-server', () => local.stop());
      redisUrl = local.url;
      logger.info({ port: local.port, redisPid: local.pid, dir: config.redis.dir }, 'local redis-server started');
    } else {
      redisUrl = config.redis.url;
    }

    notInterrupted();
    const legacy = await legacyEndpoints(config, deps, shutdown);
    notInterrupted();

    const redis = connectRedisPing(redisUrl, logger);
    shutdown.register('redis readiness connection', () => redis.close());
    readiness.register('redis', (signal) => redis.ping(signal));

    // Made here, before any route needs it, so `npm run hub -- token` finds the same dev secret.
    const apiAuth = mintHint(resolveJwtSecret(config));
    const app = new Hono();
    app.route('/', healthRoutes(readiness));
    const http = await startHttpServer(app, { ...config.http, configure: installClientErrorHandler(logger) });
    shutdown.register('http server', () => http.close(), { timeoutMs: 5_000 });
    notInterrupted();

    return { httpUrl: http.url, redisUrl, legacy, app, apiAuth, readiness, shutdown };
  } catch (error) {
    await shutdown.run('start failed');
    throw error;
  }
}

async function legacyEndpoints(config: HubConfig, deps: StartHubDeps, shutdown: Shutdown): Promise<RunningHub['legacy']> {
  const { legacy } = config;
  if (legacy.mode === 'oracle') {
    return {
      sys97: `oracle ${legacy.sys97.connectString} (${legacy.driver.mode} mode)`,
      billing: `oracle ${legacy.billing.connectString} (${legacy.driver.mode} mode)`,
      cs1000: legacy.cs1000WsdlUrl,
      origin: 'production systems',
    };
  }
  if (legacy.endpoints.kind === 'external') {
    const { sys97Url, billingUrl, cs1000WsdlUrl } = legacy.endpoints;
    return { sys97: sys97Url, billing: billingUrl, cs1000: cs1000WsdlUrl, origin: 'simulator at the given URLs' };
  }
  const options = { size: legacy.size, seed: legacy.seed, dataDir: legacy.endpoints.dir };
  deps.logger.info(options, 'starting the embedded simulator');
  const simulator = await startEmbeddedSimulator(options, deps.simulatorModule);
  shutdown.register('embedded simulator', () => simulator.stop(), { timeoutMs: 15_000 });
  return {
    sys97: simulator.sys97Url,
    billing: simulator.billingUrl,
    cs1000: simulator.cs1000WsdlUrl,
    origin: `embedded simulator (${legacy.size}, seed ${legacy.seed}${simulator.adminUrl ? `, admin ${simulator.adminUrl}` : ''})`,
  };
}

/** The lines `start` prints for a person: where everything listens. Passwords in URLs are masked. */
export function describeHub(config: HubConfig, hub: RunningHub): string {
  const mask = (url: string) => url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
  const database =
    config.database.kind === 'embedded'
      ? `embedded PGlite in ${config.database.dir}`
      : mask(config.database.url);
  const rows: [string, string][] = [
    ['http', `${hub.httpUrl}  (GET /healthz, GET /readyz)`],
    ['redis', `${mask(hub.redisUrl)}${config.redis.kind === 'local' ? `  (local redis-server, AOF in ${config.redis.dir})` : ''}`],
    ['database', `${database}  (planned: the store is not opened by this version)`],
    ['legacy', hub.legacy.origin],
    ['  97', mask(hub.legacy.sys97)],
    ['  billing', mask(hub.legacy.billing)],
    ['  1000', hub.legacy.cs1000],
    ['HQ uplink', config.hqUrl ?? 'off (HQ_URL unset)'],
    ['API auth', hub.apiAuth],
  ];
  return `bss-hub is running\n${rows.map(([k, v]) => `  ${k.padEnd(10)} ${v}`).join('\n')}\nCtrl-C stops it.\n`;
}

// What `start` brings up, in order, each with its stop registered as it comes up: local Redis (when
// REDIS_URL is unset), the embedded simulator (when LEGACY_MODE=simulator and no SYS97_URL), the
// readiness checks, the HTTP server. If one step fails, whatever already runs is stopped before the
// error goes on, so a failed start leaves no redis-server or simulator behind.

import { Hono } from 'hono';
import type { Logger } from 'pino';
import { installClientErrorHandler } from '../api/platform/error-handling.ts';
import { mintHint, resolveJwtSecret } from '../api/platform/jwt-secret.ts';
import { createApiApp, DatabaseAuditSink } from '../api/platform/index.ts';
import { consoleLink, createHubOps } from '../ops/index.ts';
import { resourceRoutes } from '../api/resources/index.ts';
import { liveRoutes } from '../api/live/index.ts';
import type { HubConfig } from '../config/config.ts';
import { healthRoutes } from '../platform/health.routes.ts';
import { startHttpServer } from '../platform/http-server.ts';
import { ReadinessRegistry } from '../platform/readiness.ts';
import { connectRedisPing } from '../platform/redis-readiness.ts';
import { applySchedules, resolveSchedules } from '../jobs/schedules.ts';
import { BullmqJobDriver } from '../jobs/bullmq.driver.ts';
import { JobRegistry } from '../jobs/job-definition.ts';
import { loadJobsConfig, type JobsConfig } from '../jobs/jobs-config.ts';
import { InMemoryAlertSink, LoggingAlertSink } from '../jobs/alerts.ts';
import { startWorkers } from '../jobs/workers.ts';
import { localRedisForHub } from '../hub/local-redis.ts';
import { removeRuntime, writeRuntime } from '../hub/runtime-file.ts';
import { legacyEndpointsOf, openHubServices, type HubServices } from '../hub/services.ts';
import type { LegacyEndpoints } from '../legacy/legacy-systems.ts';
import { syncJobs, type SyncJobOptions } from '../sync/jobs.ts';
import { SYS97_CHANGE_STREAM } from '../sync/sys97-change.sync.ts';
import { SyncStateRepository } from '../store/index.ts';
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
  /** The operator console's address (a sign-in link in the embedded run with its dev secret). */
  console: string;
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
    let redisPid: number | null = null;
    if (config.redis.kind === 'local') {
      // Stopped by the shutdown as its last step, not on the signal itself: workers closing before it
      // still need Redis.
      const local = await localRedisForHub({ dataDir: config.dataDir, dir: config.redis.dir, binary: deps.redisBinary, logger });
      shutdown.register('local redis-server', () => local.stop());
      redisUrl = local.url;
      redisPid = local.pid;
      logger.info({ url: local.url, redisPid: local.pid, dir: config.redis.dir }, 'local redis-server started');
    } else {
      redisUrl = config.redis.url;
    }

    notInterrupted();
    const { described: legacy, endpoints } = await legacyEndpoints(config, deps, shutdown);
    notInterrupted();

    const services = await openHubServices(config, endpoints);
    shutdown.register('store and legacy connections', () => services.close());
    registerReadiness(readiness, services);
    notInterrupted();

    const redis = connectRedisPing(redisUrl, logger);
    shutdown.register('redis readiness connection', () => redis.close());
    readiness.register('redis', (signal) => redis.ping(signal));

    // Made here, before any route needs it, so `npm run hub -- token` finds the same dev secret.
    const jwt = resolveJwtSecret(config);
    const apiAuth = mintHint(jwt);
    const app = new Hono();
    const ops = createHubOps({
      redisUrl, db: services.db, readiness, resilience: services.legacy.resilience,
      auth: { jwtSecret: jwt.secret, apiKeys: config.api.apiKeys }, logger,
    });
    shutdown.register('operations queues', () => ops.close());
    // First, so request ids, HTTP metrics and access logs cover every request, the API's included.
    app.use(ops.observe);
    app.route('/', healthRoutes(readiness));
    // Before the API: its authentication middleware would otherwise answer /metrics and /console.
    app.route('/', ops.routes);
    const api = createApiApp({
      routes: [...resourceRoutes({ db: services.db }), ...liveRoutes({ db: services.db, legacy: services.legacy })],
      auth: { jwtSecret: jwt.secret, apiKeys: config.api.apiKeys },
      audit: new DatabaseAuditSink(services.db),
      logger,
      rateLimitPerMinute: config.api.rateLimitPerMinute,
      maxBodyBytes: config.api.maxBodyBytes,
    });
    app.route('/', api.app);
    const http = await startHttpServer(app, { ...config.http, configure: installClientErrorHandler(logger) });
    shutdown.register('http server', () => http.close(), { timeoutMs: 5_000 });
    notInterrupted();

    const legacyUrls = endpoints.kind === 'postgres' ? { sys97Url: endpoints.sys97Url, billingUrl: endpoints.billingUrl, cs1000WsdlUrl: endpoints.cs1000WsdlUrl } : null;
    writeRuntime(config.dataDir, { pid: process.pid, startedAt: new Date().toISOString(), httpUrl: http.url, redisUrl, redisPid, legacy: legacyUrls });
    // In the background: a Redis that does not answer yet must not keep the hub from serving /readyz.
    const jobsConfig = loadJobsConfig(config.jobsConfigFile);
    void startJobs(redisUrl, services, shutdown, logger, jobsConfig, {
      // The simulator prepares a cycle in seconds; a real billing system in hours.
      billingPollIntervalMs: config.legacy.mode === 'simulator' ? 2_000 : 60_000,
      lockDurationMs: jobsConfig.lockDurationMs,
    }).catch((error: unknown) => logger.error({ err: error }, 'job workers did not start'));
    shutdown.register('runtime file', () => removeRuntime(config.dataDir));

    return { httpUrl: http.url, redisUrl, legacy, app, apiAuth, console: await consoleLink(http.url, jwt), readiness, shutdown };
  } catch (error) {
    await shutdown.run('start failed');
    throw error;
  }
}

function registerReadiness(readiness: ReadinessRegistry, services: HubServices): void {
  readiness.register('store', async () => {
    await services.db.query('SELECT 1');
  });
  for (const [name, port] of Object.entries({ sys97: services.legacy.sys97, billing: services.legacy.billing, cs1000: services.legacy.cs1000 })) {
    readiness.register(name, async () => {
      const check = await port.check();
      if (!check.ok) throw new Error(check.detail ?? `${name} is not reachable`);
    }, { timeoutMs: 5_000 });
  }
}

/** Workers of every queue in this process, and the schedules; extra processes run `worker`. */
async function startJobs(
  redisUrl: string,
  services: HubServices,
  shutdown: Shutdown,
  logger: Logger,
  jobsConfig: JobsConfig,
  options: SyncJobOptions,
): Promise<void> {
  const registry = new JobRegistry(syncJobs(async () => services, options));
  const driver = new BullmqJobDriver(registry, { url: redisUrl });
  shutdown.register('job queues', () => driver.close());
  const applied = await applySchedules(driver, registry, resolveSchedules(jobsConfig.schedules));
  logger.info(applied, 'job schedules applied');
  const workers = await startWorkers({
    connection: { url: redisUrl },
    registry,
    queues: jobsConfig.queues,
    lockDurationMs: jobsConfig.lockDurationMs,
    stalledIntervalMs: jobsConfig.stalledIntervalMs,
    maxStalledCount: jobsConfig.maxStalledCount,
    shutdownTimeoutMs: jobsConfig.shutdownTimeoutMs,
    alerts: new LoggingAlertSink(logger, new InMemoryAlertSink()),
    logger,
  });
  shutdown.register('job workers', () => workers.stop(), { timeoutMs: jobsConfig.shutdownTimeoutMs + 5_000 });
  void initialLoad(driver, services, logger);
}

/**
 * A view that was never synced is filled at once rather than at the next schedule: customers first
 * (work orders and tickets find their customer through the services and VIP numbers they bring).
 */
async function initialLoad(driver: BullmqJobDriver, services: HubServices, logger: Logger): Promise<void> {
  try {
    if (await new SyncStateRepository(services.db).get(SYS97_CHANGE_STREAM)) return;
    logger.info('empty view: initial load (full 97 sync, then work orders, the last billing cycle, tickets)');
    await (await driver.submit('sys97.full', {})).finished();
    await Promise.all(
      ['sys97.open-work-orders', 'sys97.work-order-history', 'billing.cycle', 'cs1000.open-tickets', 'cs1000.finished-tickets'].map(
        async (name) => (await driver.submit(name, {})).finished(),
      ),
    );
    logger.info('initial load done');
  } catch (error) {
    // The schedules retry what did not finish; the hub stays up.
    logger.error({ err: error }, 'initial load did not finish');
  }
}

async function legacyEndpoints(
  config: HubConfig,
  deps: StartHubDeps,
  shutdown: Shutdown,
): Promise<{ described: RunningHub['legacy']; endpoints: LegacyEndpoints }> {
  const described = await describeLegacy(config, deps, shutdown);
  return { described: described.described, endpoints: described.endpoints ?? legacyEndpointsOf(config) };
}

async function describeLegacy(
  config: HubConfig,
  deps: StartHubDeps,
  shutdown: Shutdown,
): Promise<{ described: RunningHub['legacy']; endpoints?: LegacyEndpoints }> {
  const { legacy } = config;
  if (legacy.mode === 'oracle') {
    return {
      described: {
        sys97: `oracle ${legacy.sys97.connectString} (${legacy.driver.mode} mode)`,
        billing: `oracle ${legacy.billing.connectString} (${legacy.driver.mode} mode)`,
        cs1000: legacy.cs1000WsdlUrl,
        origin: 'production systems',
      },
    };
  }
  if (legacy.endpoints.kind === 'external') {
    const { sys97Url, billingUrl, cs1000WsdlUrl } = legacy.endpoints;
    return { described: { sys97: sys97Url, billing: billingUrl, cs1000: cs1000WsdlUrl, origin: 'simulator at the given URLs' } };
  }
  const options = { size: legacy.size, seed: legacy.seed, dataDir: legacy.endpoints.dir };
  deps.logger.info(options, 'starting the embedded simulator');
  const simulator = await startEmbeddedSimulator(options, deps.simulatorModule);
  shutdown.register('embedded simulator', () => simulator.stop(), { timeoutMs: 15_000 });
  return {
    described: {
      sys97: simulator.sys97Url,
      billing: simulator.billingUrl,
      cs1000: simulator.cs1000WsdlUrl,
      origin: `embedded simulator (${legacy.size}, seed ${legacy.seed}${simulator.adminUrl ? `, admin ${simulator.adminUrl}` : ''})`,
    },
    endpoints: { kind: 'postgres', sys97Url: simulator.sys97Url, billingUrl: simulator.billingUrl, cs1000WsdlUrl: simulator.cs1000WsdlUrl },
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
    ['http', `${hub.httpUrl}  (REST API under /tmf-api, /openapi.json, /docs, /healthz, /readyz, /metrics)`],
    ['console', hub.console],
    ['redis', `${mask(hub.redisUrl)}${config.redis.kind === 'local' ? `  (local redis-server, AOF in ${config.redis.dir})` : ''}`],
    ['database', database],
    ['legacy', hub.legacy.origin],
    ['  97', mask(hub.legacy.sys97)],
    ['  billing', mask(hub.legacy.billing)],
    ['  1000', hub.legacy.cs1000],
    ['HQ uplink', config.hqUrl ?? 'off (HQ_URL unset)'],
    ['API auth', hub.apiAuth],
  ];
  return `bss-hub is running\n${rows.map(([k, v]) => `  ${k.padEnd(10)} ${v}`).join('\n')}\nCtrl-C stops it.\n`;
}

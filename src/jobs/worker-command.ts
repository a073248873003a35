// `npm run hub -- worker [--jobs <module>] [--queues sys97,billing] [--config <file.json>] [--no-schedules]`
//
// A worker process: takes jobs from the shared Redis until SIGINT/SIGTERM. Run as many as the legacy
// systems bear; the queues' global concurrency holds across them. The jobs come from a catalogue
// module (default src/sync/jobs.ts) whose default export builds the job definitions:
//
//   export default async function jobs({ config, logger, shutdown, driver }: JobCatalogueServices) {
//     const store = await openStore(config); shutdown.register('store', () => store.close());
//     return [incrementalSync(store, …), …];
//   }

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import type { CliIo } from '../cli/command-registry.ts';
import { loadConfig, type HubConfig } from '../config/config.ts';
import { createLogger } from '../platform/logger.ts';
import { SetupError } from '../platform/setup-error.ts';
import { Shutdown, type ShutdownReport } from '../platform/shutdown.ts';
import { InMemoryAlertSink, LoggingAlertSink } from './alerts.ts';
import { BullmqJobDriver } from './bullmq.driver.ts';
import { JobRegistry, QUEUE_NAMES, type AnyJobDefinition, type QueueName } from './job-definition.ts';
import type { JobDriver } from './job-driver.ts';
import { parseJobsConfig, type JobsConfig } from './jobs-config.ts';
import { applySchedules, resolveSchedules } from './schedules.ts';
import { startWorkers, type QueueWorkerOptions } from './workers.ts';

export interface JobCatalogueServices {
  config: HubConfig;
  logger: Logger;
  /** Register the closing of what the catalogue opens; it runs after the workers have stopped. */
  shutdown: Shutdown;
  /** For handlers that start other jobs (fan-out per changed VIP). */
  driver: JobDriver;
}

export type JobCatalogue = (services: JobCatalogueServices) => readonly AnyJobDefinition[] | Promise<readonly AnyJobDefinition[]>;

export const DEFAULT_CATALOGUE = 'src/sync/jobs.ts';

interface WorkerArgs {
  jobs: string;
  queues: QueueName[];
  config?: string;
  schedules: boolean;
}

export function parseWorkerArgs(args: readonly string[]): WorkerArgs {
  const parsed: WorkerArgs = { jobs: DEFAULT_CATALOGUE, queues: [...QUEUE_NAMES], schedules: true };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const value = () => {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw new SetupError(`worker: ${arg} needs a value`);
      i += 1;
      return next;
    };
    if (arg === '--jobs') parsed.jobs = value();
    else if (arg === '--config') parsed.config = value();
    else if (arg === '--no-schedules') parsed.schedules = false;
    else if (arg === '--queues') {
      const names = value().split(',').map((q) => q.trim());
      const unknown = names.filter((q) => !(QUEUE_NAMES as readonly string[]).includes(q));
      if (unknown.length > 0) throw new SetupError(`worker: unknown queue(s) ${unknown.join(', ')}; queues: ${QUEUE_NAMES.join(', ')}`);
      parsed.queues = names as QueueName[];
    } else throw new SetupError(`worker: unknown argument "${arg}" (--jobs, --queues, --config, --no-schedules)`);
  }
  return parsed;
}

export async function runWorkerCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseWorkerArgs(args);
  const config = loadConfig(io.env, { cwd: io.cwd });
  if (config.redis.kind !== 'external') {
    // A worker with a redis-server of its own would share nothing with the hub.
    throw new SetupError(
      'worker processes share the work through Redis: set REDIS_URL to the Redis the hub uses ' +
        '(`npm start` prints its local one; two redis-servers on one AOF directory would corrupt it).',
    );
  }
  const jobsConfig = readJobsConfig(options.config, io.cwd);
  const logger = createLogger({ level: config.logLevel });
  const shutdown = new Shutdown({ logger, stepTimeoutMs: jobsConfig.shutdownTimeoutMs + 5_000 });
  const stopped = new Promise<ShutdownReport>((resolve) => shutdown.handleSignals(resolve));
  try {
    const connection = { url: config.redis.url };
    const registry = new JobRegistry();
    const driver = new BullmqJobDriver(registry, connection);
    shutdown.register('job queues', () => driver.close());
    const catalogue = await loadCatalogue(options.jobs, io.cwd);
    for (const definition of await catalogue({ config, logger, shutdown, driver })) registry.register(definition);

    if (options.schedules) {
      const applied = await applySchedules(driver, registry, resolveSchedules(jobsConfig.schedules));
      logger.info(applied, 'job schedules applied');
    }
    const queues: Partial<Record<QueueName, QueueWorkerOptions>> = {};
    for (const name of options.queues) queues[name] = jobsConfig.queues[name];
    const workers = await startWorkers({
      connection,
      registry,
      queues,
      lockDurationMs: jobsConfig.lockDurationMs,
      stalledIntervalMs: jobsConfig.stalledIntervalMs,
      maxStalledCount: jobsConfig.maxStalledCount,
      shutdownTimeoutMs: jobsConfig.shutdownTimeoutMs,
      alerts: new LoggingAlertSink(logger, new InMemoryAlertSink()),
      logger,
    });
    shutdown.register('job workers', () => workers.stop(), { timeoutMs: jobsConfig.shutdownTimeoutMs + 5_000 });
    io.out(`bss-hub worker: queues ${options.queues.join(', ')}; jobs ${registry.names().join(', ') || 'none'}\n`);
  } catch (error) {
    await shutdown.run('worker start failed');
    throw error;
  }
  return (await stopped).clean ? 0 : 1;
}

function readJobsConfig(file: string | undefined, cwd: string): JobsConfig {
  if (file === undefined) return parseJobsConfig({});
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path.resolve(cwd, file), 'utf8'));
  } catch (error) {
    throw new SetupError(`worker --config ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    return parseJobsConfig(json);
  } catch (error) {
    throw new SetupError(`worker --config ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function loadCatalogue(modulePath: string, cwd: string): Promise<JobCatalogue> {
  const url = pathToFileURL(path.resolve(cwd, modulePath)).href;
  let module: { default?: unknown };
  try {
    module = (await import(url)) as { default?: unknown };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(modulePath.split('/').pop()!)) {
      throw new SetupError(
        `worker: no job catalogue at ${modulePath}. Write one whose default export returns the job ` +
          'definitions (see src/jobs/worker-command.ts), or name another with --jobs <module>.',
        { cause: error },
      );
    }
    throw error;
  }
  if (typeof module.default !== 'function') throw new SetupError(`worker: ${modulePath} has no default export function (a JobCatalogue)`);
  return module.default as JobCatalogue;
}

// How a CLI command reaches the hub's work. With a hub running (its runtime file under HUB_DATA_DIR),
// the command submits a job to that hub's Redis and waits: the hub's workers do the work, and its
// embedded store (PGlite: one process only) stays with it. With no hub running, the command opens
// the store and the legacy systems itself (starting the embedded simulator when that is the
// configuration) and runs the same sync functions in-process, with progress bars.

import { Presets, SingleBar } from 'cli-progress';
import type { HubConfig } from '../config/config.ts';
import { BullmqJobDriver } from '../jobs/bullmq.driver.ts';
import { JobRegistry } from '../jobs/job-definition.ts';
import { readRuntime } from '../hub/runtime-file.ts';
import { legacyEndpointsOf, openHubServices, type HubServices } from '../hub/services.ts';
import type { LegacyEndpoints } from '../legacy/legacy-systems.ts';
import { syncJobs } from '../sync/jobs.ts';
import type { CliIo } from './command-registry.ts';
import { startEmbeddedSimulator } from './embedded-simulator.ts';

export type HubSession =
  | { kind: 'remote'; submit(name: string, data: unknown): Promise<unknown> }
  | { kind: 'local'; services: HubServices; progress(label: string): Progress };

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

function progressBar(io: CliIo, label: string): Progress {
  // Bars only where a person watches; logs and CI get the final lines alone.
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: `${label.padEnd(22)} [{bar}] {value}/{total} {percentage}% {eta_formatted}`, hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
      void io;
    },
  };
}

export async function withHubSession<T>(config: HubConfig, io: CliIo, fn: (session: HubSession) => Promise<T>): Promise<T> {
  const running = readRuntime(config.dataDir);
  if (running) {
    io.err(`hub running (pid ${running.pid}): the work runs as a job of that hub\n`);
    const registry = new JobRegistry(syncJobs(() => Promise.reject(new Error('jobs run in the hub, not in the CLI'))));
    const driver = new BullmqJobDriver(registry, { url: running.redisUrl });
    try {
      return await fn({
        kind: 'remote',
        submit: async (name, data) => {
          const job = await driver.submit(name, data);
          io.err(`job ${job.id}${job.deduplicated ? ' (joined the same job already pending)' : ''} submitted; waiting…\n`);
          return job.finished();
        },
      });
    } finally {
      await driver.close();
    }
  }
  let stopSimulator: (() => Promise<void>) | undefined;
  let endpoints: LegacyEndpoints;
  if (config.legacy.mode === 'simulator' && config.legacy.endpoints.kind === 'embedded') {
    io.err('no hub running: starting the embedded simulator for this command\n');
    const sim = await startEmbeddedSimulator({ size: config.legacy.size, seed: config.legacy.seed, dataDir: config.legacy.endpoints.dir });
    stopSimulator = () => sim.stop();
    endpoints = { kind: 'postgres', sys97Url: sim.sys97Url, billingUrl: sim.billingUrl, cs1000WsdlUrl: sim.cs1000WsdlUrl };
  } else {
    endpoints = legacyEndpointsOf(config);
  }
  try {
    const services = await openHubServices(config, endpoints);
    try {
      return await fn({ kind: 'local', services, progress: (label) => progressBar(io, label) });
    } finally {
      await services.close();
    }
  } finally {
    await stopSimulator?.();
  }
}

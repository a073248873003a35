// BullMQ workers for the hub's queues. Any number of processes may run them against one Redis: each
// queue's global concurrency and rate limit live in Redis and hold across processes.
//
// Crash recovery is BullMQ's stalled-job check: a job whose worker died keeps no lock once
// `lockDuration` has passed, a live worker's check (every `stalledInterval`) moves it back to wait,
// and the handler re-enters with the checkpoint it saved last. `maxStalledCount` bounds how often a
// job may stall before it is failed, so a job that kills its worker cannot loop for ever.

import {
  DelayedError,
  UnrecoverableError,
  WaitingError,
  Worker,
  type Job,
} from 'bullmq';
import type { Logger } from 'pino';
import type { AlertSink } from './alerts.ts';
import { bullConnection, BullmqJobDriver, type RedisConnection } from './bullmq.driver.ts';
import { createJobContext, isEnvelope, type JobEnvelope } from './job-context.ts';
import type { JobRegistry, QueueName } from './job-definition.ts';

export interface QueueWorkerOptions {
  /** Jobs this process runs at once from this queue. */
  concurrency: number;
  /** Jobs all processes together run at once from this queue (kept in Redis). */
  globalConcurrency?: number;
  /** At most `max` jobs started per `durationMs`, all processes together. */
  rateLimit?: { max: number; durationMs: number };
}

export interface StartWorkersOptions {
  connection: RedisConnection;
  registry: JobRegistry;
  /** The queues this process works on; a queue left out gets no worker here. */
  queues: Partial<Record<QueueName, QueueWorkerOptions>>;
  /**
   * Lock of a queue none of whose jobs is registered here. Otherwise a queue's lock is the longest
   * `lockDurationMs` its jobs declare: a job's own declaration is what it was measured against, and a
   * crashed worker's job is handed on only once its lock has run out.
   */
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  /** How long `stop` lets running jobs finish before closing by force. */
  shutdownTimeoutMs: number;
  alerts: AlertSink;
  logger: Logger;
}

export interface StopReport {
  /** True when every worker closed within the time limit; false when some were closed by force. */
  graceful: boolean;
  forced: QueueName[];
}

export interface RunningWorkers {
  workers: Map<QueueName, Worker>;
  /** Aborts every handler's signal, lets jobs end within the time limit, then closes by force. */
  stop(): Promise<StopReport>;
}

export async function startWorkers(options: StartWorkersOptions): Promise<RunningWorkers> {
  const { registry, logger } = options;
  const shutdown = new AbortController();
  const driver = new BullmqJobDriver(registry, options.connection);
  const workers = new Map<QueueName, Worker>();
  try {
    for (const [queueName, queueOptions] of Object.entries(options.queues) as [QueueName, QueueWorkerOptions][]) {
      const queue = driver.queue(queueName);
      if (queueOptions.globalConcurrency !== undefined) await queue.setGlobalConcurrency(queueOptions.globalConcurrency);
      else await queue.removeGlobalConcurrency();
      if (queueOptions.rateLimit) await queue.setGlobalRateLimit(queueOptions.rateLimit.max, queueOptions.rateLimit.durationMs);
      else await queue.removeGlobalRateLimit();

      const declared = registry.onQueue(queueName).map((d) => d.lockDurationMs);
      const lockDuration = declared.length > 0 ? Math.max(...declared) : options.lockDurationMs;
      const worker = new Worker(queueName, processorFor(options, shutdown.signal), {
        connection: bullConnection(options.connection),
        prefix: options.connection.prefix,
        concurrency: queueOptions.concurrency,
        lockDuration,
        stalledInterval: options.stalledIntervalMs,
        maxStalledCount: options.maxStalledCount,
        autorun: true,
      });
      worker.on('error', (error) => logger.warn({ queue: queueName, err: error.message }, 'worker error'));
      worker.on('failed', (job, error) =>
        logger.warn({ queue: queueName, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'job failed'),
      );
      worker.on('stalled', (jobId) => logger.warn({ queue: queueName, jobId }, 'stalled job moved back to wait'));
      workers.set(queueName, worker);
    }
    await Promise.all([...workers.values()].map((w) => w.waitUntilReady()));
  } catch (error) {
    await Promise.all([...workers.values()].map((w) => w.close(true)));
    await driver.close();
    throw error;
  }
  // The queues were only needed for the global settings.
  await driver.close();
  logger.info({ queues: [...workers.keys()] }, 'job workers started');

  let stopping: Promise<StopReport> | undefined;
  return {
    workers,
    stop() {
      stopping ??= stopAll(workers, shutdown, options.shutdownTimeoutMs, logger);
      return stopping;
    },
  };
}

async function stopAll(
  workers: Map<QueueName, Worker>,
  shutdown: AbortController,
  timeoutMs: number,
  logger: Logger,
): Promise<StopReport> {
  shutdown.abort(new Error('worker shutting down'));
  const forced: QueueName[] = [];
  await Promise.all(
    [...workers].map(async ([queue, worker]) => {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      // pause() stops taking jobs and waits for the running ones, as close() would; but close() has
      // been seen never to resolve with delayed jobs about, and a second close(true) only answers the
      // first call's promise. So: wait by pause() within the time limit, then always close by force —
      // harmless once the jobs are done, and the only way out when they are not. A job cut off keeps
      // its lock until it expires; then a live worker's stalled check hands it on with its checkpoint.
      const paused = worker.pause().then(() => 'paused' as const);
      paused.catch(() => undefined);
      const outcome = await Promise.race([paused, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        forced.push(queue);
        logger.warn({ queue, timeoutMs }, 'running jobs did not end in time: closing the worker by force');
      }
      await worker.close(true);
    }),
  );
  return { graceful: forced.length === 0, forced };
}

function processorFor(options: StartWorkersOptions, shutdown: AbortSignal) {
  const { registry, alerts, logger } = options;
  // Three parameters: BullMQ hands a cancellation signal only to processors that declare it.
  return async (job: Job, token?: string, signal?: AbortSignal): Promise<unknown> => {
    if (!registry.has(job.name)) throw new UnrecoverableError(`no handler for job "${job.name}" in this process`);
    const definition = registry.get(job.name);
    // Bad data never gets better by retrying.
    if (!isEnvelope(job.data)) throw new UnrecoverableError(`job ${job.id} has no envelope in its data`);
    const envelope: JobEnvelope = structuredClone(job.data);
    const parsed = definition.schema.safeParse(envelope.input);
    if (!parsed.success) throw new UnrecoverableError(`invalid data for job "${job.name}": ${parsed.error.message}`);

    const jobSignal = signal ? AbortSignal.any([signal, shutdown]) : shutdown;
    const jobId = job.id ?? '';
    const ctx = createJobContext({
      jobId,
      name: job.name,
      attempt: job.attemptsMade + 1,
      signal: jobSignal,
      envelope,
      persist: (e) => job.updateData(e),
      appendLog: async (line) => void (await job.log(line)),
      async delay(untilMs) {
        await job.moveToDelayed(untilMs, token);
        throw new DelayedError();
      },
      alerts,
      logger,
      childResults: () => job.getChildrenValues(),
      childFailures: () => job.getIgnoredChildrenFailures(),
    });
    try {
      return await definition.handler(ctx, parsed.data);
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      if (shutdown.aborted && token) {
        // The handler stopped because the process is going down, not because the work failed:
        // give the job back without spending an attempt; its checkpoint is already saved.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      throw error;
    }
  };
}

// Settings of the job platform: per-queue concurrency and rate limits, locks and stalled checks,
// schedules. Every field has a default; a JSON file (`worker --config`) overrides what differs.

import { readFileSync } from 'node:fs';
import { SetupError } from '../platform/setup-error.ts';
import { z } from 'zod';
import { QUEUE_NAMES, type QueueName } from './job-definition.ts';
import type { QueueWorkerOptions } from './workers.ts';

const queueSchema = z.strictObject({
  concurrency: z.number().int().positive(),
  globalConcurrency: z.number().int().positive().optional(),
  rateLimit: z.strictObject({ max: z.number().int().positive(), durationMs: z.number().int().positive() }).optional(),
});

export const DEFAULT_QUEUES: Readonly<Record<QueueName, QueueWorkerOptions>> = {
  // The legacy Oracle pools are small and shared with the legacy applications: few calls at once,
  // whatever the number of worker processes.
  sys97: { concurrency: 2, globalConcurrency: 4 },
  // One billing cycle streams whole interface tables; two at once only compete for the same pool.
  billing: { concurrency: 1, globalConcurrency: 1 },
  cs1000: { concurrency: 2, globalConcurrency: 4 },
  hub: { concurrency: 4 },
};

const jobsConfigSchema = z.strictObject({
  queues: z.partialRecord(z.enum(QUEUE_NAMES), queueSchema).default({}),
  /** Lock of a queue with no registered job; jobs declare their own (see StartWorkersOptions). */
  lockDurationMs: z.number().int().positive().default(60_000),
  stalledIntervalMs: z.number().int().positive().default(30_000),
  /** Two stalls tolerated: a hub killed twice during one full sync still finishes it. */
  maxStalledCount: z.number().int().nonnegative().default(2),
  shutdownTimeoutMs: z.number().int().positive().default(20_000),
  /** Schedule name → cron (or `off`), over DEFAULT_SCHEDULES. */
  schedules: z.record(z.string(), z.string().min(1)).default({}),
});

export interface JobsConfig {
  queues: Record<QueueName, QueueWorkerOptions>;
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  shutdownTimeoutMs: number;
  schedules: Record<string, string>;
}

export function parseJobsConfig(input: unknown = {}): JobsConfig {
  const parsed = jobsConfigSchema.safeParse(input);
  if (!parsed.success) throw new Error(`invalid jobs configuration: ${z.prettifyError(parsed.error)}`);
  const { queues, ...rest } = parsed.data;
  return { ...rest, queues: { ...DEFAULT_QUEUES, ...queues } };
}

/** The settings of HUB_JOBS_CONFIG (or the defaults when unset), with one clear message on error. */
export function loadJobsConfig(file: string | undefined): JobsConfig {
  if (file === undefined) return parseJobsConfig({});
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SetupError(`HUB_JOBS_CONFIG=${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    return parseJobsConfig(json);
  } catch (error) {
    throw new SetupError(`HUB_JOBS_CONFIG=${file}: ${(error as Error).message}`);
  }
}

// A job is declared as data: which queue runs it, what its input looks like, which business key
// makes two submissions "the same job", how it retries, and how long one run may hold its lock.
// The drivers (BullMQ, inline) read these declarations; handlers never touch a queue themselves.

import type { z } from 'zod';
import type { JobContext } from './job-context.ts';

/**
 * One queue per legacy system, so that each system gets its own concurrency and rate limit
 * (open-source BullMQ has no per-group limits), plus `hub` for the hub's own work.
 */
export const QUEUE_NAMES = ['sys97', 'billing', 'cs1000', 'hub'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface RetryPolicy {
  /** Runs in total, the first included. */
  attempts: number;
  backoff: { type: 'fixed' | 'exponential'; delayMs: number };
}

export interface JobDefinition<TData = unknown, TResult = unknown, TCheckpoint = unknown, TStep = unknown> {
  /** `<system>.<what>`, e.g. `sys97.incremental`; also the BullMQ job name. */
  name: string;
  queue: QueueName;
  /** Input check at submission and again when a worker picks the job up (data outlives deploys). */
  schema: z.ZodType<TData>;
  /** The business key: a second submission with the same key while one is pending is the same job. */
  idempotencyKey(data: TData): string;
  retry: RetryPolicy;
  /** Above the longest legacy call a run may make between two awaits; the worker's lock lasts this long. */
  lockDurationMs: number;
  handler(ctx: JobContext<TCheckpoint, TStep>, data: TData): Promise<TResult>;
}

// The registry holds definitions of every shape; the handler and schema agree by construction.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any, any, any, any>;

/** Identity with inference: `defineJob({ schema: z.object(…), handler: async (ctx, data) => … })`. */
export function defineJob<TData, TResult, TCheckpoint = unknown, TStep = unknown>(
  definition: JobDefinition<TData, TResult, TCheckpoint, TStep>,
): JobDefinition<TData, TResult, TCheckpoint, TStep> {
  return definition;
}

const NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

export class JobRegistry {
  private readonly definitions = new Map<string, AnyJobDefinition>();

  constructor(definitions: readonly AnyJobDefinition[] = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: AnyJobDefinition): void {
    if (!NAME.test(definition.name)) {
      throw new Error(`job name "${definition.name}" must look like <system>.<what> (lower case, dots)`);
    }
    if (this.definitions.has(definition.name)) throw new Error(`job "${definition.name}" is already registered`);
    if (!(QUEUE_NAMES as readonly string[]).includes(definition.queue)) {
      throw new Error(`job "${definition.name}": unknown queue "${definition.queue}" (one of ${QUEUE_NAMES.join(', ')})`);
    }
    if (!Number.isInteger(definition.retry.attempts) || definition.retry.attempts < 1) {
      throw new Error(`job "${definition.name}": retry.attempts must be a positive integer`);
    }
    if (!(definition.lockDurationMs > 0)) throw new Error(`job "${definition.name}": lockDurationMs must be positive`);
    this.definitions.set(definition.name, definition);
  }

  get(name: string): AnyJobDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new UnknownJobError(name, this.names());
    return definition;
  }

  has(name: string): boolean {
    return this.definitions.has(name);
  }

  names(): string[] {
    return [...this.definitions.keys()].sort();
  }

  onQueue(queue: QueueName): AnyJobDefinition[] {
    return [...this.definitions.values()].filter((d) => d.queue === queue);
  }

  /** Validated input and its business key; throws InvalidJobDataError naming the job. */
  prepare(name: string, data: unknown): { definition: AnyJobDefinition; data: unknown; key: string } {
    const definition = this.get(name);
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) throw new InvalidJobDataError(name, parsed.error.message);
    const key = definition.idempotencyKey(parsed.data);
    if (key === '' || key.includes(':')) {
      // BullMQ refuses ':' in ids it stores as keys; an empty key would merge unrelated jobs.
      throw new InvalidJobDataError(name, `idempotency key "${key}" must be non-empty and contain no ':'`);
    }
    return { definition, data: parsed.data, key };
  }
}

export class UnknownJobError extends Error {
  override readonly name = 'UnknownJobError';
  constructor(job: string, known: readonly string[]) {
    super(`no job named "${job}" is registered (known: ${known.join(', ') || 'none'})`);
  }
}

export class InvalidJobDataError extends Error {
  override readonly name = 'InvalidJobDataError';
  constructor(job: string, detail: string) {
    super(`invalid data for job "${job}": ${detail}`);
  }
}

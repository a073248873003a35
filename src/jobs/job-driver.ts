// The port through which the rest of the hub starts jobs: the API ("resync this customer now"), the
// sync handlers fanning out per changed VIP, tests. Two drivers implement it: BullMQ (Redis, shared by
// every worker process) and inline (in-process, for unit tests of handlers).

import type { QueueName } from './job-definition.ts';

export interface SubmittedJob<TResult = unknown> {
  id: string;
  name: string;
  queue: QueueName;
  /** The business key (the job's `idempotencyKey`). */
  key: string;
  /** True when a pending job with the same key already existed and this submission joined it. */
  deduplicated: boolean;
  /** Settles when the job completes (its result) or fails for good (its error). */
  finished(): Promise<TResult>;
}

export interface SubmitOptions {
  delayMs?: number;
}

export interface JobRequest {
  name: string;
  data: unknown;
}

/**
 * What happens to the parent when a child fails for good:
 * - `fail-parent`: the parent fails at once (BullMQ `failParentOnFailure`); nothing the parent would
 *   commit (a sync cursor, a cycle switch) is committed, and the next run redoes the work.
 * - `continue-parent`: the failure is recorded and the parent runs when the other children are done
 *   (BullMQ `ignoreDependencyOnFailure`); it reads `ctx.childFailures()` and decides.
 * There is no third way: BullMQ's default leaves the parent in `waiting-children` for ever.
 */
export type ChildFailurePolicy = 'fail-parent' | 'continue-parent';

export interface FanOutRequest {
  parent: JobRequest;
  children: readonly JobRequest[];
  onChildFailure: ChildFailurePolicy;
}

export interface FanOutResult<TResult = unknown> {
  parent: SubmittedJob<TResult>;
  childIds: string[];
}

export interface JobDriver {
  submit<TResult = unknown>(name: string, data: unknown, options?: SubmitOptions): Promise<SubmittedJob<TResult>>;
  /** Children run (on their own queues) first; the parent runs when they are done. */
  fanOut<TResult = unknown>(request: FanOutRequest): Promise<FanOutResult<TResult>>;
  close(): Promise<void>;
}

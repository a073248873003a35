// The JobDriver over BullMQ: one Queue per legacy system (+ hub), a FlowProducer for fan-outs.
//
// Deduplication: a job's business key is its BullMQ deduplication id (simple mode), and its job id
// is `<name>|<key>|<unique>`. BullMQ keeps a deduplication id while the job is waiting, delayed,
// active or retrying, and frees it when the job completes or fails for good — exactly "the same
// business job twice while one is pending is one job". Using the key itself as the job id would
// dedup too, but a finished job would then block the same business job for ever (a second full
// resync next week silently ignored) until someone removed it.

import { randomUUID } from 'node:crypto';
import { FlowProducer, Job, Queue, type ConnectionOptions, type FlowJobNode, type JobsOptions } from 'bullmq';
import { envelopeOf } from './job-context.ts';
import { QUEUE_NAMES, type AnyJobDefinition, type JobRegistry, type QueueName } from './job-definition.ts';
import type {
  FanOutRequest,
  FanOutResult,
  JobDriver,
  SubmitOptions,
  SubmittedJob,
} from './job-driver.ts';

export interface RedisConnection {
  url: string;
  /** Key prefix of every queue (BullMQ default `bull`); tests and shared Redis servers set their own. */
  prefix?: string;
}

export function bullConnection(connection: RedisConnection): ConnectionOptions {
  // Workers and queues must keep retrying while Redis restarts, not fail the commands under way.
  return { url: connection.url, maxRetriesPerRequest: null };
}

export function jobOptionsOf(definition: AnyJobDefinition): JobsOptions {
  return {
    attempts: definition.retry.attempts,
    backoff: { type: definition.retry.backoff.type, delay: definition.retry.backoff.delayMs },
    // Finished jobs are history for a person looking at the queue; the store keeps the real record
    // of sync runs. Bounded so Redis does not grow with every 5-minute run.
    removeOnComplete: { count: 1000, age: 7 * 24 * 3600 },
    removeOnFail: { count: 5000, age: 30 * 24 * 3600 },
  };
}

export class BullmqJobDriver implements JobDriver {
  private readonly queues = new Map<QueueName, Queue>();
  private flowProducer: FlowProducer | undefined;
  private closed = false;

  constructor(
    private readonly registry: JobRegistry,
    private readonly connection: RedisConnection,
  ) {}

  queue(name: QueueName): Queue {
    if (this.closed) throw new Error('job driver is closed');
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: bullConnection(this.connection), prefix: this.connection.prefix });
      queue.on('error', () => undefined); // reconnects on its own; the failing command reports the cause
      this.queues.set(name, queue);
    }
    return queue;
  }

  async submit<TResult>(name: string, data: unknown, options: SubmitOptions = {}): Promise<SubmittedJob<TResult>> {
    const { definition, data: input, key } = this.registry.prepare(name, data);
    const queue = this.queue(definition.queue);
    const id = `${name}|${key}|${randomUUID()}`;
    const job = await queue.add(name, envelopeOf(input), {
      ...jobOptionsOf(definition),
      jobId: id,
      delay: options.delayMs,
      deduplication: { id: `${name}|${key}` },
    });
    return this.handle<TResult>(definition, key, job.id ?? id, job.id !== id);
  }

  async fanOut<TResult>(request: FanOutRequest): Promise<FanOutResult<TResult>> {
    const parent = this.registry.prepare(request.parent.name, request.parent.data);
    const parentId = `${parent.definition.name}|${parent.key}|${randomUUID()}`;
    const seen = new Set<string>();
    const children: FlowJobNode[] = [];
    for (const child of request.children) {
      const prepared = this.registry.prepare(child.name, child.data);
      // Children are keyed under their parent: the same VIP twice in one fan-out is one child, and a
      // child never joins an unrelated pending job (its parent would then wait on a stranger).
      const childKey = `${prepared.definition.name}|${prepared.key}`;
      if (seen.has(childKey)) continue;
      seen.add(childKey);
      children.push({
        name: prepared.definition.name,
        queueName: prepared.definition.queue,
        data: envelopeOf(prepared.data),
        prefix: this.connection.prefix,
        opts: {
          ...jobOptionsOf(prepared.definition),
          jobId: `${childKey}|of|${parentId}`,
          ...(request.onChildFailure === 'fail-parent'
            ? { failParentOnFailure: true }
            : { ignoreDependencyOnFailure: true }),
        },
      });
    }
    const node = await this.flows().add({
      name: parent.definition.name,
      queueName: parent.definition.queue,
      data: envelopeOf(parent.data),
      prefix: this.connection.prefix,
      opts: { ...jobOptionsOf(parent.definition), jobId: parentId },
      children,
    });
    return {
      parent: this.handle<TResult>(parent.definition, parent.key, node.job.id ?? parentId, false),
      childIds: (node.children ?? []).map((c) => c.job.id ?? ''),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.flowProducer?.close();
  }

  /** Every queue of the hub, created if need be (schedules and workers need all of them). */
  allQueues(): Map<QueueName, Queue> {
    for (const name of QUEUE_NAMES) this.queue(name);
    return this.queues;
  }

  private flows(): FlowProducer {
    this.flowProducer ??= new FlowProducer({ connection: bullConnection(this.connection), prefix: this.connection.prefix });
    return this.flowProducer;
  }

  private handle<TResult>(definition: AnyJobDefinition, key: string, id: string, deduplicated: boolean): SubmittedJob<TResult> {
    const queue = this.queue(definition.queue);
    return {
      id,
      name: definition.name,
      queue: definition.queue,
      key,
      deduplicated,
      finished: () => waitFinished<TResult>(queue, id),
    };
  }
}

export class JobFailedError extends Error {
  override readonly name = 'JobFailedError';
  constructor(
    readonly jobId: string,
    readonly reason: string,
  ) {
    super(`job ${jobId} failed: ${reason}`);
  }
}

/**
 * Polls the job's state. Polling rather than QueueEvents: no extra blocking connection per caller,
 * and no window in which the job finishes between reading its state and subscribing.
 */
async function waitFinished<TResult>(queue: Queue, id: string, everyMs = 100): Promise<TResult> {
  for (;;) {
    // State first, then the job: read the other way round, a job completing in between would show
    // a completed state with the result of the run still under way (null).
    const state = await queue.getJobState(id);
    if (state === 'completed' || state === 'failed') {
      const job = await Job.fromId(queue, id);
      if (!job) break;
      if (state === 'completed') return job.returnvalue as TResult;
      throw new JobFailedError(id, job.failedReason);
    }
    if (state === 'unknown') break;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new JobFailedError(id, 'the job no longer exists (removed)');
}

// The JobDriver for unit tests of handlers: no Redis, the handler runs in this process as soon as the
// job is submitted, with the same JobContext semantics as under BullMQ — the envelope is the job's
// data, `pollLater` re-enters the handler after a timer with `ctx.step` set, retries follow the
// definition's policy, a pending job with the same business key is joined, fan-out children run
// before their parent with the same failure policies.

import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { AlertSink } from './alerts.ts';
import { createJobContext, envelopeOf, type JobEnvelope } from './job-context.ts';
import type { AnyJobDefinition, JobRegistry } from './job-definition.ts';
import type { FanOutRequest, FanOutResult, JobDriver, SubmitOptions, SubmittedJob } from './job-driver.ts';

export interface InlineJobRecord {
  id: string;
  name: string;
  key: string;
  state: 'active' | 'delayed' | 'completed' | 'failed';
  envelope: JobEnvelope;
  logs: string[];
  /** Handler entries: first run, poll re-entries and retries. */
  runs: number;
  result?: unknown;
  error?: Error;
}

export interface InlineDriverOptions {
  alerts: AlertSink;
  logger?: Logger;
}

class PollRequested {
  constructor(readonly untilMs: number) {}
}

type ParentLink = { results: Record<string, unknown>; failures: Record<string, string> };

export class InlineJobDriver implements JobDriver {
  readonly jobs = new Map<string, InlineJobRecord>();
  private readonly pending = new Map<string, SubmittedJob>();
  private readonly shutdown = new AbortController();
  private sequence = 0;

  constructor(
    private readonly registry: JobRegistry,
    private readonly options: InlineDriverOptions,
  ) {}

  async submit<TResult>(name: string, data: unknown, options: SubmitOptions = {}): Promise<SubmittedJob<TResult>> {
    const prepared = this.registry.prepare(name, data);
    const dedupKey = `${name}|${prepared.key}`;
    const existing = this.pending.get(dedupKey);
    if (existing) return { ...(existing as SubmittedJob<TResult>), deduplicated: true };
    const submitted = this.start<TResult>(prepared.definition, prepared.key, prepared.data, options.delayMs ?? 0);
    this.pending.set(dedupKey, submitted);
    void submitted.finished().then(
      () => this.pending.delete(dedupKey),
      () => this.pending.delete(dedupKey),
    );
    return submitted;
  }

  async fanOut<TResult>(request: FanOutRequest): Promise<FanOutResult<TResult>> {
    const parent = this.registry.prepare(request.parent.name, request.parent.data);
    const link: ParentLink = { results: {}, failures: {} };
    const seen = new Set<string>();
    const children: SubmittedJob[] = [];
    for (const child of request.children) {
      const prepared = this.registry.prepare(child.name, child.data);
      const childKey = `${prepared.definition.name}|${prepared.key}`;
      if (seen.has(childKey)) continue;
      seen.add(childKey);
      children.push(this.start(prepared.definition, prepared.key, prepared.data, 0));
    }
    const outcomes = Promise.allSettled(
      children.map(async (child) => {
        try {
          link.results[child.id] = await child.finished();
        } catch (error) {
          link.failures[child.id] = error instanceof Error ? error.message : String(error);
          throw error;
        }
      }),
    );
    const parentId = this.nextId(parent.definition.name, parent.key);
    const run = (async () => {
      const settled = await outcomes;
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed && request.onChildFailure === 'fail-parent') {
        const error = new Error(`child failed: ${Object.values(link.failures)[0] ?? 'unknown'}`);
        this.jobs.set(parentId, this.record(parentId, parent.definition, parent.key, parent.data, 'failed', error));
        throw error;
      }
      return this.execute<TResult>(parentId, parent.definition, parent.key, parent.data, 0, link);
    })();
    run.catch(() => undefined);
    return {
      parent: this.handle(parentId, parent.definition, parent.key, run),
      childIds: children.map((c) => c.id),
    };
  }

  async close(): Promise<void> {
    this.shutdown.abort(new Error('inline driver closed'));
  }

  private start<TResult>(definition: AnyJobDefinition, key: string, input: unknown, delayMs: number): SubmittedJob<TResult> {
    const id = this.nextId(definition.name, key);
    const run = this.execute<TResult>(id, definition, key, input, delayMs, undefined);
    run.catch(() => undefined);
    return this.handle(id, definition, key, run);
  }

  private handle<TResult>(id: string, definition: AnyJobDefinition, key: string, run: Promise<TResult>): SubmittedJob<TResult> {
    return { id, name: definition.name, queue: definition.queue, key, deduplicated: false, finished: () => run };
  }

  private nextId(name: string, key: string): string {
    this.sequence += 1;
    return `${name}|${key}|${this.sequence}`;
  }

  private record(
    id: string,
    definition: AnyJobDefinition,
    key: string,
    input: unknown,
    state: InlineJobRecord['state'],
    error?: Error,
  ): InlineJobRecord {
    return { id, name: definition.name, key, state, envelope: envelopeOf(input), logs: [], runs: 0, error };
  }

  private async execute<TResult>(
    id: string,
    definition: AnyJobDefinition,
    key: string,
    input: unknown,
    delayMs: number,
    link: ParentLink | undefined,
  ): Promise<TResult> {
    const record = this.record(id, definition, key, input, 'delayed');
    this.jobs.set(id, record);
    let untilMs = Date.now() + delayMs;
    let attempt = 1;
    for (;;) {
      await this.sleepUntil(untilMs);
      record.state = 'active';
      record.runs += 1;
      // A run sees the envelope as persisted, as a BullMQ worker reading job.data would.
      const envelope: JobEnvelope = structuredClone(record.envelope);
      const ctx = createJobContext({
        jobId: id,
        name: definition.name,
        attempt,
        signal: this.shutdown.signal,
        envelope,
        persist: async (e) => void (record.envelope = structuredClone(e)),
        appendLog: async (line) => void record.logs.push(line),
        delay: async (until) => {
          throw new PollRequested(until);
        },
        alerts: this.options.alerts,
        logger: this.options.logger,
        childResults: async () => ({ ...link?.results }),
        childFailures: async () => ({ ...link?.failures }),
      });
      try {
        const result = (await definition.handler(ctx, structuredClone(input))) as TResult;
        Object.assign(record, { state: 'completed', result });
        return result;
      } catch (error) {
        if (error instanceof PollRequested) {
          record.state = 'delayed';
          untilMs = error.untilMs;
          continue;
        }
        const failure = error instanceof Error ? error : new Error(String(error));
        const unrecoverable = failure instanceof UnrecoverableError || failure.name === 'UnrecoverableError';
        if (unrecoverable || attempt >= definition.retry.attempts || this.shutdown.signal.aborted) {
          Object.assign(record, { state: 'failed', error: failure });
          throw failure;
        }
        const { type, delayMs: base } = definition.retry.backoff;
        untilMs = Date.now() + (type === 'fixed' ? base : base * 2 ** (attempt - 1));
        attempt += 1;
        record.state = 'delayed';
      }
    }
  }

  private sleepUntil(untilMs: number): Promise<void> {
    const ms = untilMs - Date.now();
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const signal = this.shutdown.signal;
      if (signal.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

// Per legacy system one policy: retry (reads only, transient only) → circuit breaker → bulkhead
// (a concurrency cap that is never exceeded, with a bounded queue) → timeout → the call.
// Built from cockatiel's policies; what cockatiel leaves open is decided here:
// - The bulkhead slot is held until the call really settles, not until its timeout fires: a
//   timed-out call still occupies a legacy session until the transport has cancelled it (the
//   transports honour the abort signal by breaking/destroying the connection). The caller gets
//   its LegacyTimeoutError at the deadline all the same.
// - Only transient legacy failures count toward the breaker; "bulkhead full" and "breaker open"
//   are our own refusals, and permanent errors say nothing about the system's health.

import {
  BrokenCircuitError, BulkheadRejectedError, bulkhead, CircuitState, circuitBreaker, ConsecutiveBreaker,
  ExponentialBackoff, handleWhen, retry, SamplingBreaker, TaskCancelledError, timeout, TimeoutStrategy, type BulkheadPolicy,
  type CircuitBreakerPolicy, type IBreaker, type RetryPolicy, type TimeoutPolicy,
} from 'cockatiel';
import { classify, LegacyError, LegacyTimeoutError, LegacyUnavailableError } from './errors.ts';

export type CallKind = 'read' | 'write';

export type BreakerConfig =
  | { kind: 'consecutive'; failures: number; halfOpenAfterMs: number }
  | { kind: 'sampling'; threshold: number; durationMs: number; minimumRps?: number; halfOpenAfterMs: number };

export interface LegacyPolicyConfig {
  /** Bound of one attempt, queue wait excluded. */
  timeoutMs: number;
  /** Concurrent calls toward the system: never exceeded. Keep it ≤ the transport's pool size. */
  concurrency: number;
  /** Calls that may wait for a slot; beyond that, LegacyUnavailableError('bulkhead-full'). */
  queue: number;
  breaker: BreakerConfig;
  /** Retries of a read after a transient failure (writes are never retried). */
  retries: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_POLICY: LegacyPolicyConfig = {
  timeoutMs: 30_000,
  concurrency: 4,
  queue: 100,
  breaker: { kind: 'consecutive', failures: 5, halfOpenAfterMs: 30_000 },
  retries: 3,
  initialDelayMs: 200,
  maxDelayMs: 10_000,
};

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export type LegacyPolicyEvent =
  | { type: 'call'; system: string; kind: CallKind; outcome: 'success' | 'failure'; durationMs: number; error?: LegacyError }
  | { type: 'retry'; system: string; attempt: number; delayMs: number; error: unknown }
  | { type: 'breaker'; system: string; state: BreakerState }
  | { type: 'timeout'; system: string }
  | { type: 'rejected'; system: string; reason: 'bulkhead-full' | 'breaker-open' };

export interface PolicyStats {
  inFlight: number;
  maxInFlight: number;
  queued: number;
  breaker: BreakerState;
}

export interface PolicyContext {
  /** Aborted at the attempt's deadline or when the caller aborts: pass it to the transport. */
  signal: AbortSignal;
  /** 0 for the first attempt. */
  attempt: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  pointId?: string;
}

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

const isSystemFailure = (err: unknown) => err instanceof LegacyError && err.kind === 'transient' && !(err instanceof LegacyUnavailableError);

class SystemPolicy {
  inFlight = 0;
  maxInFlight = 0;
  readonly bulkhead: BulkheadPolicy;
  readonly breaker: CircuitBreakerPolicy;
  readonly retry: RetryPolicy;
  readonly timeout: TimeoutPolicy;

  constructor(readonly system: string, readonly config: LegacyPolicyConfig, private readonly emit: (e: LegacyPolicyEvent) => void) {
    this.bulkhead = bulkhead(config.concurrency, config.queue);
    const b = config.breaker;
    const breaker: IBreaker = b.kind === 'consecutive'
      ? new ConsecutiveBreaker(b.failures)
      : new SamplingBreaker({ threshold: b.threshold, duration: b.durationMs, minimumRps: b.minimumRps });
    this.breaker = circuitBreaker(handleWhen(isSystemFailure), { halfOpenAfter: b.halfOpenAfterMs, breaker });
    // Decorrelated jitter (cockatiel's default generator) spreads retries of many jobs apart.
    this.retry = retry(handleWhen((err) => isSystemFailure(err)), {
      maxAttempts: config.retries,
      backoff: new ExponentialBackoff({ initialDelay: config.initialDelayMs, maxDelay: config.maxDelayMs }),
    });
    this.timeout = timeout(config.timeoutMs, TimeoutStrategy.Cooperative);
    this.breaker.onStateChange((s) => emit({ type: 'breaker', system, state: STATE_NAMES[s] }));
    this.retry.onRetry((r) => emit({ type: 'retry', system, attempt: r.attempt, delayMs: r.delay, error: 'error' in r ? r.error : undefined }));
    this.timeout.onTimeout(() => emit({ type: 'timeout', system }));
  }

  stats(): PolicyStats {
    return {
      inFlight: this.inFlight,
      maxInFlight: this.maxInFlight,
      queued: this.config.queue - this.bulkhead.queueSlots,
      breaker: STATE_NAMES[this.breaker.state],
    };
  }

  async run<T>(kind: CallKind, fn: (ctx: PolicyContext) => Promise<T>, opts: CallOptions): Promise<T> {
    const ctx = { system: this.system, pointId: opts.pointId };
    const started = performance.now();
    const throughBreaker = (attempt: number) =>
      this.breaker.execute(() => this.attempt(fn, attempt, opts), opts.signal).catch((err: unknown) => {
        if (err instanceof BrokenCircuitError) {
          this.emit({ type: 'rejected', system: this.system, reason: 'breaker-open' });
          throw new LegacyUnavailableError(`${this.system}: circuit open, call refused`, { ...ctx, reason: 'breaker-open', cause: err });
        }
        throw classify(err, ctx);
      });
    try {
      const value = kind === 'read'
        ? await this.retry.execute(({ attempt }) => throughBreaker(attempt), opts.signal)
        : await throughBreaker(0);
      this.emit({ type: 'call', system: this.system, kind, outcome: 'success', durationMs: performance.now() - started });
      return value;
    } catch (err) {
      const error = classify(err, ctx);
      this.emit({ type: 'call', system: this.system, kind, outcome: 'failure', durationMs: performance.now() - started, error });
      throw error;
    }
  }

  /**
   * A streamed read (a whole interface table) holds one slot from its first batch to its last: the
   * cap and an open breaker apply; the per-call timeout and retries do not, since a billing cycle's
   * table reads for minutes and a retry would hand the consumer rows twice. The transport bounds
   * each batch on its own.
   */
  async *stream<T>(fn: (signal: AbortSignal) => AsyncIterable<T>, opts: CallOptions): AsyncGenerator<T> {
    const ctx = { system: this.system, pointId: opts.pointId };
    if (this.breaker.state === CircuitState.Open || this.breaker.state === CircuitState.Isolated) {
      this.emit({ type: 'rejected', system: this.system, reason: 'breaker-open' });
      throw new LegacyUnavailableError(`${this.system}: circuit open, stream refused`, { ...ctx, reason: 'breaker-open' });
    }
    let release: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (release = resolve));
    const slot = new Promise<AbortSignal>((resolve, reject) => {
      this.bulkhead
        .execute(async ({ signal }) => {
          this.inFlight += 1;
          this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
          resolve(signal);
          try {
            await finished;
          } finally {
            this.inFlight -= 1;
          }
        }, opts.signal)
        .catch((err: unknown) => {
          if (err instanceof BulkheadRejectedError) {
            this.emit({ type: 'rejected', system: this.system, reason: 'bulkhead-full' });
            reject(new LegacyUnavailableError(`${this.system}: no slot for a stream`, { ...ctx, reason: 'bulkhead-full', cause: err }));
          } else reject(classify(err, ctx));
        });
    });
    const started = performance.now();
    try {
      const signal = await slot;
      for await (const item of fn(signal)) yield item;
      this.emit({ type: 'call', system: this.system, kind: 'read', outcome: 'success', durationMs: performance.now() - started });
    } catch (err) {
      const error = classify(err, ctx);
      this.emit({ type: 'call', system: this.system, kind: 'read', outcome: 'failure', durationMs: performance.now() - started, error });
      throw error;
    } finally {
      release();
    }
  }

  /** One attempt: waits for a slot, holds it until `fn` settles, answers by the deadline. */
  private attempt<T>(fn: (ctx: PolicyContext) => Promise<T>, attempt: number, opts: CallOptions): Promise<T> {
    const ctx = { system: this.system, pointId: opts.pointId };
    return new Promise<T>((resolve, reject) => {
      const held = this.bulkhead.execute(({ signal: outer }) =>
        this.timeout.execute(async ({ signal }) => {
          this.inFlight += 1;
          this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
          // The deadline answers the caller now; the slot is freed only when `fn` settles.
          const onDeadline = () => {
            if (!opts.signal?.aborted) {
              reject(new LegacyTimeoutError(`${this.system}: no answer within ${this.config.timeoutMs} ms`, { ...ctx, code: 'POLICY-TIMEOUT' }));
            }
          };
          signal.addEventListener('abort', onDeadline, { once: true });
          try {
            return await fn({ signal, attempt });
          } finally {
            signal.removeEventListener('abort', onDeadline);
            this.inFlight -= 1;
          }
        }, outer), opts.signal);
      held.then(resolve, (err: unknown) => {
        if (err instanceof BulkheadRejectedError) {
          this.emit({ type: 'rejected', system: this.system, reason: 'bulkhead-full' });
          reject(new LegacyUnavailableError(`${this.system}: ${this.config.concurrency} calls running and ${this.config.queue} queued`, { ...ctx, reason: 'bulkhead-full', cause: err }));
        } else if (err instanceof TaskCancelledError) {
          // The caller's signal aborted while queued or running.
          reject(new LegacyTimeoutError(`${this.system}: call aborted by the caller`, { ...ctx, code: 'ABORTED', cause: err }));
        } else {
          reject(classify(err, ctx));
        }
      });
    });
  }
}

/** The resilience layer of the hub: one SystemPolicy per declared legacy system. */
export class LegacyResilience {
  private readonly policies = new Map<string, SystemPolicy>();
  private readonly listeners = new Set<(e: LegacyPolicyEvent) => void>();

  constructor(systems: Record<string, Partial<LegacyPolicyConfig>>, defaults: LegacyPolicyConfig = DEFAULT_POLICY) {
    for (const [system, partial] of Object.entries(systems)) {
      const config = { ...defaults, ...partial };
      if (!Number.isInteger(config.concurrency) || config.concurrency < 1) throw new TypeError(`${system}: concurrency must be ≥ 1`);
      this.policies.set(system, new SystemPolicy(system, config, (e) => this.emit(e)));
    }
  }

  /**
   * Runs `fn` under the system's policy. Reads are retried on transient failures; writes are
   * attempted once (a write that timed out may have been applied: the job layer decides).
   */
  withLegacyPolicy<T>(system: string, kind: CallKind, fn: (ctx: PolicyContext) => Promise<T>, opts: CallOptions = {}): Promise<T> {
    return this.policy(system).run(kind, fn, opts);
  }

  /** See SystemPolicy.stream: one slot held for a whole streamed read. */
  stream<T>(system: string, fn: (signal: AbortSignal) => AsyncIterable<T>, opts: CallOptions = {}): AsyncIterable<T> {
    return this.policy(system).stream(fn, opts);
  }

  stats(system: string): PolicyStats {
    return this.policy(system).stats();
  }

  /** Subscribes to policy events (for metrics); returns the unsubscribe function. */
  onEvent(listener: (e: LegacyPolicyEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: LegacyPolicyEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A failing metrics listener must not change the outcome of a legacy call.
      }
    }
  }

  private policy(system: string): SystemPolicy {
    const p = this.policies.get(system);
    if (!p) throw new TypeError(`no resilience policy for legacy system ${JSON.stringify(system)}`);
    return p;
  }
}

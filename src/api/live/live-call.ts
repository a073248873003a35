// One live look-up as every live route makes it: through the short-lived cache, under an overall
// deadline, and with the legacy failure turned into a decision the route can act on (answer from the
// view, marked stale, or 503 with Retry-After) instead of an exception. The port calls already run
// under the system's bulkhead, breaker and timeout (adapters/transport/resilience.ts); the deadline
// here bounds what those add up to (queue wait, retries with backoff), so a request never hangs
// whatever the policy's own settings are.

import { LegacyError, LegacyTimeoutError, LegacyUnavailableError } from '../../../adapters/transport/errors.ts';
import type { LegacySystems } from '../../legacy/legacy-systems.ts';
import type { Queryable } from '../../store/database.ts';
import { ApiProblem, type RouteContext } from '../platform/index.ts';
import { LiveCache } from './live-cache.ts';

export interface LiveDeps {
  db: Queryable;
  legacy: Pick<LegacySystems, 'sys97' | 'billing'>;
  /** The clock that decides overdue steps and default cycles; tests fix it. */
  now?: () => Date;
  /** How long a legacy answer is served again (default 30 s; 0 turns the cache off). */
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  /** Overall bound of one request's legacy call, queue and retries included (default 5 s). */
  deadlineMs?: number;
  /** Retry-After while the breaker is open: its half-open delay (default 30 s, the policy default). */
  breakerRetryAfterSeconds?: number;
  /** The cache's clock (epoch ms); tests move it to expire entries. */
  clock?: () => number;
}

export type DownReason = 'breaker-open' | 'bulkhead-full' | 'timeout' | 'deadline' | 'transient' | 'permanent';

export interface LegacyDown {
  reason: DownReason;
  retryAfterSeconds: number;
  error: unknown;
}

export type LiveOutcome<T> =
  | { ok: true; value: T; storedAt: number; hit: boolean }
  | { ok: false; down: LegacyDown };

/** What every live answer says about where its data came from. */
export interface LiveMeta {
  stale: boolean;
  dataSource: 'legacy' | 'view';
  cacheHit: boolean;
  asOf: string | null;
  rejectedRows: number;
}

class DeadlineExceeded extends Error {
  constructor(ms: number) {
    super(`no legacy answer within the request deadline of ${ms} ms`);
    this.name = 'DeadlineExceeded';
  }
}

// A timeout, a full bulkhead or a transient error may clear within seconds; an open breaker lets no
// call through before its half-open delay, so asking earlier only earns another refusal.
const SHORT_RETRY_SECONDS = 5;

export class LiveCaller {
  private readonly cache: LiveCache;
  readonly deadlineMs: number;
  private readonly breakerRetryAfterSeconds: number;
  readonly clock: () => number;

  constructor(deps: Pick<LiveDeps, 'cacheTtlMs' | 'cacheMaxEntries' | 'deadlineMs' | 'breakerRetryAfterSeconds' | 'clock'>) {
    this.clock = deps.clock ?? Date.now;
    this.cache = new LiveCache({ ttlMs: deps.cacheTtlMs ?? 30_000, maxEntries: deps.cacheMaxEntries ?? 1000, clock: this.clock });
    this.deadlineMs = deps.deadlineMs ?? 5_000;
    this.breakerRetryAfterSeconds = deps.breakerRetryAfterSeconds ?? 30;
  }

  /** `key` names the legacy call and its arguments: the same key must mean the same question. */
  async call<T>(key: string, load: () => Promise<T>): Promise<LiveOutcome<T>> {
    const flight = this.cache.getOrLoad(key, load);
    // The request may answer at the deadline while the call goes on; its late failure is nobody's.
    flight.catch(() => undefined);
    const signal = AbortSignal.timeout(this.deadlineMs);
    let onAbort: () => void = () => undefined;
    const deadline = new Promise<never>((_, reject) => {
      onAbort = () => reject(new DeadlineExceeded(this.deadlineMs));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const got = await Promise.race([flight, deadline]);
      return { ok: true, ...got };
    } catch (error) {
      const down = this.downOf(error);
      if (!down) throw error;
      return { ok: false, down };
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private downOf(error: unknown): LegacyDown | undefined {
    const short = (reason: DownReason): LegacyDown => ({ reason, retryAfterSeconds: SHORT_RETRY_SECONDS, error });
    if (error instanceof DeadlineExceeded) return short('deadline');
    if (error instanceof LegacyUnavailableError) {
      return error.reason === 'breaker-open' ? { reason: 'breaker-open', retryAfterSeconds: this.breakerRetryAfterSeconds, error } : short('bulkhead-full');
    }
    if (error instanceof LegacyTimeoutError) return short('timeout');
    // A permanent legacy error (a broken procedure, a refused grant) is still the legacy's, not the
    // hub's: the caller gets what the view holds rather than a 500.
    if (error instanceof LegacyError) return short(error.kind);
    return undefined; // a bug of the hub: let it be the 500 it is
  }
}

type AnyCtx = RouteContext<unknown, unknown>;

/** 200 through the platform (fields=, ETag, 304) with the live headers on top. */
export function liveAnswer(ctx: Pick<AnyCtx, 'one'>, body: object, meta: LiveMeta, extra: { ageSeconds?: number; down?: LegacyDown } = {}): Response {
  const response = ctx.one(body as Record<string, unknown>);
  const h = response.headers;
  h.set('x-data-source', meta.dataSource);
  h.set('x-legacy-rows-rejected', String(meta.rejectedRows));
  if (meta.dataSource === 'legacy') {
    h.set('x-cache', meta.cacheHit ? 'hit' : 'miss');
    if (meta.cacheHit) h.set('age', String(Math.max(0, extra.ageSeconds ?? 0)));
  }
  if (meta.stale) {
    h.set('warning', '110 bss-hub "Response is Stale"');
    if (extra.down) h.set('x-legacy-status', extra.down.reason);
  }
  return response;
}

/** Meta of an answer the legacy just gave (or the cache kept). */
export function legacyMeta(caller: LiveCaller, outcome: { storedAt: number; hit: boolean }, rejectedRows: number): { meta: LiveMeta; ageSeconds: number } {
  return {
    meta: { stale: false, dataSource: 'legacy', cacheHit: outcome.hit, asOf: new Date(outcome.storedAt).toISOString(), rejectedRows },
    ageSeconds: Math.floor((caller.clock() - outcome.storedAt) / 1000),
  };
}

/** Meta of an answer from the view while the legacy is down. */
export function viewMeta(asOf: string | null): LiveMeta {
  return { stale: true, dataSource: 'view', cacheHit: false, asOf, rejectedRows: 0 };
}

/** The 503 when the legacy is down and the view cannot answer either. */
export function legacyUnavailable(ctx: Pick<AnyCtx, 'c'>, system: string, down: LegacyDown, what: string): ApiProblem {
  ctx.c.get('logger')?.warn({ system, reason: down.reason, err: down.error }, `live ${what}: legacy down, nothing in the view`);
  return new ApiProblem('unavailable', `The ${system} system cannot answer now (${down.reason}) and the hub's view holds no ${what} to answer from.`, {
    headers: { 'retry-after': String(down.retryAfterSeconds) },
  });
}

export function logStale(ctx: Pick<AnyCtx, 'c'>, system: string, down: LegacyDown, what: string): void {
  ctx.c.get('logger')?.warn({ system, reason: down.reason, err: down.error }, `live ${what}: legacy down, answered from the view`);
}

// The hub's Prometheus metrics, in one registry of its own (not prom-client's global one, so tests and
// a second hub in the same process never share counters). Two kinds of source:
// - events, counted as they happen: HTTP requests (request-observer.ts) and legacy calls
//   (LegacyResilience.onEvent);
// - state, read at scrape time: breakers and in-flight calls, BullMQ queue depths, sync lag,
//   quarantine and billing cycles. A state source that does not answer within SOURCE_TIMEOUT_MS is
//   left out of that scrape and hub_metrics_source_up{source} says so: a scrape never hangs on a
//   stopped Redis or a store busy with a billing cycle.

import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LegacyPolicyEvent, LegacyResilience } from '../../adapters/transport/resilience.ts';
import type { Queryable } from '../store/index.ts';

export const SOURCE_TIMEOUT_MS = 2_000;

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

export const BREAKER_VALUE = { closed: 0, 'half-open': 1, open: 2, isolated: 2 } as const;

/** Methods outside this list are counted as OTHER: a client must not mint label values. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const CYCLE_STATES = ['requested', 'ready', 'loading', 'switched', 'failed'] as const;

export interface HubMetricsOptions {
  /** process_* and nodejs_* families (default on). */
  defaultMetrics?: boolean;
  now?: () => Date;
}

interface LegacySource {
  resilience: LegacyResilience;
  systems: readonly string[];
}

export class HubMetrics {
  readonly registry = new Registry();
  private readonly now: () => Date;
  private readonly legacy: LegacySource[] = [];
  private queues: readonly Queue[] = [];
  private store: Queryable | undefined;
  private last: Snapshot | undefined;

  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route'>;
  private readonly legacyCalls: Counter<'system' | 'kind' | 'outcome'>;
  private readonly legacyDuration: Histogram<'system' | 'kind' | 'outcome'>;
  private readonly legacyRetries: Counter<'system'>;
  private readonly legacyTimeouts: Counter<'system'>;
  private readonly legacyRejections: Counter<'system' | 'reason'>;
  private readonly breakerTransitions: Counter<'system' | 'state'>;

  constructor(options: HubMetricsOptions = {}) {
    this.now = options.now ?? (() => new Date());
    const registers = [this.registry];
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });

    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route pattern (not the raw path) and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from the request reaching the hub to its answer being ready, by route pattern.',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.legacyCalls = new Counter({
      name: 'legacy_calls_total',
      help: 'Calls toward a legacy system through its resilience policy (retries included in one call).',
      labelNames: ['system', 'kind', 'outcome'],
      registers,
    });
    // Streamed reads of a whole interface table last minutes, hence the long tail.
    this.legacyDuration = new Histogram({
      name: 'legacy_call_duration_seconds',
      help: 'Duration of a legacy call, queue wait and retries included.',
      labelNames: ['system', 'kind', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
      registers,
    });
    this.legacyRetries = new Counter({ name: 'legacy_retries_total', help: 'Retries of legacy reads after a transient failure.', labelNames: ['system'], registers });
    this.legacyTimeouts = new Counter({ name: 'legacy_timeouts_total', help: 'Legacy attempts cut at the policy deadline.', labelNames: ['system'], registers });
    this.legacyRejections = new Counter({
      name: 'legacy_rejections_total',
      help: 'Legacy calls refused by the hub itself (breaker open, bulkhead full).',
      labelNames: ['system', 'reason'],
      registers,
    });
    this.breakerTransitions = new Counter({
      name: 'legacy_breaker_transitions_total',
      help: 'Circuit breaker state changes, by the state entered.',
      labelNames: ['system', 'state'],
      registers,
    });
    // collect() runs with the gauge as `this`: the hub's sources are reached through these closures.
    const legacy = this.legacy;
    const snapshot = () => this.snapshot();
    const now = () => this.now();
    const watching = () => ({ redis: this.queues.length > 0, store: this.store !== undefined });
    new Gauge({
      name: 'legacy_breaker_state',
      help: 'Circuit breaker of each legacy system: 0 closed, 1 half-open, 2 open.',
      labelNames: ['system'],
      registers,
      collect() {
        this.reset();
        for (const { resilience, systems } of legacy) {
          for (const system of systems) this.set({ system }, BREAKER_VALUE[resilience.stats(system).breaker]);
        }
      },
    });
    new Gauge({
      name: 'legacy_inflight',
      help: 'Calls running toward each legacy system now (never above the policy concurrency).',
      labelNames: ['system'],
      registers,
      collect() {
        this.reset();
        for (const { resilience, systems } of legacy) for (const system of systems) this.set({ system }, resilience.stats(system).inFlight);
      },
    });
    new Gauge({
      name: 'legacy_queued',
      help: 'Calls waiting for a slot toward each legacy system.',
      labelNames: ['system'],
      registers,
      collect() {
        this.reset();
        for (const { resilience, systems } of legacy) for (const system of systems) this.set({ system }, resilience.stats(system).queued);
      },
    });
    new Gauge({
      name: 'bullmq_queue_jobs',
      help: 'Jobs of each BullMQ queue by state, counted at scrape.',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const [queue, byState] of (await snapshot().redis) ?? []) {
          for (const state of QUEUE_STATES) this.set({ queue, state }, byState[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'sync_lag_seconds',
      help: 'Per sync stream: now minus the time its cursor covers (the cursor time, else its last move).',
      labelNames: ['stream'],
      registers,
      async collect() {
        this.reset();
        const at = now().getTime();
        for (const r of (await snapshot().store)?.streams ?? []) {
          this.set({ stream: r.stream }, Math.max(0, (at - cursorTime(r.cursor, r.updated_at).getTime()) / 1000));
        }
      },
    });
    new Gauge({
      name: 'quarantine_open_rows',
      help: 'Quarantined legacy rows not yet replayed or discarded, by interface point.',
      labelNames: ['point'],
      registers,
      async collect() {
        this.reset();
        for (const r of (await snapshot().store)?.quarantine ?? []) this.set({ point: r.point_id }, Number(r.n));
      },
    });
    new Gauge({
      name: 'billing_cycles',
      help: 'Billing cycle loads by state (requested, ready, loading, switched, failed).',
      labelNames: ['state'],
      registers,
      async collect() {
        this.reset();
        const store = await snapshot().store;
        if (!store) return;
        for (const state of CYCLE_STATES) this.set({ state }, 0);
        for (const r of store.cycles) this.set({ state: r.state }, Number(r.n));
      },
    });
    new Gauge({
      name: 'billing_cycle_latest_switched',
      help: 'The newest billing cycle (YYYYMMDD) whose data is in the view; absent when none is.',
      registers,
      async collect() {
        this.reset();
        const latest = (await snapshot().store)?.latestSwitched;
        if (latest !== null && latest !== undefined) this.set(Number(latest));
      },
    });
    new Gauge({
      name: 'hub_metrics_source_up',
      help: `1 when a scrape-time source (redis, store) answered within ${SOURCE_TIMEOUT_MS} ms at this scrape.`,
      labelNames: ['source'],
      registers,
      async collect() {
        this.reset();
        const { redis, store } = snapshot();
        if (watching().redis) this.set({ source: 'redis' }, (await redis) ? 1 : 0);
        if (watching().store) this.set({ source: 'store' }, (await store) ? 1 : 0);
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition of every family. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const m = METHODS.has(method) ? method : 'OTHER';
    this.httpRequests.inc({ method: m, route, status: String(status) });
    this.httpDuration.observe({ method: m, route }, seconds);
  }

  /** Counts the policy's events and reads its state at scrape; answers the unsubscribe function. */
  watchLegacy(resilience: LegacyResilience, systems: readonly string[]): () => void {
    const source = { resilience, systems };
    this.legacy.push(source);
    for (const system of systems) this.legacyCalls.inc({ system, kind: 'read', outcome: 'success' }, 0);
    const unsubscribe = resilience.onEvent((e) => this.onLegacyEvent(e));
    return () => {
      unsubscribe();
      this.legacy.splice(this.legacy.indexOf(source), 1);
    };
  }

  watchQueues(queues: readonly Queue[]): void {
    this.queues = queues;
  }

  watchStore(store: Queryable): void {
    this.store = store;
  }

  private onLegacyEvent(e: LegacyPolicyEvent): void {
    switch (e.type) {
      case 'call':
        this.legacyCalls.inc({ system: e.system, kind: e.kind, outcome: e.outcome });
        this.legacyDuration.observe({ system: e.system, kind: e.kind, outcome: e.outcome }, e.durationMs / 1000);
        break;
      case 'retry':
        this.legacyRetries.inc({ system: e.system });
        break;
      case 'timeout':
        this.legacyTimeouts.inc({ system: e.system });
        break;
      case 'rejected':
        this.legacyRejections.inc({ system: e.system, reason: e.reason });
        break;
      case 'breaker':
        this.breakerTransitions.inc({ system: e.system, state: e.state });
        break;
    }
  }

  /**
   * One read of each scrape-time source per scrape: the gauges of one scrape share it (they are
   * collected in parallel), a second scrape within SNAPSHOT_MS reuses it.
   */
  private snapshot(): Snapshot {
    const at = Date.now();
    if (this.last && at - this.last.at < SNAPSHOT_MS) return this.last;
    const redis = this.queues.length === 0 ? Promise.resolve(undefined) : settle(Promise.all(
      this.queues.map(async (q) => [q.name, await q.getJobCounts(...QUEUE_STATES)] as const),
    ));
    const store = this.store ? settle(readStore(this.store)) : Promise.resolve(undefined);
    this.last = { at, redis, store };
    return this.last;
  }
}

const SNAPSHOT_MS = 1_000;

interface StoreSnapshot {
  streams: { stream: string; cursor: unknown; updated_at: Date }[];
  quarantine: { point_id: string; n: number | string }[];
  cycles: { state: string; n: number | string }[];
  latestSwitched: number | null;
}

interface Snapshot {
  at: number;
  redis: Promise<(readonly [string, Record<string, number>])[] | undefined>;
  store: Promise<StoreSnapshot | undefined>;
}

// Cheap reads only: sync_state has one row per stream, the quarantine count uses its (point, state)
// index, billing_cycle_load has one row per cycle.
async function readStore(db: Queryable): Promise<StoreSnapshot> {
  const streams = await db.query<StoreSnapshot['streams'][number]>('SELECT stream, cursor, updated_at FROM hub.sync_state');
  const quarantine = await db.query<StoreSnapshot['quarantine'][number]>(
    `SELECT point_id, count(*) AS n FROM hub.quarantine WHERE state = 'open' GROUP BY point_id`,
  );
  const cycles = await db.query<StoreSnapshot['cycles'][number]>('SELECT state, count(*) AS n FROM hub.billing_cycle_load GROUP BY state');
  const latest = await db.query<{ cycle: number | null }>(`SELECT max(cycle) AS cycle FROM hub.billing_cycle_load WHERE state = 'switched'`);
  return { streams: streams.rows, quarantine: quarantine.rows, cycles: cycles.rows, latestSwitched: latest.rows[0]?.cycle ?? null };
}

/** The value, or undefined when the source failed or did not answer in time. */
function settle<T>(work: Promise<T>): Promise<T | undefined> {
  return withTimeout(work, SOURCE_TIMEOUT_MS).catch(() => undefined);
}

/** The newest ISO time among the cursor's own fields (lastTime, sweptAt…), else when it last moved. */
export function cursorTime(cursor: unknown, updatedAt: Date): Date {
  let best: number | undefined;
  if (cursor && typeof cursor === 'object') {
    for (const value of Object.values(cursor as Record<string, unknown>)) {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) continue;
      const t = Date.parse(value);
      if (Number.isFinite(t) && (best === undefined || t > best)) best = t;
    }
  }
  return best === undefined ? updatedAt : new Date(best);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => undefined); // answered after the deadline: nobody is listening any more
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

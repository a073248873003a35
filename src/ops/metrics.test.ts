// /metrics over real objects: a PGlite view, a LegacyResilience that really calls, a local Redis with
// jobs in the hub's queues, and the REST API answering requests behind the request observer.

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp, DatabaseAuditSink } from '../api/platform/index.ts';
import { resourceRoutes } from '../api/resources/index.ts';
import type { Database } from '../store/index.ts';
import { cursorTime } from './metrics.ts';
import { AUTH, bearer, opsApp, redisQueues, type OpsHarness, type RedisQueues } from './test-kit.ts';
import { seededView } from './test-kit.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The text format, strictly: every line is a comment or `name{labels} value`, or the parse fails. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE ([a-zA-Z_:][\w:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|\+Inf|NaN))$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (m[2] ?? '').match(/[a-zA-Z_]\w*="(?:[^"\\]|\\.)*"/g) ?? []) {
      const eq = pair.indexOf('=');
      labels[pair.slice(0, eq)] = pair.slice(eq + 2, -1);
    }
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return { samples, types };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

const NOW = new Date('2026-03-01T08:00:00Z');
let db: Database;
let rq: RedisQueues;
let h: OpsHarness;

beforeAll(async () => {
  db = await seededView(NOW);
  rq = await redisQueues();
  await rq.queues[0]!.add('sys97.incremental', {});
  await rq.queues[0]!.add('sys97.full', {});
  await rq.queues[1]!.add('billing.cycle', {}, { delay: 3_600_000 });
  h = opsApp(db, {
    queues: rq.queues,
    now: () => NOW,
    extra: (app) => {
      const api = createApiApp({ routes: resourceRoutes({ db }), auth: AUTH, audit: new DatabaseAuditSink(db), logger: pino({ level: 'silent' }), rateLimitPerMinute: 1_000_000 });
      app.route('/', api.app as never);
    },
  });
});

afterAll(async () => {
  await rq?.close();
  await db?.close();
});

describe('/metrics', () => {
  it('exposes every family with the values of the requests, legacy calls, queues and view behind it', async () => {
    const ops = await bearer('operations');
    const manager = await bearer('customer_manager');
    for (const id of ['1', '2', '3']) {
      const res = await h.app.request(`/tmf-api/customerManagement/v4/customer/${id}`, { headers: manager });
      expect(res.status).toBe(404);
    }
    expect((await h.app.request('/tmf-api/customerManagement/v4/customer/1')).status).toBe(401);
    expect((await h.app.request('/no/such/path/x1', { headers: manager })).status).toBe(404);
    expect((await h.app.request('/no/such/path/x2', { headers: manager })).status).toBe(404);

    expect(await h.legacy.withLegacyPolicy('sys97', 'read', async () => 42)).toBe(42);
    await expect(h.legacy.withLegacyPolicy('cs1000', 'read', async () => {
      throw new Error('ORA-12541: TNS:no listener');
    })).rejects.toThrow();
    await expect(h.legacy.withLegacyPolicy('cs1000', 'read', async () => 1)).rejects.toThrow(/circuit open/);

    const res = await h.app.request('/metrics', { headers: ops });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const { samples, types } = parseExposition(await res.text());

    for (const [family, type] of Object.entries({
      http_requests_total: 'counter', http_request_duration_seconds: 'histogram', legacy_calls_total: 'counter',
      legacy_call_duration_seconds: 'histogram', legacy_breaker_state: 'gauge', legacy_inflight: 'gauge', bullmq_queue_jobs: 'gauge',
      sync_lag_seconds: 'gauge', quarantine_open_rows: 'gauge', billing_cycles: 'gauge', hub_metrics_source_up: 'gauge',
    })) expect(types.get(family), family).toBe(type);

    const customerRoute = '/tmf-api/customerManagement/v4/customer/:id';
    expect(value(samples, 'http_requests_total', { method: 'GET', route: customerRoute, status: '404' })).toBe(3);
    expect(value(samples, 'http_requests_total', { method: 'GET', route: customerRoute, status: '401' })).toBe(1);
    expect(value(samples, 'http_requests_total', { route: 'unmatched', status: '404' })).toBe(2);
    // Bounded cardinality: no raw path becomes a label.
    expect(samples.some((s) => s.labels.route?.includes('/customer/1') || s.labels.route?.includes('x1'))).toBe(false);
    expect(value(samples, 'http_request_duration_seconds_count', { method: 'GET', route: customerRoute })).toBe(4);

    expect(value(samples, 'legacy_calls_total', { system: 'sys97', kind: 'read', outcome: 'success' })).toBe(1);
    expect(value(samples, 'legacy_calls_total', { system: 'cs1000', kind: 'read', outcome: 'failure' })).toBe(2);
    expect(value(samples, 'legacy_call_duration_seconds_count', { system: 'sys97', kind: 'read', outcome: 'success' })).toBe(1);
    expect(value(samples, 'legacy_rejections_total', { system: 'cs1000', reason: 'breaker-open' })).toBe(1);
    expect(value(samples, 'legacy_breaker_state', { system: 'cs1000' })).toBe(2);
    expect(value(samples, 'legacy_breaker_state', { system: 'sys97' })).toBe(0);
    expect(value(samples, 'legacy_inflight', { system: 'billing' })).toBe(0);

    expect(value(samples, 'bullmq_queue_jobs', { queue: 'sys97', state: 'waiting' })).toBe(2);
    expect(value(samples, 'bullmq_queue_jobs', { queue: 'billing', state: 'delayed' })).toBe(1);
    expect(value(samples, 'bullmq_queue_jobs', { queue: 'hub', state: 'failed' })).toBe(0);
    expect(value(samples, 'hub_metrics_source_up', { source: 'redis' })).toBe(1);
    expect(value(samples, 'hub_metrics_source_up', { source: 'store' })).toBe(1);

    expect(value(samples, 'sync_lag_seconds', { stream: 'sys97.change' })).toBe(600);
    expect(value(samples, 'sync_lag_seconds', { stream: 'cs1000.open' })).toBe(120);
    expect(value(samples, 'quarantine_open_rows', { point: '97-2' })).toBe(3);
    expect(value(samples, 'quarantine_open_rows', { point: 'JF-5' })).toBe(1);
    expect(value(samples, 'quarantine_open_rows', { point: 'CS-1' })).toBeUndefined(); // replayed: not open
    expect(value(samples, 'billing_cycles', { state: 'ready' })).toBe(1);
    expect(value(samples, 'billing_cycles', { state: 'failed' })).toBe(1);
    expect(value(samples, 'billing_cycles', { state: 'switched' })).toBe(0);
  });

  it('says a source is down instead of hanging the scrape when Redis is gone', async () => {
    const fresh = opsApp(db, { queues: rq.queues, now: () => NOW });
    await rq.redis.stop();
    const started = Date.now();
    const res = await fresh.app.request('/metrics', { headers: await bearer('province_admin') });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    const { samples } = parseExposition(await res.text());
    expect(value(samples, 'hub_metrics_source_up', { source: 'redis' })).toBe(0);
    expect(value(samples, 'hub_metrics_source_up', { source: 'store' })).toBe(1);
    expect(samples.some((s) => s.name === 'bullmq_queue_jobs')).toBe(false);
    expect(value(samples, 'quarantine_open_rows', { point: '97-2' })).toBe(3);
  });
});

describe('cursorTime', () => {
  it('takes the newest ISO time of the cursor, else the time it moved', () => {
    const moved = new Date('2026-01-01T00:00:00Z');
    expect(cursorTime({ lastTime: '2026-02-01T00:00:00.000Z', since: '2026-01-15T00:00:00Z' }, moved).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(cursorTime({ page: 3 }, moved)).toBe(moved);
    expect(cursorTime('2026-02-01', moved)).toBe(moved);
  });
});

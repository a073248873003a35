// One suite, both drivers: the inline driver is only a valid test fake for handlers if it behaves as
// BullMQ does on everything a handler can see — polls, deadlines, checkpoints across retries,
// deduplication, fan-out failure policies.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InMemoryAlertSink } from './alerts.ts';
import { BullmqJobDriver, JobFailedError } from './bullmq.driver.ts';
import { InlineJobDriver } from './inline.driver.ts';
import { defineJob, JobRegistry, type AnyJobDefinition } from './job-definition.ts';
import type { JobDriver } from './job-driver.ts';
import { gate, quietLogger, startTestRedis, waitFor, type TestRedis } from './test-kit.ts';
import { startWorkers } from './workers.ts';

let server: TestRedis;
beforeAll(async () => {
  server = await startTestRedis();
});
afterAll(async () => {
  await server?.stop();
});

interface Harness {
  driver: JobDriver;
  alerts: InMemoryAlertSink;
  stop(): Promise<void>;
}

let prefixes = 0;
const drivers: Record<string, (jobs: AnyJobDefinition[]) => Promise<Harness>> = {
  bullmq: async (jobs) => {
    const registry = new JobRegistry(jobs);
    const alerts = new InMemoryAlertSink();
    prefixes += 1;
    const connection = { url: server.redis.url, prefix: `conformance${prefixes}` };
    const driver = new BullmqJobDriver(registry, connection);
    const workers = await startWorkers({
      connection,
      registry,
      queues: { sys97: { concurrency: 4 }, billing: { concurrency: 1 }, hub: { concurrency: 2 } },
      lockDurationMs: 5_000,
      stalledIntervalMs: 5_000,
      maxStalledCount: 1,
      shutdownTimeoutMs: 2_000,
      alerts,
      logger: quietLogger(),
    });
    return {
      driver,
      alerts,
      async stop() {
        await workers.stop();
        await driver.close();
      },
    };
  },
  inline: async (jobs) => {
    const alerts = new InMemoryAlertSink();
    const driver = new InlineJobDriver(new JobRegistry(jobs), { alerts });
    return { driver, alerts, stop: () => driver.close() };
  },
};

const fast = { attempts: 1, backoff: { type: 'fixed' as const, delayMs: 10 } };

describe.each(Object.keys(drivers))('JobDriver conformance: %s', (driverName) => {
  let harness: Harness | undefined;
  const start = async (jobs: AnyJobDefinition[]) => (harness = await drivers[driverName]!(jobs));
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  it('polls until ready, alerting once past the deadline, without spending attempts', async () => {
    let ready = false;
    let requests = 0;
    let polls = 0;
    const cycle = defineJob<{ cycle: number; deadlineMs: number }, { polls: number }, unknown, { requestedAt: number; polls: number }>({
      name: 'billing.cycle-probe',
      queue: 'billing',
      schema: z.object({ cycle: z.number().int(), deadlineMs: z.number().int() }),
      idempotencyKey: (data) => String(data.cycle),
      retry: fast,
      lockDurationMs: 5_000,
      async handler(ctx, data) {
        if (!ctx.step) {
          requests += 1;
          return ctx.pollLater(20, { requestedAt: Date.now(), polls: 0 });
        }
        polls = ctx.step.polls + 1;
        if (!ready) {
          await ctx.deadline(ctx.step.requestedAt + data.deadlineMs, {
            code: 'billing.cycle-not-ready',
            message: `cycle ${data.cycle} not ready`,
            details: { cycle: data.cycle },
          });
          return ctx.pollLater(20, { ...ctx.step, polls });
        }
        return { polls };
      },
    });
    const { driver, alerts } = await start([cycle]);
    const job = await driver.submit<{ polls: number }>('billing.cycle-probe', { cycle: 20260101, deadlineMs: 0 });
    await waitFor('a few polls past the deadline', () => polls >= 4);
    ready = true;
    const result = await job.finished();
    expect(result.polls).toBeGreaterThanOrEqual(5);
    expect(requests).toBe(1);
    expect(alerts.alerts).toHaveLength(1);
    expect(alerts.alerts[0]).toMatchObject({ code: 'billing.cycle-not-ready', jobId: job.id, details: { cycle: 20260101 } });
  });

  it('keeps the checkpoint across a retry and counts the attempt', async () => {
    const seen: { attempt: number; checkpoint: unknown }[] = [];
    const flaky = defineJob<{ id: string }, string, { done: number }>({
      name: 'sys97.flaky-probe',
      queue: 'sys97',
      schema: z.object({ id: z.string() }),
      idempotencyKey: (data) => data.id,
      retry: { attempts: 3, backoff: { type: 'fixed', delayMs: 10 } },
      lockDurationMs: 5_000,
      async handler(ctx) {
        seen.push({ attempt: ctx.attempt, checkpoint: ctx.checkpoint });
        if (ctx.attempt === 1) {
          await ctx.progress({ done: 7 });
          throw new Error('ORA-12541: TNS:no listener');
        }
        return `resumed from ${ctx.checkpoint?.done}`;
      },
    });
    const { driver } = await start([flaky]);
    const job = await driver.submit<string>('sys97.flaky-probe', { id: 'a' });
    expect(await job.finished()).toBe('resumed from 7');
    expect(seen).toEqual([
      { attempt: 1, checkpoint: undefined },
      { attempt: 2, checkpoint: { done: 7 } },
    ]);
  });

  it('joins a pending job with the same business key', async () => {
    const held = gate();
    let runs = 0;
    const probe = defineJob({
      name: 'hub.dedup-probe',
      queue: 'hub',
      schema: z.object({ key: z.string() }),
      idempotencyKey: (data) => data.key,
      retry: fast,
      lockDurationMs: 5_000,
      async handler() {
        runs += 1;
        await held.promise;
        return runs;
      },
    });
    const { driver } = await start([probe]);
    const first = await driver.submit('hub.dedup-probe', { key: 'k' });
    const second = await driver.submit('hub.dedup-probe', { key: 'k' });
    expect(second).toMatchObject({ id: first.id, deduplicated: true });
    held.open();
    await first.finished();
    expect(runs).toBe(1);
  });

  const fanOutJobs = (parentSaw: { failures?: Record<string, string>; results?: Record<string, unknown> }) => [
    defineJob({
      name: 'sys97.vip-probe',
      queue: 'sys97',
      schema: z.object({ vip: z.string() }),
      idempotencyKey: (data) => data.vip,
      retry: fast,
      lockDurationMs: 5_000,
      async handler(_ctx, data) {
        if (data.vip === 'bad') throw new Error(`cannot read ${data.vip}`);
        return data.vip;
      },
    }),
    defineJob({
      name: 'hub.vips-done-probe',
      queue: 'hub',
      schema: z.object({ run: z.string() }),
      idempotencyKey: (data) => data.run,
      retry: fast,
      lockDurationMs: 5_000,
      async handler(ctx) {
        parentSaw.failures = await ctx.childFailures();
        parentSaw.results = await ctx.childResults();
        return 'parent ran';
      },
    }),
  ];
  const children = ['v1', 'bad', 'v2', 'v1'].map((vip) => ({ name: 'sys97.vip-probe', data: { vip } }));

  it('fails the parent of a failed child under fail-parent (not stuck waiting)', async () => {
    const parentSaw = {};
    const { driver } = await start(fanOutJobs(parentSaw));
    const flow = await driver.fanOut({
      parent: { name: 'hub.vips-done-probe', data: { run: 'r1' } },
      children,
      onChildFailure: 'fail-parent',
    });
    expect(flow.childIds).toHaveLength(3);
    await expect(flow.parent.finished()).rejects.toThrow(/child/);
    expect(parentSaw).toEqual({});
  });

  it('runs the parent with the failures listed under continue-parent', async () => {
    const parentSaw: { failures?: Record<string, string>; results?: Record<string, unknown> } = {};
    const { driver } = await start(fanOutJobs(parentSaw));
    const flow = await driver.fanOut({
      parent: { name: 'hub.vips-done-probe', data: { run: 'r2' } },
      children,
      onChildFailure: 'continue-parent',
    });
    expect(await flow.parent.finished()).toBe('parent ran');
    expect(Object.values(parentSaw.failures ?? {})).toEqual(['cannot read bad']);
    expect(Object.values(parentSaw.results ?? {}).sort()).toEqual(['v1', 'v2']);
  });
});

it('reports a failed job as JobFailedError with its reason (BullMQ)', () => {
  expect(new JobFailedError('j1', 'boom').message).toBe('job j1 failed: boom');
});

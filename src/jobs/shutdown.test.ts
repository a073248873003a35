// Stopping workers ends: with a job parked in delayed by pollLater, with a running job that honours
// its signal (given back to wait, checkpoint kept, no attempt spent), and — by force after the time
// limit — with a handler that ignores the signal.

import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InMemoryAlertSink } from './alerts.ts';
import { BullmqJobDriver } from './bullmq.driver.ts';
import { defineJob, JobRegistry } from './job-definition.ts';
import { quietLogger, startTestRedis, waitFor, type TestRedis } from './test-kit.ts';
import { startWorkers, type StopReport } from './workers.ts';

let server: TestRedis;
beforeAll(async () => {
  server = await startTestRedis();
});
afterAll(async () => {
  await server?.stop();
});

const once = { attempts: 1, backoff: { type: 'fixed' as const, delayMs: 10 } };
let started = 0;

const poller = defineJob<{ id: string }, never, unknown, { polls: number }>({
  name: 'billing.poll-probe',
  queue: 'billing',
  schema: z.object({ id: z.string() }),
  idempotencyKey: (data) => data.id,
  retry: once,
  lockDurationMs: 5_000,
  async handler(ctx) {
    return ctx.pollLater(60_000, { polls: (ctx.step?.polls ?? 0) + 1 });
  },
});

const polite = defineJob<{ id: string }, string, { done: number }>({
  name: 'sys97.polite-probe',
  queue: 'sys97',
  schema: z.object({ id: z.string() }),
  idempotencyKey: (data) => data.id,
  retry: once,
  lockDurationMs: 5_000,
  async handler(ctx) {
    started += 1;
    await ctx.progress({ done: 2 });
    // The abort may come before the listener is added (the test stops as soon as it sees the
    // checkpoint): look at `aborted` first, as every handler waiting on its signal must.
    await new Promise((_, reject) => {
      if (ctx.signal.aborted) reject(ctx.signal.reason);
      else ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
    });
    return 'unreachable';
  },
});

const stubborn = defineJob({
  name: 'hub.stubborn-probe',
  queue: 'hub',
  schema: z.object({ id: z.string() }),
  idempotencyKey: (data) => data.id,
  retry: once,
  lockDurationMs: 5_000,
  async handler() {
    started += 1;
    await new Promise(() => undefined);
  },
});

const registry = new JobRegistry([poller, polite, stubborn]);

async function within(ms: number, stop: Promise<StopReport>): Promise<StopReport | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)));
  try {
    return await Promise.race([stop, limit]);
  } finally {
    clearTimeout(timer);
  }
}

function workersFor(prefix: string, queues: ('sys97' | 'billing' | 'hub')[], shutdownTimeoutMs: number) {
  return startWorkers({
    connection: { url: server.redis.url, prefix },
    registry,
    queues: Object.fromEntries(queues.map((q) => [q, { concurrency: 1 }])),
    lockDurationMs: 5_000,
    stalledIntervalMs: 5_000,
    maxStalledCount: 1,
    shutdownTimeoutMs,
    alerts: new InMemoryAlertSink(),
    logger: quietLogger(),
  });
}

describe('stopping workers', () => {
  it('ends gracefully with a delayed poll and a running job that honours its signal', async () => {
    const driver = new BullmqJobDriver(registry, { url: server.redis.url, prefix: 'stop1' });
    const workers = await workersFor('stop1', ['billing', 'sys97'], 10_000);
    try {
      const poll = await driver.submit('billing.poll-probe', { id: 'p' });
      const running = await driver.submit('sys97.polite-probe', { id: 'r' });
      await waitFor('the poll to be delayed', async () => (await driver.queue('billing').getJobState(poll.id)) === 'delayed');
      await waitFor('the polite job to checkpoint', async () => {
        const job = await Job.fromId(driver.queue('sys97'), running.id);
        return (job?.data as { checkpoint?: unknown } | undefined)?.checkpoint !== undefined;
      });

      expect(await within(20_000, workers.stop())).toEqual({ graceful: true, forced: [] });

      const delayed = await Job.fromId(driver.queue('billing'), poll.id);
      expect(await delayed?.getState()).toBe('delayed');
      expect(delayed?.data).toMatchObject({ step: { polls: 1 } });
      const givenBack = await Job.fromId(driver.queue('sys97'), running.id);
      expect(await givenBack?.getState()).toBe('waiting');
      expect(givenBack?.attemptsMade).toBe(0);
      expect(givenBack?.data).toMatchObject({ input: { id: 'r' }, checkpoint: { done: 2 } });
    } finally {
      await driver.close();
    }
  });

  it('closes by force after the time limit when a handler ignores its signal', async () => {
    const driver = new BullmqJobDriver(registry, { url: server.redis.url, prefix: 'stop2' });
    const workers = await workersFor('stop2', ['hub'], 500);
    try {
      const before = started;
      const job = await driver.submit('hub.stubborn-probe', { id: 's' });
      await waitFor('the stubborn job to run', () => started > before);
      expect(await within(20_000, workers.stop())).toEqual({ graceful: false, forced: ['hub'] });
      // Left active under its lock: the stalled check of a live worker hands it on once it expires.
      expect(await driver.queue('hub').getJobState(job.id)).toBe('active');
    } finally {
      await driver.close();
    }
  });
});

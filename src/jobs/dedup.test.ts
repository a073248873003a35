// The same business job submitted twice while one is pending is one job; once it has finished, the
// same business job can run again.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InMemoryAlertSink } from './alerts.ts';
import { BullmqJobDriver } from './bullmq.driver.ts';
import { defineJob, InvalidJobDataError, JobRegistry } from './job-definition.ts';
import { gate, quietLogger, startTestRedis, waitFor, type TestRedis } from './test-kit.ts';
import { startWorkers, type RunningWorkers } from './workers.ts';

let server: TestRedis;
beforeAll(async () => {
  server = await startTestRedis();
});
afterAll(async () => {
  await server?.stop();
});

const runs: string[] = [];
const held = gate();
const resync = defineJob({
  name: 'sys97.customer-resync',
  queue: 'sys97',
  schema: z.object({ vip: z.string().regex(/^\d{10}$/), reason: z.string().optional() }),
  idempotencyKey: (data) => data.vip,
  retry: { attempts: 1, backoff: { type: 'fixed', delayMs: 100 } },
  lockDurationMs: 5_000,
  async handler(_ctx, data) {
    runs.push(data.vip);
    await held.promise;
    return { vip: data.vip };
  },
});

describe('BullMQ driver deduplication by business key', () => {
  let workers: RunningWorkers | undefined;
  afterAll(async () => {
    await workers?.stop();
  });

  it('joins a waiting job, then an active one, and runs a finished one again', async () => {
    const registry = new JobRegistry([resync]);
    const connection = { url: server.redis.url, prefix: 'dedup' };
    const driver = new BullmqJobDriver(registry, connection);
    try {
      // Waiting: no worker yet.
      const first = await driver.submit('sys97.customer-resync', { vip: '1100000001' });
      const second = await driver.submit('sys97.customer-resync', { vip: '1100000001', reason: 'operator' });
      const other = await driver.submit('sys97.customer-resync', { vip: '1100000002' });
      expect(first.deduplicated).toBe(false);
      expect(second.deduplicated).toBe(true);
      expect(second.id).toBe(first.id);
      expect(other.id).not.toBe(first.id);
      expect(await driver.queue('sys97').getJobCounts('waiting')).toEqual({ waiting: 2 });

      workers = await startWorkers({
        connection,
        registry,
        queues: { sys97: { concurrency: 2 } },
        lockDurationMs: 5_000,
        stalledIntervalMs: 5_000,
        maxStalledCount: 1,
        shutdownTimeoutMs: 5_000,
        alerts: new InMemoryAlertSink(),
        logger: quietLogger(),
      });
      // Active: the handler is held inside its run.
      await waitFor('both jobs active', () => runs.length === 2);
      const third = await driver.submit('sys97.customer-resync', { vip: '1100000001' });
      expect(third.deduplicated).toBe(true);
      expect(third.id).toBe(first.id);

      held.open();
      expect(await first.finished()).toEqual({ vip: '1100000001' });
      await other.finished();
      expect(runs.sort()).toEqual(['1100000001', '1100000002']);

      // Finished: the same business job is a new job.
      const again = await driver.submit('sys97.customer-resync', { vip: '1100000001' });
      expect(again.deduplicated).toBe(false);
      expect(again.id).not.toBe(first.id);
      await again.finished();
      expect(runs.filter((vip) => vip === '1100000001')).toHaveLength(2);
    } finally {
      await driver.close();
    }
  });

  it('refuses data its schema rejects, naming the job', async () => {
    const driver = new BullmqJobDriver(new JobRegistry([resync]), { url: server.redis.url, prefix: 'dedup' });
    try {
      await expect(driver.submit('sys97.customer-resync', { vip: '12' })).rejects.toBeInstanceOf(InvalidJobDataError);
      await expect(driver.submit('sys97.nothing', {})).rejects.toThrow(/no job named "sys97.nothing"/);
    } finally {
      await driver.close();
    }
  });
});

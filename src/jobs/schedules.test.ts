// Schedules: configuration over defaults, one scheduler per id however often and however
// concurrently it is upserted, Shanghai time, stale schedulers removed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BullmqJobDriver } from './bullmq.driver.ts';
import { defineJob, JobRegistry } from './job-definition.ts';
import { applySchedules, DEFAULT_SCHEDULES, resolveSchedules } from './schedules.ts';
import { startTestRedis, type TestRedis } from './test-kit.ts';

let server: TestRedis;
beforeAll(async () => {
  server = await startTestRedis();
});
afterAll(async () => {
  await server?.stop();
});

const job = (name: string, queue: 'sys97' | 'billing' | 'cs1000') =>
  defineJob({
    name,
    queue,
    schema: z.object({}),
    idempotencyKey: () => 'scheduled',
    retry: { attempts: 2, backoff: { type: 'exponential', delayMs: 1_000 } },
    lockDurationMs: 60_000,
    handler: async () => undefined,
  });

const registry = () =>
  new JobRegistry([
    job('sys97.incremental', 'sys97'),
    job('sys97.open-work-orders', 'sys97'),
    job('billing.cycle', 'billing'),
  ]);

describe('resolveSchedules', () => {
  it('applies cron overrides, switches a schedule off, and refuses unknown names', () => {
    const resolved = resolveSchedules({ 'sys97.incremental': '*/2 * * * *', 'cs1000.open-tickets': 'off' });
    expect(resolved['sys97.incremental']).toMatchObject({ pattern: '*/2 * * * *', job: 'sys97.incremental' });
    expect(resolved['cs1000.open-tickets']).toBeUndefined();
    expect(resolved['billing.cycle']).toEqual(DEFAULT_SCHEDULES['billing.cycle']);
    expect(() => resolveSchedules({ 'sys97.incremantal': '* * * * *' })).toThrow(/unknown schedule\(s\) sys97.incremantal/);
  });
});

describe('applySchedules', () => {
  it('gives one scheduler per id when upserted twice at once and again after', async () => {
    const reg = registry();
    const first = new BullmqJobDriver(reg, { url: server.redis.url, prefix: 'sched1' });
    const second = new BullmqJobDriver(reg, { url: server.redis.url, prefix: 'sched1' });
    try {
      const schedules = resolveSchedules();
      // Two worker processes starting together, then a restart of one of them.
      const [a, b] = await Promise.all([
        applySchedules(first, reg, schedules),
        applySchedules(second, reg, schedules),
      ]);
      expect(a.upserted.sort()).toEqual(['billing.cycle', 'sys97.incremental', 'sys97.open-work-orders']);
      expect(b.upserted.sort()).toEqual(a.upserted.sort());
      expect(a.skipped.sort()).toEqual(['cs1000.finished-tickets', 'cs1000.open-tickets']);
      await applySchedules(first, reg, schedules);

      const sys97 = first.queue('sys97');
      expect(await sys97.getJobSchedulersCount()).toBe(2);
      expect(await first.queue('billing').getJobSchedulersCount()).toBe(1);
      // One next job per scheduler, not one per upsert.
      expect(await sys97.getJobCounts('delayed', 'wait')).toEqual({ delayed: 2, wait: 0 });

      const billing = await first.queue('billing').getJobScheduler('billing.cycle');
      expect(billing).toMatchObject({ pattern: '0 2 3 * *', tz: 'Asia/Shanghai', name: 'billing.cycle' });
      expect(billing?.template?.data).toEqual({ input: {} });
      // The next run is 02:00 on a 3rd in Shanghai, i.e. 18:00 UTC on the 2nd.
      const next = new Date(billing?.next ?? 0);
      expect([next.getUTCDate(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([2, 18, 0]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('moves a scheduler to its new cron, and removes one the configuration switched off', async () => {
    const reg = registry();
    const driver = new BullmqJobDriver(reg, { url: server.redis.url, prefix: 'sched2' });
    try {
      await applySchedules(driver, reg, resolveSchedules());
      const result = await applySchedules(
        driver,
        reg,
        resolveSchedules({ 'sys97.incremental': '*/2 * * * *', 'sys97.open-work-orders': 'off' }),
      );
      expect(result.removed).toEqual(['sys97.open-work-orders']);
      const schedulers = await driver.queue('sys97').getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern])).toEqual([['sys97.incremental', '*/2 * * * *']]);
    } finally {
      await driver.close();
    }
  });

  it('names the schedule whose cron BullMQ refuses', async () => {
    const reg = registry();
    const driver = new BullmqJobDriver(reg, { url: server.redis.url, prefix: 'sched3' });
    try {
      await expect(
        applySchedules(driver, reg, resolveSchedules({ 'sys97.incremental': 'every five minutes' })),
      ).rejects.toThrow(/schedule "sys97.incremental" \(every five minutes\)/);
    } finally {
      await driver.close();
    }
  });
});

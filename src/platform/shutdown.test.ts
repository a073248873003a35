import { describe, expect, it } from 'vitest';
import { Shutdown } from './shutdown.ts';

describe('Shutdown', () => {
  it('runs the steps last-registered first', async () => {
    const order: string[] = [];
    const shutdown = new Shutdown();
    shutdown.register('redis', () => order.push('redis'));
    shutdown.register('workers', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('workers');
    });
    shutdown.register('http', () => order.push('http'));
    const report = await shutdown.run('test');
    expect(order).toEqual(['http', 'workers', 'redis']);
    expect(report.clean).toBe(true);
    expect(report.steps.map((s) => s.outcome)).toEqual(['done', 'done', 'done']);
  });

  it('gives up on a step that never finishes and still runs the next ones', async () => {
    const order: string[] = [];
    const shutdown = new Shutdown({ stepTimeoutMs: 1_000 });
    shutdown.register('redis', () => order.push('redis'));
    // A worker.close() that waits forever.
    shutdown.register('worker', () => new Promise(() => undefined), { timeoutMs: 50 });
    const started = Date.now();
    const report = await shutdown.run('test');
    expect(Date.now() - started).toBeLessThan(900);
    expect(order).toEqual(['redis']);
    expect(report.clean).toBe(false);
    expect(report.steps[0]).toMatchObject({ name: 'worker', outcome: 'timed-out', error: 'no answer within 50 ms' });
    expect(report.steps[1]).toMatchObject({ name: 'redis', outcome: 'done' });
  });

  it('reports a failing step, sync or async, and goes on', async () => {
    const shutdown = new Shutdown();
    shutdown.register('a', () => Promise.reject(new Error('pool closed twice')));
    shutdown.register('b', () => {
      throw new Error('boom');
    });
    const report = await shutdown.run('test');
    expect(report.steps).toMatchObject([
      { name: 'b', outcome: 'failed', error: 'boom' },
      { name: 'a', outcome: 'failed', error: 'pool closed twice' },
    ]);
  });

  it('runs once however often it is asked', async () => {
    let calls = 0;
    const shutdown = new Shutdown();
    shutdown.register('x', () => (calls += 1));
    const [first, second] = await Promise.all([shutdown.run('SIGINT'), shutdown.run('SIGTERM')]);
    expect(calls).toBe(1);
    expect(second).toBe(first);
    expect(first.reason).toBe('SIGINT');
  });

  it('stops at once a step registered after shutdown began', async () => {
    const shutdown = new Shutdown();
    const report = await shutdown.run('SIGINT');
    let stopped = false;
    shutdown.register('simulator that finished starting late', async () => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stopped).toBe(true);
    expect(report.steps).toEqual([]);
  });
});

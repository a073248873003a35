import { describe, expect, it } from 'vitest';
import { ReadinessRegistry } from './readiness.ts';

describe('ReadinessRegistry', () => {
  it('is ready with no checks and with passing checks', async () => {
    const registry = new ReadinessRegistry();
    expect(await registry.run()).toEqual({ ok: true, checks: [] });
    registry.register('redis', async () => 'PONG');
    const report = await registry.run();
    expect(report.ok).toBe(true);
    expect(report.checks).toMatchObject([{ name: 'redis', ok: true }]);
  });

  it('is not ready when a check fails, and says why', async () => {
    const registry = new ReadinessRegistry();
    registry.register('redis', async () => 'PONG');
    registry.register('store', async () => {
      throw new Error('ECONNREFUSED 127.0.0.1:5432');
    });
    const report = await registry.run();
    expect(report.ok).toBe(false);
    expect(report.checks).toMatchObject([
      { name: 'redis', ok: true },
      { name: 'store', ok: false, error: 'ECONNREFUSED 127.0.0.1:5432' },
    ]);
  });

  it('turns a hung check into a failure after its time limit and aborts it', async () => {
    const registry = new ReadinessRegistry();
    let aborted = false;
    registry.register(
      'sys97',
      (signal) =>
        new Promise(() => {
          signal.addEventListener('abort', () => (aborted = true));
        }),
      { timeoutMs: 30 },
    );
    const started = Date.now();
    const report = await registry.run();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report.checks).toMatchObject([{ name: 'sys97', ok: false, error: 'no answer within 30 ms' }]);
    expect(aborted).toBe(true);
  });

  it('refuses a second check under the same name', () => {
    const registry = new ReadinessRegistry();
    registry.register('redis', async () => undefined);
    expect(() => registry.register('redis', async () => undefined)).toThrow(/already registered/);
    registry.unregister('redis');
    expect(registry.names()).toEqual([]);
  });
});

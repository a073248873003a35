import { describe, expect, it } from 'vitest';
import { LegacyUnavailableError } from './errors.ts';
import { LegacyResilience } from './resilience.ts';

async function* batches(n: number, gate?: Promise<void>): AsyncGenerator<number> {
  for (let i = 0; i < n; i += 1) {
    if (gate && i === 1) await gate;
    yield i;
  }
}

describe('LegacyResilience.stream', () => {
  it('holds one slot from the first batch to the last and frees it after', async () => {
    const res = new LegacyResilience({ billing: { concurrency: 1, queue: 0, timeoutMs: 50 } });
    let open: () => void = () => undefined;
    const gate = new Promise<void>((r) => (open = r));
    const seen: number[] = [];
    const reading = (async () => {
      for await (const b of res.stream('billing', () => batches(3, gate))) seen.push(b);
    })();
    await new Promise((r) => setTimeout(r, 20));
    expect(res.stats('billing').inFlight).toBe(1);
    // The only slot is held by the stream: a call now is refused, not run beside it.
    await expect(res.withLegacyPolicy('billing', 'read', async () => 1)).rejects.toBeInstanceOf(LegacyUnavailableError);
    // Past the per-call timeout the stream still runs: streams are bounded per batch by the transport.
    await new Promise((r) => setTimeout(r, 80));
    open();
    await reading;
    expect(seen).toEqual([0, 1, 2]);
    expect(res.stats('billing').inFlight).toBe(0);
    await expect(res.withLegacyPolicy('billing', 'read', async () => 2)).resolves.toBe(2);
  });

  it('frees the slot when the consumer stops early or the stream fails', async () => {
    const res = new LegacyResilience({ billing: { concurrency: 1, queue: 1 } });
    for await (const b of res.stream('billing', () => batches(5))) if (b === 1) break;
    expect(res.stats('billing').inFlight).toBe(0);
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw Object.assign(new Error('ORA-03113: end-of-file on communication channel'), {});
    }
    await expect((async () => {
      for await (const _ of res.stream('billing', failing)) void _;
    })()).rejects.toMatchObject({ kind: 'transient', code: 'ORA-03113' });
    expect(res.stats('billing').inFlight).toBe(0);
  });

  it('is refused while the breaker is open', async () => {
    const res = new LegacyResilience({
      billing: { retries: 0, breaker: { kind: 'consecutive', failures: 1, halfOpenAfterMs: 60_000 } },
    });
    await expect(res.withLegacyPolicy('billing', 'read', async () => {
      throw new Error('ORA-12541: TNS:no listener');
    })).rejects.toMatchObject({ code: 'ORA-12541' });
    expect(res.stats('billing').breaker).toBe('open');
    const consume = async () => {
      for await (const _ of res.stream('billing', () => batches(1))) void _;
    };
    await expect(consume()).rejects.toBeInstanceOf(LegacyUnavailableError);
  });
});

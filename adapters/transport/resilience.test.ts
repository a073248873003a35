import { describe, expect, it } from 'vitest';
import { LegacyError, LegacyTimeoutError, LegacyUnavailableError } from './errors.ts';
import { LegacyResilience, type LegacyPolicyConfig, type LegacyPolicyEvent } from './resilience.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const transient = () => new LegacyError('ORA-12541: TNS:no listener', { kind: 'transient', system: 'sys97', code: 'ORA-12541' });
const permanent = () => new LegacyError('ORA-00942: table or view does not exist', { kind: 'permanent', system: 'sys97', code: 'ORA-00942' });

function make(partial: Partial<LegacyPolicyConfig> = {}) {
  const r = new LegacyResilience({
    sys97: { timeoutMs: 1_000, concurrency: 5, queue: 100, retries: 3, initialDelayMs: 1, maxDelayMs: 5, breaker: { kind: 'consecutive', failures: 3, halfOpenAfterMs: 60 }, ...partial },
  });
  const events: LegacyPolicyEvent[] = [];
  r.onEvent((e) => events.push(e));
  return { r, events };
}

/** A fake legacy call that measures how many copies of itself run at once. */
function meter() {
  const m = { now: 0, max: 0, calls: 0 };
  const call = async (ms: number) => {
    m.calls += 1;
    m.now += 1;
    m.max = Math.max(m.max, m.now);
    try {
      await sleep(ms);
      return m.calls;
    } finally {
      m.now -= 1;
    }
  };
  return { m, call };
}

describe('withLegacyPolicy', () => {
  it('never exceeds the concurrency cap under 50 concurrent calls, and uses all of it', async () => {
    const { r } = make({ concurrency: 5 });
    const { m, call } = meter();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => r.withLegacyPolicy('sys97', i % 2 ? 'read' : 'write', () => call(2 + (i % 7)))),
    );
    expect(results).toHaveLength(50);
    expect(m.max).toBe(5);
    expect(r.stats('sys97')).toMatchObject({ inFlight: 0, maxInFlight: 5, queued: 0, breaker: 'closed' });
  });

  it('refuses beyond the bounded queue with LegacyUnavailableError(bulkhead-full)', async () => {
    const { r, events } = make({ concurrency: 1, queue: 1 });
    const { call } = meter();
    const calls = [1, 2, 3].map(() => r.withLegacyPolicy('sys97', 'write', () => call(20)).then(() => 'ok', (e: unknown) => e));
    const out = await Promise.all(calls);
    expect(out.filter((o) => o === 'ok')).toHaveLength(2);
    const refused = out.find((o) => o !== 'ok');
    expect(refused).toBeInstanceOf(LegacyUnavailableError);
    expect(refused).toMatchObject({ reason: 'bulkhead-full', kind: 'transient' });
    expect(events).toContainEqual({ type: 'rejected', system: 'sys97', reason: 'bulkhead-full' });
    expect(r.stats('sys97').breaker).toBe('closed'); // our own refusal is not a system failure
  });

  it('opens the breaker after consecutive transient failures, fails fast, closes after a half-open success', async () => {
    const { r, events } = make();
    let invoked = 0;
    const failing = () => { invoked += 1; return Promise.reject(transient()); };
    for (let i = 0; i < 3; i++) await expect(r.withLegacyPolicy('sys97', 'write', failing)).rejects.toMatchObject({ code: 'ORA-12541' });
    expect(r.stats('sys97').breaker).toBe('open');
    await expect(r.withLegacyPolicy('sys97', 'write', failing)).rejects.toMatchObject({ name: 'LegacyUnavailableError', reason: 'breaker-open' });
    expect(invoked).toBe(3);
    await sleep(80);
    await expect(r.withLegacyPolicy('sys97', 'write', async () => 'back')).resolves.toBe('back');
    expect(r.stats('sys97').breaker).toBe('closed');
    const states = events.flatMap((e) => (e.type === 'breaker' ? [e.state] : []));
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('a failed half-open trial opens the breaker again', async () => {
    const { r } = make();
    for (let i = 0; i < 3; i++) await r.withLegacyPolicy('sys97', 'write', () => Promise.reject(transient())).catch(() => undefined);
    await sleep(80);
    await expect(r.withLegacyPolicy('sys97', 'write', () => Promise.reject(transient()))).rejects.toMatchObject({ code: 'ORA-12541' });
    expect(r.stats('sys97').breaker).toBe('open');
  });

  it('retries reads on transient errors with backoff, and never retries writes', async () => {
    const { r, events } = make();
    let reads = 0;
    await expect(r.withLegacyPolicy('sys97', 'read', async ({ attempt }) => {
      reads += 1;
      if (reads < 3) throw transient();
      return attempt;
    })).resolves.toBe(2);
    expect(reads).toBe(3);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);

    let writes = 0;
    await expect(r.withLegacyPolicy('sys97', 'write', async () => { writes += 1; throw transient(); })).rejects.toMatchObject({ kind: 'transient' });
    expect(writes).toBe(1);
  });

  it('does not retry permanent errors, and they do not trip the breaker', async () => {
    const { r } = make();
    let n = 0;
    for (let i = 0; i < 6; i++) {
      await expect(r.withLegacyPolicy('sys97', 'read', async () => { n += 1; throw permanent(); })).rejects.toMatchObject({ kind: 'permanent', code: 'ORA-00942' });
    }
    expect(n).toBe(6);
    expect(r.stats('sys97').breaker).toBe('closed');
  });

  it('classifies raw driver errors before deciding (ORA text → transient → retried)', async () => {
    const { r } = make();
    let n = 0;
    const v = await r.withLegacyPolicy('sys97', 'read', async () => {
      n += 1;
      if (n === 1) throw new Error('ORA-00054: resource busy');
      return 'ok';
    }, { pointId: '97-4' });
    expect(v).toBe('ok');
    expect(n).toBe(2);
    await expect(r.withLegacyPolicy('sys97', 'write', () => Promise.reject(new Error('boom')), { pointId: 'JF-13' }))
      .rejects.toMatchObject({ kind: 'permanent', system: 'sys97', pointId: 'JF-13' });
  });

  it('stops retrying a read once the breaker opens', async () => {
    const { r } = make({ retries: 10 });
    let n = 0;
    const err = await r.withLegacyPolicy('sys97', 'read', async () => { n += 1; throw transient(); }).catch((e: unknown) => e);
    expect(n).toBe(3);
    expect(err).toMatchObject({ name: 'LegacyUnavailableError', reason: 'breaker-open' });
  });

  it('times out a hanging call, aborts its signal and frees the slot', async () => {
    const { r, events } = make({ concurrency: 1, timeoutMs: 40, retries: 0 });
    let sawAbort = false;
    const started = Date.now();
    const err = await r.withLegacyPolicy('sys97', 'read', ({ signal }) => new Promise((_, reject) => {
      signal.addEventListener('abort', () => { sawAbort = true; reject(new Error('connection destroyed')); });
    })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyTimeoutError);
    expect(Date.now() - started).toBeLessThan(500);
    expect(sawAbort).toBe(true);
    expect(events).toContainEqual({ type: 'timeout', system: 'sys97' });
    expect(r.stats('sys97').inFlight).toBe(0);
    await expect(r.withLegacyPolicy('sys97', 'read', async () => 'next')).resolves.toBe('next');
  });

  it('answers the caller at the deadline even if the call ignores the signal, but keeps the slot until it ends', async () => {
    const { r } = make({ concurrency: 1, timeoutMs: 30, retries: 0 });
    const { m, call } = meter();
    const started = Date.now();
    const first = r.withLegacyPolicy('sys97', 'write', () => call(150)).catch((e: unknown) => e);
    const second = r.withLegacyPolicy('sys97', 'write', () => call(1));
    expect(await first).toBeInstanceOf(LegacyTimeoutError);
    expect(Date.now() - started).toBeLessThan(120);
    expect(r.stats('sys97')).toMatchObject({ inFlight: 1, queued: 1 });
    await second;
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(m.max).toBe(1);
  });

  it('a caller abort cancels a queued call', async () => {
    const { r } = make({ concurrency: 1 });
    const { call } = meter();
    const first = r.withLegacyPolicy('sys97', 'write', () => call(50));
    const ac = new AbortController();
    let ran = false;
    const second = r.withLegacyPolicy('sys97', 'read', async () => { ran = true; }, { signal: ac.signal }).catch((e: unknown) => e);
    ac.abort();
    await first;
    expect(await second).toMatchObject({ name: 'LegacyTimeoutError', code: 'ABORTED' });
    expect(ran).toBe(false);
  });

  it('knows only the declared systems', () => {
    const { r } = make();
    expect(() => r.stats('sys98')).toThrow(/no resilience policy/);
  });
});

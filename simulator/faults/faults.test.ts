// Fault injection as the hub meets it over node-postgres: Oracle errors, latency confined to the
// faulted call, hangs, spoiled rows, billing's neverReady, and the admin HTTP port.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startSimulator, type SimulatorHandle } from '../index.ts';
import { callCursor, callScalar, connect, modes, seed } from '../test-fixture.ts';

describe.each(await modes('faults'))('fault injection over pg ($name)', (mode) => {
  let sim: SimulatorHandle;
  let sys97: pg.Client;
  let billing: pg.Client;

  beforeAll(async () => {
    sim = await startSimulator({ generate: false, fresh: true, preparationMs: 0, ...mode });
    await seed(sim);
    sys97 = await connect(sim.sys97.url);
    billing = await connect(sim.billing.url);
    await callScalar(billing, 'CALL VIPJF_SET_REQUEST($1, NULL)', [20260101]);
  });
  afterEach(async () => {
    sim.faults.clear();
    await sim.faultsSettled();
  });
  afterAll(async () => {
    await sys97?.end();
    await billing?.end();
    await sim?.stop();
  });

  it('errorRate 1 fails every call with the configured ORA- error; other points go on', async () => {
    sim.faults.set('97-4', { errorRate: 1, errorCode: 'ORA-12541' });
    for (let i = 0; i < 3; i++) {
      await expect(callCursor(sys97, 'CALL VIP_GET_SERVERS($1, NULL)', ['1203100001'])).rejects.toThrow(
        'ORA-12541: TNS:no listener');
    }
    expect((await callCursor(sys97, 'CALL VIP_GET_PAYINFO($1, NULL)', ['1203100001'])).rows).toHaveLength(2);
    sim.faults.clear('97-4');
    expect((await callCursor(sys97, 'CALL VIP_GET_SERVERS($1, NULL)', ['1203100001'])).rows).toHaveLength(2);
  });

  it('errorRate 0.5 fails every second call, counted from the configuration', async () => {
    sim.faults.set('JF-12', { errorRate: 0.5, errorCode: 'ORA-00054' });
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await callScalar(billing, 'CALL VIPJF_GET_QF($1, $2, NULL)', ['HT0000001', 20260101])
        .then(String, (e: Error) => e.message.slice(0, 9)));
    }
    expect(outcomes).toEqual(['20260115', 'ORA-00054', '20260115', 'ORA-00054']);
  });

  it('errorRate on interface tables and views, plain (proxy) and gated (SQL)', async () => {
    sim.faults.set('JF-3', { errorRate: 1, errorCode: 'ORA-03113' });
    sim.faults.set('JF-5', { errorRate: 1, errorCode: 'ORA-01555' });
    await expect(billing.query('SELECT * FROM AREA')).rejects.toThrow(/^ORA-03113: end-of-file/);
    await expect(billing.query('SELECT * FROM AREA WHERE "AREACODE" = $1', ['0871'])).rejects.toThrow(/^ORA-03113/);
    await expect(billing.query('SELECT * FROM VIP_FEE WHERE "CALLTIME" = $1', [20260101])).rejects.toThrow(/^ORA-01555/);
    // The connection is still usable afterwards, in and out of a transaction.
    await billing.query('BEGIN');
    await expect(billing.query('SELECT * FROM AREA')).rejects.toThrow(/^ORA-03113/);
    await billing.query('ROLLBACK');
    expect((await billing.query('SELECT * FROM ITEM')).rows).toHaveLength(3);
  });

  it('latency delays only the faulted point: another connection calling another point is not delayed', async () => {
    sim.faults.set('97-5', { latencyMs: 1500 });
    const other = await connect(sim.sys97.url);
    try {
      const started = Date.now();
      const slow = callCursor(sys97, 'CALL VIP_GET_SOS(NULL)').then(() => Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const fast = await callCursor(other, 'CALL VIP_GET_DKHINFO($1, NULL)', ['1203100001']);
      const fastMs = Date.now() - started;
      expect(fast.rows).toHaveLength(1);
      expect(fastMs).toBeLessThan(1000);
      expect(await slow).toBeGreaterThanOrEqual(1450);
    } finally {
      await other.end();
    }
  });

  it('hang never answers that call (the client times out); others carry on', async () => {
    sim.faults.set('JF-2', { hang: true });
    const hung = new pg.Client({ connectionString: sim.billing.url, query_timeout: 800 });
    await hung.connect();
    try {
      const started = Date.now();
      await expect(callScalar(hung, 'CALL VIPJF_GET_REQUEST_READY($1, NULL)', [20260101])).rejects.toThrow(/timeout/i);
      expect(Date.now() - started).toBeGreaterThanOrEqual(750);
      expect(await callScalar(billing, 'CALL VIPJF_GET_QF($1, $2, NULL)', ['HT0000001', 20260101])).toBe(20260115);
    } finally {
      await hung.end().catch(() => {});
    }
  });

  it('neverReady keeps a requested cycle unready and its rows hidden', async () => {
    expect(await callScalar(billing, 'CALL VIPJF_GET_REQUEST_READY($1, NULL)', [20260101])).toBe(1);
    sim.faults.set('JF-2', { neverReady: true });
    expect(await callScalar(billing, 'CALL VIPJF_SET_REQUEST($1, NULL)', [20260201])).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await callScalar(billing, 'CALL VIPJF_GET_REQUEST_READY($1, NULL)', [20260201])).toBe(0);
    expect(await callScalar(billing, 'CALL VIPJF_GET_REQUEST_READY($1, NULL)', [20260101])).toBe(0);
    expect((await billing.query('SELECT * FROM VIP_FEE WHERE "CALLTIME" = $1', [20260101])).rows).toEqual([]);
    sim.faults.clear('JF-2');
    expect(await callScalar(billing, 'CALL VIPJF_GET_REQUEST_READY($1, NULL)', [20260201])).toBe(1);
  });

  it('badRows: each kind shows in the rows', async () => {
    const sos = async (): Promise<Array<Record<string, unknown>>> => (await callCursor(sys97, 'CALL VIP_GET_SOS(NULL)')).rows;
    const clean = await sos();
    expect(clean).toHaveLength(2);

    sim.faults.set('97-5', { badRows: { rate: 1, kinds: ['badDate'] } });
    for (const row of await sos()) expect(Number.isNaN(Date.parse(String(row.SO_DATE)))).toBe(true);

    sim.faults.set('97-5', { badRows: { rate: 1, kinds: ['overLength'] } });
    for (const row of await sos()) expect(String(row.ACC_SERVTYPE).length).toBeGreaterThan(50);

    sim.faults.set('97-5', { badRows: { rate: 1, kinds: ['badEncoding'] } });
    for (const row of await sos()) expect(String(row.ACC_SERVTYPE)).toContain('\uFFFD');

    sim.faults.set('97-5', { badRows: { rate: 1, kinds: ['missingRequired'] } });
    for (const row of await sos()) expect(row.SO_NBR).toBeNull();

    sim.faults.set('97-5', { badRows: { rate: 1, kinds: ['duplicateKey'] } });
    expect((await sos()).map((r) => r.SO_NBR)).toEqual(['SO20260001', 'SO20260001', 'SO20260002', 'SO20260002']);

    sim.faults.set('JF-5', { badRows: { rate: 1, kinds: ['overLength'] } });
    const fee = await billing.query('SELECT * FROM VIP_FEE WHERE "CALLTIME" = $1', [20260101]);
    for (const row of fee.rows as Array<{ CONTRACTNO: string }>) expect(row.CONTRACTNO.length).toBeGreaterThan(10);
  });

  it('badRows with a rate spoils the same share of rows on every call', async () => {
    sim.faults.set('JF-9', { badRows: { rate: 0.5, kinds: ['missingRequired'] } });
    const call = async (): Promise<unknown[]> => (await callCursor(billing,
      'CALL VIPJF_GET_FEE_BY_ACCNBR($1, $2, $3, NULL)', ['08713100001', 20200101, 20301231])).rows.map((r) => r.EQUIPMENTNBR);
    const first = await call();
    expect(first).toHaveLength(4);
    expect(await call()).toEqual(first);
  });

  it('admin HTTP sets, lists and clears faults, and sets the preparation time', async () => {
    const put = await fetch(`${sim.adminUrl}/faults/97-9`, {
      method: 'PUT', body: JSON.stringify({ errorRate: 1, errorCode: 'ORA-12170' }),
    });
    expect(put.status).toBe(200);
    await expect(callCursor(sys97, 'CALL VIP97_GET_PRODUCT(NULL)')).rejects.toThrow(/^ORA-12170/);
    expect(await (await fetch(`${sim.adminUrl}/faults`)).json()).toEqual({ '97-9': { errorRate: 1, errorCode: 'ORA-12170' } });
    const bad = await fetch(`${sim.adminUrl}/faults/97-9`, { method: 'PUT', body: JSON.stringify({ errorRate: 2 }) });
    expect(bad.status).toBe(400);
    expect((await fetch(`${sim.adminUrl}/faults/97-9`, { method: 'DELETE' })).status).toBe(204);
    expect((await callCursor(sys97, 'CALL VIP97_GET_PRODUCT(NULL)')).rows).toHaveLength(2);

    const prep = await fetch(`${sim.adminUrl}/billing/preparation-ms`, { method: 'POST', body: JSON.stringify({ ms: 60_000 }) });
    expect(prep.status).toBe(200);
    expect(await callScalar(billing, 'CALL VIPJF_SET_REQUEST($1, NULL)', [20260301])).toBe(1);
    expect(await callScalar(billing, 'CALL VIPJF_GET_REQUEST_READY($1, NULL)', [20260301])).toBe(0);
  });
});

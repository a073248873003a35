// The 97 system's sync end to end: the running simulator, the hub's transports and policies, the
// view in PGlite. Full sync, then reconciliation finds no drift; legacy changes show as drift until
// the incremental sync takes them in; faults are survived and bad rows kept with their reasons.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../simulator/index.ts';
import { connectLegacy, type LegacySystems } from '../../src/legacy/legacy-systems.ts';
import { CustomerRepository, QuarantineRepository, migrate, openDatabase, type Database } from '../../src/store/index.ts';
import { reconcile } from '../../src/sync/reconcile.ts';
import { replayQuarantine, sys97Replayers } from '../../src/sync/quarantine-replay.ts';
import { runChangeSync } from '../../src/sync/sys97-change.sync.ts';
import { runWorkOrderHistorySync } from '../../src/sync/work-order-history.sync.ts';
import { runWorkOrderSweep } from '../../src/sync/work-order.sync.ts';

let sim: SimulatorHandle;
let legacy: LegacySystems;
let db: Database;

async function count(sql: string, runner: { query: (s: string) => Promise<{ rows: Record<string, unknown>[] }> }): Promise<number> {
  const { rows } = await runner.query(sql);
  return Number(Object.values(rows[0] ?? {})[0]);
}

beforeAll(async () => {
  sim = await startSimulator({ size: 'tiny' });
  legacy = await connectLegacy(
    { kind: 'postgres', sys97Url: sim.sys97.url, billingUrl: sim.billing.url, cs1000WsdlUrl: sim.cs1000.wsdlUrl },
    {
      timeoutMs: 2_000,
      poolSize: 3,
      policies: { sys97: { retries: 4, initialDelayMs: 10, maxDelayMs: 50, breaker: { kind: 'consecutive', failures: 8, halfOpenAfterMs: 300 } } },
    },
  );
  db = await openDatabase({});
  await migrate(db);
});

afterAll(async () => {
  await legacy?.close();
  await db?.close();
  await sim?.stop();
});

describe('97 sync against the simulator', () => {
  it('a full sync brings every customer, account, service and work order with its steps', async () => {
    const counts = await runChangeSync(legacy.sys97, db, { mode: 'full', runId: 'full-1' });
    await runWorkOrderSweep(legacy.sys97, db, { runId: 'sweep-1' });
    await runWorkOrderHistorySync(legacy.sys97, db, { runId: 'history-1' });
    const customers = await count('SELECT count(*) FROM DKH_CUSTOMER', sim.db.sys97);
    expect(counts.synced).toBe(customers);
    expect(await count('SELECT count(*) FROM hub.customer', db)).toBe(customers);
    expect(await count('SELECT count(*) FROM hub.account', db)).toBe(await count('SELECT count(*) FROM DKH_ACCOUNT', sim.db.sys97));
    expect(await count('SELECT count(*) FROM hub.service', db)).toBe(await count('SELECT count(*) FROM DKH_SERVICE', sim.db.sys97));
    expect(await count('SELECT count(*) FROM hub.work_order', db)).toBe(await count('SELECT count(*) FROM SO_ORDER', sim.db.sys97));
    expect(await count('SELECT count(*) FROM hub.work_order_step', db)).toBe(await count('SELECT count(*) FROM SO_STEP', sim.db.sys97));
    expect(await count(`SELECT count(*) FROM hub.work_order WHERE state = 'open'`, db)).toBe(
      await count('SELECT count(*) FROM SO_ORDER WHERE NOT finished', sim.db.sys97),
    );
    const report = await reconcile({ sys97: legacy.sys97 }, db);
    expect(report.drift).toEqual([]);
    expect(report.checked.customers).toBe(customers);
    // Decision 0004: the 97 customer id of VIP_GET_SOS is learned through the orders' services.
    const learned = await db.query<{ vip_number: string; legacy_customer_id: number }>(
      'SELECT vip_number, legacy_customer_id FROM hub.customer WHERE legacy_customer_id IS NOT NULL',
    );
    expect(learned.rows.length).toBeGreaterThan(0);
    for (const row of learned.rows) {
      const { rows } = await sim.db.sys97.query<{ id: string }>('SELECT "DKH_ID"::text AS id FROM DKH_CUSTOMER WHERE "DKH_CARDID" = $1', [row.vip_number]);
      expect(Number(rows[0]?.id)).toBe(Number(row.legacy_customer_id));
    }
    expect(await count('SELECT count(*) FROM hub.work_order WHERE customer_id IS NULL', db)).toBe(0);
  });

  it('legacy changes are drift until the incremental sync takes them in; a renumbered customer keeps its id', async () => {
    const { rows } = await sim.db.sys97.query<{ vip: string; acc: string }>(
      `SELECT c."DKH_CARDID" AS vip, s."ACC_CODE" AS acc FROM DKH_CUSTOMER c JOIN DKH_SERVICE s ON s."DKH_ID" = c."DKH_ID" ORDER BY 1 LIMIT 1`,
    );
    const { vip, acc } = rows[0] as { vip: string; acc: string };
    const before = await new CustomerRepository(db).findByVipNumber(vip);
    await sim.mutate.customer(vip, { DKHNAME: '云南省测试变更有限公司' });
    await sim.mutate.service(acc, { PERSON: '新用户' });
    // A level change renumbers the customer (the VIP number's 2nd digit is the level).
    const level = Number(vip[1]) === 5 ? 4 : Number(vip[1]) + 1;
    const newVip = `${vip[0]}${level}${vip.slice(2)}`;
    const renumbered = await sim.mutate.customer(vip, { DKH_CARDID: newVip, level });
    expect(renumbered).toBe(newVip);

    const drift = await reconcile({ sys97: legacy.sys97 }, db);
    expect(drift.byPoint['97-1']).toBeGreaterThan(0);

    const counts = await runChangeSync(legacy.sys97, db, { mode: 'incremental', runId: 'inc-1' });
    expect(counts.renumbered).toBe(1);
    const after = await new CustomerRepository(db).findByVipNumber(renumbered);
    expect(after?.id).toBe(before?.id);
    expect(after?.name).toBe('云南省测试变更有限公司');
    expect((await new CustomerRepository(db).findByVipNumber(vip))?.id).toBe(before?.id);
    const settled = await reconcile({ sys97: legacy.sys97 }, db);
    expect(settled.drift).toEqual([]);
  });

  it('with errors, latency and bad rows injected the sync finishes, within the cap, bad rows quarantined with reasons', async () => {
    sim.faults.set('97-2', { errorRate: 0.3, errorCode: 'ORA-00054' });
    sim.faults.set('97-3', { latencyMs: 40 });
    sim.faults.set('97-4', { badRows: { rate: 0.2, kinds: ['overLength', 'missingRequired'] } });
    await sim.faultsSettled();
    try {
      const counts = await runChangeSync(legacy.sys97, db, { mode: 'full', runId: 'faulty-1', chunkSize: 10 });
      expect(counts.synced).toBe(await count('SELECT count(*) FROM DKH_CUSTOMER', sim.db.sys97));
      expect(counts.quarantined).toBeGreaterThan(0);
    } finally {
      sim.faults.clear();
      await sim.faultsSettled();
    }
    expect(legacy.resilience.stats('sys97').maxInFlight).toBeLessThanOrEqual(3);
    const page = await new QuarantineRepository(db).list({ pointId: '97-4', runId: 'faulty-1' });
    expect(page.total).toBeGreaterThan(0);
    for (const entry of page.items) {
      expect(entry.reasons.length).toBeGreaterThan(0);
      expect(entry.reasons[0]?.message).toBeTruthy();
      expect(entry.rawRow).toHaveProperty('ACC_CODE');
    }
  });

  it('a legacy system that hangs for a while: the calls time out, are retried, and the sync finishes', async () => {
    const before = await count('SELECT count(*) FROM hub.customer', db);
    sim.faults.set('97-3', { hang: true });
    await sim.faultsSettled();
    const timeouts: string[] = [];
    const off = legacy.resilience.onEvent((e) => {
      // A hung attempt ends at its deadline and is retried: the policy reports both.
      if (e.type === 'timeout' || e.type === 'retry') timeouts.push(e.type);
    });
    const release = setTimeout(() => sim.faults.clear('97-3'), 2_500);
    try {
      const counts = await runChangeSync(legacy.sys97, db, { mode: 'full', runId: 'hang-1', chunkSize: 10 });
      expect(counts.synced).toBe(await count('SELECT count(*) FROM DKH_CUSTOMER', sim.db.sys97));
    } finally {
      clearTimeout(release);
      sim.faults.clear();
      await sim.faultsSettled();
      off();
    }
    // Calls that hung were cut by their deadline (never waited on for ever), and the view is whole.
    expect(timeouts.length).toBeGreaterThan(0);
    expect(timeouts).toContain('retry');
    expect(legacy.resilience.stats('sys97').maxInFlight).toBeLessThanOrEqual(3);
    expect(await count('SELECT count(*) FROM hub.customer', db)).toBe(before);
    expect((await reconcile({ sys97: legacy.sys97 }, db)).drift).toEqual([]);
  });

  it('quarantined rows replay by their subject: still bad while the cause stays, gone once it is cured', async () => {
    const repo = new QuarantineRepository(db);
    const open = await repo.list({ pointId: '97-4', state: 'open' });
    expect(open.total).toBeGreaterThan(0);
    expect(open.items.every((e) => e.subject?.startsWith('vip:'))).toBe(true);
    const replayers = sys97Replayers(legacy.sys97, db);

    // The cause still there: every entry is replayed, and each bad row comes back as a new entry.
    sim.faults.set('97-4', { badRows: { rate: 0.2, kinds: ['overLength', 'missingRequired'] } });
    await sim.faultsSettled();
    const again = await replayQuarantine(db, replayers, { runId: 'replay-1', filter: { pointId: '97-4' } });
    expect(again.replayed).toBe(open.total);
    expect(again.stillBad).toBe(open.total);

    // Cured (here: the legacy answers clean rows again): the replay leaves nothing open.
    sim.faults.clear();
    await sim.faultsSettled();
    const cured = await replayQuarantine(db, replayers, { runId: 'replay-2', filter: { pointId: '97-4' } });
    expect(cured.replayed).toBe(open.total);
    expect(cured.stillBad).toBe(0);
    expect((await repo.list({ pointId: '97-4', state: 'open' })).total).toBe(0);
    expect(await count('SELECT count(*) FROM hub.service', db)).toBe(await count('SELECT count(*) FROM DKH_SERVICE', sim.db.sys97));
  });

  it('the breaker opens on a failing 97 system and closes once it answers again', async () => {
    const states: string[] = [];
    const off = legacy.resilience.onEvent((e) => {
      if (e.type === 'breaker') states.push(e.state);
    });
    sim.faults.set('97-9', { errorRate: 1, errorCode: 'ORA-12541' });
    await sim.faultsSettled();
    for (let i = 0; i < 3; i += 1) await legacy.sys97.VIP97_GET_PRODUCT().catch(() => undefined);
    expect(legacy.resilience.stats('sys97').breaker).toBe('open');
    await expect(legacy.sys97.VIP97_GET_PRODUCT()).rejects.toMatchObject({ reason: 'breaker-open' });
    sim.faults.clear('97-9');
    await sim.faultsSettled();
    await new Promise((r) => setTimeout(r, 400));
    const products = await legacy.sys97.VIP97_GET_PRODUCT();
    expect(products.length).toBeGreaterThan(0);
    expect(legacy.resilience.stats('sys97').breaker).toBe('closed');
    expect(states).toEqual(expect.arrayContaining(['open', 'half-open', 'closed']));
    off();
  });
});

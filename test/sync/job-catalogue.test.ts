// The whole read path as the job layer runs it (inline driver: the same handlers BullMQ runs):
// every job of the catalogue against the simulator, then reconciliation reports no drift and the
// view holds every customer, work order and ticket of the simulator.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../simulator/index.ts';
import { InMemoryAlertSink } from '../../src/jobs/alerts.ts';
import { JobRegistry } from '../../src/jobs/job-definition.ts';
import { InlineJobDriver } from '../../src/jobs/inline.driver.ts';
import { connectLegacy } from '../../src/legacy/legacy-systems.ts';
import type { HubServices } from '../../src/hub/services.ts';
import { migrate, openDatabase } from '../../src/store/index.ts';
import { lastClosedCycle, syncJobs } from '../../src/sync/jobs.ts';
import type { ReconcileReport } from '../../src/sync/reconcile.ts';

let sim: SimulatorHandle;
let services: HubServices;
let driver: InlineJobDriver;
const alerts = new InMemoryAlertSink();

async function count(sql: string, runner: { query: (s: string) => Promise<{ rows: Record<string, unknown>[] }> }): Promise<number> {
  const { rows } = await runner.query(sql);
  return Number(Object.values(rows[0] ?? {})[0]);
}

beforeAll(async () => {
  sim = await startSimulator({ size: 'tiny', preparationMs: 150 });
  const db = await openDatabase({});
  await migrate(db);
  const legacy = await connectLegacy({ kind: 'postgres', sys97Url: sim.sys97.url, billingUrl: sim.billing.url, cs1000WsdlUrl: sim.cs1000.wsdlUrl });
  services = { db, legacy, close: async () => { await legacy.close(); await db.close(); } };
  driver = new InlineJobDriver(new JobRegistry(syncJobs(async () => services, { billingPollIntervalMs: 50 })), { alerts });
});

afterAll(async () => {
  await driver?.close();
  await services?.close();
  await sim?.stop();
});

describe('the job catalogue over the simulator', () => {
  it('full sync, work orders, a billing cycle and tickets, then zero drift', async () => {
    await (await driver.submit('sys97.full', {})).finished();
    await (await driver.submit('sys97.open-work-orders', {})).finished();
    await (await driver.submit('sys97.work-order-history', {})).finished();
    const cycle = lastClosedCycle();
    const billing = (await (await driver.submit('billing.cycle', { cycle })).finished()) as { loaded: Record<string, number> };
    expect(billing.loaded.charge).toBe(await count(`SELECT count(*) FROM bill_fee WHERE "CALLTIME" = ${cycle}`, sim.db.billing));
    await (await driver.submit('cs1000.open-tickets', {})).finished();
    await (await driver.submit('cs1000.finished-tickets', {})).finished();

    for (const [view, legacy, runner] of [
      ['hub.customer', 'DKH_CUSTOMER', sim.db.sys97],
      ['hub.account', 'DKH_ACCOUNT', sim.db.sys97],
      ['hub.service', 'DKH_SERVICE', sim.db.sys97],
      ['hub.work_order', 'SO_ORDER', sim.db.sys97],
      ['hub.work_order_step', 'SO_STEP', sim.db.sys97],
    ] as const) {
      expect(await count(`SELECT count(*) FROM ${view}`, services.db), view).toBe(await count(`SELECT count(*) FROM ${legacy}`, runner));
    }
    expect(await count(`SELECT count(*) FROM hub.trouble_ticket WHERE state = 'open'`, services.db)).toBe(
      (await count(`SELECT count(*) FROM cs_fault WHERE "FINISHTIME" IS NULL`, sim.db.cs1000)) +
        (await count(`SELECT count(*) FROM cs_complaint WHERE "FINISHTIME" IS NULL`, sim.db.cs1000)),
    );
    // Every fault and complaint of the simulator, open or finished, is in the view exactly once.
    expect(await count('SELECT count(*) FROM hub.trouble_ticket', services.db)).toBe(
      (await count('SELECT count(*) FROM cs_fault', sim.db.cs1000)) + (await count('SELECT count(*) FROM cs_complaint', sim.db.cs1000)),
    );
    const report = (await (await driver.submit('hub.reconcile', {})).finished()) as ReconcileReport;
    expect(report.drift).toEqual([]);
    expect(report.checked.openTickets).toBeGreaterThan(0);
  });

  it('a billing cycle that is never ready alerts the administrators once and keeps polling', async () => {
    sim.faults.set('JF-2', { neverReady: true });
    await sim.faultsSettled();
    const registry = new JobRegistry(syncJobs(async () => services, { billingPollIntervalMs: 20, billingDeadlineMs: 100 }));
    const local = new InlineJobDriver(registry, { alerts });
    const cycle = lastClosedCycle(new Date(Date.now() - 32 * 86_400_000));
    const job = await local.submit('billing.cycle', { cycle, force: true });
    await new Promise((r) => setTimeout(r, 600));
    expect(alerts.alerts.filter((a) => a.code === 'billing.cycle-not-ready')).toHaveLength(1);
    sim.faults.clear('JF-2');
    await sim.faultsSettled();
    const done = (await job.finished()) as { cycle: number; polls: number };
    expect(done.cycle).toBe(cycle);
    expect(done.polls).toBeGreaterThan(3);
    expect(alerts.alerts.filter((a) => a.code === 'billing.cycle-not-ready')).toHaveLength(1);
    await local.close();
  });
});

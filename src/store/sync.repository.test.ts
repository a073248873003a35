import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrder } from '../domain/index.ts';
import type { Database } from './database.ts';
import { QuarantineRepository } from './quarantine.repository.ts';
import { CursorMovedError, SyncStateRepository } from './sync-state.repository.ts';
import { SyncRunRepository } from './sync-run.repository.ts';
import { TroubleTicketRepository } from './trouble-ticket.repository.ts';
import { WorkOrderRepository } from './work-order.repository.ts';
import { openMigrated, testEngines } from './test-kit.ts';

const AT = new Date('2026-02-01T00:00:00Z');

function order(orderNumber: string, steps: number): WorkOrder {
  return {
    orderNumber, legacyCustomerId: 4711, customerId: null, serviceNumber: '057188880000', serviceType: 'DDN', acceptedAt: AT,
    currentStep: `step ${steps}`, state: 'open',
    steps: Array.from({ length: steps }, (_, i) => ({
      stepNo: i + 1, name: `环节${i + 1}`, crew: null, staffName: '张三', enteredAt: AT, leftAt: null, timeLimitHours: 24,
      rejectedAt: null, rejectionReason: null,
    })),
  };
}

describe.each(testEngines())('sync bookkeeping on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(engine);
  });
  afterAll(() => engine.dispose());

  it('moves the cursor only with the data it covers', async () => {
    const orders = new WorkOrderRepository(db);
    await expect(
      db.transaction(async (tx) => {
        await new WorkOrderRepository(tx).upsert([order('SO1', 2)], { sourcePoint: '97-5', confirmedAt: AT });
        await SyncStateRepository.advanceCursor(tx, 'work_orders', { since: '2026-02-01 08:00:00' });
        throw new Error('ORA-12541: TNS:no listener');
      }),
    ).rejects.toThrow('ORA-12541');
    expect(await orders.get('SO1')).toBeNull();
    expect(await new SyncStateRepository(db).get('work_orders')).toBeNull();

    await db.transaction(async (tx) => {
      await new WorkOrderRepository(tx).upsert([order('SO1', 2)], { sourcePoint: '97-5', confirmedAt: AT });
      await SyncStateRepository.advanceCursor(tx, 'work_orders', { since: '2026-02-01 08:00:00' }, { expected: null });
    });
    expect((await orders.get('SO1'))?.steps).toHaveLength(2);
    expect((await new SyncStateRepository(db).get('work_orders'))?.cursor).toEqual({ since: '2026-02-01 08:00:00' });
  });

  it('refuses to move a cursor that another run moved', async () => {
    await expect(
      db.transaction((tx) => SyncStateRepository.advanceCursor(tx, 'work_orders', { since: 'x' }, { expected: { since: 'stale' } })),
    ).rejects.toBeInstanceOf(CursorMovedError);
    expect((await new SyncStateRepository(db).get('work_orders'))?.cursor).toEqual({ since: '2026-02-01 08:00:00' });
  });

  it('replaces an order\'s steps and finishes orders a complete sweep no longer lists', async () => {
    const orders = new WorkOrderRepository(db);
    const later = new Date('2026-02-02T00:00:00Z');
    await orders.upsert([order('SO1', 3), order('SO2', 1)], { sourcePoint: '97-5', confirmedAt: later, sweepId: 'sweep-1' });
    await orders.upsert([order('SO3', 1)], { sourcePoint: '97-5', confirmedAt: later, sweepId: 'sweep-0' });
    expect((await orders.get('SO1'))?.steps.map((s) => s.stepNo)).toEqual([1, 2, 3]);
    expect(await orders.finishNotSeenInSweep('sweep-1', later)).toEqual(['SO3']);
    expect((await orders.get('SO3'))?.state).toBe('finished');
    expect((await orders.get('SO1'))?.state).toBe('open');
    // An older read does not bring back old steps.
    await orders.upsert([order('SO1', 1)], { sourcePoint: '97-5', confirmedAt: AT });
    expect((await orders.get('SO1'))?.steps).toHaveLength(3);
  });

  it('closes a trouble ticket read again with a finish time', async () => {
    const tickets = new TroubleTicketRepository(db);
    const t = {
      ticketKey: 'fault:1203100001:2026-01-05', kind: 'fault' as const, state: 'open' as const, vipNumber: '1203100001', customerId: null,
      serviceNumber: '057188880000', complainantName: null, type: 'line_down', typeLegacy: '01', staff: null, reportedAt: AT,
      finishedAt: null, description: '断线', satisfaction: null,
    };
    await tickets.upsert([t], { sourcePoint: 'CS-1', confirmedAt: AT });
    const closedAt = new Date('2026-02-03T00:00:00Z');
    await tickets.upsert([{ ...t, state: 'closed', finishedAt: closedAt }], { sourcePoint: 'CS-1', confirmedAt: closedAt });
    expect(await tickets.get(t.ticketKey)).toMatchObject({ state: 'closed', finishedAt: closedAt });
  });

  it('adds, lists, counts and replays quarantined rows', async () => {
    const quarantine = new QuarantineRepository(db);
    const run = await new SyncRunRepository(db).create('customers', { subject: '97-1' });
    const ids = await quarantine.add([
      { pointId: '97-2', rawRow: { DKH_CARDID: '12031', DKHNAME: '坏\tdata' }, reasons: [{ code: 'bad_encoding', field: 'DKHNAME', message: 'U+FFFD' }], runId: run.id },
      { pointId: '97-2', rawRow: { DKH_CARDID: '12032' }, reasons: [{ code: 'unparseable_date', message: 'x' }, { code: 'bad_encoding', message: 'y' }], runId: run.id },
      { pointId: '97-4', rawRow: { ACC_CODE: '0571' }, reasons: [{ code: 'missing_reference', message: 'no customer' }] },
    ]);
    expect(ids).toHaveLength(3);
    const page = await quarantine.list({ pointId: '97-2' }, { limit: 1 });
    expect(page.total).toBe(2);
    expect(page.items[0]?.rawRow).toEqual({ DKH_CARDID: '12032' });
    expect((await quarantine.list({ reasonCode: 'bad_encoding' })).total).toBe(2);
    expect((await quarantine.list({ runId: run.id, reasonCode: 'unparseable_date' })).total).toBe(1);
    expect(await quarantine.countByPointAndReason()).toEqual([
      { pointId: '97-2', reasonCode: 'bad_encoding', count: 2 },
      { pointId: '97-2', reasonCode: 'unparseable_date', count: 1 },
      { pointId: '97-4', reasonCode: 'missing_reference', count: 1 },
    ]);
    expect(await quarantine.markReplayed([ids[0] as number, ids[0] as number])).toEqual([ids[0]]);
    expect(await quarantine.markReplayed([ids[0] as number])).toEqual([]);
    expect((await quarantine.list({ state: 'open' })).total).toBe(2);
    expect(await quarantine.countByPointAndReason({ state: 'replayed' })).toEqual([{ pointId: '97-2', reasonCode: 'bad_encoding', count: 1 }]);
  });

  it('records a run with its counts and finds an unfinished one to resume', async () => {
    const runs = new SyncRunRepository(db);
    const run = await runs.create('billing_cycle', { subject: '20260101', state: 'scheduled' });
    expect((await runs.findUnfinished('billing_cycle', '20260101'))?.id).toBe(run.id);
    await runs.start(run.id);
    await runs.addCounts(run.id, { read: 10, written: 9 });
    await runs.addCounts(run.id, { read: 5, quarantined: 1 });
    await runs.finish(run.id, { written: 5 });
    const done = await runs.get(run.id);
    expect(done).toMatchObject({ state: 'done', counts: { read: 15, written: 14, quarantined: 1 }, error: null });
    expect(await runs.findUnfinished('billing_cycle', '20260101')).toBeNull();
    await expect(runs.finish(run.id)).rejects.toThrow(/not in state running/);
  });
});

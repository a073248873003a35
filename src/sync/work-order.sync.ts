// Open work orders (工单监控): a sweep of VIP_GET_SOS (97-5), then VIP_GET_SOINFO (97-6) only for orders
// that are new or whose current step moved — the 97 system is asked no more than the change needs.
// An open order that a complete sweep no longer lists has finished (the legacy gives no finish time).

import { randomUUID } from 'node:crypto';
import type { Sys97Port } from '../../adapters/sys97/sys97.adapter.ts';
import type { VipGetSoinfoRow, VipGetSosRow } from '../../contracts/generated/legacy/index.ts';
import { mapperFor } from '../../mappings/index.ts';
import type { WorkOrder } from '../domain/index.ts';
import { QuarantineRepository, WorkOrderRepository, type Database, type NewQuarantineEntry, type Queryable } from '../store/index.ts';
import { splitChecked } from './quarantine-rows.ts';

/** Rows of the open-order sweep and their steps are replayed by another sweep. */
export const WORK_ORDER_SUBJECT = 'sweep:97-5';

export interface WorkOrderSweepCounts {
  open: number;
  detailed: number;
  unchanged: number;
  finished: number;
  quarantined: number;
}

export interface WorkOrderSweepOptions {
  runId: string | null;
  now?: () => Date;
  /** Orders whose steps are read at once. */
  concurrency?: number;
}

async function knownOrders(db: Database, orderNumbers: readonly string[]) {
  const { rows } = await db.query<{ order_number: string; current_step: string | null; state: string; steps: number }>(
    `SELECT o.order_number, o.current_step, o.state,
            (SELECT count(*)::int FROM hub.work_order_step s WHERE s.order_number = o.order_number) AS steps
       FROM hub.work_order o WHERE o.order_number = ANY($1::text[])`,
    [orderNumbers],
  );
  return new Map(rows.map((r) => [r.order_number, r]));
}

async function ownersByService(db: Database, serviceNumbers: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await db.query<{ service_number: string; customer_id: string }>(
    'SELECT service_number, customer_id FROM hub.service WHERE service_number = ANY($1::text[])',
    [serviceNumbers],
  );
  return new Map(rows.map((r) => [r.service_number, r.customer_id]));
}

/**
 * Decision 0004: an order reaches its customer through its service number; once one does, its 97
 * customer id (VIP_GET_SOS's VIP) is the customer's too, and orders of that id whose number the view
 * does not know yet (a new installation) reach the customer through it. Orders read before their
 * service reached the view find their customer here on a later sweep.
 */
export async function linkOrdersToCustomers(q: Queryable): Promise<void> {
  await q.query(
    `UPDATE hub.work_order o SET customer_id = s.customer_id FROM hub.service s
      WHERE o.customer_id IS NULL AND s.service_number = o.service_number`,
  );
  await q.query(
    `UPDATE hub.customer c SET legacy_customer_id = o.legacy_customer_id
       FROM (SELECT DISTINCT ON (customer_id) customer_id, legacy_customer_id FROM hub.work_order
              WHERE customer_id IS NOT NULL AND legacy_customer_id IS NOT NULL ORDER BY customer_id, confirmed_at DESC) o
      WHERE o.customer_id = c.id AND c.legacy_customer_id IS DISTINCT FROM o.legacy_customer_id`,
  );
  await q.query(
    `UPDATE hub.work_order o SET customer_id = c.id FROM hub.customer c
      WHERE o.customer_id IS NULL AND o.legacy_customer_id IS NOT NULL AND c.legacy_customer_id = o.legacy_customer_id`,
  );
}

export async function runWorkOrderSweep(sys97: Sys97Port, db: Database, options: WorkOrderSweepOptions): Promise<WorkOrderSweepCounts> {
  const now = (options.now ?? (() => new Date()))();
  const sweepId = options.runId ?? randomUUID();
  const concurrency = options.concurrency ?? 8;
  const sos = splitChecked<VipGetSosRow>('97-5', await sys97.VIP_GET_SOS(), options.runId, WORK_ORDER_SUBJECT);
  const rejected: NewQuarantineEntry[] = [...sos.rejected];

  // A quarantined row still names an order the 97 system holds open: it must not be finished.
  const seen = new Set<string>();
  for (const r of sos.rejected) if (typeof r.rawRow['SO_NBR'] === 'string') seen.add(r.rawRow['SO_NBR']);
  const byNumber = new Map<string, VipGetSosRow>();
  for (const row of sos.good) {
    const key = String(row.SO_NBR);
    seen.add(key);
    if (byNumber.has(key)) {
      rejected.push({ pointId: '97-5', rawRow: row as unknown as Record<string, unknown>, runId: options.runId,
        subject: WORK_ORDER_SUBJECT,
        reasons: [{ code: 'duplicate_key', field: 'SO_NBR', message: `work order ${key} listed twice in one VIP_GET_SOS answer` }] });
    } else byNumber.set(key, row);
  }

  const known = await knownOrders(db, [...byNumber.keys()]);
  const owners = await ownersByService(db, [...byNumber.values()].map((r) => String(r.SERV_NBR ?? '')).filter(Boolean));
  const mapper = mapperFor('97-5');
  // Compared as mapped: the view holds the step's canonical name, not the legacy text.
  const needSteps = [...byNumber.values()].filter((r) => {
    const k = known.get(String(r.SO_NBR));
    if (!k || k.state !== 'open' || k.steps === 0) return true;
    const bare = mapper.map(r, { customerId: null, stepRows: [] });
    return !bare.ok || bare.value.currentStep !== k.current_step;
  });
  const detailed = new Set(needSteps.map((r) => String(r.SO_NBR)));
  const unchanged = [...byNumber.keys()].filter((n) => !detailed.has(n));

  const orders: WorkOrder[] = [];
  for (let i = 0; i < needSteps.length; i += concurrency) {
    const batch = needSteps.slice(i, i + concurrency);
    const steps = await Promise.all(batch.map((r) => sys97.VIP_GET_SOINFO(String(r.SO_NBR))));
    batch.forEach((row, j) => {
      const stepRows = splitChecked<VipGetSoinfoRow>('97-6', steps[j] ?? [], options.runId, WORK_ORDER_SUBJECT);
      rejected.push(...stepRows.rejected);
      const customerId = owners.get(String(row.SERV_NBR ?? '')) ?? null;
      const mapped = mapper.map(row, { customerId, stepRows: stepRows.good });
      if (mapped.ok) orders.push(mapped.value);
      else rejected.push({ pointId: '97-5', rawRow: row as unknown as Record<string, unknown>, reasons: mapped.reasons, runId: options.runId, subject: WORK_ORDER_SUBJECT });
    });
  }

  let finished: string[] = [];
  await db.transaction(async (tx) => {
    await new WorkOrderRepository(tx).upsert(orders, { sourcePoint: '97-5', confirmedAt: now, sweepId });
    // Unchanged orders keep their steps; the sweep only confirms them.
    await tx.query(
      `UPDATE hub.work_order SET last_sweep_id = $1, confirmed_at = $2 WHERE order_number = ANY($3::text[])`,
      [sweepId, now, [...seen].filter((n) => !detailed.has(n))],
    );
    if (rejected.length > 0) await new QuarantineRepository(tx).add(rejected);
    finished = await new WorkOrderRepository(tx).finishNotSeenInSweep(sweepId, now);
    await linkOrdersToCustomers(tx);
  });
  return { open: byNumber.size, detailed: orders.length, unchanged: unchanged.length, finished: finished.length, quarantined: rejected.length };
}

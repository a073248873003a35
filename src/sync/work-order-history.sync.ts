// Historical (finished) work orders. VIP_GET_SOS lists open orders only; the read-granted processing
// table VIP97_SO_PROCESS (97-7) lists every order with its finish date, so it is where the view learns
// the orders that finished before the hub first swept. Steps come from VIP_GET_SOINFO, once per
// order the view does not hold yet: the 97 system is not asked again for history it already gave.

import type { Sys97Port } from '../../adapters/sys97/sys97.adapter.ts';
import type { Vip97SoProcessRow, VipGetSoinfoRow } from '../../contracts/generated/legacy/index.ts';
import { mapperFor, mapRows } from '../../mappings/index.ts';
import type { WorkOrder, WorkOrderFulfilment, WorkOrderStep } from '../domain/index.ts';
import { QuarantineRepository, WorkOrderRepository, type Database, type NewQuarantineEntry } from '../store/index.ts';
import { mappingRejects, splitChecked } from './quarantine-rows.ts';
import { linkOrdersToCustomers } from './work-order.sync.ts';

/** Rows of the processing table are replayed by another read of the table. */
export const HISTORY_SUBJECT = 'table:97-7';

export interface WorkOrderHistoryCounts {
  read: number;
  added: number;
  alreadyKnown: number;
  quarantined: number;
}

export async function runWorkOrderHistorySync(
  sys97: Sys97Port,
  db: Database,
  options: { runId: string | null; now?: () => Date; concurrency?: number },
): Promise<WorkOrderHistoryCounts> {
  const counts: WorkOrderHistoryCounts = { read: 0, added: 0, alreadyKnown: 0, quarantined: 0 };
  const concurrency = options.concurrency ?? 8;
  const now = options.now ?? (() => new Date());
  // The table is read to its end before any step is asked for: a legacy session streaming a table
  // may be the only one the legacy grants (the simulator's PGlite has one), so nothing else may
  // wait on it. What is kept meanwhile is only the orders the view lacks.
  const fresh: WorkOrderFulfilment[] = [];
  for await (const batch of sys97.VIP97_SO_PROCESS()) {
    counts.read += batch.length;
    const checked = splitChecked<Vip97SoProcessRow>('97-7', batch, options.runId, HISTORY_SUBJECT);
    const mapped = mapRows('97-7', checked.good);
    const rejected: NewQuarantineEntry[] = [...checked.rejected, ...mappingRejects('97-7', mapped, options.runId, HISTORY_SUBJECT)];
    const done = (mapped.values as WorkOrderFulfilment[]).filter((f) => f.status !== 'open');
    const { rows: known } = await db.query<{ order_number: string }>(
      'SELECT order_number FROM hub.work_order WHERE order_number = ANY($1::text[])',
      [done.map((f) => f.orderNumber)],
    );
    const knownSet = new Set(known.map((r) => r.order_number));
    for (const f of done) if (!knownSet.has(f.orderNumber)) fresh.push(f);
    counts.alreadyKnown += knownSet.size;
    if (rejected.length > 0) {
      await new QuarantineRepository(db).add(rejected);
      counts.quarantined += rejected.length;
    }
  }
  const stepMapper = mapperFor('97-6');
  const chunk = concurrency * 25;
  for (let c = 0; c < fresh.length; c += chunk) {
    const part = fresh.slice(c, c + chunk);
    const rejected: NewQuarantineEntry[] = [];
    const { rows: owners } = await db.query<{ service_number: string; customer_id: string }>(
      'SELECT service_number, customer_id FROM hub.service WHERE service_number = ANY($1::text[])',
      [part.map((f) => f.serviceNumber).filter((s): s is string => s !== null)],
    );
    const ownerOf = new Map(owners.map((o) => [o.service_number, o.customer_id]));
    const orders: WorkOrder[] = [];
    for (let i = 0; i < part.length; i += concurrency) {
      const slice = part.slice(i, i + concurrency);
      const answers = await Promise.all(slice.map((f) => sys97.VIP_GET_SOINFO(f.orderNumber)));
      slice.forEach((f, j) => {
        const stepRows = splitChecked<VipGetSoinfoRow>('97-6', answers[j] ?? [], options.runId, HISTORY_SUBJECT);
        rejected.push(...stepRows.rejected);
        const steps: WorkOrderStep[] = [];
        stepRows.good.forEach((row, k) => {
          const step = stepMapper.map(row, { stepNo: k + 1 });
          if (step.ok) steps.push(step.value);
          else rejected.push({ pointId: '97-6', rawRow: row as unknown as Record<string, unknown>, reasons: step.reasons, runId: options.runId, subject: HISTORY_SUBJECT });
        });
        orders.push({
          orderNumber: f.orderNumber,
          legacyCustomerId: f.legacyCustomerId,
          customerId: f.serviceNumber ? (ownerOf.get(f.serviceNumber) ?? null) : null,
          serviceNumber: f.serviceNumber,
          serviceType: f.serviceType,
          acceptedAt: f.acceptedAt,
          currentStep: steps.at(-1)?.name ?? null,
          state: 'finished',
          steps,
        });
      });
    }
    const confirmedAt = now();
    await db.transaction(async (tx) => {
      await new WorkOrderRepository(tx).upsert(orders, { sourcePoint: '97-7', confirmedAt });
      if (rejected.length > 0) await new QuarantineRepository(tx).add(rejected);
      await linkOrdersToCustomers(tx);
    });
    counts.added += orders.length;
    counts.quarantined += rejected.length;
  }
  return counts;
}

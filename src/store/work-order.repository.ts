// Work orders and their steps. The legacy lists only open orders (97-5) and gives no finish time:
// an order that a complete sweep of the open list no longer shows is finished as of that sweep.

import type { WorkOrder, WorkOrderStep } from '../domain/index.ts';
import { withTransaction, type Queryable, type Tx } from './database.ts';
import { asDate, asNumber, asText, dedupeByKey, iso, meta, upsertRows, type Confirmation, type UpsertSpec } from './upsert.ts';

const SPEC: UpsertSpec = {
  table: 'hub.work_order',
  key: ['order_number'],
  tracksUpdates: true,
  columns: [
    'order_number', 'legacy_customer_id', 'customer_id', 'service_number', 'service_type', 'accepted_at', 'current_step',
    'state', 'finished_at', 'last_sweep_id', 'source_point', 'confirmed_at',
  ],
};

export interface WorkOrderWrite extends Confirmation {
  /** The open-orders sweep this read belongs to (see finishNotSeenInSweep). */
  sweepId?: string;
}

function stepRows(orderNumber: string, steps: readonly WorkOrderStep[], m: Confirmation): Record<string, unknown>[] {
  return steps.map((s) => ({
    order_number: orderNumber, step_no: s.stepNo, name: s.name, crew: s.crew, staff_name: s.staffName,
    entered_at: iso(s.enteredAt), left_at: iso(s.leftAt), time_limit_hours: s.timeLimitHours, rejected_at: iso(s.rejectedAt),
    rejection_reason: s.rejectionReason, ...meta(m),
  }));
}

async function replaceStepsIn(tx: Tx, orderNumbers: readonly string[], rows: readonly Record<string, unknown>[]): Promise<void> {
  await tx.query('DELETE FROM hub.work_order_step WHERE order_number = ANY($1::text[])', [orderNumbers]);
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO hub.work_order_step SELECT * FROM jsonb_populate_recordset(NULL::hub.work_order_step, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
}

function stepFromRow(r: Record<string, unknown>): WorkOrderStep {
  return {
    stepNo: Number(r.step_no), name: String(r.name), crew: asText(r.crew), staffName: asText(r.staff_name),
    enteredAt: asDate(r.entered_at), leftAt: asDate(r.left_at), timeLimitHours: asNumber(r.time_limit_hours),
    rejectedAt: asDate(r.rejected_at), rejectionReason: asText(r.rejection_reason),
  };
}

function orderFromRow(r: Record<string, unknown>, steps: WorkOrderStep[]): WorkOrder {
  return {
    orderNumber: String(r.order_number), legacyCustomerId: asNumber(r.legacy_customer_id), customerId: asText(r.customer_id),
    serviceNumber: asText(r.service_number), serviceType: asText(r.service_type), acceptedAt: asDate(r.accepted_at),
    currentStep: asText(r.current_step), state: r.state as WorkOrder['state'], steps,
  };
}

export class WorkOrderRepository {
  constructor(private readonly q: Queryable) {}

  /** Upserts the orders and replaces each one's steps, all in one transaction. */
  upsert(orders: readonly WorkOrder[], m: WorkOrderWrite): Promise<number> {
    const list = dedupeByKey(orders, (o) => o.orderNumber);
    return withTransaction(this.q, async (tx) => {
      // Only orders this read may overwrite get their steps replaced (same guard as the upsert).
      const { rows: newer } = await tx.query<{ order_number: string }>(
        'SELECT order_number FROM hub.work_order WHERE order_number = ANY($1::text[]) AND confirmed_at > $2 FOR UPDATE',
        [list.map((o) => o.orderNumber), m.confirmedAt],
      );
      const skip = new Set(newer.map((r) => r.order_number));
      const fresh = list.filter((o) => !skip.has(o.orderNumber));
      const written = await upsertRows(
        tx,
        SPEC,
        fresh.map((o) => ({
          order_number: o.orderNumber, legacy_customer_id: o.legacyCustomerId, customer_id: o.customerId,
          service_number: o.serviceNumber, service_type: o.serviceType, accepted_at: iso(o.acceptedAt),
          current_step: o.currentStep, state: o.state, finished_at: o.state === 'finished' ? m.confirmedAt.toISOString() : null,
          last_sweep_id: m.sweepId ?? null, ...meta(m),
        })),
      );
      await replaceStepsIn(tx, fresh.map((o) => o.orderNumber), fresh.flatMap((o) => stepRows(o.orderNumber, o.steps, m)));
      return written;
    });
  }

  /** Steps read on their own (97-6 for one order). */
  replaceSteps(orderNumber: string, steps: readonly WorkOrderStep[], m: Confirmation): Promise<void> {
    return withTransaction(this.q, (tx) => replaceStepsIn(tx, [orderNumber], stepRows(orderNumber, steps, m)));
  }

  /**
   * Call once a sweep of the open list has completed: every open order the sweep did not list is
   * finished as of `at`. Answers the order numbers finished.
   */
  async finishNotSeenInSweep(sweepId: string, at: Date): Promise<string[]> {
    const { rows } = await this.q.query<{ order_number: string }>(
      `UPDATE hub.work_order SET state = 'finished', finished_at = $2, updated_at = now()
       WHERE state = 'open' AND last_sweep_id IS DISTINCT FROM $1 RETURNING order_number`,
      [sweepId, at],
    );
    return rows.map((r) => r.order_number).sort();
  }

  async get(orderNumber: string): Promise<WorkOrder | null> {
    const found = await this.withSteps('WHERE o.order_number = $1', [orderNumber]);
    return found[0] ?? null;
  }

  listByCustomer(customerId: string, state?: WorkOrder['state']): Promise<WorkOrder[]> {
    return state
      ? this.withSteps('WHERE o.customer_id = $1 AND o.state = $2', [customerId, state])
      : this.withSteps('WHERE o.customer_id = $1', [customerId]);
  }

  private async withSteps(where: string, params: unknown[]): Promise<WorkOrder[]> {
    const { rows } = await this.q.query(`SELECT o.* FROM hub.work_order o ${where} ORDER BY o.accepted_at NULLS LAST, o.order_number`, params);
    if (rows.length === 0) return [];
    const numbers = rows.map((r) => String(r.order_number));
    const { rows: steps } = await this.q.query(
      'SELECT * FROM hub.work_order_step WHERE order_number = ANY($1::text[]) ORDER BY order_number, step_no',
      [numbers],
    );
    const byOrder = new Map<string, WorkOrderStep[]>();
    for (const s of steps) {
      const key = String(s.order_number);
      byOrder.set(key, [...(byOrder.get(key) ?? []), stepFromRow(s)]);
    }
    return rows.map((r) => orderFromRow(r, byOrder.get(String(r.order_number)) ?? []));
  }
}

// One work order's steps as the 97 system answers them now (97-6 VIP_GET_SOINFO), beside the periodic
// VIP_GET_SOS sweep that fills the view (seed 003 §0 point 6: SAL030170 wants the order state "通过
// 接口(实时)"). The order itself (customer, service, acceptance, open or finished) is the view's; the
// steps are the legacy's, mapped and flagged overdue / rejected by the same rules as the view's route.

import { z } from 'zod';
import type { CheckedRow } from '../../../adapters/shared/point-caller.ts';
import type { LiveServiceOrder } from '../../../contracts/generated/api/LiveServiceOrder.ts';
import type { VipGetSoinfoRow } from '../../../contracts/generated/legacy/index.ts';
import { mapRows } from '../../../mappings/index.ts';
import type { WorkOrderStep } from '../../domain/index.ts';
import { workOrderSource, type WorkOrderRow, type WorkOrderStepJson } from '../../view/service-order.view.ts';
import { isoTime } from '../../view/view-values.ts';
import { defineRoute, notFoundInScope, sql, type AnyRoute } from '../platform/index.ts';
import { toServiceOrder } from '../resources/service-order.routes.ts';
import { BASE, READERS, key, oneRow } from '../resources/resource-kit.ts';
import { legacyMeta, liveAnswer, logStale, viewMeta, type LiveCaller, type LiveDeps, type LiveMeta } from './live-call.ts';

/**
 * The steps of the answer. The legacy numbers no step, so a step's number is its position in the
 * whole answer: every row is mapped in place (a broken one as the raw row it was), and rows that broke
 * their contract or their mapping are left out afterwards without renumbering the rest.
 */
export function liveSteps(checked: readonly CheckedRow<VipGetSoinfoRow>[]): { steps: WorkOrderStep[]; rejected: number } {
  const mapped = mapRows('97-6', checked.map((c) => (c.ok ? c.row : c.raw)));
  const failed = new Set(mapped.quarantined.map((q) => q.index));
  const steps: WorkOrderStep[] = [];
  let next = 0;
  checked.forEach((c, index) => {
    if (failed.has(index)) return;
    const step = mapped.values[next++]!;
    if (c.ok) steps.push(step);
  });
  return { steps, rejected: checked.length - steps.length };
}

function stepJson(s: WorkOrderStep): WorkOrderStepJson {
  return {
    step_no: s.stepNo,
    name: s.name,
    crew: s.crew,
    staff_name: s.staffName,
    entered_at: isoTime(s.enteredAt),
    left_at: isoTime(s.leftAt),
    time_limit_hours: s.timeLimitHours,
    rejected_at: isoTime(s.rejectedAt),
    rejection_reason: s.rejectionReason,
  };
}

export function liveServiceOrderRoutes(deps: LiveDeps, caller: LiveCaller): AnyRoute[] {
  const { db, legacy } = deps;
  const now = deps.now ?? (() => new Date());
  return [
    defineRoute({
      method: 'get',
      path: `${BASE.serviceOrder}/:id/live`,
      operationId: 'liveServiceOrder',
      summary: 'One work order with its steps as the 97 system answers them now: current step, overdue and rejected flags',
      description: [
        'Real time (VIP_GET_SOINFO). The order is placed in the caller\'s scope from the view first: outside it (or unknown to the view), 404 and the 97 system is not called.',
        'Headers: X-Data-Source legacy|view; X-Cache hit|miss and Age (kept 30 s); X-Legacy-Rows-Rejected.',
        'The 97 system down: the view\'s steps (last sweep), stale: true, Warning: 110, X-Legacy-Status.',
      ].join('\n\n'),
      tags: ['serviceOrder', 'live'],
      roles: READERS,
      params: z.object({ id: key(100) }),
      response: { status: 200, schema: 'LiveServiceOrder' },
      async handler(ctx) {
        const orderNumber = ctx.params.id;
        const row = await oneRow<WorkOrderRow>(db, workOrderSource(ctx.principal, [sql`o.order_number = ${orderNumber}`]));
        if (!row) throw notFoundInScope('service order', orderNumber);
        const outcome = await caller.call(JSON.stringify(['97-6', orderNumber]), () => legacy.sys97.VIP_GET_SOINFO(orderNumber));
        const answer = (order: WorkOrderRow, meta: LiveMeta): LiveServiceOrder => ({
          '@type': 'LiveServiceOrder',
          serviceOrder: toServiceOrder(order, now()),
          ...meta,
        });
        if (!outcome.ok) {
          logStale(ctx, 'sys97', outcome.down, 'work order steps');
          const { rows } = await db.query<{ at: Date | string }>('SELECT confirmed_at AS at FROM hub.work_order WHERE order_number = $1', [orderNumber]);
          const meta = viewMeta(isoTime(rows[0]?.at));
          return liveAnswer(ctx, answer(row, meta), meta, { down: outcome.down });
        }
        const { steps, rejected } = liveSteps(outcome.value);
        // The step the order waits in is read off the live steps; the view's CURR_TACHE is a sweep old.
        const live: WorkOrderRow = { ...row, current_step: steps.length > 0 ? null : row.current_step, steps: steps.map(stepJson) };
        const { meta, ageSeconds } = legacyMeta(caller, outcome, rejected);
        return liveAnswer(ctx, answer(live, meta), meta, { ageSeconds });
      },
    }),
  ];
}

// TMF641 service orders: the 97 system's work orders, steps as milestones. Overdue is decided when the
// order is read, by the mapping layer's rule (isStepOverdue: time in the step over its SX hours), so a
// step that runs late turns overdue without any sync having to notice.

import { z } from 'zod';
import type { WorkOrderStep } from '../../domain/index.ts';
import { isStepOverdue, isStepRejected } from '../../../mappings/index.ts';
import { defineRoute, notFoundInScope, sql, type AnyRoute } from '../platform/index.ts';
import { workOrderSource, type WorkOrderRow, type WorkOrderStepJson } from '../../view/service-order.view.ts';
import { asDate, isoTime, jsonRows, numberOrNull } from '../../view/view-values.ts';
import { BASE, answer, READERS, customerParty, href, key, listOf, oneRow, type ResourceDeps } from './resource-kit.ts';
import type { ServiceOrder, ServiceOrderStep } from './tmf-types.ts';

function domainStep(s: WorkOrderStepJson): WorkOrderStep {
  return {
    stepNo: Number(s.step_no),
    name: s.name,
    crew: s.crew,
    staffName: s.staff_name,
    enteredAt: asDate(s.entered_at),
    leftAt: asDate(s.left_at),
    timeLimitHours: numberOrNull(s.time_limit_hours),
    rejectedAt: asDate(s.rejected_at),
    rejectionReason: s.rejection_reason,
  };
}

// A returned step stops its clock when it was returned (the legacy leaves OUT_TIME empty then): it is
// late only if the return itself came after the limit.
function overdue(step: WorkOrderStep, now: Date): boolean {
  return isStepOverdue(step.leftAt === null && step.rejectedAt !== null ? { ...step, leftAt: step.rejectedAt } : step, now);
}

function toStep(step: WorkOrderStep, now: Date): ServiceOrderStep {
  const rejected = isStepRejected(step);
  return {
    id: String(step.stepNo),
    '@type': 'ServiceOrderStep',
    name: step.name,
    status: rejected ? 'rejected' : step.leftAt ? 'done' : 'inProgress',
    milestoneDate: isoTime(step.rejectedAt ?? step.leftAt ?? step.enteredAt),
    crew: step.crew,
    staffName: step.staffName,
    enteredAt: isoTime(step.enteredAt),
    leftAt: isoTime(step.leftAt),
    timeLimitHours: step.timeLimitHours,
    overdue: overdue(step, now),
    rejected,
    rejectedAt: isoTime(step.rejectedAt),
    rejectionReason: step.rejectionReason,
  };
}

export function toServiceOrder(row: WorkOrderRow, now: Date): ServiceOrder {
  const steps = jsonRows<WorkOrderStepJson>(row.steps).map(domainStep);
  const milestone = steps.map((s) => toStep(s, now));
  const state = row.state === 'open' ? 'inProgress' : 'completed';
  // The step the order waits in: the last one not yet left (the legacy's CURR_TACHE names it too).
  const waiting = [...steps].reverse().find((s) => s.leftAt === null && s.rejectedAt === null);
  const currentName = row.current_step ?? waiting?.name ?? null;
  return {
    id: row.order_number,
    href: href(BASE.serviceOrder, row.order_number),
    '@type': 'ServiceOrder',
    externalId: row.order_number,
    state,
    orderDate: isoTime(row.accepted_at),
    completionDate: isoTime(row.finished_at),
    overdue: milestone.some((m) => m.overdue),
    rejected: milestone.some((m) => m.rejected),
    currentStep:
      currentName === null
        ? null
        : {
            name: currentName,
            stepNo: waiting?.stepNo ?? null,
            enteredAt: isoTime(waiting?.enteredAt ?? null),
            timeLimitHours: waiting?.timeLimitHours ?? null,
            overdue: waiting ? overdue(waiting, now) : false,
          },
    relatedParty: row.customer_id ? [customerParty(row.customer_id, row.customer_name)] : [],
    orderItem: [
      {
        id: '1',
        '@type': 'ServiceOrderItem',
        state,
        ...(row.service_number
          ? { service: { id: row.service_number, href: href(BASE.product, row.service_number), name: row.service_type, '@referredType': 'Product' as const } }
          : {}),
      },
    ],
    milestone,
  };
}

export function serviceOrderRoutes({ db, now = () => new Date() }: ResourceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: BASE.serviceOrder,
      operationId: 'listServiceOrder',
      summary: 'Work orders of the customers in the caller\'s scope, with their steps',
      tags: ['serviceOrder'],
      roles: READERS,
      collection: {
        filterable: {
          state: { column: 'o.tmf_state', type: 'string', values: ['inProgress', 'completed'] },
          customerId: { column: 'o.customer_id', type: 'string' },
          serviceNumber: { column: 'o.service_number', type: 'string' },
          orderDate: { column: 'o.accepted_at', type: 'date' },
        },
        sortable: { orderDate: { column: 'o.accepted_at', nullable: true }, state: { column: 'o.tmf_state' } },
        key: { attribute: 'id', column: 'o.order_number' },
        defaultSort: ['-orderDate'],
        maxLimit: 200,
      },
      response: { status: 200, schema: 'ServiceOrder', list: true },
      handler(ctx) {
        const at = now();
        return listOf<WorkOrderRow>(ctx, db, workOrderSource(ctx.principal), (row) => toServiceOrder(row, at));
      },
    }),
    defineRoute({
      method: 'get',
      path: `${BASE.serviceOrder}/:id`,
      operationId: 'retrieveServiceOrder',
      summary: 'One work order by its work-order number (SO_NBR), with its steps, current step and overdue flag',
      tags: ['serviceOrder'],
      roles: READERS,
      params: z.object({ id: key(100) }),
      response: { status: 200, schema: 'ServiceOrder' },
      async handler(ctx) {
        const row = await oneRow<WorkOrderRow>(db, workOrderSource(ctx.principal, [sql`o.order_number = ${ctx.params.id}`]));
        if (!row) throw notFoundInScope('service order', ctx.params.id);
        return answer(ctx, toServiceOrder(row, now()));
      },
    }),
  ];
}

// 97-6 VIP_GET_SOINFO → the steps of one work order, and the two questions the alerts ask of a
// step: is it overdue, was it rejected (退单).

import type { MapResult } from '../../src/domain/quarantine.ts';
import type { WorkOrder, WorkOrderStep } from '../../src/domain/work-order.ts';
import { workOrderSteps } from '../code-tables/index.ts';
import { RowReader } from '../row-reader.ts';
import type { VipGetSoinfoRow } from './rows.ts';

export interface StepMappingContext {
  /** The row's position in the procedure's answer (1-based): the legacy gives steps no number. */
  stepNo?: number;
}

export function mapVipGetSoinfo(row: VipGetSoinfoRow, ctx: StepMappingContext): MapResult<WorkOrderStep> {
  const r = new RowReader(row);
  const stepNo = r.reference('step number', ctx.stepNo);
  const step = r.code('WORK_AREA', workOrderSteps, { required: true });
  const crew = r.text('WORK_GROUP');
  const staffName = r.text('STAFF_NAME');
  const enteredAt = r.date('ENTER_TIME');
  const leftAt = r.date('OUT_TIME');
  const timeLimitHours = r.number('SX');
  if (timeLimitHours !== null && timeLimitHours < 0) r.fail('invalid_value', 'SX', `SX ${timeLimitHours} is negative`);
  const rejectedAt = r.date('TD_TIME');
  const rejectionReason = r.text('TD_REASON');
  if (enteredAt && leftAt && leftAt < enteredAt) {
    r.fail('invalid_value', 'OUT_TIME', 'OUT_TIME is before ENTER_TIME');
  }
  return r.result(() => ({
    stepNo: stepNo!,
    name: step.code ?? 'other',
    nameLegacy: step.legacy,
    crew,
    staffName,
    enteredAt,
    leftAt,
    timeLimitHours,
    rejectedAt,
    rejectionReason,
  }));
}

/** Time spent in the step (until it was left, or until now) exceeds its limit SX (hours). */
export function isStepOverdue(step: WorkOrderStep, now: Date): boolean {
  if (step.enteredAt === null || step.timeLimitHours === null) return false;
  const end = step.leftAt ?? now;
  return end.getTime() - step.enteredAt.getTime() > step.timeLimitHours * 3_600_000;
}

/** A step was returned (TD_TIME set): the order is rejected (退单). */
export function isStepRejected(step: WorkOrderStep): boolean {
  return step.rejectedAt !== null;
}

export function isWorkOrderRejected(order: WorkOrder): boolean {
  return order.steps.some(isStepRejected);
}

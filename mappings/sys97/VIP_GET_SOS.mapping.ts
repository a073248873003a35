// 97-5 VIP_GET_SOS (+ 97-6 VIP_GET_SOINFO for its steps) → WorkOrder. VIP_GET_SOS answers open
// orders only; its VIP column is the 97 customer id (DKH_ID), not a VIP number.

import type { MapResult, QuarantineReason } from '../../src/domain/quarantine.ts';
import type { WorkOrder, WorkOrderStep } from '../../src/domain/work-order.ts';
import { serviceTypes, workOrderSteps } from '../code-tables/index.ts';
import { RowReader } from '../row-reader.ts';
import type { VipGetSoinfoRow, VipGetSosRow } from './rows.ts';
import { mapVipGetSoinfo } from './VIP_GET_SOINFO.mapping.ts';

export interface WorkOrderMappingContext {
  /** Resolved by the sync through SERV_NBR; null when no known service carries the number. */
  customerId?: string | null;
  /** The order's VIP_GET_SOINFO rows, in the order the procedure answered them. */
  stepRows?: readonly VipGetSoinfoRow[];
}

export function mapVipGetSos(row: VipGetSosRow, ctx: WorkOrderMappingContext): MapResult<WorkOrder> {
  const r = new RowReader(row);
  const legacyCustomerId = r.number('VIP', { required: true, integer: true });
  const orderNumber = r.text('SO_NBR', { required: true });
  const serviceNumber = r.text('SERV_NBR');
  const serviceType = r.code('ACC_SERVTYPE', serviceTypes);
  const acceptedAt = r.date('SO_DATE');
  const currentStep = r.code('CURR_TACHE', workOrderSteps);
  const steps: WorkOrderStep[] = [];
  for (const [index, stepRow] of (ctx.stepRows ?? []).entries()) {
    const mapped = mapVipGetSoinfo(stepRow, { stepNo: index + 1 });
    if (mapped.ok) steps.push(mapped.value);
    // A bad step spoils the order: the row and its steps are quarantined together, each reason
    // naming the step it came from.
    else r.reasons.push(...mapped.reasons.map((reason) => inStep(index, reason)));
  }
  return r.result(() => ({
    orderNumber,
    legacyCustomerId,
    customerId: ctx.customerId ?? null,
    serviceNumber,
    serviceType: serviceType.code,
    serviceTypeLegacy: serviceType.legacy,
    acceptedAt,
    currentStep: currentStep.code,
    currentStepLegacy: currentStep.legacy,
    state: 'open',
    steps,
  }));
}

function inStep(index: number, reason: QuarantineReason): QuarantineReason {
  const field = `steps[${index}]${reason.field === undefined ? '' : `.${reason.field}`}`;
  return { ...reason, field, message: `step ${index + 1}: ${reason.message}` };
}

// 97-7 VIP97_SO_PROCESS (read grant; shape assumed) → WorkOrderFulfilment, for fulfilment statistics.

import type { MapResult } from '../../src/domain/quarantine.ts';
import type { WorkOrderFulfilment } from '../../src/domain/work-order.ts';
import { serviceTypes, workOrderStatuses, workOrderTypes } from '../code-tables/index.ts';
import { RowReader } from '../row-reader.ts';
import type { Vip97SoProcessRow } from './rows.ts';

export function mapVip97SoProcess(row: Vip97SoProcessRow): MapResult<WorkOrderFulfilment> {
  const r = new RowReader(row);
  const orderNumber = r.text('SO_NBR', { required: true });
  const legacyCustomerId = r.number('VIP', { required: true, integer: true });
  const serviceNumber = r.text('SERV_NBR');
  const serviceType = r.code('ACC_SERVTYPE', serviceTypes);
  const orderType = r.code('SO_TYPE', workOrderTypes);
  const acceptedAt = r.date('SO_DATE');
  const finishedAt = r.date('FINISH_DATE');
  // Status has no fallback: statistics counted under a guessed status would be wrong.
  const status = r.code('STS', workOrderStatuses);
  if (status.legacy === null) {
    // No STS: the finish time is the only evidence of the order's state.
    status.code = finishedAt === null ? 'open' : 'finished';
  }
  const timeLimitHours = r.number('SX');
  const hoursUsed = r.number('TIME_USED');
  return r.result(() => ({
    orderNumber,
    legacyCustomerId,
    serviceNumber,
    serviceType: serviceType.code,
    orderType: orderType.code ?? 'other',
    orderTypeLegacy: orderType.legacy,
    acceptedAt,
    finishedAt,
    status: status.code!,
    timeLimitHours,
    hoursUsed,
  }));
}

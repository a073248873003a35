// JF-7 CALL_LIST → CallDetailRecord.

import type { CallDetailRecord } from '../../src/domain/billing.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { RowReader } from '../row-reader.ts';
import type { CallListRow } from './rows.ts';

export function mapCallList(row: CallListRow): MapResult<CallDetailRecord> {
  const r = new RowReader(row);
  const vipNumber = r.text('VIP');
  const serviceNumber = r.text('EquipmentNbr', { required: true }).replace(/ /g, '');
  const calledNumber = r.text('CallNbr');
  const callType = r.text('CallType');
  const calledArea = r.text('AreaCode');
  const startedAt = r.date('StartTime', { required: true });
  const accountNumber = r.text('ConTractNO');
  const durationSeconds = r.number('TimeLong', { integer: true });
  if (durationSeconds !== null && durationSeconds < 0) r.fail('invalid_value', 'TimeLong', `negative duration ${durationSeconds}`);
  const amount = r.money('Cost');
  if (amount === null && r.raw('Cost') == null) r.fail('invalid_value', 'Cost', 'a call record without an amount');
  const billingCycle = r.cycle('CallTime', { required: true });
  return r.result(() => ({
    vipNumber,
    serviceNumber,
    calledNumber,
    callType,
    calledArea,
    startedAt,
    accountNumber,
    durationSeconds,
    amount: amount!,
    billingCycle: billingCycle!,
  }));
}

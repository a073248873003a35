// JF-7 CALL_LIST → CallDetailRecord.

import type { CallDetailRecord } from '../../src/domain/billing.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { withoutSpaces } from '../normalize.ts';
import { isPlainRow, moneyFast, PlainColumn, RowReader, type ReaderOptions } from '../row-reader.ts';
import { canonicalBillingCycle, parseCanonicalDateTime } from '../text-date.ts';
import type { CallListRow } from './rows.ts';

export function mapCallList(row: CallListRow): MapResult<CallDetailRecord> {
  const value = mapCanonicalCallList(row);
  return value !== undefined ? { ok: true, value } : mapCallListGeneral(row);
}

/**
 * The record of a row in the shape contract checks leave nearly every one of a cycle's millions in
 * (the contract's column names, plain ASCII text, the canonical DATE text, numbers as numbers), read
 * without a RowReader; undefined when any field is otherwise, and the general mapping decides, with
 * reasons. Where it answers, the record is the general mapping's.
 */
const plain = { vip: new PlainColumn(), service: new PlainColumn(), called: new PlainColumn(), type: new PlainColumn(), area: new PlainColumn(), account: new PlainColumn() };

export function mapCanonicalCallList(row: CallListRow): CallDetailRecord | undefined {
  if (!isPlainRow(row)) return undefined;
  const vipNumber = plain.vip.optional(row.VIP);
  const serviceNumber = plain.service.required(row.EquipmentNbr);
  const calledNumber = plain.called.optional(row.CallNbr);
  const callType = plain.type.optional(row.CallType);
  const calledArea = plain.area.optional(row.AreaCode);
  const startedAt = typeof row.StartTime === 'string' ? parseCanonicalDateTime(row.StartTime) : undefined;
  const accountNumber = plain.account.optional(row.ConTractNO);
  const duration = row.TimeLong;
  const durationSeconds = duration === null ? null : typeof duration === 'number' && Number.isSafeInteger(duration) && duration >= 0 ? duration : undefined;
  const amount = moneyFast(row.Cost);
  const billingCycle = canonicalBillingCycle(row.CallTime);
  if (
    vipNumber === undefined ||
    serviceNumber === undefined ||
    calledNumber === undefined ||
    callType === undefined ||
    calledArea === undefined ||
    startedAt === undefined ||
    accountNumber === undefined ||
    durationSeconds === undefined ||
    amount === undefined ||
    billingCycle === undefined
  ) {
    return undefined;
  }
  return { vipNumber, serviceNumber: withoutSpaces(serviceNumber), calledNumber, callType, calledArea, startedAt, accountNumber, durationSeconds, amount, billingCycle };
}

/** Any row, each field read defensively: every reason a row cannot be taken in is collected. */
export function mapCallListGeneral(row: CallListRow, reading: ReaderOptions = {}): MapResult<CallDetailRecord> {
  const r = new RowReader(row, reading);
  const vipNumber = r.text('VIP');
  const serviceNumber = withoutSpaces(r.text('EquipmentNbr', { required: true }));
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
  return r.result(() => ({ vipNumber, serviceNumber, calledNumber, callType, calledArea, startedAt, accountNumber, durationSeconds, amount: amount!, billingCycle: billingCycle! }));
}

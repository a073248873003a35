// COPY lanes of a billing cycle load: a contract-checked legacy row written straight into the view's
// binary COPY, for rows in the canonical shape — nearly all of a cycle's millions. Without a lane a
// call record passes through a mapped record (with a Date and an amount text), a value array and the
// encoder's per-value type dispatch, and each text is scanned twice (is it plain? then its bytes),
// which together cost the hub more CPU than reading the legacy rows did.
//
// A lane takes a row only where the mapping's canonical path (mapCanonicalCallList) would take it,
// and writes what that record's COPY values would be; any other row — not canonical, of another
// cycle — it declines, and the row goes the general way in its place in the COPY.
// cycle-lanes.test.ts holds the lane's bytes to the general path's on generated and edge-case rows.

import { canonicalBillingCycle, canonicalDateTimeMs, isPlainRow, moneyCents } from '../../mappings/index.ts';
import type { CallListRow } from '../../mappings/billing/rows.ts';
import { cycleCopyColumns, type BinaryLane, type BinaryRowWriter } from '../store/index.ts';

/**
 * Plain text as mappings' isPlainAscii has it (the text is its own normal form): printable ASCII —
 * checked as the writer copies the bytes — without a space at either end or two in a row.
 */
function plainText(out: BinaryRowWriter, value: unknown, nullable: boolean): boolean {
  if (value === null) {
    if (!nullable) return false;
    out.null();
    return true;
  }
  if (typeof value !== 'string') return false;
  const n = value.length;
  if (n === 0 || value.charCodeAt(0) === 0x20 || value.charCodeAt(n - 1) === 0x20 || value.includes('  ')) return false;
  return out.printableAscii(value);
}

/** JF-7 CALL_LIST rows of `cycle` into the call_detail_record staging table. */
export function callListLane(cycle: number): BinaryLane<CallListRow> {
  return {
    columns: cycleCopyColumns('call_detail_record'),
    types: ['text', 'text', 'text', 'text', 'text', 'timestamptz', 'text', 'int8', 'numeric'],
    write(row, out) {
      if (!isPlainRow(row)) return false;
      const startedAtMs = typeof row.StartTime === 'string' ? canonicalDateTimeMs(row.StartTime) : undefined;
      const cents = typeof row.Cost === 'number' ? moneyCents(row.Cost) : undefined;
      const duration = row.TimeLong;
      const service = row.EquipmentNbr;
      if (
        startedAtMs === undefined ||
        cents === undefined ||
        canonicalBillingCycle(row.CallTime) !== cycle ||
        !(duration === null || (typeof duration === 'number' && Number.isSafeInteger(duration) && duration >= 0)) ||
        // The mapping takes the spaces out of a service number; such a row goes its way.
        (typeof service === 'string' && service.includes(' '))
      ) {
        return false;
      }
      if (
        !plainText(out, row.VIP, true) ||
        !plainText(out, service, false) ||
        !plainText(out, row.CallNbr, true) ||
        !plainText(out, row.CallType, true) ||
        !plainText(out, row.AreaCode, true)
      ) {
        return false;
      }
      out.timestamptzMs(startedAtMs);
      if (!plainText(out, row.ConTractNO, true)) return false;
      if (duration === null) out.null();
      else out.int8(duration);
      out.numericCents(cents);
      return true;
    },
  };
}

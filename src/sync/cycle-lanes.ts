// COPY lanes of a billing cycle load: a contract-checked legacy row written straight into the view's
// binary COPY, for rows in the canonical shape — nearly all of a cycle's millions. Without a lane a
// call record passes through a mapped record (with a Date and an amount text), a value array and the
// encoder's per-value type dispatch, and each text is scanned twice (is it plain? then its bytes),
// which together cost the hub more CPU than reading the legacy rows did.
//
// A lane takes a row only where the mapping's canonical path (mapCanonicalCallList,
// mapCanonicalFeeRow) would take it, and writes what that record's COPY values would be; any other
// row — not canonical, of another cycle, a key already read — it declines, and the row goes the
// general way in its place in the COPY. A lane is made per batch (CycleLane), with the batch's key
// memory, which it shares with the general mapping of the same batch.
// cycle-lanes.test.ts holds the lanes' bytes and rejects to the general path's on generated and
// edge-case rows.

import { canonicalBillingCycle, canonicalDateTimeMs, chargeCategories, isPlainAscii, isPlainRow, moneyCents } from '../../mappings/index.ts';
import type { CallListRow, VipFeeRow } from '../../mappings/billing/rows.ts';
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

/** The lane of one batch, given the keys the batch's rows have had so far (key → first row's index). */
export type CycleLane<R> = (keys: Map<string, number>) => BinaryLane<R>;

/** JF-7 CALL_LIST rows of `cycle` into the call_detail_record staging table (call records have no key). */
export function callListLane(cycle: number): CycleLane<CallListRow> {
  const lane = callListRowLane(cycle);
  return () => lane;
}

function callListRowLane(cycle: number): BinaryLane<CallListRow> {
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

/**
 * JF-5 VIP_FEE rows of `cycle` into the charge staging table, categorised as mapFeeRow does with the
 * cycle's item names (no VIP number from the context: the fee table has its own column).
 */
export function vipFeeLane(cycle: number, itemNames: ReadonlyMap<string, string>): CycleLane<VipFeeRow> {
  // The category of an item code: a cycle has a few dozen codes in a million rows.
  const categories = new Map<string, string | null>();
  const categoryOf = (itemCode: string): string | null => {
    let category = categories.get(itemCode);
    if (category === undefined) {
      category = chargeCategories.classify(itemCode, itemNames.get(itemCode) ?? null)?.category ?? null;
      if (categories.size >= 10_000) categories.clear();
      categories.set(itemCode, category);
    }
    return category;
  };
  const columns = cycleCopyColumns('charge');
  const types = ['text', 'text', 'text', 'text', 'text', 'numeric'] as const;
  return (keys) => ({
    columns,
    types,
    write(row, out, index) {
      if (!isPlainRow(row)) return false;
      const service = row.EquipmentNbr;
      const item = row.Item;
      const cents = typeof row.Cost === 'number' ? moneyCents(row.Cost) : undefined;
      // The mapping takes spaces out of the service number and the item code: such rows go its way.
      if (typeof service !== 'string' || typeof item !== 'string' || service.includes(' ') || item.includes(' ')) return false;
      if (cents === undefined || canonicalBillingCycle(row.CallTime) !== cycle) return false;
      const itemCode = item.toUpperCase();
      // Upper case can turn text the mapping would not take as it is into ASCII ('ı' → 'I').
      if (itemCode !== item && !isPlainAscii(item)) return false;
      const category = categoryOf(itemCode);
      // A repeated key is the general mapping's duplicate_key reject, with the first row's number.
      const key = `${service}|${itemCode}|${cycle}`;
      if (category === null || keys.has(key)) return false;
      if (!plainText(out, service, false) || !plainText(out, row.ConTractNo, true) || !plainText(out, row.VIP, true) || !plainText(out, itemCode, false)) {
        return false;
      }
      out.text(category);
      out.numericCents(cents);
      keys.set(key, index);
      return true;
    },
  });
}

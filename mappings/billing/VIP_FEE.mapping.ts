// JF-5 VIP_FEE (the key-account fee table of a ready cycle) → Charge.

import type { Charge } from '../../src/domain/billing.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { mapFeeRow, type ChargeMappingContext } from './charge.ts';
import type { VipFeeRow } from './rows.ts';

export function mapVipFee(row: VipFeeRow, ctx: ChargeMappingContext = {}): MapResult<Charge> {
  return mapFeeRow(row, ctx, 'ConTractNo');
}

/** The fee table's real key (EquipmentNbr alone cannot be: see the catalogue's note on JF-5). */
export function chargeKey(charge: Charge): string {
  return `${charge.serviceNumber}|${charge.itemCode}|${charge.billingCycle}`;
}

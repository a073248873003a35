// JF-9 VIPJF_GET_FEE_BY_ACCNBR → Charge. JF-10 (by contract number) and JF-11 (by user name)
// answer the same row shape and are mapped by the same function; UserName and PayName are the
// query's match fields and have no place on a Charge.

import type { Charge } from '../../src/domain/billing.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { mapFeeRow, type ChargeMappingContext } from './charge.ts';
import type { VipjfGetFeeByAccnbrRow } from './rows.ts';

export function mapVipjfGetFee(row: VipjfGetFeeByAccnbrRow, ctx: ChargeMappingContext = {}): MapResult<Charge> {
  return mapFeeRow(row, ctx, 'ConTractNo');
}

// 97-1 VIP97_GET_CHANGE → the VIP number of a changed customer (the incremental sync's driver).

import type { MapResult } from '../../src/domain/quarantine.ts';
import { RowReader } from '../row-reader.ts';
import type { Vip97GetChangeRow } from './rows.ts';
import { decodeVipNumber } from './vip-number.ts';

export interface ChangedCustomer {
  vipNumber: string;
}

export function mapVip97GetChange(row: Vip97GetChangeRow): MapResult<ChangedCustomer> {
  const r = new RowReader(row);
  const vipNumber = r.text('DKH_CARDID', { required: true }).replace(/ /g, '');
  // A number off the layout would make every follow-up call fail; stop it here with its reason.
  if (vipNumber !== '') {
    const decoded = decodeVipNumber(vipNumber);
    if (!decoded.ok) r.fail('invalid_value', 'DKH_CARDID', decoded.reason);
  }
  return r.result(() => ({ vipNumber }));
}

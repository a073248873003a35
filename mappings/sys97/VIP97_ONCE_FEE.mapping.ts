// 97-8 VIP97_ONCE_FEE / VIP97_GET_ONCE_FEE (both assumed) → OneTimeFee.

import type { OneTimeFee } from '../../src/domain/billing.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { RowReader } from '../row-reader.ts';
import type { Vip97OnceFeeRow } from './rows.ts';

export function mapVip97OnceFee(row: Vip97OnceFeeRow): MapResult<OneTimeFee> {
  const r = new RowReader(row);
  const feeId = r.digits('FEE_ID', { required: true });
  const vipNumber = r.text('DKH_CARDID', { required: true }).replace(/ /g, '');
  const orderNumber = r.text('SO_NBR');
  const serviceNumber = r.text('ACC_CODE');
  const name = r.text('FEE_NAME');
  const amount = r.money('AMOUNT', { required: true });
  const chargedAt = r.date('FEE_DATE', { required: true });
  return r.result(() => ({ feeId: feeId!, vipNumber, orderNumber, serviceNumber, name, amount: amount!, chargedAt: chargedAt! }));
}

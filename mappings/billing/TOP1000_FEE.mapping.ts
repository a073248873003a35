// JF-8 TOP1000_FEE → TopContract (prospects: the biggest contracts of no key account).

import type { TopContract } from '../../src/domain/billing.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { RowReader } from '../row-reader.ts';
import type { Top1000FeeRow } from './rows.ts';

export function mapTop1000Fee(row: Top1000FeeRow): MapResult<TopContract> {
  const r = new RowReader(row);
  const accountNumber = r.text('ConTractNO', { required: true });
  const amount = r.money('Cost');
  if (amount === null && r.raw('Cost') == null) r.fail('invalid_value', 'Cost', 'a top-1000 row without an amount');
  const billingCycle = r.cycle('CallTime', { required: true });
  return r.result(() => ({ accountNumber, amount: amount!, billingCycle: billingCycle! }));
}

// JF-6 PRIVATE_NET → PrivateNetwork (a private numbering range).

import type { PrivateNetwork } from '../../src/domain/billing.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { RowReader } from '../row-reader.ts';
import type { PrivateNetRow } from './rows.ts';

export function mapPrivateNet(row: PrivateNetRow): MapResult<PrivateNetwork> {
  const r = new RowReader(row);
  const managerNumber = r.text('ManagerNo', { required: true });
  const firstNumber = r.text('BegingNo');
  const lastNumber = r.text('EndNo');
  const name = r.text('Name');
  // Same-length digit strings compare like numbers; a reversed range would match no number at all.
  if (firstNumber && lastNumber && firstNumber.length === lastNumber.length && firstNumber > lastNumber) {
    r.fail('invalid_value', 'EndNo', `range ${firstNumber}..${lastNumber} is reversed`);
  }
  return r.result(() => ({ managerNumber, firstNumber, lastNumber, name }));
}

// JF-3 AREA → AreaCode.

import type { AreaCode } from '../../src/domain/billing.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { RowReader } from '../row-reader.ts';
import type { AreaRow } from './rows.ts';

export function mapArea(row: AreaRow): MapResult<AreaCode> {
  const r = new RowReader(row);
  // NUMBER(16) arrives as digits; the domain holds a number, exact up to 2^53 (any real area id).
  const id = r.digits('AreaCodeId', { required: true });
  const areaCodeId = id === null ? null : Number(id);
  if (areaCodeId !== null && !Number.isSafeInteger(areaCodeId)) {
    r.fail('invalid_value', 'AreaCodeId', `AreaCodeId ${id} exceeds the exact integer range`);
  }
  const areaCode = r.text('AreaCode');
  const name = r.text('AreaName');
  // Both are what the reference table is for; a row without them resolves nothing.
  if (areaCode === null) r.fail('invalid_value', 'AreaCode', 'area row without an area code');
  if (name === null) r.fail('invalid_value', 'AreaName', 'area row without a name');
  return r.result(() => ({ areaCodeId: areaCodeId!, areaCode: areaCode!, name: name! }));
}

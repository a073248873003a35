// 97-9 VIP97_GET_PRODUCT → Product (the catalogue as the 97 system names it).

import type { MapResult } from '../../src/domain/quarantine.ts';
import type { Product } from '../../src/domain/service.ts';
import { RowReader } from '../row-reader.ts';
import type { Vip97GetProductRow } from './rows.ts';

export function mapVip97GetProduct(row: Vip97GetProductRow): MapResult<Product> {
  const r = new RowReader(row);
  const productId = r.text('ProductId', { required: true });
  const name = r.text('Name');
  const kind = r.text('Kind');
  // A catalogue entry without a name cannot be offered or shown: the id alone says nothing.
  if (name === null) r.fail('invalid_value', 'Name', `product ${productId} has no name`);
  return r.result(() => ({ productId, name: name!, kind }));
}

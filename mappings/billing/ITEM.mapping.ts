// JF-4 ITEM → ChargeItem, with its business category from charge-categories.json.

import type { ChargeItem } from '../../src/domain/billing.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { RowReader } from '../row-reader.ts';
import { chargeCategories, type ChargeCategoryClassifier } from './charge-category.ts';
import type { ItemRow } from './rows.ts';

export interface ItemMappingContext {
  classifier?: ChargeCategoryClassifier;
}

export function mapItem(row: ItemRow, ctx: ItemMappingContext = {}): MapResult<ChargeItem> {
  const r = new RowReader(row);
  const itemCode = r.text('ITEM', { required: true }).replace(/ /g, '').toUpperCase();
  const name = r.text('Name');
  let category = null;
  if (itemCode !== '') {
    const match = (ctx.classifier ?? chargeCategories).classify(itemCode, name);
    if (match === null) r.fail('unknown_code', 'ITEM', `charge item '${itemCode}' (${name ?? 'no name'}) matches no charge-category rule`);
    else category = match.category;
  }
  // An item without a name is still a valid code; '' says "billing gave it no name".
  return r.result(() => ({ itemCode, name: name ?? '', category: category! }));
}

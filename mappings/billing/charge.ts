// Shared by the fee table (JF-5) and the fee queries (JF-9…11): a fee row becomes a Charge whose
// category comes from the charge-category table.

import type { Charge } from '../../src/domain/billing.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { RowReader } from '../row-reader.ts';
import { chargeCategories, type ChargeCategoryClassifier } from './charge-category.ts';

export interface ChargeMappingContext {
  /** ITEM code → Name, from the ITEM table (JF-4): the name decides the category where it can. */
  itemNames?: ReadonlyMap<string, string>;
  /** JF-9…11 rows carry no VIP column: the sync passes the customer's VIP number when it has one. */
  vipNumber?: string | null;
  /** For tests and what-if runs of a changed table. */
  classifier?: ChargeCategoryClassifier;
}

export function mapFeeRow(row: object, ctx: ChargeMappingContext, accountColumn: string): MapResult<Charge> {
  const r = new RowReader(row);
  const serviceNumber = r.text('EquipmentNbr', { required: true }).replace(/ /g, '');
  const accountNumber = r.text(accountColumn);
  const vipColumn = r.text('VIP');
  const itemCode = r.text('Item', { required: true }).replace(/ /g, '').toUpperCase();
  const amount = r.money('Cost');
  if (amount === null && r.raw('Cost') == null) r.fail('invalid_value', 'Cost', 'a charge without an amount');
  const billingCycle = r.cycle('CallTime', { required: true });
  let category = null;
  if (itemCode !== '') {
    const name = ctx.itemNames?.get(itemCode) ?? null;
    const match = (ctx.classifier ?? chargeCategories).classify(itemCode, name);
    if (match === null) {
      r.fail('unknown_code', 'Item', `charge item '${itemCode}'${name === null ? '' : ` (${name})`} matches no charge-category rule`);
    } else {
      category = match.category;
    }
  }
  return r.result(() => ({
    serviceNumber,
    accountNumber,
    vipNumber: vipColumn ?? ctx.vipNumber ?? null,
    itemCode,
    category: category!,
    amount: amount!,
    billingCycle: billingCycle!,
  }));
}

// Shared by the fee table (JF-5) and the fee queries (JF-9…11): a fee row becomes a Charge whose
// category comes from the charge-category table.

import type { Charge } from '../../src/domain/billing.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { withoutSpaces } from '../normalize.ts';
import { isPlainRow, moneyFast, PlainColumn, RowReader, type LegacyRow, type ReaderOptions } from '../row-reader.ts';
import { canonicalBillingCycle } from '../text-date.ts';
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
  const value = mapCanonicalFeeRow(row, ctx, accountColumn);
  return value !== undefined ? { ok: true, value } : mapFeeRowGeneral(row, ctx, accountColumn);
}

/**
 * The charge of a fee row in the shape contract checks leave nearly all of a cycle's in (the
 * contract's column names, plain ASCII text, numbers as numbers) and whose item a rule recognises,
 * read without a RowReader; undefined otherwise, and the general mapping decides, with reasons.
 * Where it answers, the charge is the general mapping's.
 */
const plain = { service: new PlainColumn(), account: new PlainColumn(), vip: new PlainColumn(), item: new PlainColumn() };

export function mapCanonicalFeeRow(row: object, ctx: ChargeMappingContext, accountColumn: string): Charge | undefined {
  if (!isPlainRow(row)) return undefined;
  const fields = row as LegacyRow;
  const serviceNumber = plain.service.required(fields.EquipmentNbr);
  const accountNumber = plain.account.optional(fields[accountColumn]);
  const vipColumn = plain.vip.optional(fields.VIP);
  const item = plain.item.required(fields.Item);
  const amount = moneyFast(fields.Cost);
  const billingCycle = canonicalBillingCycle(fields.CallTime);
  if (
    serviceNumber === undefined ||
    accountNumber === undefined ||
    vipColumn === undefined ||
    item === undefined ||
    amount === undefined ||
    billingCycle === undefined
  ) {
    return undefined;
  }
  // Plain ASCII holds a character besides spaces: the code is never blank here.
  const itemCode = withoutSpaces(item).toUpperCase();
  const match = (ctx.classifier ?? chargeCategories).classify(itemCode, ctx.itemNames?.get(itemCode) ?? null);
  if (match === null) return undefined;
  return {
    serviceNumber: withoutSpaces(serviceNumber),
    accountNumber,
    vipNumber: vipColumn ?? ctx.vipNumber ?? null,
    itemCode,
    category: match.category,
    amount,
    billingCycle,
  };
}

/** Any fee row, each field read defensively: every reason a row cannot be taken in is collected. */
export function mapFeeRowGeneral(row: object, ctx: ChargeMappingContext, accountColumn: string, reading: ReaderOptions = {}): MapResult<Charge> {
  const r = new RowReader(row, reading);
  const serviceNumber = withoutSpaces(r.text('EquipmentNbr', { required: true }));
  const accountNumber = r.text(accountColumn);
  const vipColumn = r.text('VIP');
  const itemCode = withoutSpaces(r.text('Item', { required: true })).toUpperCase();
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

// 97-2 VIP_GET_DKHINFO → Customer. The row is the 97 system's master data; the hub's id, the 97
// customer id and the lifecycle status come from the sync (the row carries none of them).

import type { Customer, CustomerStatus, CustomerType } from '../../src/domain/customer.ts';
import type { MapResult } from '../../src/domain/quarantine.ts';
import { customerTypes } from '../code-tables/index.ts';
import { RowReader } from '../row-reader.ts';
import type { VipGetDkhinfoRow } from './rows.ts';
import { decodeVipNumber, type VipNumberParts } from './vip-number.ts';

export interface CustomerMappingContext {
  /** The hub's own id for this customer (resolved or minted by the sync). */
  customerId?: string | null;
  legacyCustomerId?: number | null;
  /** VIP_GET_DKHINFO answers key accounts in force: 'formal' unless the sync knows better. */
  status?: CustomerStatus;
  statusTime?: Date | null;
}

export function mapVipGetDkhinfo(row: VipGetDkhinfoRow, ctx: CustomerMappingContext): MapResult<Customer> {
  const r = new RowReader(row);
  const customerId = r.reference('customer id', ctx.customerId);
  const vipNumber = r.text('DKH_CARDID', { required: true }).replace(/ /g, '');
  let parts: VipNumberParts | null = null;
  if (vipNumber !== '') {
    const decoded = decodeVipNumber(vipNumber);
    if (decoded.ok) parts = decoded.value;
    else r.fail('invalid_value', 'DKH_CARDID', decoded.reason);
  }
  const name = r.text('DKHNAME', { required: true });
  // USERTYPE is typed by people and varies; the VIP number's 1st digit is the system's own answer.
  const userType = r.text('USERTYPE');
  const byUserType = userType === null ? null : customerTypes.lookup(userType);
  let customerType: CustomerType | null = byUserType?.code ?? parts?.customerType ?? null;
  if (customerType === null && parts !== null) {
    r.fail(
      'unknown_code',
      'USERTYPE',
      `customer type unknown: USERTYPE '${userType ?? ''}' is not in ${customerTypes.name} and VIP digit ${vipNumber[0]} has no type`,
    );
  }
  customerType ??= 'other';
  const exchangeArea = r.text('EXCH');
  const administrativeArea = r.text('BAREA');
  const contactPerson = r.text('CONN_PERSON');
  const contactPhone = r.phone('CONN_TELE');
  const address = r.text('ADDR');
  const postcode = r.postcode('POSTCARD');
  return r.result(() => ({
    id: customerId!,
    vipNumber,
    legacyCustomerId: ctx.legacyCustomerId ?? null,
    name,
    customerType,
    exchangeArea,
    administrativeArea,
    contactPerson,
    contactPhone,
    address,
    postcode,
    level: parts!.level,
    tier: null,
    serviceLevel: null,
    industrySection: parts!.industrySection,
    industryGroup: parts!.industryGroup,
    regionCode: parts!.regionCode,
    manager: null,
    status: ctx.status ?? 'formal',
    statusTime: ctx.statusTime ?? null,
  }));
}

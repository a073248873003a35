// 97-4 VIP_GET_SERVERS → Service (a number of the customer).

import type { MapResult } from '../../src/domain/quarantine.ts';
import type { Service } from '../../src/domain/service.ts';
import { serviceTypes } from '../code-tables/index.ts';
import { RowReader } from '../row-reader.ts';
import type { VipGetServersRow } from './rows.ts';

export interface ServiceMappingContext {
  customerId?: string | null;
}

export function mapVipGetServers(row: VipGetServersRow, ctx: ServiceMappingContext): MapResult<Service> {
  const r = new RowReader(row);
  const customerId = r.reference('customer id', ctx.customerId);
  const serviceNumber = r.text('ACC_CODE', { required: true }).replace(/ /g, '');
  const accountNumber = r.text('ACCT_NBR');
  const legacyServiceId = r.digits('SERV97_ID', { required: true });
  const userName = r.text('PERSON');
  const serviceType = r.code('ACC_SERVTYPE', serviceTypes);
  const subAccountName = r.text('ACC_CUSTNAME');
  const parentName = r.text('ACC_PARENTNAME');
  const installAddress = r.text('ACC_SITUATED');
  const postcode = r.postcode('ACC_PAYPOSTAL');
  const startDate = r.date('ACC_USEDATE');
  return r.result(() => ({
    serviceNumber,
    legacyServiceId,
    customerId: customerId!,
    accountNumber,
    userName,
    serviceType: serviceType.code ?? 'other',
    serviceTypeLegacy: serviceType.legacy,
    subAccountName,
    parentName,
    installAddress,
    postcode,
    startDate,
  }));
}

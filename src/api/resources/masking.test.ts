// Personal data on every route: bank accounts only province_admin sees whole, personal phones the
// province admin, operations and the customer's own manager; everyone else gets them masked, on the
// resources and inside the 360 alike. Each unmasked disclosure leaves an audit row naming who, whose
// and which fields, and a fields= that trims the personal data away discloses (and audits) nothing.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.ts';
import { ExchangeRecorder, assertAnswersInsideSchema } from '../platform/testing.ts';
import { NOT_CUSTOMER_BEARING, createResourceApi, probesOf, type Caller, type ResourceApi } from './test-api.ts';
import { HOSPITAL, IBM, ICBC, TICKETS, openSeededView } from './test-seed.ts';
import type { BillingAccount, Customer, Customer360 } from './tmf-types.ts';

let db: Database;
let api: ResourceApi;
let http: ExchangeRecorder;

beforeAll(async () => {
  db = await openSeededView();
  api = createResourceApi(db);
  http = new ExchangeRecorder(api.app);
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.query('DELETE FROM hub.audit_log');
});

async function get<T>(caller: Caller, url: string): Promise<T> {
  const { response, body } = await http.request(url, { headers: await api.as(caller) });
  expect(response.status, url).toBe(200);
  return body as T;
}

async function auditRows() {
  const { rows } = await db.query<{ subject: string; role: string; action: string; customer_id: string; fields: string[] }>(
    'SELECT subject, role, action, customer_id, fields FROM hub.audit_log ORDER BY id',
  );
  return rows;
}

const phoneOf = (c: Customer) => c.contactMedium.find((m) => m.mediumType === 'phone')?.characteristic.phoneNumber;
const ACCOUNT = `/tmf-api/accountManagement/v4/billingAccount/${ICBC.account}`;
const CUSTOMER = `/tmf-api/customerManagement/v4/customer/${ICBC.id}`;
const C360 = `/tmf-api/customer360/v4/customer360/${ICBC.id}`;

describe('masking and the audit of personal data', () => {
  it('masks the bank account for the customer\'s own manager but shows the phone, and audits the phone', async () => {
    const account = await get<BillingAccount>('manager1', ACCOUNT);
    expect(account.defaultPaymentMethod.bankAccount).toBe('***************2345');
    const customer = await get<Customer>('manager1', CUSTOMER);
    expect(phoneOf(customer)).toBe(ICBC.phone);
    expect(await auditRows()).toEqual([
      { subject: 'staff:S101', role: 'customer_manager', action: 'read', customer_id: ICBC.id, fields: ['contactMedium.characteristic.phoneNumber'] },
    ]);
  });

  it('shows the province admin everything and writes who read whose bank account', async () => {
    const account = await get<BillingAccount>('admin', ACCOUNT);
    expect(account.defaultPaymentMethod.bankAccount).toBe(ICBC.bankAccount);
    expect(await auditRows()).toEqual([
      { subject: 'staff:P001', role: 'province_admin', action: 'read', customer_id: ICBC.id, fields: ['defaultPaymentMethod.bankAccount'] },
    ]);
  });

  it('masks both for supervisors, HQ and system clients, and audits nothing for them', async () => {
    for (const caller of ['supervisorXH', 'hq', 'crm'] as const) {
      const account = await get<BillingAccount>(caller, ACCOUNT);
      expect(account.defaultPaymentMethod.bankAccount, caller).toBe('***************2345');
      expect(phoneOf(await get<Customer>(caller, CUSTOMER)), caller).toBe('139****0001');
    }
    expect(await auditRows()).toEqual([]);
  });

  it('masks inside the 360 as on the resources, and audits the 360\'s disclosures under its paths', async () => {
    const forManager = await get<Customer360>('manager1', C360);
    expect(forManager.billingAccount![0]!.defaultPaymentMethod.bankAccount).toBe('***************2345');
    expect(phoneOf(forManager.customer!)).toBe(ICBC.phone);
    const forHq = await get<Customer360>('hq', C360);
    expect(phoneOf(forHq.customer!)).toBe('139****0001');
    const forAdmin = await get<Customer360>('admin', C360);
    expect(forAdmin.billingAccount![0]!.defaultPaymentMethod.bankAccount).toBe(ICBC.bankAccount);
    expect((await auditRows()).map((r) => [r.role, r.fields])).toEqual([
      ['customer_manager', ['customer.contactMedium.characteristic.phoneNumber']],
      ['province_admin', ['billingAccount.defaultPaymentMethod.bankAccount', 'customer.contactMedium.characteristic.phoneNumber']],
    ]);
  });

  it('discloses and audits nothing when fields= trims the personal data away', async () => {
    await get('admin', `${C360}?fields=arrears,serviceOrder`);
    await get('admin', `${ACCOUNT}?fields=accountBalance`);
    await get('admin', `/tmf-api/customerManagement/v4/customer?vipNumber=${ICBC.vipNumber}&fields=name,characteristic`);
    expect(await auditRows()).toEqual([]);
  });

  it('never lets a raw bank account, nor a phone to roles that may not see it, out of any route', async () => {
    const bankAccounts = [ICBC.bankAccount, IBM.bankAccount, HOSPITAL.bankAccount, '6228480402564890018', '6217001540001234567'];
    const phones = [ICBC.phone, IBM.phone, HOSPITAL.phone, '13905710002', '13805740005'];
    const targets = [
      { customerId: ICBC.id, vipNumber: ICBC.vipNumber, account: ICBC.account, service: ICBC.services[0], order: ICBC.openOrder, ticket: TICKETS.icbcOpenFault },
      { customerId: IBM.id, vipNumber: IBM.vipNumber, account: IBM.account, service: IBM.service, order: IBM.order, ticket: TICKETS.ibmOpenComplaint },
    ];
    const unfiltered = api.routes.filter((r) => r.collection && !NOT_CUSTOMER_BEARING.has(r.operationId)).map((r) => `${r.path}?limit=200`);
    for (const caller of ['manager1', 'supervisorXH', 'hq', 'crm', 'operations'] as const) {
      const urls = [...unfiltered, ...targets.flatMap((t) => Object.values(probesOf(t)).map((p) => p.url))];
      for (const url of urls) {
        const { body } = await http.request(url, { headers: await api.as(caller) });
        const text = JSON.stringify(body);
        for (const secret of bankAccounts) expect(text, `${caller} ${url}`).not.toContain(secret);
        if (caller === 'supervisorXH' || caller === 'hq' || caller === 'crm') for (const phone of phones) expect(text, `${caller} ${url}`).not.toContain(phone);
      }
    }
  });

  it('answers all of it inside the OpenAPI document', () => {
    assertAnswersInsideSchema(api.document, http.exchanges);
  });
});

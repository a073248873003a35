// A CRM front end's day, as a new user would try it from /openapi.json alone: find a customer by a
// fragment of its Chinese name (full-width input too), open its 360, follow its open work order, see
// its arrears and charges. Every answer is then checked against the OpenAPI document.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.ts';
import type { OpenApiDocument } from '../platform/openapi.ts';
import { ExchangeRecorder, assertAnswersInsideSchema, validateOpenApiDocument } from '../platform/testing.ts';
import { createResourceApi, type ResourceApi } from './test-api.ts';
import { CYCLES, ICBC, IBM, TICKETS, openSeededView } from './test-seed.ts';
import type { Customer, Customer360, CustomerBill, ServiceOrder } from './tmf-types.ts';

let db: Database;
let api: ResourceApi;
let http: ExchangeRecorder;
let crm: Record<string, string>;

beforeAll(async () => {
  db = await openSeededView();
  api = createResourceApi(db);
  http = new ExchangeRecorder(api.app);
  crm = await api.as('manager1');
});
afterAll(() => db.close());

const get = async <T>(url: string, headers = crm) => {
  const { response, body } = await http.request(url, { headers });
  return { status: response.status, headers: response.headers, body: body as T };
};
const characteristic = (c: Customer, name: string) => c.characteristic.find((x) => x.name === name)?.value;

describe('a CRM front end\'s day', () => {
  it('finds the documented calls in /openapi.json', async () => {
    const res = await api.app.request('/openapi.json');
    const doc = (await res.json()) as OpenApiDocument;
    expect(validateOpenApiDocument(doc)).toEqual([]);
    for (const path of [
      '/tmf-api/customerManagement/v4/customer',
      '/tmf-api/customer360/v4/customer360/{id}',
      '/tmf-api/serviceOrdering/v4/serviceOrder/{id}',
      '/tmf-api/customerBillManagement/v4/customerBill',
      '/tmf-api/customerBillManagement/v4/appliedCustomerBillingRate',
    ]) expect(doc.paths[path]?.get, path).toBeDefined();
    const params = (doc.paths['/tmf-api/customerManagement/v4/customer']!.get!.parameters as { name: string }[]).map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(['name', 'vipNumber', 'serviceNumber', 'accountNumber', 'fields', 'limit']));
  });

  it('finds a customer by a fragment of its Chinese name, and by full-width and half-width variants', async () => {
    const byFragment = await get<Customer[]>('/tmf-api/customerManagement/v4/customer?name=' + encodeURIComponent('工商银行'));
    expect(byFragment.status).toBe(200);
    expect(byFragment.body.map((c) => c.id)).toEqual([ICBC.id]);
    expect(byFragment.headers.get('x-total-count')).toBe('1');
    expect(characteristic(byFragment.body[0]!, 'level')).toBe('5A');
    // Stored with full-width parentheses, asked with half-width ones (and the other way round).
    const halfWidth = await get<Customer[]>('/tmf-api/customerManagement/v4/customer?name=' + encodeURIComponent('阿里巴巴(中国)'));
    expect(halfWidth.body.map((c) => c.name)).toEqual(['阿里巴巴（中国）网络技术有限公司']);
    const fullWidth = await get<Customer[]>('/tmf-api/customerManagement/v4/customer?name=' + encodeURIComponent('ＩＢＭ中国'), await api.as('admin'));
    expect(fullWidth.body.map((c) => c.id)).toEqual([IBM.id]);
    const spaced = await get<Customer[]>('/tmf-api/customerManagement/v4/customer?name=' + encodeURIComponent(' 杭州 西湖 '));
    expect(spaced.body.map((c) => c.id)).toEqual([ICBC.id]);
    // Whole-name and prefix matches come before matches inside the name; another manager's customer never.
    const ranked = await get<Customer[]>('/tmf-api/customerManagement/v4/customer?name=' + encodeURIComponent('中国'), await api.as('admin'));
    expect(ranked.body.map((c) => c.id)[0]).toBe(ICBC.id);
    expect(ranked.body).toHaveLength(3);
    expect((await get<Customer[]>('/tmf-api/customerManagement/v4/customer?name=IBM')).body).toEqual([]);
    const punctuationOnly = await get<Customer[]>('/tmf-api/customerManagement/v4/customer?name=' + encodeURIComponent('（）'));
    expect(punctuationOnly.body).toEqual([]);
  });

  it('looks a customer up by its VIP number (also the one it had before), service number and account number', async () => {
    for (const q of [`vipNumber=${ICBC.vipNumber}`, `vipNumber=${ICBC.formerVipNumber}`, `serviceNumber=${ICBC.services[1]}`, `accountNumber=${ICBC.account}`]) {
      const res = await get<Customer[]>(`/tmf-api/customerManagement/v4/customer?${q}`);
      expect(res.body.map((c) => c.id), q).toEqual([ICBC.id]);
    }
    const res = await get<Customer[]>(`/tmf-api/customerManagement/v4/customer?vipNumber=${ICBC.formerVipNumber}`);
    expect(characteristic(res.body[0]!, 'formerVipNumbers')).toBe(ICBC.formerVipNumber);
    expect(characteristic(res.body[0]!, 'vipNumber')).toBe(ICBC.vipNumber);
  });

  it('opens the 360: profile, accounts, services, open orders with current step and overdue flag, 12 cycles of charges, arrears, tickets', async () => {
    const { status, body } = await get<Customer360>(`/tmf-api/customer360/v4/customer360/${ICBC.id}`);
    expect(status).toBe(200);
    expect(body['@type']).toBe('Customer360');
    expect(characteristic(body.customer!, 'serviceLevel')).toBe('AAA');
    expect(characteristic(body.customer!, 'tier')).toBe('province');
    expect(body.billingAccount!.map((a) => a.id)).toEqual([ICBC.account]);
    expect(body.product!.map((p) => p.id)).toEqual([...ICBC.services]);
    // Open orders only; the finished one stays out.
    const orders = Object.fromEntries(body.serviceOrder!.map((o) => [o.id, o]));
    expect(Object.keys(orders).sort()).toEqual([ICBC.openOrder, ICBC.rejectedOrder].sort());
    expect(orders[ICBC.openOrder]).toMatchObject({ state: 'inProgress', overdue: true, rejected: false, currentStep: { name: 'construction', stepNo: 2, overdue: true } });
    expect(orders[ICBC.rejectedOrder]).toMatchObject({ overdue: false, rejected: true });
    expect(orders[ICBC.rejectedOrder]!.milestone[1]).toMatchObject({ status: 'rejected', rejectionReason: '客户地址无法施工' });
    // 12 newest of the 13 loaded cycles, newest first, each 6500.50 across three categories.
    expect(body.chargeSummary!.map((c) => c.billingCycle)).toEqual(CYCLES.slice(1).reverse());
    const latest = body.chargeSummary![0]!;
    expect(latest.totalAmount).toEqual({ unit: 'CNY', value: 6500.5 });
    expect(Object.fromEntries(latest.category.map((c) => [c.category, c.amount.value]))).toEqual({ data: 5000, local_telephone: 1200, long_distance_telephone: 300.5 });
    expect(latest.billingPeriod).toEqual({ startDateTime: '2026-02-28T16:00:00.000Z', endDateTime: '2026-03-31T16:00:00.000Z' });
    expect(body.arrears!.customerBill.map((b) => b.billingCycle)).toEqual([20260201, 20260301]);
    expect(body.arrears!.totalAmount).toEqual({ unit: 'CNY', value: 13001 });
    // Open ones first, then the recent closed one; the fault of October is not recent.
    expect(body.troubleTicket!.map((t) => t.id)).toEqual([TICKETS.icbcOpenFault, TICKETS.icbcRecentComplaint]);
    expect(body.troubleTicket![0]).toMatchObject({ ticketType: 'fault', status: 'inProgress' });
  });

  it('trims the 360 with fields= and then computes only what was asked', async () => {
    const { body } = await get<Record<string, unknown>>(`/tmf-api/customer360/v4/customer360/${ICBC.id}?fields=arrears,serviceOrder`);
    expect(Object.keys(body).sort()).toEqual(['@type', 'arrears', 'href', 'id', 'serviceOrder']);
  });

  it('follows the open work order from the 360 and sees its steps', async () => {
    const c360 = await get<Customer360>(`/tmf-api/customer360/v4/customer360/${ICBC.id}?fields=serviceOrder`);
    const open = c360.body.serviceOrder!.find((o) => o.overdue)!;
    const { status, body } = await get<ServiceOrder>(open.href);
    expect(status).toBe(200);
    expect(body).toEqual(open);
    expect(body.milestone.map((s) => [s.name, s.status, s.overdue])).toEqual([['accept', 'done', false], ['construction', 'inProgress', true]]);
    const list = await get<ServiceOrder[]>(`/tmf-api/serviceOrdering/v4/serviceOrder?customerId=${ICBC.id}&state=inProgress`);
    expect(list.body.map((o) => o.id).sort()).toEqual([ICBC.openOrder, ICBC.rejectedOrder].sort());
  });

  it('sees the arrears as bills, and the charges of a cycle by category', async () => {
    const arrears = await get<CustomerBill[]>(`/tmf-api/customerBillManagement/v4/customerBill?customerId=${ICBC.id}&inArrears=true&sort=billingCycle`);
    expect(arrears.body.map((b) => [b.id, b.state, b.remainingAmount.value])).toEqual([
      [`${ICBC.account}-20260201`, 'sent', 6500.5],
      [`${ICBC.account}-20260301`, 'sent', 6500.5],
    ]);
    const one = await get<CustomerBill>(arrears.body[0]!.href);
    expect(one.body).toEqual(arrears.body[0]);
    const paid = await get<CustomerBill>(`/tmf-api/customerBillManagement/v4/customerBill/${ICBC.account}-20260101`);
    expect(paid.body).toMatchObject({ state: 'settled', inArrears: false, paymentDate: '2026-01-20', remainingAmount: { value: 0 } });
    const charges = await get<{ category: string; taxExcludedAmount: { value: number }; bill: { id: string } }[]>(
      `/tmf-api/customerBillManagement/v4/appliedCustomerBillingRate?customerId=${ICBC.id}&billingCycle=20260301&category=data`,
    );
    expect(charges.body.map((c) => [c.category, c.taxExcludedAmount.value, c.bill.id])).toEqual([['data', 5000, `${ICBC.account}-20260301`]]);
  });

  it('answers every call of the day inside the OpenAPI document', () => {
    expect(http.exchanges.length).toBeGreaterThan(15);
    assertAnswersInsideSchema(api.document, http.exchanges);
  });
});

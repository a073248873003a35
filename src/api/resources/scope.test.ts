// The data scope on every customer-bearing route, walked from the route registry: a customer manager
// cannot reach another manager's customer by any route (404 for one resource, an empty page for a
// collection), an area supervisor only reaches the customers of their areas, the province roles reach
// all. Each refusal is paired with the same request answered for a caller who may see the data, so no
// probe passes by finding nothing to begin with.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.ts';
import { ExchangeRecorder, assertAnswersInsideSchema } from '../platform/testing.ts';
import { NOT_CUSTOMER_BEARING, createResourceApi, probesOf, type Caller, type Probe, type ResourceApi, type Target } from './test-api.ts';
import { HOSPITAL, IBM, ICBC, ID, TICKETS, openSeededView } from './test-seed.ts';

let db: Database;
let api: ResourceApi;
let http: ExchangeRecorder;

beforeAll(async () => {
  db = await openSeededView();
  api = createResourceApi(db);
  http = new ExchangeRecorder(api.app);
});
afterAll(() => db.close());

const hospital: Target = { customerId: HOSPITAL.id, vipNumber: HOSPITAL.vipNumber, account: HOSPITAL.account, service: HOSPITAL.service, order: HOSPITAL.order, ticket: TICKETS.hospitalClosedFault };
const ibm: Target = { customerId: IBM.id, vipNumber: IBM.vipNumber, account: IBM.account, service: IBM.service, order: IBM.order, ticket: TICKETS.ibmOpenComplaint };

async function call(caller: Caller, probe: Probe) {
  const { response, body } = await http.request(probe.url, { headers: await api.as(caller) });
  return { status: response.status, body };
}

async function expectRefused(caller: Caller, target: Target) {
  for (const [operation, probe] of Object.entries(probesOf(target))) {
    const { status, body } = await call(caller, probe);
    if (probe.kind === 'one') {
      expect(status, `${caller} ${operation}`).toBe(404);
      // The same answer as for an id that does not exist: nothing of the customer beyond what was asked.
      expect(body, `${caller} ${operation}`).toMatchObject({ code: 'NOT_FOUND', status: 404 });
      expect(JSON.stringify(body), `${caller} ${operation}`).not.toContain(target.vipNumber);
    } else {
      expect([status, body], `${caller} ${operation}`).toEqual([200, []]);
    }
  }
}

async function expectAnswered(caller: Caller, target: Target) {
  for (const [operation, probe] of Object.entries(probesOf(target))) {
    const { status, body } = await call(caller, probe);
    expect(status, `${caller} ${operation}`).toBe(200);
    if (probe.kind === 'list') expect((body as unknown[]).length, `${caller} ${operation}`).toBeGreaterThan(0);
  }
}

describe('data scope on every customer-bearing route', () => {
  it('has a probe for every route of the registry that carries customer data', () => {
    const probed = new Set(Object.keys(probesOf(hospital)));
    const unprobed = api.routes.map((r) => r.operationId).filter((id) => !probed.has(id) && !NOT_CUSTOMER_BEARING.has(id));
    expect(unprobed).toEqual([]);
    expect([...probed].filter((id) => !api.routes.some((r) => r.operationId === id))).toEqual([]);
  });

  it('answers a customer manager 404 (or an empty page) for another manager\'s customer, on every route', async () => {
    await expectRefused('manager1', hospital);
    await expectRefused('manager1', ibm);
    await expectAnswered('manager2', hospital);
    await expectAnswered('manager2', ibm);
  });

  it('lets an area supervisor reach only the customers of their areas', async () => {
    await expectAnswered('supervisorXH', ibm); // administrative area XH
    await expectRefused('supervisorXH', hospital); // SC / HZ01
    await expectRefused('supervisorNB', ibm);
  });

  it('lets the province roles reach every customer', async () => {
    for (const caller of ['admin', 'operations', 'hq', 'crm'] as const) {
      await expectAnswered(caller, hospital);
      await expectAnswered(caller, ibm);
    }
  });

  it('keeps other managers\' customers out of every unfiltered collection', async () => {
    const foreign = [ID.ibm, ID.hospital, ID.port, IBM.account, HOSPITAL.account, IBM.service, HOSPITAL.service, IBM.order, HOSPITAL.order];
    const collections = api.routes.filter((r) => r.collection && !NOT_CUSTOMER_BEARING.has(r.operationId));
    expect(collections.length).toBeGreaterThanOrEqual(7);
    for (const route of collections) {
      const { status, body } = await call('manager1', { url: `${route.path}?limit=200`, kind: 'list' });
      expect(status, route.operationId).toBe(200);
      const text = JSON.stringify(body);
      expect((body as unknown[]).length, route.operationId).toBeGreaterThan(0);
      for (const id of foreign) expect(text, `${route.operationId} leaks ${id}`).not.toContain(id);
      expect(text, route.operationId).toMatch(new RegExp(`${ICBC.id}|${ICBC.account}|${ICBC.services[0]}`));
    }
    const { body } = await call('supervisorNB', { url: '/tmf-api/customerManagement/v4/customer', kind: 'list' });
    expect((body as { id: string }[]).map((c) => c.id)).toEqual([ID.port]);
  });

  it('answers all of it inside the OpenAPI document', () => {
    assertAnswersInsideSchema(api.document, http.exchanges);
  });
});

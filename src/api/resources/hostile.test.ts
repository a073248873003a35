// Malformed, oversized and hostile input on every route of the registry ends as a problem+json 4xx:
// never a 500, never an answer outside the OpenAPI document. Paths and queries are generated from each
// route's declaration, so a route added later is attacked the same way.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../store/database.ts';
import { ExchangeRecorder, assertAnswersInsideSchema } from '../platform/testing.ts';
import { createResourceApi, type ResourceApi } from './test-api.ts';
import { ICBC, openSeededView } from './test-seed.ts';

let db: Database;
let api: ResourceApi;
let http: ExchangeRecorder;
let headers: Record<string, string>;

beforeAll(async () => {
  db = await openSeededView();
  api = createResourceApi(db);
  http = new ExchangeRecorder(api.app);
  headers = await api.as('admin');
});
afterAll(() => db.close());

const HOSTILE_IDS = [
  encodeURIComponent("'; DROP TABLE hub.customer; --"),
  '%00',
  '%ZZ',
  'x'.repeat(5000),
  '..%2F..%2Fetc%2Fpasswd',
  encodeURIComponent('\u202eevil'),
  encodeURIComponent('😀'),
  encodeURIComponent('a b'),
  '%0d%0aSet-Cookie:%20x=1',
];

const HOSTILE_QUERIES = [
  'limit=100000000',
  'limit=-1',
  'limit=1&limit=2',
  'offset=abc',
  'fields=password',
  'fields=',
  'sort=name;DROP TABLE hub.customer',
  'sort=-bankAccount',
  'cursor=not-a-cursor',
  'cursor=eyJzIjpbImlkIl0sInYiOlt7fV19',
  'unknownParam=1',
  `${encodeURIComponent("' OR 1=1 --")}=1`,
];

async function expectProblem(url: string, init: RequestInit = { headers }) {
  const { response, body } = await http.request(url, init);
  expect(response.status, url.slice(0, 200)).toBeGreaterThanOrEqual(400);
  expect(response.status, url.slice(0, 200)).toBeLessThan(500);
  expect(response.headers.get('content-type'), url.slice(0, 200)).toBe('application/problem+json');
  expect(body).toMatchObject({ '@type': 'Error', status: response.status });
  return { status: response.status, body: body as { code: string; errors?: { path: string }[] } };
}

describe('hostile input on every route', () => {
  it('answers hostile path ids with 400 or 404', async () => {
    const withId = api.routes.filter((r) => r.path.includes(':id'));
    expect(withId.length).toBeGreaterThanOrEqual(8);
    for (const route of withId) {
      for (const id of HOSTILE_IDS) {
        const { status } = await expectProblem(route.path.replace(':id', id));
        expect([400, 404], `${route.operationId} ${id.slice(0, 40)}`).toContain(status);
      }
    }
  });

  it('answers hostile TMF630 queries with 400 naming the parameter', async () => {
    for (const route of api.routes) {
      const path = route.path.replace(':id', route.operationId === 'retrieveCustomerBill' ? `${ICBC.account}-20260301` : route.operationId.includes('Customer') ? ICBC.id : 'X1');
      for (const query of HOSTILE_QUERIES) {
        if (!route.collection && /^(limit|offset|sort|cursor)=/.test(query)) continue; // single resources answer those as unknown parameters below
        const { status, body } = await expectProblem(`${path}?${query}`);
        expect(status, `${route.operationId} ?${query}`).toBe(400);
        expect(body.code).toBe('VALIDATION_FAILED');
        expect(body.errors?.length, `${route.operationId} ?${query}`).toBeGreaterThan(0);
      }
      if (!route.collection) await expectProblem(`${path}?limit=10`);
    }
  });

  it('answers hostile filter values with 400, control characters included', async () => {
    for (const route of api.routes.filter((r) => r.collection)) {
      for (const [name, attr] of Object.entries(route.collection!.filterable)) {
        const values = ['%00', 'x'.repeat(300), encodeURIComponent('a\u0007b')];
        if (attr.type !== 'string') values.push('not-a-value');
        if (attr.values) values.push('neverAValue');
        for (const value of values) {
          const { status } = await expectProblem(`${route.path}?${encodeURIComponent(name)}=${value}`);
          expect(status, `${route.operationId} ${name}=${value.slice(0, 20)}`).toBe(400);
        }
        if (attr.type === 'string' || attr.type === 'boolean') await expectProblem(`${route.path}?${encodeURIComponent(name)}.gt=1`);
      }
    }
  });

  it('answers hostile look-ups of the customer list with 400', async () => {
    const base = '/tmf-api/customerManagement/v4/customer';
    for (const query of ['name=' + 'x'.repeat(101), 'name=%00', 'name=', 'vipNumber=1%20OR%201', 'vipNumber=' + '9'.repeat(21), 'serviceNumber=%0a', 'accountNumber=a/b', 'name=a&name=b']) {
      const { status } = await expectProblem(`${base}?${query}`);
      expect(status, query).toBe(400);
    }
    // Wildcards and quotes in a name are just text: they match nothing rather than everything.
    for (const name of ['%', '_', "'", '\\', '%%%工商']) {
      const { response, body } = await http.request(`${base}?name=${encodeURIComponent(name)}`, { headers });
      expect(response.status, name).toBe(200);
      expect((body as unknown[]).length, name).toBeLessThanOrEqual(name.includes('工商') ? 1 : 0);
    }
  });

  it('answers a missing or forged credential with 401 and another method with a 4xx problem', async () => {
    await expectProblem(`/tmf-api/customer360/v4/customer360/${ICBC.id}`, {});
    await expectProblem(`/tmf-api/customer360/v4/customer360/${ICBC.id}`, { headers: { authorization: 'Bearer a.b.c' } });
    await expectProblem(`/tmf-api/customer360/v4/customer360/${ICBC.id}`, { headers: { 'x-api-key': 'guess-0123456789abcdefghij' } });
    await expectProblem(`/tmf-api/customerManagement/v4/customer/${ICBC.id}`, { method: 'DELETE', headers });
    await expectProblem('/tmf-api/customerManagement/v4/customer', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
  });

  it('keeps every answer, refusals included, inside the OpenAPI document', () => {
    expect(http.exchanges.length).toBeGreaterThan(300);
    expect(http.exchanges.filter((x) => x.status >= 500)).toEqual([]);
    assertAnswersInsideSchema(api.document, http.exchanges);
  });
});

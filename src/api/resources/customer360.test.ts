// The 360's contract beyond its content: it is answered from the view in one statement (plus the
// audit row when it discloses personal data) and so never waits on a legacy system; it revalidates
// with ETag / If-None-Match; and it changes as soon as the view does.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../store/database.ts';
import { TroubleTicketRepository } from '../../store/index.ts';
import { createApiApp, DatabaseAuditSink } from '../platform/index.ts';
import { pino } from 'pino';
import { ExchangeRecorder, assertAnswersInsideSchema } from '../platform/testing.ts';
import { resourceRoutes } from './index.ts';
import { createResourceApi, CRM_KEY, type ResourceApi } from './test-api.ts';
import { ICBC, NOW, openSeededView } from './test-seed.ts';
import type { Customer360 } from './tmf-types.ts';

let db: Database;
let api: ResourceApi;
let http: ExchangeRecorder;
let headers: Record<string, string>;
const URL_360 = `/tmf-api/customer360/v4/customer360/${ICBC.id}`;

beforeAll(async () => {
  db = await openSeededView();
  api = createResourceApi(db);
  http = new ExchangeRecorder(api.app);
  headers = await api.as('manager1');
});
afterAll(() => db.close());

describe('customer 360', () => {
  it('is one statement over the hub schema, and only the audit insert besides', async () => {
    const statements: string[] = [];
    const counting: Queryable = {
      engine: db.engine,
      query: (text, params) => {
        statements.push(text);
        return db.query(text, params);
      },
      exec: (text) => db.exec(text),
      cursor: (text, params, size) => db.cursor(text, params, size),
      copyFrom: (table, columns, rows) => db.copyFrom(table, columns, rows),
    };
    const { app } = createApiApp({
      routes: resourceRoutes({ db: counting, now: () => NOW }),
      auth: { jwtSecret: undefined, apiKeys: [{ ...CRM_KEY, role: 'province_admin' }] },
      audit: new DatabaseAuditSink(counting),
      logger: pino({ level: 'silent' }),
    });
    const res = await app.request(URL_360, { headers: { 'x-api-key': CRM_KEY.key } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Customer360;
    expect(body.chargeSummary).toHaveLength(12);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^SELECT c360\.id/);
    expect(statements[1]).toMatch(/^INSERT INTO hub\.audit_log/);
    // Every relation the statement reads is in the hub schema: nothing there reaches a legacy system.
    const relations = [...statements[0]!.matchAll(/\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_.]*)/gi)].map((m) => m[1]!);
    expect(relations.length).toBeGreaterThan(10);
    expect(relations.filter((r) => !r.startsWith('hub.'))).toEqual([]);
  });

  it('answers 304 to a matching If-None-Match, and a new ETag once the view changes', async () => {
    const first = await http.request(URL_360, { headers });
    const etag = first.response.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    const again = await http.request(URL_360, { headers: { ...headers, 'if-none-match': etag } });
    expect(again.response.status).toBe(304);
    expect(again.body).toBe('');
    // The 1000 system reports a new fault: the next read of the 360 shows it under another ETag.
    await new TroubleTicketRepository(db).upsert([{
      ticketKey: 'f'.repeat(40), kind: 'fault', state: 'open', vipNumber: ICBC.vipNumber, customerId: ICBC.id, serviceNumber: ICBC.services[1],
      complainantName: null, type: 'line_down', typeLegacy: '线路中断', staff: '客服09', reportedAt: new Date('2026-03-15T08:00:00Z'),
      finishedAt: null, description: '专线中断', satisfaction: null,
    }], { sourcePoint: 'CS-3', confirmedAt: NOW });
    const changed = await http.request(URL_360, { headers: { ...headers, 'if-none-match': etag } });
    expect(changed.response.status).toBe(200);
    expect(changed.response.headers.get('etag')).not.toBe(etag);
    expect((changed.body as Customer360).troubleTicket![0]!.id).toBe('f'.repeat(40));
  });

  it('refuses sections it does not have and answers 404 for a customer that does not exist', async () => {
    const unknown = await http.request(`${URL_360}?fields=customer,creditProfile`, { headers });
    expect(unknown.response.status).toBe(400);
    const missing = await http.request('/tmf-api/customer360/v4/customer360/00000000-0000-4000-8000-000000000000', { headers });
    expect(missing.response.status).toBe(404);
  });

  it('answers inside the OpenAPI document', () => {
    assertAnswersInsideSchema(api.document, http.exchanges);
  });
});

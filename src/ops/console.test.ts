// The console page over a real PGlite view, its access rules (and those of /metrics), and the
// request observer's ids and access-log lines.

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../store/index.ts';
import { ADMIN_KEY, bearer, CRM_KEY, opsApp, PERSONAL_NAME, seededView, tokenOf, type OpsHarness } from './test-kit.ts';

const NOW = new Date('2026-03-01T08:00:00Z');
let db: Database;
let h: OpsHarness;

beforeAll(async () => {
  db = await seededView(NOW);
  h = opsApp(db, { now: () => NOW });
});
afterAll(async () => db?.close());

async function problemOf(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body.status).toBe(status);
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  return body;
}

describe('the console page', () => {
  it('shows readiness, breakers, sync state, runs, billing cycles and quarantine from the view', async () => {
    await h.legacy.withLegacyPolicy('cs1000', 'read', async () => {
      throw new Error('ORA-12541: TNS:no listener');
    }).catch(() => undefined);
    const res = await h.app.request('/console', { headers: await bearer('operations') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'sha256-/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const section = (id: string) => new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
    for (const heading of ['Readiness', 'Legacy systems', 'Sync state', 'Recent sync runs', 'Billing cycles', 'Quarantine']) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    expect(html).toContain('href="/console/queues"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/); // nothing to load from anywhere

    expect(section('readiness')).toContain('not ready');
    expect(section('readiness')).toContain('SOAP endpoint refused the connection');
    expect(section('legacy-systems')).toMatch(/cs1000<\/td><td><span class="bad">open/);
    expect(section('legacy-systems')).toMatch(/sys97<\/td><td><span class="ok">closed/);
    expect(section('sync-state')).toMatch(/sys97\.change[\s\S]*10 min/);
    expect(section('sync-state')).toMatch(/cs1000\.open[\s\S]*2 min/);
    expect(section('recent-sync-runs')).toMatch(/sys97\.incremental[\s\S]*done[\s\S]*changed 12/);
    expect(section('recent-sync-runs')).toContain('ORA-12541: TNS:no listener');
    expect(section('billing-cycles')).toMatch(/20260201<\/td><td><span class="bad">failed[\s\S]*billing did not answer/);
    expect(section('billing-cycles')).toMatch(/20260101<\/td><td><span class="warn">ready/);

    const q = section('quarantine');
    expect(q).toMatch(/97-2<\/td><td>contract_violation<\/td><td class="n">2</);
    expect(q).toMatch(/97-2<\/td><td>unparseable_date<\/td><td class="n">1</);
    expect(q).toMatch(/JF-5<\/td><td>duplicate_key<\/td><td class="n">1</);
    expect(q).not.toContain('CS-1'); // replayed rows are not open
    expect(q).toContain('Newest open rows (4 of 4)');
    expect(q).toContain('vip:1003');
    expect(q).toContain('code table &#60;b&#62;'); // escaped, not markup
    expect(html).not.toContain(PERSONAL_NAME); // raw legacy rows stay out of the console
  });

  it('tells what it could not read and still shows the rest', async () => {
    const broken = await seededView(NOW);
    const hb = opsApp(broken, { now: () => NOW });
    await broken.exec('DROP TABLE hub.billing_cycle_load CASCADE');
    const html = await (await hb.app.request('/console', { headers: await bearer('province_admin') })).text();
    expect(html).toMatch(/<section id="billing-cycles"><h2>Billing cycles<\/h2><p class="err">Could not read: /);
    expect(html).toMatch(/97-2<\/td><td>contract_violation/);
    await broken.close();
  });
});

describe('who may see /metrics and /console', () => {
  it('answers 401 without credentials and 403 to a customer manager, as problem+json', async () => {
    for (const path of ['/metrics', '/console', '/console/queues/api/queues']) {
      expect((await problemOf(await h.app.request(path), 401)).code).toBe('UNAUTHORIZED');
      const body = await problemOf(await h.app.request(path, { headers: await bearer('customer_manager') }), 403);
      expect(body.detail).toMatch(/customer_manager may not/);
      await problemOf(await h.app.request(path, { headers: await bearer('hq') }), 403);
      await problemOf(await h.app.request(path, { headers: { 'x-api-key': CRM_KEY.key } }), 403);
      await problemOf(await h.app.request(path, { headers: { 'x-api-key': 'not-a-key-0123456789abcdefgh' } }), 401);
    }
    expect((await h.app.request('/metrics', { headers: { 'x-api-key': ADMIN_KEY.key } })).status).toBe(200);
    expect((await h.app.request('/console', { headers: await bearer('operations') })).status).toBe(200);
  });

  it('shows a browser how to sign in instead of JSON', async () => {
    const res = await h.app.request('/console', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('/console?token=');
  });

  it('exchanges ?token= for an HttpOnly SameSite=Strict cookie and drops the token from the address', async () => {
    const res = await h.app.request(`/console?token=${await tokenOf('operations')}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^bss_console=[\w.-]+; Max-Age=(28800|2879\d); Path=\/console; HttpOnly; SameSite=Strict$/);
    const session = cookie.split(';')[0]!;
    const page = await h.app.request('/console', { headers: { cookie: session } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('as staff:operations (operations)');
    // Not a credential for the API or /metrics, only for the console.
    await problemOf(await h.app.request('/metrics', { headers: { cookie: session } }), 401);
    // A change through the cookie must come from the console's own origin.
    const change = '/console/queues/api/queues/sys97/retry/failed';
    await problemOf(await h.app.request(change, { method: 'PUT', headers: { cookie: session } }), 403);
    await problemOf(await h.app.request(change, { method: 'PUT', headers: { cookie: session, origin: 'http://evil.example', host: 'localhost' } }), 403);
    const sameOrigin = await h.app.request(`http://localhost${change}`, { method: 'PUT', headers: { cookie: session, origin: 'http://localhost', host: 'localhost' } });
    expect(sameOrigin.status).not.toBe(403);
    expect(sameOrigin.status).not.toBe(401);

    await problemOf(await h.app.request(`/console?token=${await tokenOf('customer_manager')}`), 403);
    await problemOf(await h.app.request('/console?token=abc.def.ghi'), 401);
    const expired = await h.app.request('/console', { headers: { cookie: 'bss_console=abc.def.ghi' } });
    await problemOf(expired, 401);
    expect(expired.headers.get('set-cookie')).toMatch(/^bss_console=; Max-Age=0; Path=\/console/);
    const out = await h.app.request('/console/logout', { headers: { cookie: session } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^bss_console=; Max-Age=0/);
  });

  it('lets operators move jobs on the board but not delete or edit them', async () => {
    const ops = await bearer('operations');
    for (const path of ['/sys97/obliterate', '/sys97/empty', '/sys97/clean/completed', '/sys97/add', '/sys97/job-1/update-data']) {
      const method = path.endsWith('update-data') ? 'PATCH' : path.endsWith('add') ? 'POST' : 'PUT';
      const body = await problemOf(await h.app.request(`/console/queues/api/queues${path}`, { method, headers: ops }), 403);
      expect(body.detail).toMatch(/does not delete or edit/);
    }
    for (const path of ['/sys97/retry/failed', '/sys97/job-1/retry', '/sys97/pause', '/pause']) {
      const res = await h.app.request(`/console/queues/api/queues${path}`, { method: 'PUT', headers: ops });
      expect([401, 403]).not.toContain(res.status);
    }
  });

  it('lets a credential-less scrape in from loopback only, never through a proxy', async () => {
    const server = serve({ fetch: h.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const direct = await fetch(`${base}/metrics`);
      expect(direct.status).toBe(200);
      expect(await direct.text()).toContain('# TYPE quarantine_open_rows gauge');
      expect((await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(401);
      expect((await fetch(`${base}/metrics`, { headers: await bearer('customer_manager') })).status).toBe(403);
      expect((await fetch(`${base}/console`)).status).toBe(401); // the console never trusts the address
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('request ids and access logs', () => {
  it('logs one JSON line per request with its id, route pattern, status and time; probes at debug', async () => {
    h.log.lines.length = 0;
    const given = await h.app.request('/console/queues/api/queues/sys97/job-42/retry', { method: 'PUT', headers: { ...(await bearer('operations')), 'x-request-id': 'trace-abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-abc-123');
    const made = await h.app.request('/metrics?token=secret-in-query', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.status).toBe(401);
    const id = made.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const poll = await h.app.request('/console/queues/api/queues', { headers: await bearer('operations') });
    expect(poll.status).toBe(200);
    const lines = h.log.lines.filter((l) => l.msg === 'request');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 30, requestId: 'trace-abc-123', method: 'PUT', route: '/console/queues/api/queues/:queueName/:jobId/retry' });
    expect(typeof lines[0]!.ms).toBe('number');
    expect(lines[1]).toMatchObject({ level: 20, requestId: id, route: '/metrics', status: 401 });
    expect(lines[2]).toMatchObject({ level: 20, route: '/console/queues/api/queues', status: 200 });
    expect(JSON.stringify(h.log.lines)).not.toContain('secret-in-query');
    expect(JSON.stringify(h.log.lines)).not.toContain('job-42');
  });
});

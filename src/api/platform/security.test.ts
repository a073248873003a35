// Who may call, what they see: credentials (JWT, API key) failing as 401 problems, the data scope per
// role as SQL and through the routes (404 outside it), masking by role, audit rows, rate limit.
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_ISSUER } from './auth.ts';
import { AS, API_KEY, createFixture, SECRET, type Fixture } from './fixtures/platform-fixture.ts';
import { mask, maskItem } from './masking.ts';
import { TokenBucketLimiter } from './rate-limit.ts';
import { customerScope } from './scope.ts';
import { render } from './sql-fragment.ts';

const CUSTOMERS = '/tmf-api/platformTest/v4/customer';
let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
});
afterAll(() => f.close());

const now = () => Math.floor(Date.now() / 1000);
const call = (path: string, headers: Record<string, string>) => f.app.request(`${CUSTOMERS}${path}`, { headers });
const bearer = async (options: Parameters<Fixture['token']>[0]) => ({ authorization: `Bearer ${await f.token(options)}` });

describe('credentials', () => {
  const claims = { sub: 'staff:S001', role: 'customer_manager', staffId: 'S001', iss: JWT_ISSUER };
  it.each([
    ['no credentials', async () => ({})],
    ['not a JWT', async () => ({ authorization: 'Bearer not-a-token' })],
    ['basic auth', async () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
    ['garbage segments', async () => ({ authorization: 'Bearer aaa.bbb.ccc' })],
    ['expired', async () => ({ authorization: `Bearer ${await sign({ ...claims, exp: now() - 60 }, SECRET, 'HS256')}` })],
    ['wrong signature', async () => ({ authorization: `Bearer ${await sign({ ...claims, exp: now() + 60 }, 'another-secret-another-secret-0000', 'HS256')}` })],
    ['alg none', async () => ({ authorization: `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, exp: now() + 60 })).toString('base64url')}.` })],
    ['no expiry', async () => ({ authorization: `Bearer ${await sign(claims, SECRET, 'HS256')}` })],
    ['unknown role', async () => ({ authorization: `Bearer ${await sign({ ...claims, role: 'root', exp: now() + 60 }, SECRET, 'HS256')}` })],
    ['manager without staff id', async () => ({ authorization: `Bearer ${await sign({ sub: 'x', role: 'customer_manager', iss: JWT_ISSUER, exp: now() + 60 }, SECRET, 'HS256')}` })],
    ['other issuer', async () => ({ authorization: `Bearer ${await sign({ ...claims, iss: 'elsewhere', exp: now() + 60 }, SECRET, 'HS256')}` })],
    ['unknown API key', async () => ({ 'x-api-key': 'crm-key-0123456789abcdefghiX' })],
    ['empty API key', async () => ({ 'x-api-key': '' })],
  ])('%s → 401 problem', async (_name, headers) => {
    const res = await call('', await headers());
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe('UNAUTHORIZED');
  });

  it('accepts a good token and a configured API key, and refuses both at once', async () => {
    expect((await call('/C1', await bearer(AS.manager1))).status).toBe(200);
    expect((await call('/C1', { 'x-api-key': API_KEY.key })).status).toBe(200);
    expect((await call('/C1', { ...(await bearer(AS.admin)), 'x-api-key': API_KEY.key })).status).toBe(400);
  });

  it('answers 403 when the role may not call the operation', async () => {
    const res = await f.app.request(`${CUSTOMERS}/C1/note`, {
      method: 'POST',
      headers: { ...(await bearer(AS.hq)), 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(res.status).toBe(403);
  });
});

describe('data scope', () => {
  it('is one parameterised predicate per role', () => {
    expect(render(customerScope({ subject: 's', role: 'customer_manager', staffId: "S1' OR '1'='1", via: 'jwt' }))).toEqual({
      text: 'c.manager = $1',
      params: ["S1' OR '1'='1"],
    });
    expect(render(customerScope({ subject: 's', role: 'area_supervisor', areas: ['A1', 'E2'], via: 'jwt' }, 'cu')).text).toBe(
      '((cu.administrative_area = $1) OR (cu.administrative_area = $2)) OR ((cu.exchange_area = $3) OR (cu.exchange_area = $4))',
    );
    expect(render(customerScope({ subject: 's', role: 'customer_manager', via: 'jwt' })).text).toBe('FALSE');
    expect(render(customerScope({ subject: 's', role: 'area_supervisor', areas: [], via: 'jwt' })).text).toBe('FALSE');
    for (const role of ['province_admin', 'operations', 'hq', 'system'] as const) {
      expect(render(customerScope({ subject: 's', role, via: 'jwt' })).text).toBe('TRUE');
    }
    expect(() => customerScope({ subject: 's', role: 'hq', via: 'jwt' }, 'c; DROP')).not.toThrow();
    expect(() => customerScope({ subject: 's', role: 'customer_manager', staffId: 'S1', via: 'jwt' }, 'c; DROP')).toThrow(/column/);
  });

  it.each([
    ['manager1', AS.manager1, ['C1', 'C2']],
    ['manager2', AS.manager2, ['C3', 'C4']],
    ['supervisor of A1', AS.supervisorA1, ['C1', 'C3']],
    ['supervisor of exchange area E1', AS.supervisorE1, ['C1', 'C4']],
    ['operations', AS.operations, ['C1', 'C2', 'C3', 'C4', 'C5']],
  ] as const)('%s lists only its customers and gets 404 for every other one', async (_name, who, mine) => {
    const headers = await bearer(who);
    const res = await call('?sort=name&limit=100', headers);
    const listed = ((await res.json()) as { id: string }[]).map((c) => c.id).sort();
    expect(listed).toEqual([...mine]);
    expect(res.headers.get('x-total-count')).toBe(String(mine.length));
    for (const id of ['C1', 'C2', 'C3', 'C4', 'C5', 'C9']) {
      const one = await call(`/${id}`, headers);
      expect(one.status).toBe((mine as readonly string[]).includes(id) ? 200 : 404);
    }
    // Out of scope and absent give the same body, so probing ids tells nothing.
    const absent = (await (await call('/C9', headers)).json()) as Record<string, unknown>;
    const other = mine.includes('C5' as never) ? undefined : ((await (await call('/C5', headers)).json()) as Record<string, unknown>);
    if (other) expect({ ...other, detail: '', message: '', instance: '', requestId: '' }).toEqual({ ...absent, detail: '', message: '', instance: '', requestId: '' });
  });

  it('hides an out-of-scope customer from writes too', async () => {
    const res = await f.app.request(`${CUSTOMERS}/C3/note`, {
      method: 'POST',
      headers: { ...(await bearer(AS.manager1)), 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'not mine' }),
    });
    expect(res.status).toBe(404);
  });
});

describe('masking and audit', () => {
  it('masks id numbers, bank accounts and phones keeping the recognisable ends', () => {
    expect(mask('110105198001011234', 'idNumber')).toBe('110105********1234');
    expect(mask('6222021234567890123', 'bankAccount')).toBe('***************0123');
    expect(mask('13812345678', 'personalPhone')).toBe('138****5678');
    expect(mask('12345', 'personalPhone')).toBe('****5');
    expect(mask('', 'idNumber')).toBe('');
    expect(mask(null, 'idNumber')).toBeNull();
    const { item, disclosed } = maskItem(
      { contact: [{ phone: '13812345678' }, { phone: '13987654321' }], bank: { account: '6222021234567890' } },
      { 'contact.phone': 'personalPhone', 'bank.account': 'bankAccount' },
      'operations',
    );
    expect(item).toEqual({ contact: [{ phone: '13812345678' }, { phone: '13987654321' }], bank: { account: '************7890' } });
    expect(disclosed).toEqual(['contact.phone']);
  });

  it.each([
    ['hq', AS.hq, '138****5678'],
    ['area supervisor', AS.supervisorA1, '138****5678'],
    ['customer manager', AS.manager1, '13812345678'],
    ['province admin', AS.admin, '13812345678'],
  ] as const)('%s sees the phone as %s, in the list and the single read', async (_name, who, shown) => {
    const headers = await bearer(who);
    const one = (await (await call('/C1', headers)).json()) as { contactPhone: string };
    expect(one.contactPhone).toBe(shown);
    const list = (await (await call('?name=Alpha%20Steel', headers)).json()) as { contactPhone: string }[];
    expect(list[0]!.contactPhone).toBe(shown);
  });

  it('masks for system clients', async () => {
    const one = (await (await call('/C1', { 'x-api-key': API_KEY.key })).json()) as { contactPhone: string };
    expect(one.contactPhone).toBe('138****5678');
  });

  it('writes an audit row per customer whose unmasked data an answer disclosed, with the request id', async () => {
    await f.db.query('DELETE FROM hub.audit_log');
    const res = await call('?sort=name', await bearer(AS.manager1));
    const requestId = res.headers.get('x-request-id');
    await call('/C1', await bearer(AS.hq)); // masked: nothing to record
    const { rows } = await f.db.query<{ subject: string; role: string; action: string; customer_id: string; fields: string[]; request_id: string }>(
      'SELECT subject, role, action, customer_id, fields, request_id FROM hub.audit_log ORDER BY customer_id',
    );
    expect(rows).toEqual([
      { subject: 'staff:S001', role: 'customer_manager', action: 'read', customer_id: 'C1', fields: ['contactPhone'], request_id: requestId },
      { subject: 'staff:S001', role: 'customer_manager', action: 'read', customer_id: 'C2', fields: ['contactPhone'], request_id: requestId },
    ]);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client has spent its bucket, per client', async () => {
    let clock = 0;
    const limited = await createFixture({ limiter: new TokenBucketLimiter({ perMinute: 3, now: () => clock }) });
    try {
      const headers = { authorization: `Bearer ${await limited.token(AS.manager1)}` };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await limited.app.request(`${CUSTOMERS}/C1`, { headers })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const res = await limited.app.request(`${CUSTOMERS}/C1`, { headers });
      expect(res.headers.get('retry-after')).toBe('20');
      expect(((await res.json()) as { code: string }).code).toBe('TOO_MANY_REQUESTS');
      const other = { authorization: `Bearer ${await limited.token(AS.manager2)}` };
      expect((await limited.app.request(`${CUSTOMERS}/C3`, { headers: other })).status).toBe(200);
      clock += 20_000;
      expect((await limited.app.request(`${CUSTOMERS}/C1`, { headers })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

// TMF630 mechanics through a real route on PGlite: projection, filters, sort, paging headers, keyset
// cursor, ETag — and hostile query strings that must end as 400 problems, never 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS, createFixture, type Fixture } from './fixtures/platform-fixture.ts';
import { render } from './sql-fragment.ts';
import { parseTmfQuery, type CollectionSpec } from './tmf-query.ts';

const CUSTOMERS = '/tmf-api/platformTest/v4/customer';
let f: Fixture;
let admin: string;

beforeAll(async () => {
  f = await createFixture();
  admin = await f.token(AS.admin);
});
afterAll(() => f.close());

const get = (query: string, headers: Record<string, string> = {}) =>
  f.app.request(`${CUSTOMERS}${query}`, { headers: { authorization: `Bearer ${admin}`, ...headers } });
const ids = async (res: Response) => ((await res.json()) as { id: string }[]).map((c) => c.id);

describe('collection queries', () => {
  it('pages with offset/limit, X-Total-Count, X-Result-Count and Link', async () => {
    const res = await get('?sort=name&offset=1&limit=2');
    expect(res.status).toBe(200);
    expect(await ids(res)).toEqual(['C2', 'C5']);
    expect(res.headers.get('x-total-count')).toBe('5');
    expect(res.headers.get('x-result-count')).toBe('2');
    const link = res.headers.get('link')!;
    expect(link).toContain(`<${CUSTOMERS}?sort=name&offset=3&limit=2>; rel="next"`);
    expect(link).toContain('offset=0&limit=2>; rel="prev"');
    expect(link).toContain('offset=4&limit=2>; rel="last"');
  });

  it('filters by equality, lists, .ne and date ranges, all as parameters', async () => {
    expect(await ids(await get('?status=formal&sort=name'))).toEqual(['C1', 'C2', 'C5']);
    expect(await ids(await get('?status=potential,churned&sort=name'))).toEqual(['C3', 'C4']);
    expect(await ids(await get('?status.ne=formal&sort=name'))).toEqual(['C3', 'C4']);
    expect(await ids(await get('?updatedAt.gte=2026-01-02&updatedAt.lt=2026-01-04T00:00:00Z&sort=updatedAt'))).toEqual(['C2', 'C3']);
    expect(await ids(await get(`?name=${encodeURIComponent("O'Brien; DROP TABLE")}`))).toEqual(['C4']);
    expect(await ids(await get(`?name=${encodeURIComponent("x' OR '1'='1")}`))).toEqual([]);
  });

  it('sorts descending and keeps id, href and @type in a projection', async () => {
    expect(await ids(await get('?sort=-updatedAt'))).toEqual(['C5', 'C4', 'C3', 'C2', 'C1']);
    const body = (await (await get('?fields=name&limit=1')).json()) as Record<string, unknown>[];
    expect(Object.keys(body[0]!).sort()).toEqual(['@type', 'href', 'id', 'name']);
  });

  it('walks a keyset cursor through the whole collection without a total', async () => {
    const seen: string[] = [];
    // An empty cursor starts the walk; each answer's rel=next carries the next one.
    let url = '?sort=-updatedAt&limit=2&cursor=';
    for (let i = 0; i < 5 && url; i++) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-total-count')).toBeNull();
      seen.push(...(await ids(res)));
      const next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      url = next ? next.slice(CUSTOMERS.length) : '';
    }
    expect(seen).toEqual(['C5', 'C4', 'C3', 'C2', 'C1']);
  });

  it('answers 304 to If-None-Match with the same weak ETag, 200 when the data changed', async () => {
    const first = await get('/C1');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    const again = await get('/C1', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    await f.db.query(`UPDATE hub.customer SET name = 'Alpha Steel Works' WHERE id = 'C1'`);
    expect((await get('/C1', { 'if-none-match': etag })).status).toBe(200);
    await f.db.query(`UPDATE hub.customer SET name = 'Alpha Steel' WHERE id = 'C1'`);
  });
});

describe('hostile query strings answer 400 problems', () => {
  it.each([
    ['huge limit', '?limit=100000000000'],
    ['limit over the maximum', '?limit=101'],
    ['negative offset', '?offset=-1'],
    ['non-numeric offset', '?offset=1e3'],
    ['unknown sort field', '?sort=password'],
    ['sort by SQL', '?sort=name;DROP TABLE hub.customer'],
    ['fields=__proto__', '?fields=__proto__'],
    ['fields=constructor', '?fields=constructor,name'],
    ['filter on an unknown attribute', '?manager_id=1'],
    ['filter key __proto__', '?__proto__=1'],
    ['filter key with SQL', `?${encodeURIComponent('name=1 OR 1=1--')}=x`],
    ['value outside an enum', '?status=active'],
    ['range on a string', '?name.gt=a'],
    ['bad date', '?updatedAt.gte=yesterday'],
    ['repeated filter', '?status=formal&status=churned'],
    ['list with a range operator', '?updatedAt.gt=2026-01-01,2026-01-02'],
    ['overlong value', `?name=${'x'.repeat(300)}`],
    ['cursor that is not base64url', '?cursor=%00%01'],
    ['tampered cursor', `?cursor=${Buffer.from('{"s":["name","id"],"v":[{"$gt":""},1]}').toString('base64url')}`],
    ['cursor from another sort', `?sort=-name&cursor=${Buffer.from('{"s":["name","id"],"v":["a","b"]}').toString('base64url')}`],
    ['cursor with offset', `?offset=2&cursor=${Buffer.from('{"s":["name","id"],"v":["a","b"]}').toString('base64url')}`],
    ['cursor on a nullable sort', `?sort=level&cursor=${Buffer.from('{"s":["level","id"],"v":["a","b"]}').toString('base64url')}`],
  ])('%s', async (_name, query) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = (await res.json()) as { code: string; errors: { path: string; message: string }[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors[0]!.path).toMatch(/^query\./);
  });

  it('refuses unknown query keys and bad path ids on a single resource', async () => {
    expect((await get('/C1?foo=bar')).status).toBe(400);
    expect((await get('/C1?fields=__proto__')).status).toBe(400);
    expect((await get(`/${encodeURIComponent("C1' OR '1'='1")}`)).status).toBe(400);
  });
});

describe('parseTmfQuery', () => {
  const spec: CollectionSpec = {
    filterable: { level: { column: 'c.level', type: 'integer' }, name: { column: 'c.name', type: 'string' } },
    sortable: { name: { column: 'c.name' } },
    key: { attribute: 'id', column: 'c.id' },
  };

  it('puts every value in a parameter and only allow-listed columns in the text', () => {
    const q = parseTmfQuery({ level: ['3,4'], 'level.lte': ['9'], name: ["x'; DROP TABLE t; --"] }, spec, ['name']);
    const { text, params } = render(q.filter);
    expect(text).toBe('((c.level = $1) OR (c.level = $2)) AND (c.level <= $3) AND (c.name = $4)');
    expect(params).toEqual([3, 4, 9, "x'; DROP TABLE t; --"]);
    expect(q.sort).toEqual([{ attribute: 'id', column: 'c.id', descending: false }]);
    expect(q.limit).toBe(50);
  });
});

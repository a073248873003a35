// The document is valid OpenAPI 3.1 built from contracts/api and the registry, and every answer of
// every documented operation — as every role, with good and hostile inputs — sits inside it.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CONTRACTS_DIR, loadApiContracts } from './api-contracts.ts';
import { AS, API_KEY, createFixture, FIXTURE_CONTRACTS_DIR, type Fixture } from './fixtures/platform-fixture.ts';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.ts';
import { answersOutsideSchema, assertAnswersInsideSchema, ExchangeRecorder, validateOpenApiDocument } from './testing.ts';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
});
afterAll(() => f.close());

describe('the OpenAPI document', () => {
  it('is valid: shape, every $ref resolves, schemas compile, every operation answers problems for 4xx/5xx', () => {
    expect(validateOpenApiDocument(f.document)).toEqual([]);
    expect(f.document.openapi).toBe('3.1.0');
    expect(Object.keys(f.document.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'Entity', 'EntityRef', 'Characteristic', 'TimePeriod', 'Money', 'PlatformCustomer']),
    );
  });

  it('is what /openapi.json serves, without credentials', async () => {
    const res = await f.app.request('/openapi.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(f.document);
  });

  it('describes a collection with its TMF630 parameters and headers, and a path parameter from zod', () => {
    const list = f.document.paths['/tmf-api/platformTest/v4/customer']!.get!;
    const names = (list.parameters as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['fields', 'sort', 'offset', 'limit', 'cursor', 'status', 'status.ne', 'updatedAt.gte']));
    expect(Object.keys((list.responses['200'] as { headers: object }).headers)).toEqual(['ETag', 'X-Total-Count', 'X-Result-Count', 'Link']);
    const one = f.document.paths['/tmf-api/platformTest/v4/customer/{id}']!.get!;
    expect(one.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }));
    expect(one['x-roles']).toContain('customer_manager');
  });

  it('fails validation when broken, so the test above can fail', () => {
    const broken = structuredClone(f.document) as OpenApiDocument;
    broken.openapi = '3.0.3';
    const op = broken.paths['/tmf-api/platformTest/v4/customer/{id}']!.get!;
    op.parameters = [];
    op.responses = { '200': { description: 'ok' }, '404': { description: 'plain' } };
    (broken.components.schemas.PlatformCustomer as Record<string, unknown>).properties = { x: { $ref: '#/components/schemas/Nope' } };
    const problems = validateOpenApiDocument(broken);
    expect(problems.join('\n')).toMatch(/openapi/);
    expect(problems.join('\n')).toMatch(/unresolved \$ref #\/components\/schemas\/Nope/);
    broken.openapi = '3.1.0';
    broken.components.schemas.PlatformCustomer = { type: 'object' };
    expect(validateOpenApiDocument(broken)).toEqual(
      expect.arrayContaining([
        'GET /tmf-api/platformTest/v4/customer/{id}: path parameter id is not declared',
        'GET /tmf-api/platformTest/v4/customer/{id}: no 5xx answer',
        'GET /tmf-api/platformTest/v4/customer/{id} 404: not an application/problem+json Error',
      ]),
    );
  });
});

describe('every answer sits inside the document', () => {
  it('walks every operation as every role with good, hostile and unauthenticated requests', async () => {
    const recorder = new ExchangeRecorder(f.app);
    const callers: Record<string, string>[] = [{}, { 'x-api-key': API_KEY.key }, { authorization: 'Bearer x.y.z' }];
    for (const who of Object.values(AS)) callers.push({ authorization: `Bearer ${await f.token(who)}` });
    const samples: Record<string, string> = { id: 'C1' };
    for (const [template, item] of Object.entries(f.document.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const id of ['C1', 'C3', 'C9', '%27%3B--']) {
          const concrete = template.replace(/\{([^}]+)\}/g, (_, name: string) => (name === 'id' ? id : samples[name]!));
          const queries = method === 'get' ? ['', '?fields=name', '?limit=-5', '?sort=nope', '?status=formal', '?fields=__proto__'] : [''];
          for (const headers of callers) {
            for (const query of queries) {
              const init: RequestInit = { method: method.toUpperCase(), headers: { ...headers } };
              if (op.requestBody) {
                init.headers = { ...headers, 'content-type': 'application/json' };
                init.body = JSON.stringify(query === '' ? { text: 'a note' } : { nope: true });
              }
              await recorder.request(`${concrete}${query}`, init);
            }
          }
        }
      }
    }
    await recorder.request('/no/such/route', { headers: { 'x-api-key': API_KEY.key } });
    expect(recorder.exchanges.length).toBeGreaterThan(300);
    const statuses = new Set(recorder.exchanges.map((x) => x.status));
    for (const status of [200, 204, 400, 401, 403, 404, 500]) expect(statuses).toContain(status);
    expect(recorder.exchanges.filter((x) => x.status === 500).every((x) => x.path.endsWith('/crash'))).toBe(true);
    assertAnswersInsideSchema(f.document, recorder.exchanges);
  });

  it('notices an answer outside its schema, an undocumented status and a wrong media type', () => {
    const path = '/tmf-api/platformTest/v4/customer/C1';
    const good = { id: 'C1', href: path, '@type': 'PlatformCustomer', name: 'A', status: 'formal' };
    expect(answersOutsideSchema(f.document, [{ method: 'GET', path, status: 200, contentType: 'application/json', body: good }])).toEqual([]);
    const problems = answersOutsideSchema(f.document, [
      { method: 'GET', path, status: 200, contentType: 'application/json', body: { ...good, status: 'active', secret: 1 } },
      { method: 'GET', path, status: 201, contentType: 'application/json', body: good },
      { method: 'GET', path, status: 404, contentType: 'application/json', body: {} },
      { method: 'GET', path, status: 500, contentType: 'application/problem+json', body: { status: 500 } },
      { method: 'DELETE', path, status: 200, contentType: 'application/json', body: {} },
    ]);
    expect(problems).toHaveLength(5);
    expect(() => assertAnswersInsideSchema(f.document, [{ method: 'GET', path, status: 200, contentType: 'application/json', body: {} }])).toThrow(
      /outside the OpenAPI document/,
    );
  });
});

describe('the reference page', () => {
  it('serves /docs with its script and style from the hub itself, under a CSP without inline script', async () => {
    const page = await f.app.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script src="/docs/explorer.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    const js = await f.app.request('/docs/explorer.js');
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).toContain("fetch('/openapi.json')");
  });
});

describe('contracts and registry refuse what would make the document lie', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bss-hub-api-contracts-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a component name defined twice and an external $ref', () => {
    mkdirSync(path.join(dir, 'a'));
    writeFileSync(path.join(dir, 'a', 'Error.schema.json'), '{"type":"object"}');
    expect(() => loadApiContracts([API_CONTRACTS_DIR, dir])).toThrow(/component Error is also defined/);
    rmSync(path.join(dir, 'a'), { recursive: true });
    writeFileSync(path.join(dir, 'X.schema.json'), '{"$ref":"https://example.com/x.json"}');
    expect(() => loadApiContracts([dir])).toThrow(/external \$ref/);
  });

  it('rewrites file references to components', () => {
    const contracts = loadApiContracts([API_CONTRACTS_DIR, FIXTURE_CONTRACTS_DIR]);
    const related = (contracts.PlatformCustomer!.properties as Record<string, { items: { $ref: string } }>).relatedParty!;
    expect(related.items.$ref).toBe('#/components/schemas/EntityRef');
    const doc = buildOpenApiDocument([], contracts);
    expect(validateOpenApiDocument(doc)).toEqual([]);
  });
});

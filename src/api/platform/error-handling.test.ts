// Every failure is problem+json, in-process and over a real socket (where Node's parser answers before
// hono runs); stacks stay in the log.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServer } from '../../platform/http-server.ts';
import { installClientErrorHandler } from './error-handling.ts';
import { AS, API_KEY, createFixture, type Fixture } from './fixtures/platform-fixture.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';

const CUSTOMERS = '/tmf-api/platformTest/v4/customer';
let f: Fixture;
let admin: string;

beforeAll(async () => {
  f = await createFixture();
  admin = await f.token(AS.admin);
});
afterAll(() => f.close());

async function problem(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, '@type': 'Error' });
  for (const member of ['type', 'title', 'detail', 'code', 'reason', 'message']) expect(typeof body[member]).toBe('string');
  return body;
}

describe('problem answers in-process', () => {
  it('answers an unknown path with a 404 problem naming the instance and the request id', async () => {
    const res = await f.app.request('/tmf-api/nothing/here', { headers: { authorization: `Bearer ${admin}` } });
    const body = await problem(res, 404);
    expect(body.instance).toBe('/tmf-api/nothing/here');
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers a bug with a 500 problem without the stack or the message, and logs both with the request id', async () => {
    const res = await f.app.request('/tmf-api/platformTest/v4/crash', { headers: { authorization: `Bearer ${admin}` } });
    const text = JSON.stringify(await problem(res, 500));
    expect(text).not.toMatch(/secret internal detail|store\.ts|at .*:\d+/);
    const id = res.headers.get('x-request-id')!;
    expect(text).toContain(id);
    const logged = f.logLines.find((line) => line.includes(id) && line.includes('request failed'));
    expect(logged).toContain('secret internal detail');
    expect(logged).toContain('"stack"');
  });

  it('refuses a body over the limit with 413, malformed JSON with 400, another media type with 415, a bad body with its paths', async () => {
    const post = (body: string, type = 'application/json') =>
      f.app.request(`${CUSTOMERS}/C1/note`, { method: 'POST', body, headers: { authorization: `Bearer ${admin}`, 'content-type': type } });
    await problem(await post(JSON.stringify({ text: 'x'.repeat(10_000) })), 413);
    await problem(await post('{"text": '), 400);
    await problem(await post('text=hi', 'application/x-www-form-urlencoded'), 415);
    const invalid = await problem(await post(JSON.stringify({ text: '', extra: 1 })), 400);
    expect(invalid.code).toBe('VALIDATION_FAILED');
    expect(invalid.errors).toEqual(
      expect.arrayContaining([{ path: 'body', message: 'unknown property "extra"' }, expect.objectContaining({ path: 'body.text' })]),
    );
    expect((await post(JSON.stringify({ text: 'call back on Monday' }))).status).toBe(204);
  });

  it('sets the security headers on answers', async () => {
    const res = await f.app.request(`${CUSTOMERS}/C1`, { headers: { 'x-api-key': API_KEY.key } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });
});

describe('problem answers over a real socket', () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await startHttpServer(f.app as never, { host: '127.0.0.1', port: 0, configure: installClientErrorHandler(f.logger) });
  });
  afterAll(() => server.close());

  function raw(request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1');
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      socket.write(request);
    });
  }

  function parse(answer: string): { status: number; headers: string; body: Record<string, unknown> } {
    const [head = '', body = ''] = answer.split('\r\n\r\n', 2);
    return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: JSON.parse(body) as Record<string, unknown> };
  }

  it('answers headers over 16 KB with a 431 problem', async () => {
    const answer = parse(await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(answer.headers).toContain(`content-type: ${PROBLEM_CONTENT_TYPE}`);
    expect(answer.body).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE', '@type': 'Error' });
  });

  it('answers a request that is not HTTP with a 400 problem', async () => {
    const answer = parse(await raw('HELLO THERE\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it('still serves a good request on the same server, and 401 as a problem', async () => {
    const res = await fetch(`${server.url}${CUSTOMERS}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
  });
});

// Golden files for the hub's 1000-service client, as node-soap's own test/request-response-samples:
// one folder per case under samples/ with
//   request.json   the port method and its arguments ({"$date": "…"} for a Date), how the peer
//                  replies (HTTP status, delay, socket error), adapter options;
//   response.xml   the canned answer nock serves (absent when the peer fails below HTTP);
//   request.xml    optional: the envelope the client must send (compared element by element);
//   expected.json  {"result": …} or {"error": {name, kind, code, pointId, message}}, and
//                  "requests": how many HTTP requests reached the peer (retries show here).
// nock intercepts node:http under soap's axios, so these cases pin wire shapes the simulator
// never produces: lone rows, empty bodies, proxy pages, broken XML, foreign fault codes.
//
// A case without expected.json fails. CS1000_ADAPTER_SAMPLES_RECORD=1 writes the missing ones from
// the current code so a new case can be reviewed by reading a file; it never overwrites one.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LegacyError } from '../transport/errors.ts';
import { createCs1000Adapter, type Cs1000AdapterOptions, type Cs1000Port } from './cs1000.adapter.ts';
import { recordingPolicy } from './cs1000.test-support.ts';
import { CS1000_WSDL_FILE, Cs1000Transport } from './cs1000.transport.ts';

interface SampleRequest {
  description: string;
  call: keyof Cs1000Port;
  args: unknown[];
  options?: Cs1000AdapterOptions;
  reply?: { status?: number; delayMs?: number; error?: { code: string; message: string } };
}

const ORIGIN = 'http://cs1000.golden.invalid';
const PATH = '/cs1000/VIP1000';
const TIMEOUT_MS = 300;
// Reads get one retry, so a transient failure shows as two requests and a permanent one as one.
const READ_ATTEMPTS = 2;
const SAMPLES = fileURLToPath(new URL('./samples/', import.meta.url));
const RECORD = process.env.CS1000_ADAPTER_SAMPLES_RECORD === '1';
const cases = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

// Local names, text and order of elements; prefixes and namespace declarations are the client's
// own business (the service reads them by namespace, not by spelling).
const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, ignoreDeclaration: true, parseTagValue: false, preserveOrder: true });

let transport: Cs1000Transport;

beforeAll(async () => {
  nock.disableNetConnect();
  transport = await Cs1000Transport.create({ endpoint: `${ORIGIN}${PATH}`, timeoutMs: TIMEOUT_MS });
});

afterEach(() => {
  nock.cleanAll();
});

afterAll(() => {
  transport?.close();
  nock.enableNetConnect();
});

function read(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function revive(arg: unknown): unknown {
  const date = typeof arg === 'object' && arg !== null ? (arg as { $date?: unknown }).$date : undefined;
  return typeof date === 'string' ? new Date(date) : arg;
}

/** The adapter's answer, or the LegacyError it threw, as one JSON value. */
async function outcome(port: Cs1000Port, request: SampleRequest): Promise<Record<string, unknown>> {
  const method = port[request.call] as (...args: unknown[]) => Promise<unknown>;
  try {
    return { result: await method(...request.args.map(revive)) };
  } catch (err) {
    if (!(err instanceof LegacyError)) throw err;
    const { name, kind, code, pointId, message } = err;
    return { error: { name, kind, code, pointId, message } };
  }
}

describe('1000 service client golden samples (nock)', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s', async (name) => {
    const dir = `${SAMPLES}${name}/`;
    const request = JSON.parse(readFileSync(`${dir}request.json`, 'utf8')) as SampleRequest;
    const responseXml = read(`${dir}response.xml`);
    const expectedRequestXml = read(`${dir}request.xml`);
    const reply = request.reply ?? {};

    const bodies: string[] = [];
    const operation = request.call;
    // The SOAPAction the binding declares: a client sending another one would be refused by a
    // strict legacy server, so a mismatch must not be matched here either.
    let interceptor = nock(ORIGIN)
      .persist()
      .matchHeader('SOAPAction', `"urn:bss-hub:legacy:cs1000#${operation}"`)
      .matchHeader('Content-Type', /^text\/xml; charset=utf-8/)
      .post(PATH, (body: unknown) => {
        bodies.push(typeof body === 'string' ? body : JSON.stringify(body));
        return true;
      });
    if (reply.delayMs !== undefined) interceptor = interceptor.delay(reply.delayMs);
    if (reply.error !== undefined) {
      interceptor.replyWithError(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    } else {
      if (responseXml === undefined) throw new Error(`${name}: response.xml is missing`);
      interceptor.reply(reply.status ?? 200, responseXml, { 'Content-Type': 'text/xml; charset=utf-8' });
    }

    const port = createCs1000Adapter(transport, recordingPolicy(READ_ATTEMPTS), request.options ?? {});
    const actual = { ...(await outcome(port, request)), requests: bodies.length };

    const expectedFile = `${dir}expected.json`;
    const expectedText = read(expectedFile);
    if (expectedText === undefined) {
      if (!RECORD) throw new Error(`${name}: expected.json is missing (CS1000_ADAPTER_SAMPLES_RECORD=1 writes it)`);
      writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      return;
    }
    expect(actual).toEqual(JSON.parse(expectedText));
    if (expectedRequestXml !== undefined) {
      expect(bodies.length).toBeGreaterThan(0);
      for (const body of bodies) expect(xml.parse(body)).toEqual(xml.parse(expectedRequestXml));
    }
  });
});

describe('check() against a nock peer', () => {
  const localWsdl = readFileSync(CS1000_WSDL_FILE, 'utf8');
  const served = localWsdl.replace(/(<soap:address\s+location=")[^"]*(")/, `$1${ORIGIN}${PATH}$2`);

  it('the served WSDL equals the contract: ok, same version as the local file', async () => {
    nock(ORIGIN).get(PATH).query({ wsdl: '' }).reply(200, served, { 'Content-Type': 'text/xml' });
    const health = await transport.check();
    expect(health).toMatchObject({ ok: true, detail: 'served WSDL same as contracts/legacy/cs1000/VIP1000.wsdl' });
    expect(health.version).toMatch(/^VIP1000@[0-9a-f]{12}$/);
  });

  it('a changed WSDL that still has the operations: ok, but a different version', async () => {
    nock(ORIGIN).get(PATH).query({ wsdl: '' }).reply(200, served.replace('</wsdl:definitions>', '<!-- v2 --></wsdl:definitions>'));
    const health = await transport.check();
    expect(health.ok).toBe(true);
    expect(health.detail).toBe('served WSDL differs from contracts/legacy/cs1000/VIP1000.wsdl');
  });

  it('a WSDL without one of the five operations is not ok', async () => {
    nock(ORIGIN).get(PATH).query({ wsdl: '' }).reply(200, served.replaceAll('VIP1000_SET_VIP', 'VIP1000_SET_VIP_V2'));
    await expect(transport.check()).resolves.toMatchObject({ ok: false, detail: 'the served WSDL lacks VIP1000_SET_VIP' });
  });

  it('an HTTP error is not ok', async () => {
    nock(ORIGIN).get(PATH).query({ wsdl: '' }).reply(503, 'busy');
    await expect(transport.check()).resolves.toEqual({ ok: false, detail: `GET ${ORIGIN}${PATH}?wsdl: HTTP 503` });
  });
});

// The hub's SOAP client of the 1000 customer-service system. The WSDL is read from contracts/ and
// parsed once: a remote WSDL fetch on every start is slow and fails whenever the legacy web server
// does, and the contract file is what the hub was built and tested against. Only the endpoint comes
// from configuration. Every failure leaves here as a LegacyError so retry and breaker decisions never
// look at node-soap or axios shapes.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { fileURLToPath } from 'node:url';
import * as soap from 'soap';
import { LegacyError, LegacyTimeoutError, classify } from '../transport/errors.ts';
import type { HealthCheck } from '../transport/legacy-database.ts';

export const CS1000_SYSTEM = 'cs1000';
export const CS1000_WSDL_FILE = fileURLToPath(new URL('../../contracts/legacy/cs1000/VIP1000.wsdl', import.meta.url));

export const CS1000_OPERATIONS = [
  'VIP1000_GET_112',
  'VIP1000_GET_180',
  'VIP1000_GET_112_SO',
  'VIP1000_GET_180_SO',
  'VIP1000_SET_VIP',
] as const;
export type Cs1000OperationName = (typeof CS1000_OPERATIONS)[number];

export interface Cs1000TransportOptions {
  /** `http(s)://host:port/cs1000/VIP1000`: where calls go (the WSDL's soap:address is ignored). */
  endpoint: string;
  /** Upper bound of one call, connection included. */
  timeoutMs: number;
  /** Bound of `check()`; defaults to the smaller of timeoutMs and 5 s. */
  checkTimeoutMs?: number;
  /** Sockets kept open to the service (keep-alive); the policy's bulkhead is the real limit. */
  maxSockets?: number;
}

export interface Cs1000CallOptions {
  /** The policy's signal: aborting it cancels the HTTP request. */
  signal?: AbortSignal;
  /** Interface point id (`CS-1`), carried into errors. */
  pointId?: string;
}

/** The configuration gives the WSDL URL (`…/VIP1000?wsdl`); calls go to the same URL without the query. */
export function endpointFromWsdlUrl(wsdlUrl: string): string {
  const url = new URL(wsdlUrl);
  url.search = '';
  url.hash = '';
  return url.href;
}

interface SoapFaultBody {
  faultcode?: unknown;
  faultstring?: unknown;
  Code?: { Value?: unknown };
  Reason?: { Text?: unknown };
}

function prop(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const inner = prop(value, '$value');
  return typeof inner === 'string' ? inner : undefined;
}

// The legacy code travels at the start of faultstring ("CS1000-503: …"), the service has no other
// error vocabulary (simulator/soap/soap-fault.ts, docs/decisions/0020).
const FAULT_CODE_IN_STRING = /^\s*([A-Z][A-Z0-9]*-\d{2,5})\b/;

/**
 * SOAP 1.1 answers every fault with HTTP 500, so the status says nothing about whose fault it is:
 * the faultcode does. Server (1.2: Receiver) is the service's trouble and may pass; Client (Sender),
 * VersionMismatch and MustUnderstand will fail again the same way.
 */
function classifyFault(fault: SoapFaultBody, message: string, base: { system: string; pointId?: string; cause: unknown }): LegacyError {
  const rawCode = text(fault.faultcode) ?? text(fault.Code?.Value) ?? '';
  // "soap:Server.Database" → "Server": the prefix is whatever the peer declared, subcodes are dotted.
  const local = (rawCode.split(':').pop() ?? '').split('.')[0] ?? '';
  const transient = local === 'Server' || local === 'Receiver';
  const faultString = text(fault.faultstring) ?? text(fault.Reason?.Text) ?? '';
  const code = FAULT_CODE_IN_STRING.exec(faultString)?.[1] ?? `SOAP-${local || 'Fault'}`;
  return new LegacyError(message, { ...base, kind: transient ? 'transient' : 'permanent', code });
}

/**
 * Turns what node-soap / axios threw into the LegacyError taxonomy. `timedOut` says the transport's
 * own deadline fired (axios then reports a cancel, not a timeout).
 */
export function classifySoapError(
  err: unknown,
  ctx: { pointId?: string; operation?: string; timedOut?: boolean },
): LegacyError {
  if (err instanceof LegacyError) return classify(err, { system: CS1000_SYSTEM, pointId: ctx.pointId });
  const base = { system: CS1000_SYSTEM, pointId: ctx.pointId, cause: err };
  const where = whereOf(ctx);
  const code = prop(err, 'code');
  const status = prop(prop(err, 'response'), 'status');

  if (ctx.timedOut === true || code === 'ECONNABORTED' || (code === 'ETIMEDOUT' && prop(err, 'isAxiosError') === true)) {
    return new LegacyTimeoutError(`${where}: no answer in time`, { ...base, code: 'SOAP-TIMEOUT' });
  }
  if (code === 'ERR_CANCELED') {
    return new LegacyTimeoutError(`${where}: call aborted by its caller`, { ...base, code: 'ABORTED' });
  }

  // A parsed SOAP fault: node-soap throws an Error whose `root` is the whole envelope.
  const envelopeFault = prop(prop(prop(prop(err, 'root'), 'Envelope'), 'Body'), 'Fault');
  if (envelopeFault !== undefined && envelopeFault !== null) {
    return classifyFault(envelopeFault as SoapFaultBody, `${where}: ${(err as Error).message}`, base);
  }

  // node-soap's sax error handler throws a bare `{ Fault: { faultstring: 'Invalid XML' } }`: the body
  // was not XML. Behind a 5xx that is a proxy's error page (transient); behind a 2xx it is a broken
  // service, and asking again gets the same bytes.
  const parseFault = prop(err, 'Fault');
  if (parseFault !== undefined && !(err instanceof Error)) {
    const detail = text(prop(parseFault, 'detail')) ?? text(prop(parseFault, 'faultstring')) ?? 'unreadable answer';
    const message = `${where}: the answer is not XML (HTTP ${String(status)}): ${detail.split('\n')[0]}`;
    if (typeof status === 'number' && status >= 500) {
      return new LegacyError(message, { ...base, kind: 'transient', code: `SOAP-${status}` });
    }
    return new LegacyError(message, { ...base, kind: 'permanent', code: 'SOAP-BAD-XML' });
  }

  const message = err instanceof Error ? err.message : String(err);
  if (typeof status === 'number' && status >= 500) {
    // A 5xx without a SOAP fault: a proxy or an overloaded web server in front of the service.
    return new LegacyError(`${where}: HTTP ${status}: ${message}`, { ...base, kind: 'transient', code: `SOAP-${status}` });
  }
  if (typeof status === 'number' && status >= 400) {
    // A wrong path or a refused request: configuration, not weather.
    return new LegacyError(`${where}: HTTP ${status}: ${message}`, { ...base, kind: 'permanent', code: `SOAP-${status}` });
  }
  if (message === 'Cannot parse response') {
    return new LegacyError(`${where}: the answer has no SOAP Body`, { ...base, kind: 'permanent', code: 'SOAP-BAD-XML' });
  }
  // ECONNREFUSED / ECONNRESET …, and 5xx without a SOAP fault: the shared taxonomy knows them.
  const classified = classify(err, { system: CS1000_SYSTEM, pointId: ctx.pointId });
  classified.message = `${where}: ${classified.message}`;
  return classified;
}

/** `CS-1 VIP1000_GET_112`, as the shared point caller starts its messages. */
function whereOf(ctx: { pointId?: string; operation?: string }): string {
  return [ctx.pointId, ctx.operation].filter((part) => part !== undefined).join(' ') || CS1000_SYSTEM;
}

type SoapMethod = (args: object, options: object) => Promise<[unknown, string?]>;

export class Cs1000Transport {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private readonly checkTimeoutMs: number;

  private constructor(
    private readonly client: soap.Client,
    private readonly options: Cs1000TransportOptions,
  ) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 8 };
    this.httpAgent = new HttpAgent(agentOptions);
    this.httpsAgent = new HttpsAgent(agentOptions);
    this.checkTimeoutMs = options.checkTimeoutMs ?? Math.min(options.timeoutMs, 5_000);
  }

  /** Parses the local WSDL (once per transport) and points the client at the configured endpoint. */
  static async create(options: Cs1000TransportOptions): Promise<Cs1000Transport> {
    if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
      throw new RangeError(`cs1000 transport: timeoutMs must be a positive number, got ${options.timeoutMs}`);
    }
    const endpoint = new URL(options.endpoint).href;
    const client = await soap.createClientAsync(CS1000_WSDL_FILE, { endpoint });
    client.setEndpoint(endpoint);
    const missing = CS1000_OPERATIONS.filter((op) => typeof client[`${op}Async`] !== 'function');
    if (missing.length > 0) throw new Error(`${CS1000_WSDL_FILE}: no operation ${missing.join(', ')}`);
    return new Cs1000Transport(client, { ...options, endpoint });
  }

  get endpoint(): string {
    return this.options.endpoint;
  }

  /**
   * One SOAP call. Answers node-soap's object for the operation's response element (null when that
   * element is empty: the adapter decides what that means); throws a LegacyError.
   */
  async call(operation: Cs1000OperationName, args: Record<string, unknown>, options: Cs1000CallOptions = {}): Promise<unknown> {
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    const ctx = { pointId: options.pointId, operation };
    if (options.signal?.aborted) throw classifySoapError(options.signal.reason ?? new Error('aborted'), ctx);
    const method = this.client[`${operation}Async`] as SoapMethod;
    let result: unknown;
    try {
      // axios options per call: its own `timeout` is an idle-socket timer, the signal is the hard
      // deadline (a server that trickles bytes would otherwise hold the call forever).
      [result] = await method.call(this.client, args, {
        timeout: this.options.timeoutMs,
        signal,
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
        maxRedirects: 0,
      });
    } catch (err) {
      // The caller's own abort reason (the policy's timeout, say) is the better error to hand back.
      if (options.signal?.aborted && options.signal.reason instanceof LegacyError) throw options.signal.reason;
      throw classifySoapError(err, { ...ctx, timedOut: deadline.aborted });
    }
    // An empty soap:Body makes node-soap hand back the envelope ({ Body: null }) as if it were the
    // answer; no response element of this WSDL has a Body field, so that shape means "no answer".
    if (typeof result === 'object' && result !== null && Object.hasOwn(result, 'Body')) {
      throw new LegacyError(`${whereOf(ctx)}: the soap:Body holds no ${operation}Response`, {
        kind: 'permanent', system: CS1000_SYSTEM, pointId: options.pointId, code: 'SOAP-NO-ANSWER',
      });
    }
    return result;
  }

  /**
   * Reachability and contract: fetches the served `?wsdl` and checks it names the five operations.
   * `version` is a digest of the served WSDL without its soap:address, so two servers serving the
   * same contract report the same version and a changed contract shows as a new one.
   */
  async check(): Promise<HealthCheck> {
    const url = `${this.options.endpoint}?wsdl`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.checkTimeoutMs) });
      const body = await response.text();
      if (!response.ok) return { ok: false, detail: `GET ${url}: HTTP ${response.status}` };
      const served = wsdlDigest(body);
      const missing = CS1000_OPERATIONS.filter((op) => !new RegExp(`<(\\w+:)?operation\\s+name="${op}"`).test(body));
      if (missing.length > 0) {
        return { ok: false, version: served, detail: `the served WSDL lacks ${missing.join(', ')}` };
      }
      const local = wsdlDigest(await readFile(CS1000_WSDL_FILE, 'utf8'));
      const same = served === local ? 'same as' : 'differs from';
      return { ok: true, version: served, detail: `served WSDL ${same} contracts/legacy/cs1000/VIP1000.wsdl` };
    } catch (err) {
      // fetch hides the socket error (ECONNREFUSED …) in `cause`.
      const cause = prop(prop(err, 'cause'), 'code') ?? prop(err, 'name');
      return { ok: false, detail: `GET ${url}: ${(err as Error).message}${cause === undefined ? '' : ` (${String(cause)})`}` };
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** `VIP1000@<12 hex>`: the service name and a digest of the WSDL with its address blanked. */
export function wsdlDigest(xml: string): string {
  const name = /<(?:\w+:)?definitions\b[^>]*\bname="([^"]+)"/.exec(xml)?.[1] ?? 'unnamed';
  const blanked = xml.replace(/(<(?:\w+:)?address\s+location=")[^"]*(")/g, '$1$2').replace(/\r\n/g, '\n');
  return `${name}@${createHash('sha256').update(blanked).digest('hex').slice(0, 12)}`;
}

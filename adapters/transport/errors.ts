// The one error taxonomy of the legacy side. Retry, breaker and job policies decide on `kind`
// (transient | permanent), never on driver-specific shapes, so every transport funnels its
// failures through `classify` (BullMQ's typed-error idea: the retry decision is data, not a guess).

export type LegacyErrorKind = 'transient' | 'permanent';

export interface LegacyErrorOptions {
  kind: LegacyErrorKind;
  system: string;
  pointId?: string;
  /** The legacy or driver code: ORA-12541, NJS-040, SOAP-Server, PG-57014 … */
  code?: string;
  cause?: unknown;
}

export class LegacyError extends Error {
  readonly kind: LegacyErrorKind;
  readonly system: string;
  readonly pointId?: string;
  readonly code?: string;

  constructor(message: string, options: LegacyErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LegacyError';
    this.kind = options.kind;
    this.system = options.system;
    if (options.pointId !== undefined) this.pointId = options.pointId;
    if (options.code !== undefined) this.code = options.code;
  }

  get transient(): boolean {
    return this.kind === 'transient';
  }
}

/** A call that did not answer in time (call timeout, statement timeout, pool queue timeout). */
export class LegacyTimeoutError extends LegacyError {
  constructor(message: string, options: Omit<LegacyErrorOptions, 'kind'>) {
    super(message, { ...options, kind: 'transient' });
    this.name = 'LegacyTimeoutError';
  }
}

/** Refused locally without reaching the legacy system: breaker open or bulkhead full. */
export class LegacyUnavailableError extends LegacyError {
  readonly reason: 'breaker-open' | 'bulkhead-full';
  constructor(
    message: string,
    options: Omit<LegacyErrorOptions, 'kind'> & { reason: 'breaker-open' | 'bulkhead-full' },
  ) {
    super(message, { ...options, kind: 'transient' });
    this.name = 'LegacyUnavailableError';
    this.reason = options.reason;
  }
}

/** One row the legacy system answered that breaks its contract; the rest of the answer is fine. */
export class LegacyRowError extends LegacyError {
  readonly row?: Record<string, unknown>;
  constructor(
    message: string,
    options: Omit<LegacyErrorOptions, 'kind'> & { row?: Record<string, unknown> },
  ) {
    super(message, { ...options, kind: 'permanent' });
    this.name = 'LegacyRowError';
    if (options.row !== undefined) this.row = options.row;
  }
}

// Codes that mean "the same call may well succeed later" (docs/architecture.md, Errors).
// ORA-03113/03114/03135/12537/12547/12570 are lost or broken sessions; NJS-5xx are thin-mode
// network failures; ORA-00054/00060 are locks that go away.
const TRANSIENT_CODES = new Set([
  'ORA-12541', 'ORA-12170', 'ORA-00054', 'ORA-00060', 'ORA-03113', 'ORA-03114', 'ORA-03135',
  'ORA-12514', 'ORA-12516', 'ORA-12518', 'ORA-12519', 'ORA-12520', 'ORA-12528', 'ORA-12537',
  'ORA-12543', 'ORA-12545', 'ORA-12547', 'ORA-12570', 'ORA-12571', 'ORA-01089', 'ORA-01033',
  'ORA-01034', 'ORA-00018', 'ORA-00020', 'ORA-04068', 'ORA-25408',
  'NJS-040', 'NJS-500', 'NJS-501', 'NJS-503', 'NJS-510', 'NJS-511', 'NJS-521', 'NJS-123',
  'DPI-1067', 'DPI-1080',
]);

// Codes that are timeouts specifically (they get the LegacyTimeoutError class).
// ORA-01013 is "user requested cancel": what a callTimeout/break produces on the server side.
const TIMEOUT_CODES = new Set(['NJS-040', 'NJS-123', 'DPI-1067', 'ORA-01013', 'NJS-510', 'ORA-12170']);

// PostgreSQL SQLSTATEs of the simulator's server mode: connection exceptions (08…), lock and
// deadlock (55P03, 40P01), serialization (40001), resource exhaustion (53…), shutdown (57P0x).
const TRANSIENT_SQLSTATE = /^(08|53|57P0)|^(40001|40P01|55P03|55006)$/;
const TIMEOUT_SQLSTATE = new Set(['57014']);

// Node socket errors: the remote end is down, unreachable, or reset us.
const TRANSIENT_ERRNO = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  'ENOTFOUND',
]);

const LEGACY_CODE = /\b(ORA|NJS|DPI|TNS)-\d{3,5}\b/g;

/** All Oracle-style codes a message mentions, first one first (adjusted NJS errors keep the ORA). */
export function legacyCodes(text: string): string[] {
  return [...text.matchAll(LEGACY_CODE)].map((m) => m[0]);
}

export interface ClassifyContext {
  system: string;
  pointId?: string;
}

function prop(err: unknown, key: string): unknown {
  return typeof err === 'object' && err !== null ? (err as Record<string, unknown>)[key] : undefined;
}

/**
 * Turns whatever a driver threw into a LegacyError. Idempotent: a LegacyError passes through
 * (with pointId filled in if it was missing), so every layer may call it without double wrapping.
 */
export function classify(err: unknown, ctx: ClassifyContext): LegacyError {
  if (err instanceof LegacyError) {
    if (err.pointId === undefined && ctx.pointId !== undefined) {
      (err as { pointId?: string }).pointId = ctx.pointId;
    }
    return err;
  }
  const message = err instanceof Error ? err.message : String(err);
  const base = { system: ctx.system, pointId: ctx.pointId, cause: err };
  const driverCode = prop(err, 'code');
  const codes = legacyCodes(message);
  if (typeof driverCode === 'string' && /^(ORA|NJS|DPI)-/.test(driverCode)) codes.unshift(driverCode);

  if (codes.length > 0) {
    const code = codes[0] as string;
    if (codes.some((c) => TIMEOUT_CODES.has(c))) {
      return new LegacyTimeoutError(message, { ...base, code: codes.find((c) => TIMEOUT_CODES.has(c)) });
    }
    const transient = codes.some((c) => TRANSIENT_CODES.has(c));
    return new LegacyError(message, { ...base, kind: transient ? 'transient' : 'permanent', code });
  }

  if (typeof driverCode === 'string') {
    if (TIMEOUT_SQLSTATE.has(driverCode)) {
      return new LegacyTimeoutError(message, { ...base, code: `PG-${driverCode}` });
    }
    if (/^[0-9A-Z]{5}$/.test(driverCode)) {
      const kind = TRANSIENT_SQLSTATE.test(driverCode) ? 'transient' : 'permanent';
      return new LegacyError(message, { ...base, kind, code: `PG-${driverCode}` });
    }
    if (TRANSIENT_ERRNO.has(driverCode)) {
      return new LegacyError(message, { ...base, kind: 'transient', code: driverCode });
    }
  }
  // node-postgres reports a dropped socket and a pool wait timeout only by message.
  if (/Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message)) {
    return /timeout/i.test(message)
      ? new LegacyTimeoutError(message, { ...base, code: 'PG-POOL-TIMEOUT' })
      : new LegacyError(message, { ...base, kind: 'transient', code: 'PG-CONNECTION-LOST' });
  }
  const status = prop(err, 'statusCode') ?? prop(prop(err, 'response'), 'status');
  if (typeof status === 'number' && status >= 500) {
    return new LegacyError(message, { ...base, kind: 'transient', code: `SOAP-${status}` });
  }
  if (prop(err, 'name') === 'AbortError' || prop(err, 'name') === 'TimeoutError') {
    return new LegacyTimeoutError(message, { ...base, code: 'ABORTED' });
  }
  return new LegacyError(message, { ...base, kind: 'permanent' });
}

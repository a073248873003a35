// The port the 97 and billing adapters talk to. Two drivers implement it: Oracle (production,
// oracledb) and PostgreSQL (the simulator, node-postgres). Adapters never see a driver object,
// so the same adapter code and the same tests run against both.

export type ProcParamType = 'string' | 'number' | 'date';

/**
 * One IN parameter of a legacy procedure, named as the contract names it (`p_vip`, `p_cycle` …).
 * `date` values are a JS Date (its local-time components are the legacy wall clock) or the
 * text `YYYY-MM-DD HH:MM:SS` in the legacy wall clock (Asia/Shanghai).
 */
export interface ProcParam {
  name: string;
  type: ProcParamType;
  value: unknown;
}

export interface CallOptions {
  /** Bounds every round trip to the database (Oracle callTimeout, PostgreSQL statement_timeout). */
  timeoutMs?: number;
  /** Rows per batch handed to the consumer (and per network fetch). */
  fetchSize?: number;
  /** Who calls (e.g. `sync:97-4`): Oracle `action`, PostgreSQL application_name — seen by DBAs. */
  action?: string;
  /** Aborting cancels the call on the server side and frees the connection. */
  signal?: AbortSignal;
  /** Interface point id (`97-4`), carried into errors. */
  pointId?: string;
}

export interface ScalarCallOptions extends CallOptions {
  /** Type of the OUT p_result; every p_result of the contracts is a NUMBER. */
  resultType?: ProcParamType;
}

export interface HealthCheck {
  ok: boolean;
  version?: string;
  detail?: string;
}

export interface LegacyDatabase {
  /** Name of the legacy system (`sys97`, `billing`) — carried into errors and metrics. */
  readonly system: string;
  /** Calls `proc(params…, p_cur)` and yields the rows of the p_cur REF CURSOR in batches. */
  callCursor(proc: string, params: ProcParam[], opts?: CallOptions): AsyncIterable<Record<string, unknown>[]>;
  /** Calls `proc(params…, p_result)` and answers p_result. */
  callScalar(proc: string, params: ProcParam[], opts?: ScalarCallOptions): Promise<unknown>;
  /**
   * Reads a (large) interface table in batches. `sql` uses the portable bind form `:1, :2 …`
   * (each number once, in order); the PostgreSQL transport translates it to `$1, $2 …`.
   */
  queryStream(sql: string, binds: unknown[], opts?: CallOptions): AsyncIterable<Record<string, unknown>[]>;
  check(): Promise<HealthCheck>;
  close(): Promise<void>;
}

// Procedure and parameter names are spliced into the call text (a procedure name cannot be a
// bind), so they must be plain identifiers: this is the injection guard.
const PROC_NAME = /^[A-Za-z][A-Za-z0-9_$#]{0,127}(\.[A-Za-z][A-Za-z0-9_$#]{0,127}){0,2}$/;
const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,127}$/;
const RESERVED_OUT = new Set(['p_cur', 'p_result']);

export function assertProcCall(proc: string, params: ProcParam[]): void {
  if (!PROC_NAME.test(proc)) throw new TypeError(`invalid procedure name: ${JSON.stringify(proc)}`);
  const seen = new Set<string>();
  for (const p of params) {
    if (!PARAM_NAME.test(p.name)) throw new TypeError(`invalid parameter name: ${JSON.stringify(p.name)}`);
    const lower = p.name.toLowerCase();
    if (RESERVED_OUT.has(lower)) throw new TypeError(`${p.name} is the OUT parameter, not an IN parameter`);
    if (seen.has(lower)) throw new TypeError(`parameter ${p.name} given twice`);
    seen.add(lower);
    if (p.type !== 'string' && p.type !== 'number' && p.type !== 'date') {
      throw new TypeError(`parameter ${p.name}: unknown type ${String(p.type)}`);
    }
  }
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses legacy wall-clock text into a Date whose local components are that wall clock. */
export function wallClockToDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value !== 'string') throw new TypeError(`date parameter must be a Date or text, got ${typeof value}`);
  const m = WALL_CLOCK.exec(value);
  if (!m) throw new TypeError(`date parameter must be YYYY-MM-DD HH:MM:SS, got ${JSON.stringify(value)}`);
  const [, y, mo, d, h, mi, s] = m;
  return new Date(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Formats a Date's local components as legacy wall-clock text `YYYY-MM-DD HH:MM:SS`. */
export function dateToWallClock(d: Date): string {
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/**
 * Finds the `:N` binds of portable SQL, outside quotes and comments, and checks they are
 * `:1 … :n` each once in order — the only form that means the same thing to Oracle (binding by
 * position) and PostgreSQL (`$N`). Returns the SQL with each bind replaced by `render(n)`.
 */
export function rewriteBinds(sql: string, bindCount: number, render: (n: number) => string): string {
  let out = '';
  let expected = 1;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === ':' && next === ':') {
      out += '::'; // PostgreSQL cast, not a bind
      i += 2;
    } else if (c === ':' && next !== undefined && /[A-Za-z0-9_]/.test(next)) {
      const m = /^:([A-Za-z0-9_]+)/.exec(sql.slice(i)) as RegExpExecArray;
      const name = m[1] as string;
      if (!/^\d+$/.test(name)) throw new TypeError(`use :1-style binds, not :${name}`);
      if (Number(name) !== expected) throw new TypeError(`bind :${name} out of order; expected :${expected}`);
      out += render(expected);
      expected += 1;
      i += m[0].length;
    } else {
      out += c;
      i += 1;
    }
  }
  if (expected - 1 !== bindCount) {
    throw new TypeError(`SQL has ${expected - 1} binds but ${bindCount} values were given`);
  }
  return out;
}

export const DEFAULT_FETCH_SIZE = 500;
export const DEFAULT_TIMEOUT_MS = 30_000;

export function positiveInt(value: number | undefined, fallback: number, what: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v <= 0) throw new TypeError(`${what} must be a positive integer, got ${v}`);
  return v;
}

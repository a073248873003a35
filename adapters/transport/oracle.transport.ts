// LegacyDatabase over oracledb: the production path to the 97 and billing databases.
// The oracledb module object is injected (n8n style) so tests drive a fake one with the same
// assertions a real database gets; `loadOracleDb()` loads the real one.

import { classify, LegacyTimeoutError, type LegacyError } from './errors.ts';
import {
  assertProcCall, dateToWallClock, DEFAULT_FETCH_SIZE, DEFAULT_TIMEOUT_MS, positiveInt, rewriteBinds,
  wallClockToDate, type CallOptions, type HealthCheck, type LegacyDatabase, type ProcParam,
  type ProcParamType, type ScalarCallOptions,
} from './legacy-database.ts';

// The slice of oracledb this transport uses; the real module satisfies it structurally.
export interface OracleColumnMeta {
  name: string;
  dbType?: unknown;
  precision?: number;
  scale?: number;
}
export type OracleFetchTypeHandler = (meta: OracleColumnMeta) => { type?: unknown; converter?: (v: unknown) => unknown } | undefined;
export interface OracleResultSet {
  getRows(n: number): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}
export interface OracleExecuteResult {
  outBinds?: Record<string, unknown>;
  resultSet?: OracleResultSet;
  rows?: unknown[];
}
export interface OracleConnection {
  callTimeout: number;
  module: string;
  action: string;
  clientId: string;
  oracleServerVersionString?: string;
  execute(sql: string, binds: unknown, options: Record<string, unknown>): Promise<OracleExecuteResult>;
  ping(): Promise<void>;
  break(): Promise<void>;
  close(options?: { drop?: boolean }): Promise<void>;
}
export interface OraclePool {
  getConnection(): Promise<OracleConnection>;
  close(drainTime?: number): Promise<void>;
  getStatistics?(): unknown;
}
export interface OracleDbModule {
  BIND_IN: unknown;
  BIND_OUT: unknown;
  STRING: unknown;
  NUMBER: unknown;
  DATE: unknown;
  CURSOR: unknown;
  DB_TYPE_NUMBER: unknown;
  DB_TYPE_DATE: unknown;
  OUT_FORMAT_OBJECT: unknown;
  initOracleClient(options: { libDir?: string }): void;
  createPool(attributes: Record<string, unknown>): Promise<OraclePool>;
}

export interface OracleTransportConfig {
  system: string;
  user: string;
  password: string;
  connectString: string;
  /** Fixed pool size (poolMin = poolMax): a legacy DB gets a known, constant number of sessions. */
  poolSize?: number;
  /** How long a caller waits for a free connection before NJS-040. */
  queueTimeoutMs?: number;
  /** Instant Client directory: set → thick mode (needed for Oracle < 12.1, which thin cannot reach). */
  libDir?: string;
  fetchSize?: number;
  timeoutMs?: number;
  /** Oracle `module` (DBAs see it in V$SESSION). */
  module?: string;
  clientId?: string;
  /** NUMBER(p,0) with p > 15 fetched as text so no digit is lost (default true). */
  bigNumbersAsString?: boolean;
  /** Extra NUMBER columns fetched as text by name (where metadata has no precision, e.g. views). */
  stringColumns?: string[];
}

type ClientMode = { mode: 'thin' } | { mode: 'thick'; libDir: string };
// Thin and thick cannot be mixed in one process, and initOracleClient may run only once, before
// any pool: remember what was chosen per oracledb module object (one per process in production).
const clientModes = new WeakMap<object, ClientMode>();

export function ensureClientMode(oracledb: OracleDbModule, libDir: string | undefined): ClientMode['mode'] {
  const current = clientModes.get(oracledb);
  if (current === undefined) {
    if (libDir) {
      oracledb.initOracleClient({ libDir });
      clientModes.set(oracledb, { mode: 'thick', libDir });
      return 'thick';
    }
    clientModes.set(oracledb, { mode: 'thin' });
    return 'thin';
  }
  if (current.mode === 'thick' && libDir !== current.libDir) {
    throw new Error(`oracledb already runs thick mode from ${current.libDir}; a pool asked for ${libDir ?? 'thin mode'} — thin and thick cannot be mixed in one process`);
  }
  if (current.mode === 'thin' && libDir) {
    throw new Error('oracledb already runs thin mode; thick mode (libDir) must be chosen before any pool is created');
  }
  return current.mode;
}

/** Loads the real oracledb (CommonJS, untyped) behind the structural type above. */
export async function loadOracleDb(): Promise<OracleDbModule> {
  const specifier = 'oracledb';
  const mod = (await import(specifier)) as { default?: OracleDbModule } & OracleDbModule;
  return mod.default ?? mod;
}

// Errors after which the session state is unknown (a call may still run server-side) or the
// session is gone: such a connection is dropped from the pool instead of being handed out again.
const SESSION_LOST = new Set(['NJS-500', 'NJS-501', 'NJS-521', 'ORA-03113', 'ORA-03114', 'ORA-03135', 'DPI-1080']);
function mustDrop(err: LegacyError): boolean {
  return err instanceof LegacyTimeoutError || (err.code !== undefined && SESSION_LOST.has(err.code));
}

export class OracleTransport implements LegacyDatabase {
  readonly system: string;
  readonly mode: 'thin' | 'thick';
  private readonly fetchSize: number;
  private readonly timeoutMs: number;
  private readonly fetchTypeHandler: OracleFetchTypeHandler;

  constructor(
    private readonly oracledb: OracleDbModule,
    private readonly pool: OraclePool,
    private readonly config: OracleTransportConfig,
    mode: 'thin' | 'thick',
  ) {
    this.system = config.system;
    this.mode = mode;
    this.fetchSize = positiveInt(config.fetchSize, DEFAULT_FETCH_SIZE, 'fetchSize');
    this.timeoutMs = positiveInt(config.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
    const bigAsString = config.bigNumbersAsString ?? true;
    const stringColumns = new Set((config.stringColumns ?? []).map((c) => c.toUpperCase()));
    const { DB_TYPE_NUMBER, DB_TYPE_DATE, STRING } = oracledb;
    this.fetchTypeHandler = (meta) => {
      if (meta.dbType === DB_TYPE_NUMBER) {
        const big = bigAsString && (meta.precision ?? 0) > 15 && (meta.scale ?? 0) === 0;
        if (big || stringColumns.has(meta.name.toUpperCase())) return { type: STRING };
      }
      // DATE arrives as a Date built from local components; hand the wall clock on as text.
      if (meta.dbType === DB_TYPE_DATE) {
        return { converter: (v) => (v instanceof Date ? dateToWallClock(v) : v) };
      }
      return undefined;
    };
  }

  callCursor(proc: string, params: ProcParam[], opts: CallOptions = {}): AsyncIterable<Record<string, unknown>[]> {
    assertProcCall(proc, params);
    const sql = `BEGIN ${proc}(${[...params.map((p) => `:${p.name}`), ':p_cur'].join(', ')}); END;`;
    const binds: Record<string, unknown> = this.inBinds(params);
    binds.p_cur = { dir: this.oracledb.BIND_OUT, type: this.oracledb.CURSOR };
    return this.stream(opts, proc, async (conn, execOpts) => {
      const result = await conn.execute(sql, binds, execOpts);
      const rs = result.outBinds?.p_cur as OracleResultSet | undefined;
      if (!rs) throw new Error(`${proc} answered no p_cur cursor`);
      return rs;
    });
  }

  async callScalar(proc: string, params: ProcParam[], opts: ScalarCallOptions = {}): Promise<unknown> {
    assertProcCall(proc, params);
    const sql = `BEGIN ${proc}(${[...params.map((p) => `:${p.name}`), ':p_result'].join(', ')}); END;`;
    const resultType = opts.resultType ?? 'number';
    const binds: Record<string, unknown> = this.inBinds(params);
    binds.p_result = resultType === 'string'
      ? { dir: this.oracledb.BIND_OUT, type: this.oracledb.STRING, maxSize: 4000 }
      : { dir: this.oracledb.BIND_OUT, type: this.oraType(resultType) };
    return this.withConnection(opts, proc, async (conn) => {
      const result = await conn.execute(sql, binds, { outFormat: this.oracledb.OUT_FORMAT_OBJECT });
      const value = result.outBinds?.p_result;
      return value instanceof Date ? dateToWallClock(value) : value;
    });
  }

  queryStream(sql: string, binds: unknown[], opts: CallOptions = {}): AsyncIterable<Record<string, unknown>[]> {
    // Oracle binds `:1 … :n` by position natively; the rewrite only validates the portable form.
    const checked = rewriteBinds(sql, binds.length, (n) => `:${n}`);
    return this.stream(opts, opts.action ?? 'queryStream', async (conn, execOpts) => {
      const result = await conn.execute(checked, binds, { ...execOpts, resultSet: true });
      if (!result.resultSet) throw new Error('query answered no result set');
      return result.resultSet;
    });
  }

  async check(): Promise<HealthCheck> {
    try {
      return await this.withConnection({ timeoutMs: Math.min(this.timeoutMs, 5_000) }, 'check', async (conn) => {
        await conn.ping();
        return { ok: true, version: conn.oracleServerVersionString, detail: `${this.mode} mode` };
      });
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  /** Pool statistics (enableStatistics is on) for the metrics exporter. */
  statistics(): unknown {
    return this.pool.getStatistics?.();
  }

  async close(): Promise<void> {
    await this.pool.close(10);
  }

  private oraType(type: ProcParamType): unknown {
    return type === 'number' ? this.oracledb.NUMBER : type === 'date' ? this.oracledb.DATE : this.oracledb.STRING;
  }

  private inBinds(params: ProcParam[]): Record<string, unknown> {
    const binds: Record<string, unknown> = {};
    for (const p of params) {
      const val = p.type === 'date' ? wallClockToDate(p.value) : p.value;
      binds[p.name] = { dir: this.oracledb.BIND_IN, type: this.oraType(p.type), val };
    }
    return binds;
  }

  private execOptions(fetchSize: number): Record<string, unknown> {
    return {
      outFormat: this.oracledb.OUT_FORMAT_OBJECT,
      fetchArraySize: fetchSize,
      // One more than a batch so a short answer needs no second round trip.
      prefetchRows: fetchSize + 1,
      fetchTypeHandler: this.fetchTypeHandler,
    };
  }

  /** Acquires a tagged connection, runs `fn`, closes the connection on every path. */
  private async withConnection<T>(opts: CallOptions, action: string, fn: (conn: OracleConnection) => Promise<T>): Promise<T> {
    const lease = await this.acquire(opts, action);
    let failure: LegacyError | undefined;
    try {
      return await fn(lease.conn);
    } catch (err) {
      failure = lease.classify(err);
      throw failure;
    } finally {
      await lease.release(failure);
    }
  }

  private async *stream(
    opts: CallOptions,
    action: string,
    open: (conn: OracleConnection, execOpts: Record<string, unknown>) => Promise<OracleResultSet>,
  ): AsyncGenerator<Record<string, unknown>[]> {
    const fetchSize = positiveInt(opts.fetchSize, this.fetchSize, 'fetchSize');
    const lease = await this.acquire(opts, action);
    let rs: OracleResultSet | undefined;
    let failure: LegacyError | undefined;
    let closeError: unknown;
    try {
      rs = await open(lease.conn, this.execOptions(fetchSize));
      for (;;) {
        const rows = await rs.getRows(fetchSize);
        if (rows.length === 0) break;
        yield rows; // a consumer `break` resumes here with return(): only `finally` runs
      }
    } catch (err) {
      failure = lease.classify(err);
      throw failure;
    } finally {
      // Close the result set before its connection, whatever happened: an unclosed result set
      // makes later calls fail with NJS-018 and holds an open cursor on the legacy server.
      if (rs) await rs.close().catch((e: unknown) => { closeError = e; });
      await lease.release(failure ?? (closeError === undefined ? undefined : lease.classify(closeError)));
    }
    // Reached only on normal completion: a failed close is then the call's error.
    if (closeError !== undefined) throw lease.classify(closeError);
  }

  private async acquire(opts: CallOptions, action: string) {
    const ctx = { system: this.system, pointId: opts.pointId };
    if (opts.signal?.aborted) throw classify(opts.signal.reason ?? new Error('aborted'), ctx);
    let conn: OracleConnection;
    try {
      conn = await this.pool.getConnection();
    } catch (err) {
      throw classify(err, ctx);
    }
    conn.callTimeout = positiveInt(opts.timeoutMs, this.timeoutMs, 'timeoutMs');
    conn.module = this.config.module ?? 'bss-hub';
    conn.action = (opts.action ?? action).slice(0, 64);
    conn.clientId = this.config.clientId ?? 'bss-hub';
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      // break() makes the running call fail with ORA-01013; the catch then drops the session.
      conn.break().catch(() => undefined);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let released = false;
    return {
      conn,
      classify: (err: unknown): LegacyError =>
        aborted ? new LegacyTimeoutError(`${action} aborted: ${(err as Error).message}`, { ...ctx, code: 'ABORTED', cause: err }) : classify(err, ctx),
      release: async (failure: LegacyError | undefined) => {
        if (released) return;
        released = true;
        opts.signal?.removeEventListener('abort', onAbort);
        const drop = aborted || (failure !== undefined && mustDrop(failure));
        await (drop ? conn.close({ drop: true }) : conn.close()).catch(() => undefined);
      },
    };
  }
}

/** Creates the fixed-size pool (choosing thin or thick mode first) and the transport on it. */
export async function openOracleTransport(oracledb: OracleDbModule, config: OracleTransportConfig): Promise<OracleTransport> {
  const mode = ensureClientMode(oracledb, config.libDir);
  const size = positiveInt(config.poolSize, 4, 'poolSize');
  const pool = await oracledb.createPool({
    user: config.user,
    password: config.password,
    connectString: config.connectString,
    poolMin: size,
    poolMax: size,
    poolIncrement: 0,
    queueTimeout: config.queueTimeoutMs ?? 60_000,
    enableStatistics: true,
  });
  return new OracleTransport(oracledb, pool, config, mode);
}

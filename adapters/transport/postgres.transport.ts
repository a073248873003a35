// LegacyDatabase over node-postgres: how the hub reaches the simulator's 97 and billing
// databases (PGlite behind a PostgreSQL socket, or a schema of a real server). The procedures
// follow the same calling convention as Oracle's; only the wire dance differs (CALL + FETCH), and
// interface tables stream as COPY text (copy-text-rows.ts).

import pg from 'pg';
import type { Readable } from 'node:stream';
import { to as copyTo } from 'pg-copy-streams';
import { CopyTextRows } from './copy-text-rows.ts';
import { classify, LegacyTimeoutError, type LegacyError } from './errors.ts';
import {
  assertProcCall, dateToWallClock, DEFAULT_FETCH_SIZE, DEFAULT_TIMEOUT_MS, positiveInt, rewriteBinds,
  wallClockToDate, type CallOptions, type HealthCheck, type LegacyDatabase, type ProcParam, type ScalarCallOptions,
} from './legacy-database.ts';

export interface PostgresTransportConfig {
  system: string;
  /** postgres:// URL of the simulator endpoint (or server, with the schema in its search_path). */
  connectionString: string;
  /** Pool size: the number of sessions this hub may hold on the legacy side. */
  poolSize?: number;
  /** How long a caller waits for a free connection (node-postgres' NJS-040). */
  connectTimeoutMs?: number;
  fetchSize?: number;
  /** Default per-round-trip bound (server statement_timeout, backed by a client timer). */
  timeoutMs?: number;
  /** Extra time the server gets to cancel by itself before the client kills the connection. */
  graceMs?: number;
  /**
   * Server-side bound of one whole queryStream: one COPY statement, whose time includes the
   * consumer's between chunks (statement_timeout); each wait for the next chunk has the client timer.
   */
  streamTimeoutMs?: number;
  applicationName?: string;
}

// Values arrive as the text PostgreSQL sends: numeric keeps every digit, timestamp(0) is already
// the legacy wall clock `YYYY-MM-DD HH:MM:SS`; the contracts normalise later.
const TEXT_OIDS = new Set([20 /* int8 */, 1700 /* numeric */, 1082 /* date */, 1083 /* time */, 1114 /* timestamp */, 1184 /* timestamptz */]);
export const legacyTextTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    TEXT_OIDS.has(oid) && format !== 'binary' ? (v: string) => v : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

// Text types whose text is the value: no parser call per field.
const PLAIN_TEXT_OIDS = new Set([...TEXT_OIDS, 18 /* char */, 19 /* name */, 25 /* text */, 1042 /* bpchar */, 1043 /* varchar */]);

/** The parser a SELECT through this transport applies to a column of this type; undefined when none. */
function copyParser(oid: number): ((text: string) => unknown) | undefined {
  if (PLAIN_TEXT_OIDS.has(oid)) return undefined;
  return legacyTextTypes.getTypeParser(oid, 'text') as (text: string) => unknown;
}

// What the server may run ahead of the hub while it works on a batch (the socket buffers more).
const COPY_READ_AHEAD_BYTES = 1024 * 1024;
// What is turned into rows at a time.
const PARSE_PIECE_BYTES = 64 * 1024;

/** A bind as a literal of the text node-postgres would send for it (COPY cannot take parameters). */
function bindLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`bind ${value} is not a finite number`);
    return pg.escapeLiteral(String(value));
  }
  if (typeof value === 'bigint') return pg.escapeLiteral(value.toString());
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw new TypeError(`a ${Object.prototype.toString.call(value)} bind cannot stream: pass text or a number`);
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

function pgValue(p: ProcParam): unknown {
  if (p.value === null || p.value === undefined) return null;
  if (p.type === 'date') return dateToWallClock(wallClockToDate(p.value) as Date);
  return p.value;
}

/** One pooled client for one call: every round trip is timed, and the client is released once. */
class Lease {
  private released = false;
  /** Set when the connection was killed (timer or abort): it must leave the pool. */
  killed: 'timeout' | 'aborted' | 'abandoned' | undefined;
  private readonly onAbort = () => this.kill('aborted');

  constructor(
    readonly client: pg.PoolClient,
    private readonly ctx: { system: string; pointId?: string },
    private readonly hardMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** The call stops reading mid-answer: the session cannot be reused, so it is destroyed. */
  abandon(): void {
    this.kill('abandoned');
  }

  private kill(why: 'timeout' | 'aborted' | 'abandoned'): void {
    if (this.killed) return;
    this.killed = why;
    // end() on a client with a running query destroys the socket: the query fails at once and
    // the slot is not held by a server (or proxy) that never answers.
    this.client.end().catch(() => undefined);
  }

  async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return this.timed(() => this.client.query<R>(text, values));
  }

  async timed<T>(fn: () => Promise<T>): Promise<T> {
    if (this.killed) throw this.error(new Error(`connection already ${this.killed}`));
    const timer = setTimeout(() => this.kill('timeout'), this.hardMs);
    try {
      return await fn();
    } catch (err) {
      throw this.error(err);
    } finally {
      clearTimeout(timer);
    }
  }

  error(err: unknown): LegacyError {
    if (this.killed === 'timeout') {
      return new LegacyTimeoutError(`no answer within ${this.hardMs} ms; connection destroyed`, { ...this.ctx, code: 'CLIENT-TIMEOUT', cause: err });
    }
    if (this.killed === 'aborted') {
      return new LegacyTimeoutError(`call aborted; connection destroyed`, { ...this.ctx, code: 'ABORTED', cause: err });
    }
    return classify(err, this.ctx);
  }

  /** Returns the client to the pool, or destroys it when its session state is unknown. */
  release(broken: unknown): void {
    if (this.released) return;
    this.released = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    const destroy = this.killed !== undefined || (broken !== undefined && broken !== false);
    // release(err) makes node-postgres destroy the client instead of pooling it.
    this.client.release(destroy ? (broken instanceof Error ? broken : new Error(`connection ${this.killed ?? 'broken'}`)) : undefined);
  }
}

export class PostgresTransport implements LegacyDatabase {
  readonly system: string;
  readonly pool: pg.Pool;
  private readonly fetchSize: number;
  private readonly timeoutMs: number;
  private readonly graceMs: number;
  private readonly streamTimeoutMs: number;
  private readonly appName: string;

  constructor(config: PostgresTransportConfig) {
    this.system = config.system;
    this.fetchSize = positiveInt(config.fetchSize, DEFAULT_FETCH_SIZE, 'fetchSize');
    this.timeoutMs = positiveInt(config.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.graceMs = config.graceMs ?? 1_000;
    this.streamTimeoutMs = positiveInt(config.streamTimeoutMs, 30 * 60_000, 'streamTimeoutMs');
    this.appName = config.applicationName ?? 'bss-hub';
    this.pool = new pg.Pool({
      connectionString: config.connectionString,
      max: positiveInt(config.poolSize, 4, 'poolSize'),
      connectionTimeoutMillis: config.connectTimeoutMs ?? 60_000,
      application_name: this.appName,
      types: legacyTextTypes,
    });
    // An idle client whose server went away emits 'error' on the pool; unhandled, that would
    // crash the process. The pool drops the client itself; the next call reconnects.
    this.pool.on('error', () => undefined);
  }

  callCursor(proc: string, params: ProcParam[], opts: CallOptions = {}): AsyncIterable<Record<string, unknown>[]> {
    assertProcCall(proc, params);
    const call = `CALL ${proc}(${[...params.map((_, i) => `$${i + 1}`), 'NULL'].join(', ')})`;
    return this.cursorCall(call, params.map(pgValue), opts, proc);
  }

  private async *cursorCall(call: string, values: unknown[], opts: CallOptions, proc: string): AsyncGenerator<Record<string, unknown>[]> {
    const fetchSize = positiveInt(opts.fetchSize, this.fetchSize, 'fetchSize');
    const lease = await this.acquire(opts);
    let failure: LegacyError | undefined;
    let done = false;
    try {
      await this.begin(lease, opts, proc, this.timeout(opts));
      const answer = await lease.query<{ p_cur: string | null }>(call, values);
      const portal = answer.rows[0]?.p_cur;
      if (portal) {
        const fetch = `FETCH FORWARD ${fetchSize} FROM ${quoteIdent(portal)}`;
        for (;;) {
          const { rows } = await lease.query(fetch);
          if (rows.length === 0) break;
          yield rows; // a consumer `break` resumes here with return(): `finally` closes
        }
        await lease.query(`CLOSE ${quoteIdent(portal)}`);
      }
      await lease.query('COMMIT');
      done = true;
    } catch (err) {
      failure = lease.error(err);
      throw failure;
    } finally {
      await this.finish(lease, failure, done);
    }
  }

  async callScalar(proc: string, params: ProcParam[], opts: ScalarCallOptions = {}): Promise<unknown> {
    assertProcCall(proc, params);
    const call = `CALL ${proc}(${[...params.map((_, i) => `$${i + 1}`), 'NULL'].join(', ')})`;
    const lease = await this.acquire(opts);
    let failure: LegacyError | undefined;
    let done = false;
    try {
      await this.begin(lease, opts, proc, this.timeout(opts));
      const answer = await lease.query<{ p_result: unknown }>(call, params.map(pgValue));
      await lease.query('COMMIT');
      done = true;
      const value = answer.rows[0]?.p_result ?? null;
      // numeric arrives as text (legacyTextTypes); p_result NUMBER(1|8) is a JS number by convention.
      return (opts.resultType ?? 'number') === 'number' && value !== null ? Number(value) : value;
    } catch (err) {
      failure = lease.error(err);
      throw failure;
    } finally {
      await this.finish(lease, failure, done);
    }
  }

  queryStream(sql: string, binds: unknown[], opts: CallOptions = {}): AsyncIterable<Record<string, unknown>[]> {
    return this.stream(sql, binds, opts);
  }

  /**
   * A large read as `COPY (query) TO STDOUT`: the server streams the rows as text lines, which
   * CopyTextRows turns into the objects a SELECT would give, for half the client CPU of DataRows
   * through a cursor. A `LIMIT 0` run of the same query (with real binds) first names the columns
   * and their types, which COPY's text does not say. The client timer bounds each wait for the
   * next chunk; a consumer that stops early leaves a COPY the server cannot be told to stop, so
   * that connection is destroyed instead of returned to the pool.
   */
  private async *stream(sql: string, binds: unknown[], opts: CallOptions): AsyncGenerator<Record<string, unknown>[]> {
    const described = rewriteBinds(sql, binds.length, (n) => `$${n}`);
    // COPY takes no parameters: the binds go in as the literals of the text the driver would send.
    const copied = rewriteBinds(sql, binds.length, (n) => bindLiteral(binds[n - 1]));
    const fetchSize = positiveInt(opts.fetchSize, this.fetchSize, 'fetchSize');
    const lease = await this.acquire(opts);
    let failure: LegacyError | undefined;
    let done = false;
    let copy: Readable | undefined;
    let drained = false;
    try {
      await this.begin(lease, opts, 'queryStream', this.streamTimeoutMs, 'BEGIN READ ONLY');
      const { fields } = await lease.query(`SELECT * FROM (${described}\n) AS hub_stream LIMIT 0`, binds);
      const rows = new CopyTextRows(fields.map((f) => ({ name: f.name, parse: copyParser(f.dataTypeID) })));
      const c: Readable = lease.client.query(copyTo(`COPY (${copied}\n) TO STDOUT`, { highWaterMark: COPY_READ_AHEAD_BYTES }));
      copy = c;
      const chunks = c[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      let pending: Record<string, unknown>[] = [];
      for (;;) {
        const next = await lease.timed(() => chunks.next());
        if (next.done === true) break;
        // A chunk is whatever the read-ahead holds (up to COPY_READ_AHEAD_BYTES when the hub was
        // the slower side): parsed whole, its tens of thousands of rows would all live until the
        // last batch of it is consumed, and survive into the old generation.
        for (let at = 0; at < next.value.length; at += PARSE_PIECE_BYTES) {
          rows.push(next.value.subarray(at, at + PARSE_PIECE_BYTES), pending);
          if (pending.length < fetchSize) continue;
          let from = 0;
          while (pending.length - from >= fetchSize) {
            const batch = pending.slice(from, from + fetchSize);
            from += fetchSize;
            yield batch; // a consumer `break` resumes here with return(): `finally` cleans up
          }
          pending = pending.slice(from);
        }
      }
      drained = true;
      rows.end();
      if (pending.length > 0) yield pending;
    } catch (err) {
      failure = lease.error(err);
      throw failure;
    } finally {
      if (copy && !drained && !failure) lease.abandon();
      copy?.destroy();
      if (!failure && !lease.killed) {
        await lease.query('COMMIT').then(() => { done = true; }, (e: unknown) => { failure = lease.error(e); });
      }
      await this.finish(lease, failure, done);
    }
    // Reached only on normal completion: a failed commit is then the call's error.
    if (failure) throw failure;
  }

  async check(): Promise<HealthCheck> {
    try {
      const lease = await this.acquire({});
      try {
        const { rows } = await lease.query<{ version: string }>('SELECT version() AS version');
        return { ok: true, version: rows[0]?.version, detail: `pool ${this.pool.totalCount}/${this.pool.idleCount} idle` };
      } finally {
        lease.release(lease.killed);
      }
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private timeout(opts: CallOptions): number {
    return positiveInt(opts.timeoutMs, this.timeoutMs, 'timeoutMs');
  }

  private async acquire(opts: CallOptions): Promise<Lease> {
    const ctx = { system: this.system, pointId: opts.pointId };
    if (opts.signal?.aborted) throw new LegacyTimeoutError('call aborted before it started', { ...ctx, code: 'ABORTED' });
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw classify(err, ctx);
    }
    return new Lease(client, ctx, this.timeout(opts) + this.graceMs, opts.signal);
  }

  /** BEGIN, then the server-side timeout and the caller's name (DBAs see application_name). */
  private async begin(lease: Lease, opts: CallOptions, action: string, statementMs: number, begin = 'BEGIN'): Promise<void> {
    await lease.query(begin);
    await lease.query("SELECT set_config('statement_timeout', $1, true), set_config('application_name', $2, true)", [
      String(statementMs),
      `${this.appName}:${opts.action ?? action}`.slice(0, 63),
    ]);
  }

  /**
   * Ends the transaction on every path that did not COMMIT: ROLLBACK after an error; after a
   * consumer break (nothing failed) CLOSE ALL; COMMIT. A connection whose state is unknown
   * (killed, or the cleanup itself failed) is destroyed instead of going back to the pool.
   */
  private async finish(lease: Lease, failure: LegacyError | undefined, done: boolean): Promise<void> {
    let broken: unknown = lease.killed ? failure : undefined;
    if (!done && !lease.killed) {
      try {
        // Consumer break: nothing failed, so end the read cleanly; CLOSE ALL drops the portal.
        await lease.query(failure ? 'ROLLBACK' : 'CLOSE ALL');
        if (!failure) await lease.query('COMMIT');
      } catch (err) {
        broken = err;
      }
    }
    lease.release(broken);
  }
}

// A fake oracledb module that behaves like the driver where the transport depends on it, and is
// strict where a real database would be strict: PL/SQL text and bind names must agree, bind
// types must match values, a closed result set or connection refuses work (NJS-018 / NJS-003),
// the pool has a fixed number of connections and answers NJS-040 when none frees in time,
// callTimeout and break() end a running call. Tests use it by default (n8n's Oracle node style).

import type {
  OracleColumnMeta, OracleConnection, OracleDbModule, OracleExecuteResult, OracleFetchTypeHandler,
  OraclePool, OracleResultSet,
} from './oracle.transport.ts';

class DbType {
  constructor(readonly name: string) {}
}
export const FAKE = {
  BIND_IN: 3001,
  BIND_OUT: 3003,
  DB_TYPE_VARCHAR: new DbType('DB_TYPE_VARCHAR'),
  DB_TYPE_NUMBER: new DbType('DB_TYPE_NUMBER'),
  DB_TYPE_DATE: new DbType('DB_TYPE_DATE'),
  // As in oracledb: the bind type `oracledb.DATE` is DB_TYPE_TIMESTAMP, not DB_TYPE_DATE.
  DB_TYPE_TIMESTAMP: new DbType('DB_TYPE_TIMESTAMP'),
  DB_TYPE_CURSOR: new DbType('DB_TYPE_CURSOR'),
  OUT_FORMAT_OBJECT: 4002,
};

export interface FakeColumn {
  name: string;
  dbType: 'number' | 'varchar' | 'date';
  precision?: number;
  scale?: number;
}
/** Raw column values as the server holds them: bigint for wide NUMBERs, Date for DATE. */
export type FakeRow = unknown[];
export interface FakeCursorAnswer {
  columns: FakeColumn[];
  rows: FakeRow[];
  /** 1-based row number whose fetch fails (as a row-level ORA error does on a real server). */
  failAtRow?: { row: number; error: string };
}
export type FakeBinds = Record<string, unknown>;
/** A procedure: receives IN values by bind name, answers a cursor, a scalar, or throws. */
export type FakeProcedure = (ins: FakeBinds, signal: AbortSignal) => Promise<FakeCursorAnswer | { result: unknown }> | FakeCursorAnswer | { result: unknown };
export type FakeQuery = (binds: unknown[]) => FakeCursorAnswer;

export function oraError(message: string): Error {
  const err = new Error(message) as Error & { code?: string; errorNum?: number };
  const m = /^(ORA|NJS|DPI)-(\d+)/.exec(message);
  if (m) {
    err.code = `${m[1]}-${m[2]}`;
    err.errorNum = Number(m[2]);
  }
  return err;
}

const typeOf = (c: FakeColumn) =>
  c.dbType === 'number' ? FAKE.DB_TYPE_NUMBER : c.dbType === 'date' ? FAKE.DB_TYPE_DATE : FAKE.DB_TYPE_VARCHAR;

class FakeResultSet implements OracleResultSet {
  private next = 0;
  private closed = false;
  private readonly convert: ((v: unknown) => unknown)[];
  constructor(private readonly answer: FakeCursorAnswer, handler: OracleFetchTypeHandler | undefined, private readonly conn: FakeConnection) {
    this.convert = answer.columns.map((c) => {
      const meta: OracleColumnMeta = { name: c.name, dbType: typeOf(c), precision: c.precision ?? 0, scale: c.scale ?? 0 };
      const wanted = handler?.(meta);
      const asString = wanted?.type === FAKE.DB_TYPE_VARCHAR;
      // The driver's default: every NUMBER becomes a JS number (digits beyond 2^53 are lost).
      const base = (v: unknown) => (v === null ? null : asString ? String(v) : typeof v === 'bigint' ? Number(v) : v);
      const user = wanted?.converter;
      return user ? (v: unknown) => user(base(v)) : base;
    });
  }
  async getRows(n: number): Promise<Record<string, unknown>[]> {
    if (this.closed) throw oraError('NJS-018: invalid ResultSet');
    if (this.conn.closed) throw oraError('NJS-003: invalid or closed connection');
    const batch: Record<string, unknown>[] = [];
    while (batch.length < n && this.next < this.answer.rows.length) {
      if (this.answer.failAtRow && this.next + 1 === this.answer.failAtRow.row) {
        throw oraError(this.answer.failAtRow.error);
      }
      const raw = this.answer.rows[this.next++] as FakeRow;
      batch.push(Object.fromEntries(this.answer.columns.map((c, i) => [c.name, (this.convert[i] as (v: unknown) => unknown)(raw[i] ?? null)])));
    }
    await Promise.resolve();
    return batch;
  }
  async close(): Promise<void> {
    if (this.closed) throw oraError('NJS-018: invalid ResultSet');
    this.closed = true;
    this.conn.db.openResultSets -= 1;
  }
}

export class FakeConnection implements OracleConnection {
  callTimeout = 0;
  module = '';
  action = '';
  clientId = '';
  readonly oracleServerVersionString = '11.2.0.4.0';
  closed = false;
  private breaker = new AbortController();
  constructor(readonly db: FakeOracleDb, private readonly onClose: (c: FakeConnection) => void) {}

  async execute(sql: string, binds: unknown, options: Record<string, unknown>): Promise<OracleExecuteResult> {
    if (this.closed) throw oraError('NJS-003: invalid or closed connection');
    this.breaker = new AbortController();
    const work = this.run(sql, binds, options, this.breaker.signal);
    const stops: Promise<never>[] = [
      new Promise((_, reject) => this.breaker.signal.addEventListener('abort', () => reject(oraError('ORA-01013: user requested cancel of current operation')), { once: true })),
    ];
    let timer: NodeJS.Timeout | undefined;
    if (this.callTimeout > 0) {
      const ms = this.callTimeout;
      stops.push(new Promise((_, reject) => { timer = setTimeout(() => { reject(oraError(`NJS-123: call timeout of ${ms} ms exceeded`)); this.breaker.abort(); }, ms); }));
    }
    try {
      return await Promise.race([work, ...stops]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(sql: string, binds: unknown, options: Record<string, unknown>, signal: AbortSignal): Promise<OracleExecuteResult> {
    const handler = options.fetchTypeHandler as OracleFetchTypeHandler | undefined;
    if (Array.isArray(binds)) {
      const query = this.db.queries.get(sql);
      if (!query) throw oraError(`ORA-00942: table or view does not exist (fake has no query ${JSON.stringify(sql)})`);
      if (options.resultSet !== true) throw new Error('fake: large reads must use resultSet: true');
      const rs = new FakeResultSet(query(binds), handler, this);
      this.db.openResultSets += 1;
      return { resultSet: rs };
    }
    const m = /^BEGIN ([A-Z0-9_$#.]+)\(([^)]*)\); END;$/i.exec(sql);
    if (!m) throw oraError('ORA-06550: line 1, column 1: PLS-00103: Encountered the symbol');
    const name = (m[1] as string).toUpperCase();
    const placeholders = (m[2] as string).split(',').map((s) => s.trim()).filter(Boolean);
    const given = binds as Record<string, { dir: number; type: unknown; val?: unknown; maxSize?: number }>;
    if (placeholders.length !== Object.keys(given).length || placeholders.some((p) => !p.startsWith(':') || !(p.slice(1) in given))) {
      throw oraError('ORA-01036: illegal variable name/number');
    }
    const ins: FakeBinds = {};
    let outName: string | undefined;
    for (const [key, b] of Object.entries(given)) {
      if (b.dir === FAKE.BIND_IN) {
        const v = b.val;
        const ok = v === null || v === undefined
          || (b.type === FAKE.DB_TYPE_VARCHAR && typeof v === 'string')
          || (b.type === FAKE.DB_TYPE_NUMBER && typeof v === 'number')
          || (b.type === FAKE.DB_TYPE_TIMESTAMP && v instanceof Date);
        if (!ok) throw oraError(`NJS-011: encountered bind value and type mismatch (${key})`);
        ins[key] = v ?? null;
      } else if (b.dir === FAKE.BIND_OUT) {
        if (outName) throw new Error('fake: the calling convention has exactly one OUT parameter');
        outName = key;
      } else {
        throw oraError(`NJS-013: invalid bind direction (${key})`);
      }
    }
    const proc = this.db.procedures.get(name);
    if (!proc) throw oraError(`ORA-06550: line 1, column 7:\nPLS-00201: identifier '${name}' must be declared`);
    const answer = await proc(ins, signal);
    const out = given[outName as string] as { type: unknown };
    if ('columns' in answer) {
      if (out.type !== FAKE.DB_TYPE_CURSOR) throw oraError('ORA-06550: PLS-00306: wrong number or types of arguments');
      this.db.openResultSets += 1;
      return { outBinds: { [outName as string]: new FakeResultSet(answer, handler, this) } };
    }
    if (out.type === FAKE.DB_TYPE_CURSOR) throw oraError('ORA-06550: PLS-00306: wrong number or types of arguments');
    return { outBinds: { [outName as string]: answer.result } };
  }

  async ping(): Promise<void> {
    if (this.closed) throw oraError('NJS-003: invalid or closed connection');
  }
  async break(): Promise<void> {
    this.breaker.abort();
  }
  async close(_options?: { drop?: boolean }): Promise<void> {
    if (this.closed) throw oraError('NJS-003: invalid or closed connection');
    this.closed = true;
    this.onClose(this);
  }
}

class FakePool implements OraclePool {
  inUse = 0;
  private waiters: ((c: FakeConnection) => void)[] = [];
  constructor(private readonly db: FakeOracleDb, readonly attributes: Record<string, unknown>) {}
  async getConnection(): Promise<FakeConnection> {
    if (this.db.unreachable) throw oraError(this.db.unreachable);
    const max = Number(this.attributes.poolMax);
    if (this.inUse < max) return this.lend();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== take);
        reject(oraError(`NJS-040: connection request timeout. Request exceeded "queueTimeout" of ${String(this.attributes.queueTimeout)}`));
      }, Number(this.attributes.queueTimeout));
      const take = (c: FakeConnection) => { clearTimeout(timer); resolve(c); };
      this.waiters.push(take);
    });
  }
  private lend(): FakeConnection {
    this.inUse += 1;
    return new FakeConnection(this.db, () => {
      this.inUse -= 1;
      const next = this.waiters.shift();
      if (next) next(this.lend());
    });
  }
  getStatistics() {
    return { connectionsInUse: this.inUse };
  }
  async close(): Promise<void> {
    this.db.poolsClosed += 1;
  }
}

/** The fake module plus the fake database's contents (procedures and table queries by text). */
export class FakeOracleDb implements OracleDbModule {
  readonly BIND_IN = FAKE.BIND_IN;
  readonly BIND_OUT = FAKE.BIND_OUT;
  readonly STRING = FAKE.DB_TYPE_VARCHAR;
  readonly NUMBER = FAKE.DB_TYPE_NUMBER;
  readonly DATE = FAKE.DB_TYPE_TIMESTAMP;
  readonly CURSOR = FAKE.DB_TYPE_CURSOR;
  readonly DB_TYPE_NUMBER = FAKE.DB_TYPE_NUMBER;
  readonly DB_TYPE_DATE = FAKE.DB_TYPE_DATE;
  readonly OUT_FORMAT_OBJECT = FAKE.OUT_FORMAT_OBJECT;
  readonly procedures = new Map<string, FakeProcedure>();
  readonly queries = new Map<string, FakeQuery>();
  readonly pools: FakePool[] = [];
  readonly initCalls: { libDir?: string }[] = [];
  poolsClosed = 0;
  /** Set to an error text (e.g. ORA-12541) to make every connection request fail. */
  unreachable: string | undefined;
  /** Result sets opened and not closed, over all connections: must be 0 after every call. */
  openResultSets = 0;

  initOracleClient(options: { libDir?: string }): void {
    if (this.pools.length > 0) throw oraError('NJS-077: Oracle Client library has already been initialized');
    this.initCalls.push(options);
  }
  async createPool(attributes: Record<string, unknown>): Promise<OraclePool> {
    const pool = new FakePool(this, attributes);
    this.pools.push(pool);
    return pool;
  }
}

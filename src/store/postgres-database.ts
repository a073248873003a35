// A PostgreSQL server through a node-postgres pool: COPY streams with backpressure
// (pg-copy-streams), big reads with pg-cursor on a connection of their own.

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { from as copyFromStdin } from 'pg-copy-streams';
import { copyInput } from './copy-input.ts';
import {
  TX,
  assertNotInTransactionOf,
  beginStatement,
  PLAN_PER_CALL,
  checkBatchSize,
  copyBinaryTypes,
  copyStatement,
  declareFetch,
  runInTransactionScope,
  type CopyBatch,
  type Database,
  type QueryResult,
  type TransactionOptions,
  type Tx,
} from './database.ts';

// The same JS values as PGlite: a `date` stays text (pg would make it local midnight), int8 a number.
const typeOverrides: Record<number, (value: string) => unknown> = {
  20: (value) => Number(value),
  1082: (value) => value,
};
const types = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    return typeOverrides[oid] ?? (pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown);
  },
};

// Small COPY chunks toward a server: a write the socket takes at once lets the server parse one chunk
// while the next is formatted. With 4 MiB chunks (PGlite's size) every write waited for 'drain',
// i.e. for the server to have read nearly all of it, and server and hub took turns instead.
const SERVER_COPY_CHUNK = 64 * 1024;

async function copyOn(client: pg.PoolClient, table: string, columns: readonly string[], rows: AsyncIterable<CopyBatch> | Iterable<CopyBatch>): Promise<number> {
  const counter = { rows: 0 };
  const binary = await copyBinaryTypes((sql, params) => client.query(sql, params), table, columns);
  const { format, chunks } = copyInput(rows, columns, binary, counter, SERVER_COPY_CHUNK, false);
  const stream = client.query(copyFromStdin(copyStatement(table, columns, 'STDIN', format)));
  // pipeline waits on 'drain' and, when the source throws, destroys the COPY stream, which sends
  // CopyFail: the server rolls the statement back and the connection stays usable.
  await pipeline(Readable.from(chunks, { objectMode: false }), stream);
  return counter.rows;
}

/**
 * Parameterised statements run as named prepared statements: the server plans each text once per
 * connection instead of on every call (the customer 360 spent more time planning than executing).
 * Statements without parameters (DDL, session settings) stay unnamed, and so do those marked
 * PLAN_PER_CALL, whose plan must follow their parameter values.
 */
export function statement(sql: string, params: readonly unknown[]): pg.QueryConfig {
  if (params.length === 0) return { text: sql };
  if (sql.includes(PLAN_PER_CALL)) return { text: sql, values: [...params] };
  return { name: `hub_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`, text: sql, values: [...params] };
}

function toResult<R>(res: pg.QueryResult): QueryResult<R> {
  return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
}

class PostgresTx implements Tx {
  readonly [TX] = true as const;
  readonly engine = 'postgres' as const;
  done = false;
  constructor(private readonly client: pg.PoolClient) {}

  private check(): void {
    if (this.done) throw new Error('Transaction is closed');
  }
  async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    this.check();
    return toResult<R>(await this.client.query(sql, [...params]));
  }
  async exec(sql: string): Promise<void> {
    this.check();
    await this.client.query(sql);
  }
  cursor<R>(sql: string, params: readonly unknown[] = [], batchSize = 1000): AsyncIterable<R[]> {
    this.check();
    // A named SQL cursor, not pg-cursor: pg-cursor's portal would be clobbered by any other query
    // the caller runs on this transaction's connection between two batches.
    return declareFetch<R>(this, sql, params, checkBatchSize(batchSize));
  }
  copyFrom(table: string, columns: readonly string[], rows: AsyncIterable<CopyBatch> | Iterable<CopyBatch>): Promise<number> {
    this.check();
    return copyOn(this.client, table, columns, rows);
  }
}

class PostgresDatabase implements Database {
  readonly engine = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}

  async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    assertNotInTransactionOf(this, 'query');
    return toResult<R>(await this.pool.query(statement(sql, params)));
  }
  async exec(sql: string): Promise<void> {
    assertNotInTransactionOf(this, 'exec');
    await this.pool.query(sql);
  }
  cursor<R>(sql: string, params: readonly unknown[] = [], batchSize = 1000): AsyncIterable<R[]> {
    assertNotInTransactionOf(this, 'cursor');
    checkBatchSize(batchSize);
    const pool = this.pool;
    return (async function* () {
      const client = await pool.connect();
      const cursor = client.query(new Cursor<R>(sql, [...params], { types }));
      let failed: Error | undefined;
      try {
        for (;;) {
          const rows = await cursor.read(batchSize);
          if (rows.length === 0) return;
          yield rows;
        }
      } catch (err) {
        failed = err as Error;
        throw err;
      } finally {
        await cursor.close().catch(() => undefined);
        // A connection that failed mid-read is not trusted back into the pool.
        client.release(failed);
      }
    })();
  }
  async copyFrom(table: string, columns: readonly string[], rows: AsyncIterable<CopyBatch> | Iterable<CopyBatch>): Promise<number> {
    assertNotInTransactionOf(this, 'copyFrom');
    const client = await this.pool.connect();
    try {
      const n = await copyOn(client, table, columns, rows);
      client.release();
      return n;
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
  }
  async transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
    assertNotInTransactionOf(this, 'transaction');
    const client = await this.pool.connect();
    const tx = new PostgresTx(client);
    try {
      await client.query('BEGIN');
      const set = beginStatement(options);
      if (set) await client.query(set);
      const result = await runInTransactionScope(this, () => fn(tx));
      await client.query('COMMIT');
      tx.done = true;
      client.release();
      return result;
    } catch (err) {
      tx.done = true;
      let broken: Error | undefined;
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      client.release(broken);
      throw err;
    }
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}

// A session idle this long is closed. With pg's default (10 s) a pool reopened sessions in the middle
// of a burst after any quiet spell (two of ten during 20 s of the 360 at 500 req/s), and a new session
// costs that burst a fork and a SCRAM exchange on the server, cold catalog caches, and the first runs
// of each prepared statement planned afresh.
const IDLE_SESSION_MS = 5 * 60_000;

export async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types, options: '-c TimeZone=UTC', idleTimeoutMillis: IDLE_SESSION_MS });
  // An idle connection dropped by the server must not crash the process; the next checkout reconnects.
  pool.on('error', () => undefined);
  const probe = await pool.connect();
  probe.release();
  return new PostgresDatabase(pool);
}

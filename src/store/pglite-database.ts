// Embedded PGlite (PostgreSQL in WASM, one connection). pg_trgm is loaded so that name search uses
// the same trigram index as on a server.

import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { copyInput } from './copy-input.ts';
import {
  TX,
  assertNotInTransactionOf,
  beginStatement,
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

// PGlite's COPY chunk: large, as each is a COPY statement of its own.
const PGLITE_COPY_CHUNK = 4 * 1024 * 1024;

// Same JS values as the server engine: dates stay text (a `date` is no instant), int8 a number.
const parsers = {
  [types.DATE]: (value: string) => value,
  [types.INT8]: (value: string) => Number(value),
};

interface PgliteRunner {
  query<R>(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: R[]; affectedRows?: number; rowCount?: number }>;
  exec(sql: string): Promise<unknown>;
}

function toResult<R>(res: { rows: R[]; affectedRows?: number; rowCount?: number }): QueryResult<R> {
  return { rows: res.rows, rowCount: res.rowCount ?? res.affectedRows ?? res.rows.length };
}

async function copyInto(runner: PgliteRunner, table: string, columns: readonly string[], rows: AsyncIterable<CopyBatch> | Iterable<CopyBatch>): Promise<number> {
  const counter = { rows: 0 };
  const binary = await copyBinaryTypes((sql, params) => runner.query(sql, params), table, columns);
  // One COPY statement per chunk (PGlite reads a blob whole): each binary chunk is a complete input.
  const { format, chunks } = copyInput(rows, columns, binary, counter, PGLITE_COPY_CHUNK, true);
  const sql = copyStatement(table, columns, "'/dev/blob'", format);
  for await (const chunk of chunks) {
    await runner.query(sql, [], { blob: new Blob([chunk]) });
  }
  return counter.rows;
}

class PgliteTx implements Tx {
  readonly [TX] = true as const;
  readonly engine = 'pglite' as const;
  constructor(private readonly tx: Transaction) {}

  async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    return toResult(await this.tx.query<R>(sql, [...params]));
  }
  async exec(sql: string): Promise<void> {
    await this.tx.exec(sql);
  }
  cursor<R>(sql: string, params: readonly unknown[] = [], batchSize = 1000): AsyncIterable<R[]> {
    return declareFetch<R>(this, sql, params, checkBatchSize(batchSize));
  }
  copyFrom(table: string, columns: readonly string[], rows: AsyncIterable<CopyBatch> | Iterable<CopyBatch>): Promise<number> {
    return copyInto(this.tx as PgliteRunner, table, columns, rows);
  }
}

class PgliteDatabase implements Database {
  readonly engine = 'pglite' as const;
  constructor(private readonly pg: PGlite) {}

  async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    assertNotInTransactionOf(this, 'query');
    return toResult(await this.pg.query<R>(sql, [...params]));
  }
  async exec(sql: string): Promise<void> {
    assertNotInTransactionOf(this, 'exec');
    await this.pg.exec(sql);
  }
  cursor<R>(sql: string, params: readonly unknown[] = [], batchSize = 1000): AsyncIterable<R[]> {
    assertNotInTransactionOf(this, 'cursor');
    return declareFetch<R>(this, sql, params, checkBatchSize(batchSize), true);
  }
  copyFrom(table: string, columns: readonly string[], rows: AsyncIterable<CopyBatch> | Iterable<CopyBatch>): Promise<number> {
    assertNotInTransactionOf(this, 'copyFrom');
    return copyInto(this.pg as unknown as PgliteRunner, table, columns, rows);
  }
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
    assertNotInTransactionOf(this, 'transaction');
    return this.pg.transaction(async (raw) => {
      const set = beginStatement(options);
      if (set) await raw.query(set);
      const tx = new PgliteTx(raw);
      return runInTransactionScope(this, () => fn(tx));
    });
  }
  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}

export async function openPglite(dataDir?: string): Promise<Database> {
  const pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm }, parsers });
  // The hub stores instants; readers format them. UTC keeps text casts predictable.
  await pg.exec(`SET TIME ZONE 'UTC'`);
  return new PgliteDatabase(pg);
}

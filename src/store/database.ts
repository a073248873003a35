// One shape over the two engines the hub runs on: embedded PGlite (the default, under HUB_DATA_DIR)
// and a PostgreSQL server (DATABASE_URL). Repositories, migrations and the cycle loader speak only
// this interface, so the same SQL and the same tests run on both.

import { AsyncLocalStorage } from 'node:async_hooks';
import { binaryTypesOf, type BinaryColumnType, type BinaryLane } from './copy-binary.ts';

export type Row = Record<string, unknown>;

export interface QueryResult<R = Row> {
  rows: R[];
  /** Rows returned by a SELECT, or rows changed by INSERT/UPDATE/DELETE. */
  rowCount: number;
}

/**
 * Put in a statement whose best plan depends on its parameter values (a name search: a 2-character
 * term cannot use the trigram index, a longer one should). The server engine runs parameterised
 * statements as named prepared statements, and after five runs PostgreSQL may keep a generic plan for
 * them; one with this marker is planned anew on every call instead. (A manager's name search had
 * gone from 0.2 ms to 17 ms per call on a generic plan that scanned the trigram index whole.)
 */
export const PLAN_PER_CALL = '/* plan per call */';

/**
 * A batch of rows for `copyFrom`: each row lists values in the order of `columns`; or rows of any
 * shape with the way to write them (CopyRows).
 */
export type CopyBatch = readonly (readonly unknown[])[] | CopyRows;

/**
 * Rows a COPY writes through a function of theirs: `values` for either format, and for the binary
 * format optionally a lane that writes a row straight into the COPY's bytes (copy-binary.ts). Rows
 * are written in their order whichever way each goes.
 */
export interface CopyRows<R = unknown> {
  readonly rows: readonly R[];
  /** The values of rows[index] in the order of `columns`; undefined leaves the row out of the COPY. */
  values(row: R, index: number): readonly unknown[] | undefined;
  readonly lane?: BinaryLane<R>;
}

export interface Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** One statement, `$1…` parameters. */
  query<R = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Several statements, no parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
  /**
   * Reads a large result in batches with flat memory. Breaking out of the loop closes the cursor.
   * On a Database (not a Tx) the PGlite cursor is `WITH HOLD`: the engine materialises the result
   * (spilling to its temp files) so the single connection stays free for other work between
   * batches; on a server it is pg-cursor on a connection of its own.
   */
  cursor<R = Row>(sql: string, params?: readonly unknown[], batchSize?: number): AsyncIterable<R[]>;
  /**
   * Bulk load with COPY (text format). Answers the number of rows written.
   * On a Tx it is all-or-nothing with the transaction. On a Database it is one COPY statement on a
   * server (all-or-nothing) but one COPY per batch on PGlite, so that readers are not locked out of
   * the single connection for the whole load: load into a staging table when you need atomicity.
   */
  copyFrom(table: string, columns: readonly string[], rows: AsyncIterable<CopyBatch> | Iterable<CopyBatch>): Promise<number>;
}

export const TX: unique symbol = Symbol('bss-hub.store.tx');

/** A transaction handle. Functions that must commit with other data (cursor advance) demand it. */
export interface Tx extends Queryable {
  readonly [TX]: true;
}

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  isolation?: IsolationLevel;
  readOnly?: boolean;
}

export interface Database extends Queryable {
  /** Commits when `fn` resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A server: `postgres://…`. Unset → embedded PGlite. */
  url?: string;
  /** PGlite data directory; unset → in memory. */
  dataDir?: string;
  /** Server pool size (default 10). */
  poolSize?: number;
}

export function isTx(q: Queryable): q is Tx {
  return (q as Partial<Tx>)[TX] === true;
}

/** Runs `fn` in the caller's transaction when handed one, else in a new one. */
export function withTransaction<T>(q: Queryable, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (isTx(q)) return fn(q);
  if (!('transaction' in q)) throw new Error('withTransaction needs a Database or a Tx');
  return (q as Database).transaction(fn);
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (options.url) {
    const { openPostgres } = await import('./postgres-database.ts');
    return openPostgres(options.url, options.poolSize ?? 10);
  }
  const { openPglite } = await import('./pglite-database.ts');
  return openPglite(options.dataDir);
}

/**
 * Tracks which database's transaction callback is running. PGlite has one connection: a `db.query`
 * inside `db.transaction` waits for the transaction that waits for it, forever. On a server the same
 * mistake silently runs outside the transaction. Both engines refuse it with the same error.
 */
const activeTransaction = new AsyncLocalStorage<object>();

export function runInTransactionScope<T>(owner: object, fn: () => Promise<T>): Promise<T> {
  return activeTransaction.run(owner, fn);
}

export function assertNotInTransactionOf(owner: object, what: string): void {
  if (activeTransaction.getStore() === owner) {
    throw new Error(`${what} on the Database inside its own transaction: use the tx handle`);
  }
}

/** `hub.charge` → `"hub"."charge"`: callers pass names, never SQL. */
export function quoteQualified(name: string): string {
  return name
    .split('.')
    .map((part) => quoteIdent(part))
    .join('.');
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function copyStatement(table: string, columns: readonly string[], source: 'STDIN' | "'/dev/blob'", format: 'text' | 'binary' = 'text'): string {
  const cols = columns.map(quoteIdent).join(', ');
  return `COPY ${quoteQualified(table)} (${cols}) FROM ${source} WITH (FORMAT ${format})`;
}

/**
 * The binary COPY form of the target's columns, or null when one of them has none (the COPY is then
 * text). Asked on the connection that runs the COPY, so a table made in its transaction is seen.
 */
export async function copyBinaryTypes(
  query: (sql: string, params: unknown[]) => Promise<{ rows: unknown[] }>,
  table: string,
  columns: readonly string[],
): Promise<BinaryColumnType[] | null> {
  const { rows } = await query(
    `SELECT attname AS name, atttypid::int AS oid FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped`,
    [quoteQualified(table)],
  );
  return binaryTypesOf(columns, new Map((rows as { name: string; oid: number }[]).map((r) => [r.name, Number(r.oid)])));
}

let cursorSeq = 0;
export function nextCursorName(): string {
  cursorSeq = (cursorSeq + 1) % 1_000_000_000;
  return `hub_cursor_${process.pid}_${cursorSeq}`;
}

/** DECLARE/FETCH inside a transaction; shared by both engines' Tx handles. */
export async function* declareFetch<R>(q: Pick<Queryable, 'query'>, sql: string, params: readonly unknown[], batchSize: number, hold = false): AsyncGenerator<R[]> {
  const name = nextCursorName();
  await q.query(`DECLARE ${name} NO SCROLL CURSOR ${hold ? 'WITH HOLD ' : ''}FOR ${sql}`, params);
  try {
    for (;;) {
      const { rows } = await q.query<R>(`FETCH FORWARD ${batchSize} FROM ${name}`);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < batchSize) return;
    }
  } finally {
    await q.query(`CLOSE ${name}`).catch(() => undefined);
  }
}

export function checkBatchSize(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`cursor batch size must be a positive integer, got ${n}`);
  return n;
}

export function beginStatement(options?: TransactionOptions): string | null {
  const parts: string[] = [];
  if (options?.isolation) parts.push(`ISOLATION LEVEL ${options.isolation.toUpperCase()}`);
  if (options?.readOnly) parts.push('READ ONLY');
  return parts.length ? `SET TRANSACTION ${parts.join(', ')}` : null;
}

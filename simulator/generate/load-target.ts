// Where the loader writes one legacy system: a PGlite instance (COPY FROM '/dev/blob', one Blob per
// batch) or a PostgreSQL server schema (COPY FROM STDIN through pg-copy-streams). The loader needs no
// more than these two operations, so tests can swap in anything that has them.

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyLine, quoteIdent } from './copy-format.ts';
import type { Row } from './tables.ts';

export interface LoadTarget {
  /** Runs SQL statements without parameters (DDL, ANALYZE). */
  exec(sql: string): Promise<void>;
  /** Appends rows to a table with COPY; answers the number of rows written. */
  copyRows(table: string, columns: readonly string[], rows: Iterable<Row>): Promise<number>;
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM ${source}`;
}

export function pgliteTarget(db: PGlite): LoadTarget {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    copyRows: async (table, columns, rows) => {
      const lines: string[] = [];
      for (const row of rows) lines.push(copyLine(row));
      if (lines.length === 0) return 0;
      await db.query(copyStatement(table, columns, `'/dev/blob'`), [], { blob: new Blob(lines) });
      return lines.length;
    },
  };
}

/** Row text in chunks of ~64 KiB, so the socket gets few large writes instead of many tiny ones. */
function* chunks(rows: Iterable<Row>, counter: { n: number }): Generator<string> {
  let buf = '';
  for (const row of rows) {
    buf += copyLine(row);
    counter.n++;
    if (buf.length >= 65_536) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

async function copyThrough(client: pg.ClientBase, table: string, columns: readonly string[], rows: Iterable<Row>): Promise<number> {
  const counter = { n: 0 };
  const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
  await pipeline(Readable.from(chunks(rows, counter)), stream);
  return counter.n;
}

/**
 * A pg client (or pool client) writing into `schema`. search_path is set before every operation, so
 * one client can serve the three systems' targets in turn.
 */
export function pgTarget(client: pg.ClientBase, schema?: string): LoadTarget {
  const scope = async (): Promise<void> => {
    if (schema !== undefined) await client.query(`SET search_path TO ${quoteIdent(schema)}`);
  };
  return {
    exec: async (sql) => {
      await scope();
      await client.query(sql);
    },
    copyRows: async (table, columns, rows) => {
      await scope();
      return copyThrough(client, table, columns, rows);
    },
  };
}

/** A pool whose connections already carry the system's search_path (the simulator's server mode). */
export function pgPoolTarget(pool: pg.Pool): LoadTarget {
  const withClient = async <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  };
  return {
    exec: (sql) => withClient(async (client) => {
      await client.query(sql);
    }),
    copyRows: (table, columns, rows) => withClient((client) => copyThrough(client, table, columns, rows)),
  };
}

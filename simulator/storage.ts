// Where each simulated legacy system keeps its tables: its own PGlite instance behind a pglite-socket
// server (the default), or a schema of a PostgreSQL server (databaseUrl). Either way the system gets
// an upstream address the fault proxy forwards to, and an in-process SqlRunner.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import type { SqlRunner } from './sql-runner.ts';
import { SessionLock } from './faults/session-lock.ts';

export type SystemName = 'sys97' | 'billing' | 'cs1000';
export const SYSTEMS: readonly SystemName[] = ['sys97', 'billing', 'cs1000'];

export interface SystemStore {
  system: SystemName;
  /** In-process access (generation, fault mirroring, mutate helpers, the SOAP server). */
  runner: SqlRunner;
  /** What the fault proxy forwards to. */
  upstream: { host: string; port: number };
  /** PGlite mode: the single session's lock, shared with the fault proxy. */
  lock?: SessionLock;
  /** PGlite mode: the instance itself (COPY FROM '/dev/blob' for the generator). */
  pglite?: PGlite;
  /** Server mode: a pool whose connections have search_path set to the system's schema. */
  pool?: pg.Pool;
  /** False when the storage already held the system's tables (a reused dataDir or schema). */
  fresh: boolean;
  close(): Promise<void>;
}

const SQL_DIR = new URL('./sql/', import.meta.url);

async function sqlFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(new URL(path, SQL_DIR), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Tables (fresh storage only), then the shared fault hooks, then the procedures (idempotent). */
export async function applySchema(runner: SqlRunner, system: SystemName, fresh: boolean): Promise<void> {
  const files = [fresh ? `${system}/001_tables.sql` : undefined, 'common/sim_runtime.sql', `${system}/002_procedures.sql`];
  for (const file of files) {
    if (file === undefined) continue;
    const sql = await sqlFile(file);
    if (sql === undefined && file.endsWith('001_tables.sql')) throw new Error(`simulator/sql/${file} is missing`);
    if (sql !== undefined) await runner.exec(sql);
  }
}

function pgliteRunner(db: PGlite, lock: SessionLock): SqlRunner {
  return {
    query: async <T>(sql: string, params?: unknown[]) =>
      lock.run(async () => ({ rows: (await db.query<T>(sql, params)).rows })),
    exec: async (sql: string) => {
      await lock.run(() => db.exec(sql));
    },
    close: async () => {},
  };
}

/** socket false: no pglite-socket (cs1000, which only the in-process SOAP server reads). */
export async function openPgliteStore(system: SystemName, dataDir: string | undefined, socket = true): Promise<SystemStore> {
  let path: string | undefined;
  if (dataDir !== undefined) {
    path = join(dataDir, system);
    mkdirSync(path, { recursive: true });
  }
  const db = path === undefined ? new PGlite() : new PGlite(path);
  await db.waitReady;
  const existing = await db.query<{ t: string | null }>(`SELECT to_regclass('sim_fault')::text AS t`);
  const fresh = existing.rows[0]?.t == null;
  // One PGlite session serves every connection; maxConnections bounds sockets, not sessions (the
  // default of 1 would refuse the hub's pool).
  const server = socket ? new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 256 }) : undefined;
  const lock = new SessionLock();
  const runner = pgliteRunner(db, lock);
  await applySchema(runner, system, fresh);
  await server?.start();
  const [host = '127.0.0.1', port = '0'] = server?.getServerConn().split(':') ?? [];
  return {
    system,
    runner,
    upstream: { host, port: Number(port) },
    lock,
    pglite: db,
    fresh,
    close: async () => {
      await server?.stop();
      await db.close();
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Server mode: schema `system` in the database of databaseUrl. reset drops it first (a fresh
 * province); otherwise an existing schema is reused and only the procedures are re-applied.
 */
export async function openServerStore(system: SystemName, databaseUrl: string, reset: boolean): Promise<SystemStore> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  let fresh: boolean;
  try {
    if (reset) await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(system)} CASCADE`);
    const found = await admin.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [system]);
    fresh = found.rowCount === 0;
    if (fresh) await admin.query(`CREATE SCHEMA ${quoteIdent(system)}`);
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, options: `-c search_path=${system}`, max: 4 });
  const runner: SqlRunner = {
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await pool.query(sql, params)).rows as T[] }),
    exec: async (sql: string) => {
      await pool.query(sql);
    },
    close: async () => {},
  };
  await applySchema(runner, system, fresh);
  const url = new URL(databaseUrl);
  return {
    system,
    runner,
    upstream: { host: url.hostname || '127.0.0.1', port: Number(url.port || 5432) },
    pool,
    fresh,
    close: () => pool.end(),
  };
}

/** The URL handed to the hub: the proxy's address, and in server mode the schema as search_path. */
export function clientUrl(proxy: { host: string; port: number }, databaseUrl: string | undefined, system: SystemName): string {
  if (databaseUrl === undefined) {
    // pglite-socket accepts any user and database name; these are PostgreSQL's defaults.
    return `postgres://postgres@${proxy.host}:${proxy.port}/postgres`;
  }
  const url = new URL(databaseUrl);
  url.hostname = proxy.host;
  url.port = String(proxy.port);
  // %20 rather than URLSearchParams' '+': libpq-style parsers do not all read '+' as a space.
  const params = new URLSearchParams(url.search);
  params.delete('options');
  const rest = params.toString();
  url.search = `${rest === '' ? '' : `${rest}&`}options=${encodeURIComponent(`-c search_path=${system}`)}`;
  return url.toString();
}

// Test helper: every store test runs on in-memory PGlite, and on a PostgreSQL server when
// TEST_DATABASE_URL is set. Each server test file gets a scratch database of its own (dropped at the
// end), so parallel test files and other people's runs never share the `hub` schema.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from './database.ts';
import { migrate } from './migrate.ts';

export interface TestEngine {
  name: 'pglite' | 'postgres';
  /** A fresh, empty database (not migrated). */
  open(): Promise<Database>;
  /** A second connection to the same database as the last `open()`; server only. */
  openSecond?(): Promise<Database>;
  /** Closes what `open` made and drops scratch databases. */
  dispose(): Promise<void>;
}

function pgliteEngine(): TestEngine {
  const opened: Database[] = [];
  return {
    name: 'pglite',
    async open() {
      const db = await openDatabase({});
      opened.push(db);
      return db;
    },
    async dispose() {
      await Promise.all(opened.splice(0).map((db) => db.close()));
    },
  };
}

function postgresEngine(adminUrl: string): TestEngine {
  const opened: Database[] = [];
  const scratch: string[] = [];
  let lastUrl: string | null = null;
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    async open() {
      const name = `hub_t_${process.pid}_${randomBytes(4).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      scratch.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      lastUrl = url.toString();
      const db = await openDatabase({ url: lastUrl, poolSize: 4 });
      opened.push(db);
      return db;
    },
    async openSecond() {
      if (!lastUrl) throw new Error('open() first');
      const db = await openDatabase({ url: lastUrl, poolSize: 2 });
      opened.push(db);
      return db;
    },
    async dispose() {
      await Promise.all(opened.splice(0).map((db) => db.close()));
      for (const name of scratch.splice(0)) {
        await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      }
    },
  };
}

export function testEngines(): TestEngine[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [pgliteEngine(), postgresEngine(url)] : [pgliteEngine()];
}

export async function openMigrated(engine: TestEngine): Promise<Database> {
  const db = await engine.open();
  await migrate(db);
  return db;
}

export const AT = new Date('2026-02-01T08:00:00Z');
export const META = { sourcePoint: '97-2', confirmedAt: AT };

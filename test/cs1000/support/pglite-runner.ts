// A SqlRunner over an in-memory PGlite holding the cs1000 tables, created from the simulator's own
// DDL so the SOAP server is tested against the storage shape it runs on.

import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { SqlRunner } from '../../../simulator/sql-runner.ts';

// The tables, then the runtime every simulated system shares (sim_fault, sim_write_log, fault hooks).
const CS1000_DDL = [
  new URL('../../../simulator/sql/cs1000/001_tables.sql', import.meta.url),
  new URL('../../../simulator/sql/common/sim_runtime.sql', import.meta.url),
];

export async function createCs1000Db(): Promise<SqlRunner> {
  const pg = await PGlite.create();
  const runner: SqlRunner = {
    async query<T = Record<string, unknown>>(sql: string, params?: unknown[]) {
      const result = await pg.query<T>(sql, params);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    close: () => pg.close(),
  };
  for (const file of CS1000_DDL) await runner.exec(await readFile(file, 'utf8'));
  return runner;
}

// Writes a province into the three systems' storage with COPY, in batches per table, straight from
// the row streams: at most `batchRows` rows per table are held at any time.

import { readFile, readdir } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { pgPoolTarget, pgliteTarget, type LoadTarget } from './load-target.ts';
import { defineProvince, provinceRows, type Province, type ProvinceOptions } from './province.ts';
import { SYSTEMS, TABLES, TABLE_NAMES, type Row, type System, type TableName } from './tables.ts';

/** What the simulator's storage hands over per system (simulator/province.ts). */
export interface StoreLike {
  pglite?: PGlite;
  pool?: pg.Pool;
}

export type ProvinceTarget = Record<System, LoadTarget | StoreLike>;

export interface LoadOptions extends ProvinceOptions {
  /** Rows per COPY. */
  batchRows?: number;
  /**
   * Schema to create first: 'tables' runs each system's 001_tables.sql; 'all' also the shared runtime
   * and the procedures (every further NNN_*.sql), in file order. Default 'none': the simulator's
   * storage creates the schema itself before it calls the loader.
   */
  schema?: 'none' | 'tables' | 'all';
  /** Called after every COPY. */
  onBatch?: (table: TableName, rows: number) => void;
}

export interface LoadResult {
  province: Province;
  counts: Record<TableName, number>;
  elapsedMs: number;
}

const SQL_DIR = new URL('../sql/', import.meta.url);

function toLoadTarget(t: LoadTarget | StoreLike, system: System): LoadTarget {
  if ('copyRows' in t) return t;
  if (t.pglite !== undefined) return pgliteTarget(t.pglite);
  if (t.pool !== undefined) return pgPoolTarget(t.pool);
  throw new Error(`loadProvince: no PGlite instance or pool for ${system}`);
}

/** The SQL files of a system, in the order they must run. */
export async function schemaFiles(system: System, which: 'tables' | 'all'): Promise<string[]> {
  const tables = `${system}/001_tables.sql`;
  if (which === 'tables') return [tables];
  const own = (await readdir(new URL(`${system}/`, SQL_DIR)))
    .filter((f) => /^\d{3}_.+\.sql$/.test(f) && f !== '001_tables.sql')
    .sort()
    .map((f) => `${system}/${f}`);
  let common: string[] = [];
  try {
    common = (await readdir(new URL('common/', SQL_DIR))).filter((f) => f.endsWith('.sql')).sort().map((f) => `common/${f}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return [tables, ...common, ...own];
}

export async function createSchema(target: LoadTarget, system: System, which: 'tables' | 'all'): Promise<void> {
  for (const file of await schemaFiles(system, which)) await target.exec(await readFile(new URL(file, SQL_DIR), 'utf8'));
}

export async function loadProvince(target: ProvinceTarget, options: LoadOptions = {}): Promise<LoadResult> {
  const started = performance.now();
  const province = defineProvince(options);
  const targets = Object.fromEntries(SYSTEMS.map((s) => [s, toLoadTarget(target[s], s)])) as Record<System, LoadTarget>;
  const schema = options.schema ?? 'none';
  // Procedures and views go in after the data when asked for: nothing of theirs needs to see each row.
  if (schema !== 'none') for (const s of SYSTEMS) await createSchema(targets[s], s, 'tables');

  const batchRows = options.batchRows ?? 20_000;
  const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
  const pending = new Map<TableName, Row[]>();
  const flush = async (table: TableName): Promise<void> => {
    const rows = pending.get(table);
    if (!rows || rows.length === 0) return;
    pending.set(table, []);
    const spec = TABLES[table];
    const n = await targets[spec.system].copyRows(spec.name, spec.columns.map((c) => c.name), rows);
    counts[table] += n;
    options.onBatch?.(table, n);
  };
  for (const [table, row] of provinceRows(province)) {
    let rows = pending.get(table);
    if (!rows) pending.set(table, (rows = []));
    rows.push(row);
    if (rows.length >= batchRows) await flush(table);
  }
  for (const table of TABLE_NAMES) await flush(table);

  if (schema === 'all') {
    for (const s of SYSTEMS) {
      const [, ...rest] = await schemaFiles(s, 'all');
      for (const file of rest) await targets[s].exec(await readFile(new URL(file, SQL_DIR), 'utf8'));
    }
  }
  for (const s of SYSTEMS) await targets[s].exec('ANALYZE');
  return { province, counts, elapsedMs: performance.now() - started };
}

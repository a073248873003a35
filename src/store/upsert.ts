// Batch upserts shared by the repositories. Rows travel as one jsonb parameter and are typed by the
// table's own row type (jsonb_populate_recordset), so one statement handles any batch size with the
// same SQL on both engines, and no per-column type list has to be kept in step with the schema.

import { quoteIdent, quoteQualified, type Queryable } from './database.ts';

/** Where a row came from and when the legacy last confirmed it. */
export interface Confirmation {
  /** Interface point id, e.g. '97-4', 'JF-5', 'CS-1'. */
  sourcePoint: string;
  confirmedAt: Date;
}

export interface UpsertSpec {
  table: string;
  columns: readonly string[];
  key: readonly string[];
  /** The table has updated_at: move it only when a value other than the confirmation changed. */
  tracksUpdates: boolean;
}

const META_COLUMNS = new Set(['source_point', 'confirmed_at', 'updated_at']);

export function upsertStatement(spec: UpsertSpec): string {
  const cols = spec.columns.map(quoteIdent);
  const keySet = new Set(spec.key);
  const updatable = spec.columns.filter((c) => !keySet.has(c));
  const valueColumns = updatable.filter((c) => !META_COLUMNS.has(c)).map(quoteIdent);
  const sets = updatable.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
  if (spec.tracksUpdates && valueColumns.length > 0) {
    const mine = valueColumns.map((c) => `t.${c}`).join(', ');
    const theirs = valueColumns.map((c) => `EXCLUDED.${c}`).join(', ');
    sets.push(`updated_at = CASE WHEN (${mine}) IS DISTINCT FROM (${theirs}) THEN now() ELSE t.updated_at END`);
  }
  const conflict = sets.length > 0 ? `DO UPDATE SET ${sets.join(', ')} WHERE t.confirmed_at <= EXCLUDED.confirmed_at` : 'DO NOTHING';
  // The confirmed_at guard: a resumed or late job replaying an older read never overwrites newer data.
  return (
    `INSERT INTO ${quoteQualified(spec.table)} AS t (${cols.join(', ')}) ` +
    `SELECT ${cols.join(', ')} FROM jsonb_populate_recordset(NULL::${quoteQualified(spec.table)}, $1::jsonb) ` +
    `ON CONFLICT (${spec.key.map(quoteIdent).join(', ')}) ${conflict}`
  );
}

/** Last row wins per key: ON CONFLICT cannot touch one row twice in a statement. */
export function dedupeByKey<T>(rows: readonly T[], keyOf: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row);
    byKey.delete(key);
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

export async function upsertRows(q: Queryable, spec: UpsertSpec, rows: readonly Record<string, unknown>[], chunk = 5000): Promise<number> {
  let changed = 0;
  const sql = upsertStatement(spec);
  for (let i = 0; i < rows.length; i += chunk) {
    const res = await q.query(sql, [JSON.stringify(rows.slice(i, i + chunk))]);
    changed += res.rowCount;
  }
  return changed;
}

export function meta(m: Confirmation): { source_point: string; confirmed_at: string } {
  return { source_point: m.sourcePoint, confirmed_at: m.confirmedAt.toISOString() };
}

export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

export function asDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(String(v));
}

export function asNumber(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

export function asText(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

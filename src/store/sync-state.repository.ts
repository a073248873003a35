// Incremental sync cursors, one per stream. The cursor may only move inside the transaction that
// commits the data it covers: advanceCursor takes a Tx, never a Database, so a crash between the
// data and the cursor cannot happen — both commit or neither does.

import type { Queryable, Tx } from './database.ts';

export interface SyncCursor<C> {
  stream: string;
  cursor: C;
  updatedAt: Date;
}

export class CursorMovedError extends Error {
  constructor(readonly stream: string) {
    super(`sync cursor of ${stream} moved under this run: another run is syncing the same stream`);
  }
}

export class SyncStateRepository {
  constructor(private readonly q: Queryable) {}

  async get<C = unknown>(stream: string): Promise<SyncCursor<C> | null> {
    const { rows } = await this.q.query<{ stream: string; cursor: C; updated_at: Date }>('SELECT * FROM hub.sync_state WHERE stream = $1', [stream]);
    const r = rows[0];
    return r ? { stream: r.stream, cursor: r.cursor, updatedAt: r.updated_at } : null;
  }

  async list(): Promise<SyncCursor<unknown>[]> {
    const { rows } = await this.q.query<{ stream: string; cursor: unknown; updated_at: Date }>('SELECT * FROM hub.sync_state ORDER BY stream');
    return rows.map((r) => ({ stream: r.stream, cursor: r.cursor, updatedAt: r.updated_at }));
  }

  /**
   * Moves the cursor within `tx`. With `expected` (the cursor the run started from; null for a
   * stream never synced) it is a compare-and-set: a second run that raced this one fails instead of
   * moving the cursor over data it did not commit.
   */
  static async advanceCursor<C>(tx: Tx, stream: string, cursor: C, options: { expected?: C | null } = {}): Promise<void> {
    const value = JSON.stringify(cursor);
    if (options.expected === undefined) {
      await tx.query(
        `INSERT INTO hub.sync_state (stream, cursor, updated_at) VALUES ($1, $2::jsonb, now())
         ON CONFLICT (stream) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()`,
        [stream, value],
      );
      return;
    }
    const res =
      options.expected === null
        ? await tx.query(`INSERT INTO hub.sync_state (stream, cursor) VALUES ($1, $2::jsonb) ON CONFLICT (stream) DO NOTHING`, [stream, value])
        : await tx.query(`UPDATE hub.sync_state SET cursor = $2::jsonb, updated_at = now() WHERE stream = $1 AND cursor = $3::jsonb`, [
            stream,
            value,
            JSON.stringify(options.expected),
          ]);
    if (res.rowCount !== 1) throw new CursorMovedError(stream);
  }
}

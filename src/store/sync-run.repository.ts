// Sync runs: what ran, when, with which counts and how it ended. A job looks up its unfinished
// predecessor for the same subject to resume it rather than start over.

import type { Queryable } from './database.ts';

export type SyncRunState = 'scheduled' | 'running' | 'done' | 'failed';

export interface SyncRun {
  id: string;
  kind: string;
  subject: string | null;
  state: SyncRunState;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  counts: Record<string, number>;
  error: string | null;
}

function fromRow(r: Record<string, unknown>): SyncRun {
  return {
    id: String(r.id), kind: String(r.kind), subject: r.subject === null ? null : String(r.subject), state: r.state as SyncRunState,
    createdAt: r.created_at as Date, startedAt: (r.started_at as Date | null) ?? null, finishedAt: (r.finished_at as Date | null) ?? null,
    counts: r.counts as Record<string, number>, error: r.error === null ? null : String(r.error),
  };
}

export class SyncRunRepository {
  constructor(private readonly q: Queryable) {}

  async create(kind: string, options: { subject?: string; state?: 'scheduled' | 'running'; id?: string } = {}): Promise<SyncRun> {
    const state = options.state ?? 'running';
    const { rows } = await this.q.query(
      `INSERT INTO hub.sync_run (id, kind, subject, state, started_at)
       VALUES (coalesce($1, gen_random_uuid()::text), $2, $3, $4, CASE WHEN $4 = 'running' THEN now() END) RETURNING *`,
      [options.id ?? null, kind, options.subject ?? null, state],
    );
    return fromRow(rows[0] as Record<string, unknown>);
  }

  async start(id: string): Promise<void> {
    await this.transition(id, `state = 'running', started_at = coalesce(started_at, now())`, ['scheduled', 'running', 'failed']);
  }

  /** Adds to the run's counters (rows read, written, quarantined…). */
  async addCounts(id: string, delta: Record<string, number>): Promise<void> {
    await this.q.query(
      `UPDATE hub.sync_run SET counts = (
         SELECT coalesce(jsonb_object_agg(k, coalesce((counts->>k)::bigint, 0) + coalesce(($2::jsonb->>k)::bigint, 0)), '{}'::jsonb)
         FROM (SELECT jsonb_object_keys(counts) UNION SELECT jsonb_object_keys($2::jsonb)) AS keys(k))
       WHERE id = $1`,
      [id, JSON.stringify(delta)],
    );
  }

  async finish(id: string, delta: Record<string, number> = {}): Promise<void> {
    if (Object.keys(delta).length > 0) await this.addCounts(id, delta);
    await this.transition(id, `state = 'done', finished_at = now(), error = NULL`, ['running']);
  }

  async fail(id: string, error: string): Promise<void> {
    await this.q.query(`UPDATE hub.sync_run SET state = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [id, error]);
  }

  async get(id: string): Promise<SyncRun | null> {
    const { rows } = await this.q.query('SELECT * FROM hub.sync_run WHERE id = $1', [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** The oldest scheduled or running run of this kind and subject (what a restarted job resumes). */
  async findUnfinished(kind: string, subject: string | null = null): Promise<SyncRun | null> {
    const { rows } = await this.q.query(
      `SELECT * FROM hub.sync_run WHERE kind = $1 AND subject IS NOT DISTINCT FROM $2 AND state IN ('scheduled', 'running')
       ORDER BY created_at, id LIMIT 1`,
      [kind, subject],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async listRecent(kind?: string, limit = 50): Promise<SyncRun[]> {
    const { rows } = await this.q.query(
      'SELECT * FROM hub.sync_run WHERE ($1::text IS NULL OR kind = $1) ORDER BY created_at DESC, id LIMIT $2',
      [kind ?? null, limit],
    );
    return rows.map(fromRow);
  }

  private async transition(id: string, set: string, from: SyncRunState[]): Promise<void> {
    const res = await this.q.query(`UPDATE hub.sync_run SET ${set} WHERE id = $1 AND state = ANY($2::text[])`, [id, from]);
    if (res.rowCount !== 1) throw new Error(`sync run ${id} is missing or not in state ${from.join('/')}`);
  }
}

// Legacy rows the hub could not take in: kept with their interface point and reasons, listed,
// counted, and marked once replayed after a mapping fix (or discarded by an operator).

import type { QuarantineEntry, QuarantineReason, QuarantineReasonCode } from '../domain/index.ts';
import type { Queryable } from './database.ts';

export interface NewQuarantineEntry {
  pointId: string;
  rawRow: Record<string, unknown>;
  reasons: QuarantineReason[];
  runId?: string | null;
  receivedAt?: Date;
  /** The legacy read the row came from (`vip:<number>`, `cycle:<YYYYMMDD>`, `sweep:97-5` …), re-read on replay. */
  subject?: string | null;
}

export interface QuarantineFilter {
  pointId?: string;
  state?: QuarantineEntry['state'];
  reasonCode?: QuarantineReasonCode;
  runId?: string;
}

export interface QuarantinePage {
  items: QuarantineEntry[];
  total: number;
}

export interface QuarantineCount {
  pointId: string;
  reasonCode: string;
  count: number;
}

const WHERE = `WHERE ($1::text IS NULL OR point_id = $1) AND ($2::text IS NULL OR state = $2)
  AND ($3::text IS NULL OR reasons @> jsonb_build_array(jsonb_build_object('code', $3::text)))
  AND ($4::text IS NULL OR run_id = $4)`;

function filterParams(f: QuarantineFilter): unknown[] {
  return [f.pointId ?? null, f.state ?? null, f.reasonCode ?? null, f.runId ?? null];
}

function fromRow(r: Record<string, unknown>): QuarantineEntry {
  return {
    id: Number(r.id), pointId: String(r.point_id), rawRow: r.raw_row as Record<string, unknown>,
    reasons: r.reasons as QuarantineReason[], receivedAt: r.received_at as Date,
    state: r.state as QuarantineEntry['state'], runId: r.run_id === null ? null : String(r.run_id),
    subject: r.subject === null || r.subject === undefined ? null : String(r.subject),
  };
}

export class QuarantineRepository {
  constructor(private readonly q: Queryable) {}

  async add(entries: readonly NewQuarantineEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    const rows = entries.map((e) => {
      if (e.reasons.length === 0) throw new Error(`quarantine entry for ${e.pointId} has no reason`);
      return { point_id: e.pointId, raw_row: e.rawRow, reasons: e.reasons, run_id: e.runId ?? null, received_at: (e.receivedAt ?? new Date()).toISOString(), subject: e.subject ?? null };
    });
    const { rows: ids } = await this.q.query<{ id: number }>(
      `INSERT INTO hub.quarantine (point_id, raw_row, reasons, run_id, received_at, subject)
       SELECT point_id, raw_row, reasons, run_id, received_at, subject
       FROM jsonb_to_recordset($1::jsonb) AS x(point_id text, raw_row jsonb, reasons jsonb, run_id text, received_at timestamptz, subject text)
       RETURNING id`,
      [JSON.stringify(rows)],
    );
    return ids.map((r) => r.id);
  }

  /** Newest first, `limit`/`offset` paging; `total` counts the whole filtered set. */
  async list(filter: QuarantineFilter = {}, page: { limit?: number; offset?: number } = {}): Promise<QuarantinePage> {
    const params = filterParams(filter);
    const limit = Math.min(Math.max(page.limit ?? 50, 1), 1000);
    const offset = Math.max(page.offset ?? 0, 0);
    const { rows } = await this.q.query(`SELECT * FROM hub.quarantine ${WHERE} ORDER BY id DESC LIMIT $5 OFFSET $6`, [...params, limit, offset]);
    const { rows: total } = await this.q.query<{ n: number }>(`SELECT count(*) AS n FROM hub.quarantine ${WHERE}`, params);
    return { items: rows.map(fromRow), total: total[0]?.n ?? 0 };
  }

  /** One row per (point, reason code); an entry with two reasons counts under both. */
  async countByPointAndReason(filter: QuarantineFilter = { state: 'open' }): Promise<QuarantineCount[]> {
    const { rows } = await this.q.query<{ point_id: string; code: string; n: number }>(
      `SELECT point_id, r->>'code' AS code, count(*) AS n
       FROM (SELECT * FROM hub.quarantine ${WHERE}) q CROSS JOIN LATERAL jsonb_array_elements(q.reasons) AS r
       GROUP BY point_id, r->>'code' ORDER BY point_id, code`,
      filterParams(filter),
    );
    return rows.map((r) => ({ pointId: r.point_id, reasonCode: r.code, count: r.n }));
  }

  /** Open entries only: replaying twice must not count twice. Answers the ids that changed. */
  markReplayed(ids: readonly number[], at = new Date()): Promise<number[]> {
    return this.resolve(ids, 'replayed', at);
  }

  markDiscarded(ids: readonly number[], at = new Date()): Promise<number[]> {
    return this.resolve(ids, 'discarded', at);
  }

  private async resolve(ids: readonly number[], state: 'replayed' | 'discarded', at: Date): Promise<number[]> {
    const { rows } = await this.q.query<{ id: number }>(
      `UPDATE hub.quarantine SET state = $2, resolved_at = $3 WHERE id = ANY($1::bigint[]) AND state = 'open' RETURNING id`,
      [ids, state, at],
    );
    return rows.map((r) => r.id).sort((a, b) => a - b);
  }
}

// The record of who read whose personal data. Entries of one request are written together, before its
// answer leaves: if the write fails, the request fails (500) and nothing was disclosed unrecorded.

import type { Queryable } from '../../store/database.ts';
import type { Principal } from './types.ts';

export interface AuditEntry {
  at?: Date;
  subject: string;
  role: string;
  /** `read` for disclosures; other verbs when resource routes record writes. */
  action: string;
  customerId: string | null;
  fields: readonly string[];
  requestId: string | null;
}

export interface AuditSink {
  write(entries: readonly AuditEntry[]): Promise<void>;
}

export function auditEntry(principal: Principal, action: string, customerId: string | null, fields: readonly string[], requestId: string | null): AuditEntry {
  return { subject: principal.subject, role: principal.role, action, customerId, fields, requestId };
}

/**
 * hub.audit_log (migration 004). Group commit: entries of requests arriving while an INSERT is under way
 * wait for the next one, which writes them all in one statement. Under load that is one insert and one
 * commit for many requests instead of one each; every request still gets its answer only after its own
 * entries are stored, and a failed insert fails every request it carried.
 */
export class DatabaseAuditSink implements AuditSink {
  private pending: { entries: readonly AuditEntry[]; done: (error?: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly db: Queryable) {}

  write(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ entries, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const rows = batch.flatMap((b) =>
        b.entries.map((e) => ({
          at: (e.at ?? new Date()).toISOString(), subject: e.subject, role: e.role, action: e.action,
          customer_id: e.customerId, fields: e.fields, request_id: e.requestId,
        })),
      );
      try {
        // One statement text whatever the batch size, so the server plans it once.
        await this.db.query(
          `INSERT INTO hub.audit_log (at, subject, role, action, customer_id, fields, request_id)
           SELECT at, subject, role, action, customer_id, fields, request_id
             FROM jsonb_to_recordset($1::jsonb)
               AS x(at timestamptz, subject text, role text, action text, customer_id text, fields jsonb, request_id text)`,
          [JSON.stringify(rows)],
        );
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.done(error ?? new Error('audit write failed'));
      }
    }
    this.flushing = false;
  }
}

/** Keeps entries in memory: tests, and a hub run without a store. */
export class MemoryAuditSink implements AuditSink {
  readonly entries: AuditEntry[] = [];
  async write(entries: readonly AuditEntry[]): Promise<void> {
    this.entries.push(...entries);
  }
}

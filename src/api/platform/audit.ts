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

/** hub.audit_log (migration 004). One INSERT per request, however many customers a page disclosed. */
export class DatabaseAuditSink implements AuditSink {
  constructor(private readonly db: Queryable) {}

  async write(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const values: string[] = [];
    const params: unknown[] = [];
    for (const e of entries) {
      const base = params.length;
      values.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}::jsonb, $${base + 7})`);
      params.push(e.at ?? new Date(), e.subject, e.role, e.action, e.customerId, JSON.stringify(e.fields), e.requestId);
    }
    await this.db.query(
      `INSERT INTO hub.audit_log (at, subject, role, action, customer_id, fields, request_id) VALUES ${values.join(', ')}`,
      params,
    );
  }
}

/** Keeps entries in memory: tests, and a hub run without a store. */
export class MemoryAuditSink implements AuditSink {
  readonly entries: AuditEntry[] = [];
  async write(entries: readonly AuditEntry[]): Promise<void> {
    this.entries.push(...entries);
  }
}

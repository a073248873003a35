import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../store/database.ts';
import { DatabaseAuditSink, type AuditEntry } from './audit.ts';

const entry = (n: number): AuditEntry => ({ subject: `s${n}`, role: 'province_admin', action: 'read', customerId: `c${n}`, fields: ['bankAccount'], requestId: `r${n}` });

/** A store that answers each statement after a tick and records what it was sent. */
function fakeStore(fail = false): { db: Queryable; statements: string[][] } {
  const statements: string[][] = [];
  const db = {
    async query(_sql: string, params: readonly unknown[] = []) {
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error('disk full');
      statements.push((JSON.parse(params[0] as string) as { request_id: string }[]).map((row) => row.request_id));
      return { rows: [], rowCount: 0 };
    },
  } as unknown as Queryable;
  return { db, statements };
}

describe('DatabaseAuditSink group commit', () => {
  it('writes the entries of requests that arrive during an insert together, and answers each only once stored', async () => {
    const { db, statements } = fakeStore();
    const sink = new DatabaseAuditSink(db);
    const settled: string[] = [];
    const writes = Array.from({ length: 20 }, (_, i) => sink.write([entry(i)]).then(() => settled.push(`r${i}`)));
    await Promise.all(writes);
    expect(statements.flat().sort()).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`).sort());
    // The first request's insert carried it alone; the 19 that came meanwhile went in one more statement.
    expect(statements).toHaveLength(2);
    expect(settled).toHaveLength(20);
  });

  it('fails every request whose entries were in a failed insert', async () => {
    const { db } = fakeStore(true);
    const sink = new DatabaseAuditSink(db);
    const results = await Promise.allSettled([sink.write([entry(1)]), sink.write([entry(2)]), sink.write([entry(3)])]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
  });
});

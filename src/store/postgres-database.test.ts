import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, PLAN_PER_CALL, type Database } from './database.ts';
import { statement } from './postgres-database.ts';

describe('statement', () => {
  it('names a parameterised statement by its text, so each connection plans it once', () => {
    const a = statement('SELECT $1::int', [1]);
    expect(a.name).toMatch(/^hub_[0-9a-f]{20}$/);
    expect(statement('SELECT $1::int', [2]).name).toBe(a.name);
    expect(statement('SELECT $1::int + 0', [2]).name).not.toBe(a.name);
  });

  it('leaves unnamed a statement without parameters and one marked PLAN_PER_CALL', () => {
    expect(statement('SELECT 1', [])).toEqual({ text: 'SELECT 1' });
    expect(statement(`${PLAN_PER_CALL} SELECT $1::text`, ['x'])).toEqual({ text: `${PLAN_PER_CALL} SELECT $1::text`, values: ['x'] });
  });
});

// On the server: what the session keeps prepared (one connection, so the same session answers).
const url = process.env.TEST_DATABASE_URL;
describe.skipIf(!url)('prepared statements on a server session', () => {
  let db: Database;
  afterAll(() => db?.close());

  it('a PLAN_PER_CALL statement is never kept prepared (no generic plan after five runs); others are', async () => {
    db = await openDatabase({ url: url!, poolSize: 1 });
    for (let i = 0; i < 7; i++) {
      await db.query(`${PLAN_PER_CALL} SELECT $1::text AS term`, [`t${i}`]);
      await db.query(`SELECT $1::text AS kept`, [`t${i}`]);
    }
    const { rows } = await db.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements ORDER BY statement`);
    const texts = rows.map((r) => r.statement);
    expect(texts.some((t) => t.includes('AS kept'))).toBe(true);
    expect(texts.some((t) => t.includes('AS term'))).toBe(false);
  });
});

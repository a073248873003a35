import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { testEngines } from './test-kit.ts';

const TRICKY = [
  ['tab\there', 'new\nline', 'back\\slash'],
  ['"double" \'single\'', 'carriage\rreturn', '\\N'],
  ['北京市电信分公司（重点客户）', '', null],
  ['trailing backslash\\', '\\t literally', 'emoji 😀 and 𠀀'],
  [',comma,', '|pipe|', ' leading and trailing spaces '],
];

describe.each(testEngines())('database on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(() => engine.dispose());

  it('runs migrations twice and the second run applies nothing', async () => {
    const first = await migrate(db);
    expect(first.applied.length).toBe((await loadMigrations()).length);
    const second = await migrate(db);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
    const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM hub.schema_migrations');
    expect(rows[0]?.n).toBe(first.applied.length);
  });

  it('refuses an applied migration whose text changed', async () => {
    const migrations = await loadMigrations();
    const changed = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(db, changed)).rejects.toThrow(/changed after it was applied/);
  });

  it('rolls back a failing migration completely', async () => {
    const bad = { version: 900, name: 'bad', checksum: 'x', sql: 'CREATE TABLE hub.half_made (a int); SELECT 1/0;' };
    await expect(migrate(db, [bad])).rejects.toThrow(/division by zero/);
    const { rows } = await db.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'hub' AND tablename = 'half_made'`);
    expect(rows).toEqual([]);
  });

  it('normalises names the same way for storage and search', async () => {
    const { rows } = await db.query<{ n: string }>(`SELECT hub.normalize_name($1) AS n`, ['ＡＢＣ　有限公司（北京） Co., Ltd.']);
    expect(rows[0]?.n).toBe('abc有限公司北京coltd');
  });

  it('copyFrom round-trips tricky text, NULL and the empty string', async () => {
    await db.exec('CREATE TABLE hub.copy_probe (a text, b text, c text)');
    const n = await db.copyFrom('hub.copy_probe', ['a', 'b', 'c'], [TRICKY.slice(0, 2), TRICKY.slice(2)]);
    expect(n).toBe(TRICKY.length);
    const { rows } = await db.query<{ a: string; b: string; c: string | null }>('SELECT a, b, c FROM hub.copy_probe ORDER BY ctid');
    expect(rows.map((r) => [r.a, r.b, r.c])).toEqual(TRICKY);
    const empty = await db.query<{ b: string }>(`SELECT b FROM hub.copy_probe WHERE b = ''`);
    expect(empty.rows).toHaveLength(1);
  });

  it('copyFrom keeps numbers, instants, booleans and json', async () => {
    await db.exec('CREATE TABLE hub.copy_types (n numeric(16,2), t timestamptz, b boolean, j jsonb, i bigint)');
    const at = new Date('2026-01-31T16:30:00.123Z');
    await db.copyFrom('hub.copy_types', ['n', 't', 'b', 'j', 'i'], [[['12.50', at, true, { k: 'v\t"x"' }, 9007199254740991n]]]);
    const { rows } = await db.query<{ n: string; t: Date; b: boolean; j: unknown; i: number }>('SELECT * FROM hub.copy_types');
    expect(rows[0]).toEqual({ n: '12.50', t: at, b: true, j: { k: 'v\t"x"' }, i: 9007199254740991 });
  });

  it('a source that throws mid-stream inside a transaction leaves nothing', async () => {
    await db.exec('CREATE TABLE hub.copy_fail (a text)');
    async function* failing() {
      yield [['one'], ['two']];
      throw new Error('legacy connection lost');
    }
    await expect(db.transaction((tx) => tx.copyFrom('hub.copy_fail', ['a'], failing()))).rejects.toThrow('legacy connection lost');
    const { rows } = await db.query('SELECT * FROM hub.copy_fail');
    expect(rows).toEqual([]);
    // The connection that carried the failed COPY is still good.
    await db.transaction((tx) => tx.copyFrom('hub.copy_fail', ['a'], [[['three']]]));
    expect((await db.query('SELECT a FROM hub.copy_fail')).rows).toEqual([{ a: 'three' }]);
  });

  it('reads big results in batches through a cursor, and frees the connection between batches', async () => {
    const sizes: number[] = [];
    let total = 0;
    for await (const batch of db.cursor<{ g: number }>('SELECT g FROM generate_series(1, $1::int) AS g', [2500], 1000)) {
      sizes.push(batch.length);
      total += batch.reduce((s, r) => s + r.g, 0);
      // The hub's jobs write between batches: this must neither deadlock nor fail.
      await db.query('SELECT 1');
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(total).toBe((2500 * 2501) / 2);
  });

  it('closes a cursor left early and inside a transaction', async () => {
    for await (const batch of db.cursor('SELECT g FROM generate_series(1, 100) AS g', [], 10)) {
      expect(batch).toHaveLength(10);
      break;
    }
    const seen = await db.transaction(async (tx) => {
      let n = 0;
      for await (const batch of tx.cursor<{ g: number }>('SELECT g FROM generate_series(1, 25) AS g', [], 10)) {
        n += batch.length;
        await tx.query('SELECT 1');
      }
      return n;
    });
    expect(seen).toBe(25);
    const open = await db.query<{ n: number }>(`SELECT count(*) AS n FROM pg_cursors WHERE name LIKE 'hub_cursor%'`);
    expect(open.rows[0]?.n).toBe(0);
  });

  it('refuses the Database inside its own transaction instead of deadlocking', async () => {
    await expect(db.transaction(() => db.query('SELECT 1'))).rejects.toThrow(/use the tx handle/);
  });

  it('rolls a transaction back when its function throws', async () => {
    await db.exec('CREATE TABLE hub.tx_probe (a int)');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO hub.tx_probe VALUES (1)');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await db.query('SELECT * FROM hub.tx_probe')).rows).toEqual([]);
  });
});

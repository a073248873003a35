import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDetailRecord, Charge, TopContract } from '../domain/index.ts';
import { BillingCycleRepository, type CycleSources } from './billing-cycle.repository.ts';
import type { Database } from './database.ts';
import { QuarantineRepository } from './quarantine.repository.ts';
import { openMigrated, testEngines } from './test-kit.ts';

const CYCLE = 20260101;
const AT = new Date('2026-02-03T01:00:00Z');

function charges(n: number, amount = '10.00', cycle = CYCLE): Charge[] {
  return Array.from({ length: n }, (_, i) => ({
    serviceNumber: `0571${String(i).padStart(7, '0')}`, accountNumber: `A${i % 7}`, vipNumber: '1203100001',
    itemCode: `I${i % 3}`, category: 'local_telephone', amount, billingCycle: cycle,
  }));
}
function cdrs(n: number, cycle = CYCLE): CallDetailRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    vipNumber: null, serviceNumber: `0571${String(i % 50).padStart(7, '0')}`, calledNumber: '010\t12345', callType: '长途',
    calledArea: '010', startedAt: new Date(Date.UTC(2026, 0, 1 + (i % 28), 3)), accountNumber: null, durationSeconds: i, amount: '0.30', billingCycle: cycle,
  }));
}
function tops(n: number, cycle = CYCLE): TopContract[] {
  return Array.from({ length: n }, (_, i) => ({ accountNumber: `T${i}`, amount: `${1000 - i}.00`, billingCycle: cycle }));
}
function batches<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
function sources(nCharges: number, nCdrs: number, nTops: number, amount?: string): CycleSources {
  return { charges: batches(charges(nCharges, amount), 100), callDetailRecords: batches(cdrs(nCdrs), 100), topContracts: [tops(nTops)] };
}

async function counts(db: Database): Promise<[number, number, number]> {
  const { rows } = await db.query<{ c: number; d: number; t: number }>(
    `SELECT (SELECT count(*) FROM hub.charge WHERE billing_cycle = $1) AS c,
            (SELECT count(*) FROM hub.call_detail_record WHERE billing_cycle = $1) AS d,
            (SELECT count(*) FROM hub.top_contract WHERE billing_cycle = $1) AS t`,
    [CYCLE],
  );
  const r = rows[0];
  return [r?.c ?? -1, r?.d ?? -1, r?.t ?? -1];
}

describe.each(testEngines())('billing cycle load on $name', (engine) => {
  let db: Database;
  let reader: Database;
  let cycles: BillingCycleRepository;
  beforeAll(async () => {
    db = await openMigrated(engine);
    // A reader on another connection where the engine has more than one.
    reader = engine.openSecond ? await engine.openSecond() : db;
    cycles = new BillingCycleRepository(db);
  });
  afterAll(() => engine.dispose());

  it('loads a cycle and switches it in', async () => {
    await cycles.request(CYCLE, AT);
    await cycles.markReady(CYCLE, AT);
    const loaded = await cycles.loadCycle(CYCLE, sources(250, 420, 30), { confirmedAt: AT });
    expect(loaded).toEqual({ charge: 250, call_detail_record: 420, top_contract: 30 });
    expect(await counts(reader)).toEqual([250, 420, 30]);
    const state = await cycles.get(CYCLE);
    expect(state?.state).toBe('switched');
    const tab = await db.query<{ called_number: string; source_point: string }>('SELECT called_number, source_point FROM hub.call_detail_record LIMIT 1');
    expect(tab.rows[0]).toEqual({ called_number: '010\t12345', source_point: 'JF-7' });
  });

  it('attaches the staged keys and indexes instead of building duplicates', async () => {
    const { rows } = await db.query<{ parent: string; part: number; parent_n: number }>(
      `SELECT p.relname AS parent,
              (SELECT count(*) FROM pg_index WHERE indrelid = c.oid) AS part,
              (SELECT count(*) FROM pg_index WHERE indrelid = p.oid) AS parent_n
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       WHERE c.relname LIKE '%_c${CYCLE}' ORDER BY 1`,
    );
    expect(rows.map((r) => r.parent)).toEqual(['call_detail_record', 'charge', 'top_contract']);
    for (const r of rows) expect(r.part).toBe(r.parent_n);
  });

  it('fills the columns every row shares from the load, and leaves the partitions without defaults', async () => {
    for (const table of ['charge', 'call_detail_record', 'top_contract']) {
      const { rows } = await db.query<{ cycle: number; point: string; at: Date; n: number }>(
        `SELECT billing_cycle AS cycle, source_point AS point, confirmed_at AS at, count(*)::int AS n FROM hub.${table}_c${CYCLE} GROUP BY 1, 2, 3`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ cycle: CYCLE, point: { charge: 'JF-5', call_detail_record: 'JF-7', top_contract: 'JF-8' }[table] });
      expect(new Date(rows[0]!.at).toISOString()).toBe(AT.toISOString());
    }
    const defaults = await db.query(
      `SELECT c.relname, a.attname FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'hub' AND c.relname LIKE '%_c${CYCLE}'`,
    );
    expect(defaults.rows).toEqual([]);
    // Keys compare byte-wise (migration 007): a partition built from a staging table keeps that.
    const collations = await db.query<{ relname: string; collname: string }>(
      `SELECT c.relname, co.collname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_collation co ON co.oid = a.attcollation
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'hub' AND c.relname LIKE '%_c${CYCLE}' AND a.attname IN ('service_number', 'account_number')
          AND NOT (c.relname LIKE 'call_detail_record%' AND a.attname = 'account_number') ORDER BY 1, a.attname`,
    );
    expect(new Set(collations.rows.map((r) => r.collname))).toEqual(new Set(['C']));
    expect(collations.rows.length).toBe(4);
  });

  it('readers see the old cycle during a reload and the new one after the switch', async () => {
    const seenDuringLoad: [number, number, number][] = [];
    async function* slowCharges() {
      const rows = charges(300, '20.00');
      yield rows.slice(0, 150);
      seenDuringLoad.push(await counts(reader));
      yield rows.slice(150);
      seenDuringLoad.push(await counts(reader));
    }
    await cycles.loadCycle(CYCLE, { ...sources(0, 500, 40), charges: slowCharges() }, { confirmedAt: AT });
    expect(seenDuringLoad).toEqual([
      [250, 420, 30],
      [250, 420, 30],
    ]);
    expect(await counts(reader)).toEqual([300, 500, 40]);
    const sum = await reader.query<{ s: string }>('SELECT sum(amount)::text AS s FROM hub.charge WHERE billing_cycle = $1', [CYCLE]);
    expect(sum.rows[0]?.s).toBe('6000.00');
  });

  it('a load that fails mid-stream leaves the old cycle, and the retry resumes and succeeds', async () => {
    // Tables stream call records → charges → top contracts: the last one breaks.
    async function* broken() {
      yield tops(2);
      throw new Error('ORA-03113: end-of-file on communication channel');
    }
    await expect(cycles.loadCycle(CYCLE, { ...sources(10, 6, 0), topContracts: broken() }, { confirmedAt: AT })).rejects.toThrow(/ORA-03113/);
    expect(await counts(reader)).toEqual([300, 500, 40]);
    const failed = await cycles.get(CYCLE);
    expect(failed?.state).toBe('failed');
    expect(failed?.loadedRows).toEqual({ charge: 10, call_detail_record: 6 });

    // Both were staged completely by the failed attempt: the retry must not read them again.
    const untouchable = <T>(what: string) => ({
      [Symbol.iterator]() {
        throw new Error(`${what} were re-read although already staged`);
      },
    }) as Iterable<T[]>;
    const loaded = await cycles.loadCycle(
      CYCLE,
      { charges: untouchable<Charge>('charges'), callDetailRecords: untouchable<CallDetailRecord>('call records'), topContracts: [tops(5)] },
      { confirmedAt: AT },
    );
    expect(loaded).toEqual({ charge: 10, call_detail_record: 6, top_contract: 5 });
    expect(await counts(reader)).toEqual([10, 6, 5]);
    expect((await cycles.get(CYCLE))?.attempts).toBeGreaterThanOrEqual(2);
  });

  it('streams the tables at once when asked; a failing stream lets the others finish, and the retry reads only it', async () => {
    let chargesDone = false;
    async function* slowCharges() {
      const rows = charges(10);
      yield rows.slice(0, 5);
      await new Promise((resolve) => setTimeout(resolve, 30));
      yield rows.slice(5);
      chargesDone = true;
    }
    async function* broken() {
      yield cdrs(3);
      throw new Error('ORA-03113: end-of-file on communication channel');
    }
    const concurrent = { confirmedAt: AT, concurrentTables: true };
    await expect(cycles.loadCycle(CYCLE, { charges: slowCharges(), callDetailRecords: broken(), topContracts: [tops(4)] }, concurrent)).rejects.toThrow(/ORA-03113/);
    // The call records broke before the charges had finished: these were still staged completely.
    expect(chargesDone).toBe(true);
    expect((await cycles.get(CYCLE))?.loadedRows).toEqual({ charge: 10, top_contract: 4 });
    expect(await counts(reader)).toEqual([10, 6, 5]);
    const untouchable = <T>(what: string) => ({
      [Symbol.iterator]() {
        throw new Error(`${what} were re-read although already staged`);
      },
    }) as Iterable<T[]>;
    const loaded = await cycles.loadCycle(CYCLE, { charges: untouchable<Charge>('charges'), callDetailRecords: [cdrs(8)], topContracts: untouchable<TopContract>('top contracts') }, concurrent);
    expect(loaded).toEqual({ charge: 10, call_detail_record: 8, top_contract: 4 });
    expect(await counts(reader)).toEqual([10, 8, 4]);
  });

  it('refuses a row of another cycle and keeps the old data', async () => {
    const wrong = { ...sources(5, 5, 5), topContracts: [tops(3, 20260201)] };
    await expect(cycles.loadCycle(CYCLE, wrong, { confirmedAt: AT })).rejects.toThrow(/billing cycle 20260201 in the load of cycle 20260101/);
    expect(await counts(reader)).toEqual([10, 8, 4]);
  });

  it('quarantines legacy duplicate keys instead of failing every retry', async () => {
    const dup = charges(4);
    const twice = [...dup, { ...dup[1], amount: '99.00' } as Charge];
    const loaded = await cycles.loadCycle(CYCLE, { charges: [twice], callDetailRecords: [cdrs(3)], topContracts: [tops(2)] }, { confirmedAt: AT, runId: 'run-dup', fresh: true });
    expect(loaded.charge).toBe(4);
    const kept = await db.query<{ amount: string }>('SELECT amount FROM hub.charge WHERE billing_cycle = $1 AND service_number = $2', [CYCLE, dup[1]?.serviceNumber]);
    expect(kept.rows).toEqual([{ amount: '10.00' }]);
    const q = await new QuarantineRepository(db).list({ runId: 'run-dup' });
    expect(q.total).toBe(1);
    expect(q.items[0]?.pointId).toBe('JF-5');
    expect(q.items[0]?.reasons[0]?.code).toBe('duplicate_key');
    expect(q.items[0]?.rawRow.amount).toBe(99);
  });

  it('keeps other cycles untouched', async () => {
    const other = 20260201;
    await cycles.loadCycle(other, { charges: [charges(3, '1.00', other)], callDetailRecords: [cdrs(2, other)], topContracts: [tops(1, other)] }, { confirmedAt: AT });
    expect(await counts(reader)).toEqual([4, 3, 2]);
    const all = await db.query<{ n: number }>('SELECT count(*) AS n FROM hub.charge');
    expect(all.rows[0]?.n).toBe(7);
  });

  it.runIf(engine.name === 'postgres')('a switch waits for a reader in a transaction and never shows half a cycle', async () => {
    const before = await counts(reader);
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    const readerTx = reader.transaction(async (tx) => {
      const first = await tx.query<{ n: number }>('SELECT count(*) AS n FROM hub.charge WHERE billing_cycle = $1', [CYCLE]);
      await holding;
      const again = await tx.query<{ n: number }>('SELECT count(*) AS n FROM hub.charge WHERE billing_cycle = $1', [CYCLE]);
      return [first.rows[0]?.n, again.rows[0]?.n];
    });
    cycles.lockTimeoutMs = 300;
    await expect(cycles.loadCycle(CYCLE, sources(6, 6, 6), { confirmedAt: AT })).rejects.toThrow(/lock timeout/);
    release();
    expect(await readerTx).toEqual([before[0], before[0]]);
    expect(await counts(reader)).toEqual(before);
    cycles.lockTimeoutMs = 10_000;
    await cycles.loadCycle(CYCLE, sources(6, 6, 6), { confirmedAt: AT });
    expect(await counts(reader)).toEqual([6, 6, 6]);
  });

  it('stages without autovacuum (the load analyzes), and the switch gives the partitions back to it', async () => {
    // The table's own options and its TOAST table's.
    const options = async (relname: string) => {
      const { rows } = await reader.query<{ o: string[] | null; t: string[] | null }>(
        `SELECT c.reloptions AS o, t.reloptions AS t FROM pg_class c LEFT JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.relname = $1`, [relname]);
      return [rows[0]?.o ?? null, rows[0]?.t ?? null];
    };
    const staged: (string[] | null)[][] = [];
    const cycle = 20300101;
    async function* watchedCharges() {
      yield charges(50, '30.00', cycle);
      staged.push(await options(`charge_s${cycle}`));
    }
    await cycles.loadCycle(cycle, { charges: watchedCharges(), callDetailRecords: [cdrs(60, cycle)], topContracts: [tops(5, cycle)] }, { confirmedAt: AT });
    expect(staged).toEqual([[['autovacuum_enabled=false'], ['autovacuum_enabled=false']]]);
    for (const table of ['charge', 'call_detail_record', 'top_contract']) expect(await options(`${table}_c${cycle}`)).toEqual([null, null]);
    const stats = await reader.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stats WHERE tablename = $1`, [`call_detail_record_c${cycle}`]);
    expect(stats.rows[0]?.n).toBeGreaterThan(0);
  });
});

// The tiny province loaded into PGlite (and, when TEST_DATABASE_URL is set, into a server) holds what
// the hub's features need to meet: every level, tier, service type and business category, a year of
// cycles, arrears, rejected and overdue work orders, open and finished faults and complaints.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, ITEMS, SERVICE_TYPES } from './items.ts';
import { loadProvince, type LoadResult } from './load.ts';
import { pgTarget, pgliteTarget } from './load-target.ts';
import { SYSTEMS, type System } from './tables.ts';

const now = new Date('2026-03-15T10:00:00+08:00');
const dbs = {} as Record<System, PGlite>;
let result: LoadResult;

const rows = async <T = Record<string, unknown>>(system: System, sql: string): Promise<T[]> => (await dbs[system].query<T>(sql)).rows;

/** Legacy text dates in the three formats the generator writes, as epoch ms (Shanghai wall clock). */
function parseText(text: string): number {
  const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})[ ]?(\d{2}):?(\d{2})(?::?(\d{2}))?$/.exec(text);
  if (!m) throw new Error(`unparsable legacy date ${text}`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d, h, mi, s ?? 0) - 8 * 3600_000;
}

beforeAll(async () => {
  for (const s of SYSTEMS) dbs[s] = await PGlite.create();
  const targets = { sys97: pgliteTarget(dbs.sys97), billing: pgliteTarget(dbs.billing), cs1000: pgliteTarget(dbs.cs1000) };
  result = await loadProvince(targets, { size: 'tiny', now, schema: 'tables', batchRows: 5_000 });
});
afterAll(async () => {
  for (const s of SYSTEMS) await dbs[s]?.close();
});

describe('tiny province in PGlite', () => {
  it('loads in seconds and every counted row is in its table', async () => {
    expect(result.elapsedMs).toBeLessThan(30_000);
    const [c] = await rows<{ n: number }>('billing', 'SELECT count(*)::int AS n FROM bill_fee');
    expect(c!.n).toBe(result.counts.bill_fee);
    expect(result.counts.dkh_customer).toBe(60);
    expect(result.counts.bill_call).toBeGreaterThan(100);
    expect(result.counts.bill_call).toBeLessThan(2_000);
  });

  it('has every level 5A…1A among formal customers and every tier', async () => {
    const levels = await rows<{ level: number }>('sys97', `SELECT DISTINCT level FROM dkh_customer WHERE status = 'formal' ORDER BY 1`);
    expect(levels.map((r) => r.level)).toEqual([1, 2, 3, 4, 5]);
    const tiers = await rows<{ tier: string }>('sys97', 'SELECT DISTINCT tier FROM dkh_customer ORDER BY 1');
    expect(tiers.map((r) => r.tier)).toEqual(['city', 'national', 'other', 'province']);
  });

  it("matches each formal customer's level to its monthly spend in the latest closed cycle", async () => {
    const customers = await rows<{ DKH_CARDID: string; level: number }>('sys97', `SELECT "DKH_CARDID", level FROM dkh_customer WHERE status = 'formal'`);
    const cycle = result.province.ctx.cycles.at(-2)!;
    const spend = new Map((await rows<{ VIP: string; s: string }>('billing', `SELECT "VIP", sum("COST") AS s FROM bill_fee WHERE "CALLTIME" = ${cycle} GROUP BY 1`)).map((r) => [r.VIP, Number(r.s)]));
    const band = [0, 3_000, 10_000, 100_000, 500_000, 1_000_000];
    for (const c of customers) {
      const s = spend.get(c.DKH_CARDID) ?? 0;
      expect(s, c.DKH_CARDID).toBeGreaterThan(band[c.level]! * 0.6);
      if (c.level < 5) expect(s, c.DKH_CARDID).toBeLessThan(band[c.level + 1]! * 1.4);
    }
  });

  it('has every service type, and each number carries its customer VIP in billing and 1000 rows', async () => {
    const types = await rows<{ t: string }>('sys97', 'SELECT DISTINCT "ACC_SERVTYPE" AS t FROM dkh_service');
    expect(types.map((r) => r.t).sort()).toEqual(SERVICE_TYPES.map((t) => t.name).sort());
    const vipOf = new Map((await rows<{ ACC_CODE: string; DKH_CARDID: string }>('sys97',
      'SELECT s."ACC_CODE", c."DKH_CARDID" FROM dkh_service s JOIN dkh_customer c USING ("DKH_ID")')).map((r) => [r.ACC_CODE, r.DKH_CARDID]));
    const billing = await rows<{ EQUIPMENTNBR: string; VIP: string }>('billing', 'SELECT DISTINCT "EQUIPMENTNBR", "VIP" FROM bill_fee UNION SELECT DISTINCT "EQUIPMENTNBR", "VIP" FROM bill_call');
    const faults = await rows<{ EQUIPMENTNBR: string; VIP: string }>('cs1000', 'SELECT DISTINCT "ACCNBR" AS "EQUIPMENTNBR", "VIP" FROM cs_fault UNION SELECT "ACCNBR", "VIP" FROM cs_vip');
    for (const r of [...billing, ...faults]) expect(r.VIP, r.EQUIPMENTNBR).toBe(vipOf.get(r.EQUIPMENTNBR));
  });

  it('bills at least 12 monthly cycles with items of all 10 business categories', async () => {
    const cycles = await rows<{ c: string }>('billing', 'SELECT DISTINCT "CALLTIME"::text AS c FROM bill_fee ORDER BY 1');
    expect(cycles.length).toBeGreaterThanOrEqual(12);
    for (const { c } of cycles) expect(c).toMatch(/^\d{6}01$/);
    expect(cycles.at(-1)!.c).toBe('20260301');
    const used = await rows<{ ITEM: string }>('billing', 'SELECT DISTINCT "ITEM" FROM bill_fee');
    const categoryOf = new Map(ITEMS.map((i) => [i.code, i.category]));
    expect(new Set(used.map((r) => categoryOf.get(r.ITEM))).size).toBe(CATEGORIES.length);
    const [orphans] = await rows<{ n: number }>('billing', 'SELECT count(*)::int AS n FROM bill_fee f LEFT JOIN item i USING ("ITEM") WHERE i."ITEM" IS NULL');
    expect(orphans!.n).toBe(0);
  });

  it('leaves some contract-cycles unpaid and dates the others in the following month', async () => {
    const pays = await rows<{ CALLTIME: string; paid_date: string | null }>('billing', 'SELECT "CALLTIME", paid_date FROM bill_payment');
    const unpaid = pays.filter((p) => p.paid_date === null).length;
    expect(unpaid).toBeGreaterThan(0);
    expect(unpaid / pays.length).toBeLessThan(0.3);
    for (const p of pays.filter((x) => x.paid_date !== null)) {
      const cycle = Number(p.CALLTIME);
      const next = cycle % 10000 >= 1201 ? cycle + 10000 - 1100 : cycle + 100;
      expect(Math.floor(Number(p.paid_date) / 100)).toBe(Math.floor(next / 100));
    }
  });

  it('keeps key accounts out of the top-1000 list', async () => {
    const contracts = new Set((await rows<{ ACCT_NBR: string }>('sys97', 'SELECT "ACCT_NBR" FROM dkh_account')).map((r) => r.ACCT_NBR));
    const top = await rows<{ CONTRACTNO: string }>('billing', 'SELECT "CONTRACTNO" FROM bill_top1000');
    expect(top.length).toBeGreaterThan(0);
    for (const t of top) expect(contracts.has(t.CONTRACTNO)).toBe(false);
  });

  it('has open, rejected and overdue work orders in several text date formats', async () => {
    const open = await rows('sys97', 'SELECT * FROM so_order WHERE NOT finished');
    expect(open.length).toBeGreaterThan(0);
    const steps = await rows<{ ENTER_TIME: string; OUT_TIME: string | null; SX: string; TD_TIME: string | null; TD_REASON: string | null }>('sys97', 'SELECT * FROM so_step');
    expect(steps.filter((s) => s.TD_TIME !== null && s.TD_REASON !== null).length).toBeGreaterThan(0);
    const overdue = steps.filter((s) => (s.OUT_TIME === null ? now.getTime() : parseText(s.OUT_TIME)) - parseText(s.ENTER_TIME) > Number(s.SX) * 3600_000);
    expect(overdue.length).toBeGreaterThan(0);
    const dates = await rows<{ SO_DATE: string }>('sys97', 'SELECT "SO_DATE" FROM so_order');
    const formats = new Set(dates.map((d) => (d.SO_DATE.includes('/') ? 'slash' : d.SO_DATE.includes('-') ? 'dash' : 'compact')));
    expect(formats.size).toBe(3);
    const [process] = await rows<{ n: number }>('sys97', 'SELECT count(*)::int AS n FROM vip97_so_process');
    expect(process!.n).toBe(result.counts.so_order);
    expect(result.counts.vip97_once_fee).toBeGreaterThan(0);
  });

  it('has open and finished faults and complaints, finished ones with a satisfaction', async () => {
    for (const table of ['cs_fault', 'cs_complaint']) {
      const [r] = await rows<{ open: number; done: number; rated: number }>('cs1000', `SELECT
        count(*) FILTER (WHERE "FINISHTIME" IS NULL)::int AS open,
        count(*) FILTER (WHERE "FINISHTIME" IS NOT NULL)::int AS done,
        count(*) FILTER (WHERE "FINISHTIME" IS NOT NULL AND "SATISFACTION" IS NOT NULL)::int AS rated FROM ${table}`);
      expect(r!.open, table).toBeGreaterThan(0);
      expect(r!.done, table).toBeGreaterThan(0);
      expect(r!.rated, table).toBe(r!.done);
    }
  });
});

const url = process.env.TEST_DATABASE_URL;
describe.skipIf(url === undefined)('tiny province on a PostgreSQL server', () => {
  const prefix = `gen_test_${process.pid}`;
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    for (const s of SYSTEMS) await client.query(`DROP SCHEMA IF EXISTS ${prefix}_${s} CASCADE`);
    await client.end();
  });

  it('writes the same rows as into PGlite, procedures included', async () => {
    const targets = {} as Record<System, ReturnType<typeof pgTarget>>;
    for (const s of SYSTEMS) {
      await client.query(`CREATE SCHEMA ${prefix}_${s}`);
      targets[s] = pgTarget(client, `${prefix}_${s}`);
    }
    const server = await loadProvince(targets, { size: 'tiny', now, schema: 'all', batchRows: 5_000 });
    expect(server.counts).toEqual(result.counts);
    const { rows: fee } = await client.query(`SELECT count(*)::int AS n FROM ${prefix}_billing.bill_fee`);
    expect(fee[0].n).toBe(result.counts.bill_fee);
  });
});

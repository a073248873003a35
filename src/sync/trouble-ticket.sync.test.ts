// Faults and complaints end to end: the simulator's SOAP server (1000 system) and 97 system, the view
// in PGlite with the customers a full 97 sync puts there. One simulator for the file; the tests run
// in order on one view.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLegacyDateTime } from '../../contracts/registry.ts';
import { startSimulator, type SimulatorHandle } from '../../simulator/index.ts';
import { SyncStateRepository } from '../store/index.ts';
import { runChangeSync } from './sys97-change.sync.ts';
import { connectHubToSimulator, type HubOverSimulator } from './test-kit.ts';
import {
  CS1000_FINISHED_STREAM,
  runFinishedTicketSync,
  runOpenTicketSweep,
  type FinishedCheckpoint,
} from './trouble-ticket.sync.ts';

let sim: SimulatorHandle;
let hub: HubOverSimulator;
let vips: string[];
const DAY = 86_400_000;

const cs = async <R = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await sim.db.cs1000.query<R>(sql, params)).rows;
const view = async <R = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await hub.db.query<R>(sql, params)).rows;

beforeAll(async () => {
  const t0 = Date.now();
  sim = await startSimulator({ size: 'tiny', preparationMs: 200 });
  hub = await connectHubToSimulator(sim);
  const t1 = Date.now();
  const customers = await runChangeSync(hub.sys97, hub.db, { mode: 'full', runId: 'tickets-test' });
  vips = (await view<{ v: string }>('SELECT vip_number AS v FROM hub.customer')).map((r) => r.v);
  console.log(`simulator up in ${t1 - t0} ms; ${customers.synced} customers synced in ${Date.now() - t1} ms`);
  expect(vips.length).toBeGreaterThan(50);
});

afterAll(async () => {
  await hub?.close();
  await sim?.stop();
});

async function viewCounts() {
  const rows = await view<{ kind: string; state: string; n: number }>(
    'SELECT kind, state, count(*)::int AS n FROM hub.trouble_ticket GROUP BY 1, 2 ORDER BY 1, 2');
  return Object.fromEntries(rows.map((r) => [`${r.kind}.${r.state}`, r.n]));
}

/** Completed tickets reported in [from of their VIP, to), as CS-1 / CS-2 select them per VIP. */
async function legacyFinished(from: Date, to: Date, earlier: Record<string, string> = {}) {
  // Wall-clock texts: the legacy's own clock (Asia/Shanghai), as the adapter sends the window.
  // A VIP's window reaches back to its vanished ticket only when that is older than the plain window.
  const froms = vips.map((v) => {
    const plain = toLegacyDateTime(from);
    const back = earlier[v];
    return back !== undefined && back < plain ? back : plain;
  });
  const window = [vips, froms, toLegacyDateTime(to)];
  const [faults] = await cs<{ n: number }>(
    `SELECT count(*)::int AS n FROM cs_fault f LEFT JOIN cs_vip v ON v."ACCNBR" = f."ACCNBR"
       JOIN unnest($1::text[], $2::timestamp[]) w(vip, since) ON w.vip = COALESCE(v."VIP", f."VIP")
      WHERE f."FINISHTIME" IS NOT NULL AND f."STARTTIME" >= w.since AND f."STARTTIME" < $3::timestamp`,
    window);
  const [complaints] = await cs<{ n: number }>(
    `SELECT count(*)::int AS n FROM cs_complaint c JOIN unnest($1::text[], $2::timestamp[]) w(vip, since) ON w.vip = c."VIP"
      WHERE c."FINISHTIME" IS NOT NULL AND c."STARTTIME" >= w.since AND c."STARTTIME" < $3::timestamp`,
    window);
  return { faults: faults?.n, complaints: complaints?.n };
}

describe('trouble tickets against the simulator', () => {
  let firstRunAt: Date;

  it('open sweep: every open fault and complaint, customers resolved by VIP number', async () => {
    const counts = await runOpenTicketSweep(hub.cs1000, hub.db, { runId: 'open-1' });
    const [legacy] = await cs<{ faults: number; complaints: number }>(
      `SELECT (SELECT count(*) FROM cs_fault WHERE "FINISHTIME" IS NULL)::int AS faults,
              (SELECT count(*) FROM cs_complaint WHERE "FINISHTIME" IS NULL)::int AS complaints`);
    console.log('open sweep', JSON.stringify(counts), JSON.stringify(legacy));
    expect(legacy!.faults + legacy!.complaints).toBeGreaterThan(10);
    expect(counts).toEqual({ faults: legacy?.faults, complaints: legacy?.complaints, unresolved: 0, vanished: 0, quarantined: 0 });
    expect(await viewCounts()).toEqual({ 'complaint.open': legacy?.complaints, 'fault.open': legacy?.faults });
    const [unlinked] = await view<{ n: number }>(`SELECT count(*)::int AS n FROM hub.trouble_ticket WHERE customer_id IS NULL`);
    expect(unlinked?.n).toBe(0);
  });

  it('finished read, first run: 400 days back for every customer of the view; the cursor moves with the last chunk', async () => {
    firstRunAt = new Date();
    const checkpoints: FinishedCheckpoint[] = [];
    const t0 = Date.now();
    const counts = await runFinishedTicketSync(hub.cs1000, hub.db, {
      runId: 'finished-1', now: () => firstRunAt, chunkSize: 16, onCheckpoint: async (cp) => void checkpoints.push(structuredClone(cp)),
    });
    const legacy = await legacyFinished(new Date(firstRunAt.getTime() - 400 * DAY), firstRunAt);
    console.log(`finished read in ${Date.now() - t0} ms`, JSON.stringify(counts), JSON.stringify(legacy));
    expect(legacy.faults! + legacy.complaints!).toBeGreaterThan(10);
    expect(counts).toMatchObject({ vips: vips.length, faults: legacy.faults, complaints: legacy.complaints, quarantined: 0, extended: 0 });
    expect(checkpoints.length).toBe(Math.ceil(vips.length / 16) - 1);
    const [open] = await cs<{ faults: number; complaints: number }>(
      `SELECT (SELECT count(*) FROM cs_fault WHERE "FINISHTIME" IS NULL)::int AS faults,
              (SELECT count(*) FROM cs_complaint WHERE "FINISHTIME" IS NULL)::int AS complaints`);
    expect(await viewCounts()).toEqual({
      'complaint.closed': legacy.complaints, 'complaint.open': open?.complaints, 'fault.closed': legacy.faults, 'fault.open': open?.faults,
    });
    const cursor = await new SyncStateRepository(hub.db).get(CS1000_FINISHED_STREAM);
    expect(cursor?.cursor).toEqual({ lastTime: firstRunAt.toISOString() });
  });

  it('a ticket open, then finished in the legacy, ends as ONE closed ticket — even when it was reported long before the cursor', async () => {
    // The oldest open fault and complaint of the view's customers: reported before the cursor's window.
    const [fault] = await cs<{ id: string; acc: string; start: string; vip: string }>(
      `SELECT id::text, "ACCNBR" AS acc, to_char("STARTTIME", 'YYYY-MM-DD HH24:MI:SS') AS start, "VIP" AS vip
         FROM cs_fault WHERE "FINISHTIME" IS NULL AND "VIP" = ANY($1) ORDER BY "STARTTIME" LIMIT 1`, [vips]);
    const [complaint] = await cs<{ id: string; who: string; start: string; vip: string }>(
      `SELECT id::text, "USERNAME" AS who, "VIP" AS vip, to_char("STARTTIME", 'YYYY-MM-DD HH24:MI:SS') AS start
         FROM cs_complaint WHERE "FINISHTIME" IS NULL AND "VIP" = ANY($1) ORDER BY "STARTTIME" LIMIT 1`, [vips]);
    if (!fault || !complaint) throw new Error('the tiny province has no open fault or complaint of a customer');
    const ofFault = () => view<{ ticket_key: string; state: string; finished_at: Date | null; satisfaction: string | null }>(
      `SELECT ticket_key, state, finished_at, satisfaction FROM hub.trouble_ticket
        WHERE kind = 'fault' AND service_number = $1 AND to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') = $2`,
      [fault.acc, fault.start]);
    const ofComplaint = () => view<{ ticket_key: string; state: string }>(
      `SELECT ticket_key, state FROM hub.trouble_ticket
        WHERE kind = 'complaint' AND complainant_name = $1 AND to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') = $2`,
      [complaint.who, complaint.start]);
    const openFault = await ofFault();
    expect(openFault).toMatchObject([{ state: 'open' }]);
    expect(await ofComplaint()).toMatchObject([{ state: 'open' }]);
    const before = await viewCounts();

    await sim.db.cs1000.query(`UPDATE cs_fault SET "FINISHTIME" = "STARTTIME" + interval '3 hours', "SATISFACTION" = '满意' WHERE id = $1`, [fault.id]);
    await sim.db.cs1000.query(`UPDATE cs_complaint SET "FINISHTIME" = "STARTTIME" + interval '1 day', "SATISFACTION" = '基本满意' WHERE id = $1`, [complaint.id]);

    // Gone from the open lists: kept open (no finish time to give it), counted as vanished.
    const sweep = await runOpenTicketSweep(hub.cs1000, hub.db, { runId: 'open-2' });
    expect(sweep.vanished).toBe(2);
    expect(await ofFault()).toMatchObject([{ state: 'open' }]);

    const secondRunAt = new Date(firstRunAt.getTime() + 60_000);
    const counts = await runFinishedTicketSync(hub.cs1000, hub.db, { runId: 'finished-2', now: () => secondRunAt });
    console.log('second finished read', JSON.stringify(counts));
    expect(counts.extended).toBeGreaterThanOrEqual(1);
    expect(counts.closedOpen).toBe(2);
    const closedFault = await ofFault();
    expect(closedFault).toEqual([{ ticket_key: openFault[0]?.ticket_key, state: 'closed', finished_at: expect.any(Date), satisfaction: '满意' }]);
    expect(await ofComplaint()).toMatchObject([{ state: 'closed' }]);
    // The window of a VIP with a vanished ticket reached back to it: that VIP's older completed
    // tickets came in too. Every completed ticket the windows cover is there, and each exactly once.
    const earlier: Record<string, string> = { [fault.vip]: fault.start };
    earlier[complaint.vip] = earlier[complaint.vip] !== undefined && earlier[complaint.vip]! < complaint.start ? earlier[complaint.vip]! : complaint.start;
    const legacy = await legacyFinished(new Date(firstRunAt.getTime() - 400 * DAY), secondRunAt, earlier);
    expect(await viewCounts()).toEqual({
      'fault.open': (before['fault.open'] ?? 0) - 1, 'fault.closed': legacy.faults,
      'complaint.open': (before['complaint.open'] ?? 0) - 1, 'complaint.closed': legacy.complaints,
    });
    const twice = await view(
      `SELECT kind, coalesce(service_number, complainant_name), reported_at FROM hub.trouble_ticket GROUP BY 1, 2, 3 HAVING count(*) > 1`);
    expect(twice).toEqual([]);
    const again = await runOpenTicketSweep(hub.cs1000, hub.db, { runId: 'open-3' });
    expect(again.vanished).toBe(0);
  });
});

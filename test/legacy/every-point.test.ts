// Every interface point of the catalogue, called through the hub's own ports and transports against
// the running simulator (SQL over a database connection, SOAP over HTTP): every row that comes back
// must satisfy its contract, and every write must be visible to a later read.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interfacePoints } from '../../contracts/registry.ts';
import { startSimulator, type SimulatorHandle } from '../../simulator/index.ts';
import type { CheckedRow } from '../../adapters/shared/point-caller.ts';
import { connectLegacy, type LegacySystems } from '../../src/legacy/legacy-systems.ts';

let sim: SimulatorHandle;
let legacy: LegacySystems;
let vip: string;
let orderNumber: string;
let cycle: number;
let serviceNumber: string;
let accountNumber: string;
const called = new Set<string>();

function allValid<T>(pointId: string, rows: readonly CheckedRow<T>[]): T[] {
  called.add(pointId);
  const bad = rows.filter((r) => !r.ok);
  expect(bad, `${pointId}: rows breaking the contract`).toEqual([]);
  return rows.map((r) => (r as { row: T }).row);
}

async function collect<T>(pointId: string, batches: AsyncIterable<CheckedRow<T>[]>): Promise<T[]> {
  const all: CheckedRow<T>[] = [];
  for await (const b of batches) all.push(...b);
  return allValid(pointId, all);
}

beforeAll(async () => {
  sim = await startSimulator({ size: 'tiny', preparationMs: 100 });
  legacy = await connectLegacy({ kind: 'postgres', sys97Url: sim.sys97.url, billingUrl: sim.billing.url, cs1000WsdlUrl: sim.cs1000.wsdlUrl });
  const { rows } = await sim.db.sys97.query<{ vip: string; so: string; acc: string; acct: string }>(
    `SELECT c."DKH_CARDID" AS vip, o."SO_NBR" AS so, s."ACC_CODE" AS acc, s."ACCT_NBR" AS acct
       FROM SO_ORDER o JOIN DKH_SERVICE s ON s."ACC_CODE" = o."SERV_NBR" JOIN DKH_CUSTOMER c ON c."DKH_ID" = s."DKH_ID"
      WHERE NOT o.finished LIMIT 1`,
  );
  const first = rows[0];
  if (!first) throw new Error('the tiny province has no open work order');
  ({ vip, so: orderNumber, acc: serviceNumber, acct: accountNumber } = first);
  const cycles = await sim.db.billing.query<{ c: string }>('SELECT max("CALLTIME")::text AS c FROM bill_fee');
  cycle = Number(cycles.rows[0]?.c);
});

afterAll(async () => {
  await legacy?.close();
  await sim?.stop();
});

describe('every interface point against the simulator, through the hub transports', () => {
  it('97 system: 97-1 … 97-9 answer rows inside their contracts', async () => {
    const changed = allValid('97-1', await legacy.sys97.VIP97_GET_CHANGE(new Date('2000-01-01T00:00:00Z')));
    expect(changed.map((r) => r.DKH_CARDID)).toContain(vip);
    expect(allValid('97-2', await legacy.sys97.VIP_GET_DKHINFO(vip))).toHaveLength(1);
    expect(allValid('97-3', await legacy.sys97.VIP_GET_PAYINFO(vip)).length).toBeGreaterThan(0);
    expect(allValid('97-4', await legacy.sys97.VIP_GET_SERVERS(vip)).map((s) => s.ACC_CODE)).toContain(serviceNumber);
    expect(allValid('97-5', await legacy.sys97.VIP_GET_SOS()).map((o) => o.SO_NBR)).toContain(orderNumber);
    expect(allValid('97-6', await legacy.sys97.VIP_GET_SOINFO(orderNumber)).length).toBeGreaterThan(0);
    expect((await collect('97-7', legacy.sys97.VIP97_SO_PROCESS())).length).toBeGreaterThan(0);
    allValid('97-8', await legacy.sys97.VIP97_GET_ONCE_FEE(vip));
    expect(allValid('97-9', await legacy.sys97.VIP97_GET_PRODUCT()).length).toBeGreaterThan(0);
  });

  it('billing: request → ready → interface tables, fee procedures and payment status', async () => {
    called.add('JF-1');
    expect(await legacy.billing.VIPJF_SET_REQUEST(cycle)).toBe(true);
    called.add('JF-2');
    let ready = false;
    for (let i = 0; i < 100 && !ready; i += 1) {
      ready = await legacy.billing.VIPJF_GET_REQUEST_READY(cycle);
      if (!ready) await new Promise((r) => setTimeout(r, 50));
    }
    expect(ready).toBe(true);
    expect((await collect('JF-3', legacy.billing.AREA())).length).toBeGreaterThan(0);
    expect((await collect('JF-4', legacy.billing.ITEM())).length).toBeGreaterThan(0);
    const fees = await collect('JF-5', legacy.billing.VIP_FEE(cycle));
    expect(fees.length).toBeGreaterThan(0);
    expect(fees.every((f) => f.CallTime === cycle)).toBe(true);
    await collect('JF-6', legacy.billing.PRIVATE_NET());
    expect((await collect('JF-7', legacy.billing.CALL_LIST(cycle))).length).toBeGreaterThan(0);
    expect((await collect('JF-8', legacy.billing.TOP1000_FEE(cycle))).length).toBeGreaterThan(0);
    expect(allValid('JF-9', await legacy.billing.VIPJF_GET_FEE_BY_ACCNBR(serviceNumber, cycle, cycle)).length).toBeGreaterThan(0);
    const byContract = allValid('JF-10', await legacy.billing.VIPJF_GET_FEE_BY_CONTRACTNO(accountNumber.slice(0, 10), cycle - 10000, cycle));
    expect(byContract.every((r) => r.ConTractNo === accountNumber.slice(0, 10))).toBe(true);
    const named = fees[0]?.VIP ? allValid('JF-11', await legacy.billing.VIPJF_GET_FEE_BY_USERNAME('公司', cycle)) : [];
    expect(named.length).toBeGreaterThan(0);
    called.add('JF-12');
    const paid = await legacy.billing.VIPJF_GET_QF(accountNumber, cycle);
    expect(paid === null || (paid >= 20000101 && paid <= 20991231)).toBe(true);
  });

  it('1000 service: completed and open faults and complaints', async () => {
    const from = new Date('2000-01-01T00:00:00Z');
    const to = new Date(Date.now() + 86_400_000);
    const { rows } = await sim.db.cs1000.query<{ vip: string }>(`SELECT "VIP" AS vip FROM cs_fault WHERE "FINISHTIME" IS NOT NULL LIMIT 1`);
    const faultVip = rows[0]?.vip ?? vip;
    expect(allValid('CS-1', await legacy.cs1000.VIP1000_GET_112(faultVip, from, to)).length).toBeGreaterThan(0);
    const c = await sim.db.cs1000.query<{ vip: string }>(`SELECT "VIP" AS vip FROM cs_complaint WHERE "FINISHTIME" IS NOT NULL LIMIT 1`);
    expect(allValid('CS-2', await legacy.cs1000.VIP1000_GET_180(c.rows[0]?.vip ?? vip, from, to)).length).toBeGreaterThan(0);
    expect(allValid('CS-3', await legacy.cs1000.VIP1000_GET_112_SO()).length).toBeGreaterThan(0);
    expect(allValid('CS-4', await legacy.cs1000.VIP1000_GET_180_SO()).length).toBeGreaterThan(0);
  });

  it('writes: VIP_SET_VIP, VIPJF_SET_VIP and VIP1000_SET_VIP are recorded and seen by later reads', async () => {
    called.add('97-10').add('JF-13').add('CS-5');
    expect(await legacy.sys97.VIP_SET_VIP(serviceNumber, vip, 'AAA')).toBe(true);
    expect(await legacy.billing.VIPJF_SET_VIP(serviceNumber, vip, 'DP-2026')).toBe(true);
    expect(await legacy.cs1000.VIP1000_SET_VIP(serviceNumber, vip, 'AAA')).toBe(true);
    const writes = await (await fetch(`${sim.adminUrl}/writes`)).json() as unknown[];
    expect(JSON.stringify(writes)).toContain(serviceNumber);
    const level = await sim.db.sys97.query<{ l: string }>(`SELECT serv_level AS l FROM DKH_SERVICE WHERE "ACC_CODE" = $1`, [serviceNumber]);
    expect(level.rows[0]?.l).toBe('AAA');
  });

  it('left no interface point of the catalogue uncalled', () => {
    const all = interfacePoints().map((p) => p.id);
    expect(all).toHaveLength(28);
    expect(all.filter((id) => !called.has(id))).toEqual([]);
  });
});

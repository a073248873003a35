// The whole simulator on a generated 'tiny' province, as `npm run sim` starts it: every system answers
// from generated rows through the URLs of the handle, and stop() releases everything.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startSimulator, type SimulatorHandle } from './index.ts';
import { callCursor, callScalar, connect, modes } from './test-fixture.ts';

describe.each(await modes('province'))('simulator on a generated tiny province ($name)', (mode) => {
  let sim: SimulatorHandle;
  let sys97: pg.Client;
  let billing: pg.Client;

  beforeAll(async () => {
    sim = await startSimulator({ size: 'tiny', seed: 7, preparationMs: 0, ...mode });
    sys97 = await connect(sim.sys97.url);
    billing = await connect(sim.billing.url);
  });
  afterAll(async () => {
    await sys97?.end();
    await billing?.end();
    await sim?.stop();
  });

  it('the 97 procedures answer a generated customer', async () => {
    const { rows } = await sim.db.sys97.query<{ vip: string; so: string | null }>(
      `SELECT c."DKH_CARDID" AS vip,
              (SELECT o."SO_NBR" FROM SO_ORDER o JOIN SO_STEP s USING ("SO_NBR") WHERE o."VIP" = c."DKH_ID" LIMIT 1) AS so
         FROM DKH_CUSTOMER c
        WHERE EXISTS (SELECT 1 FROM DKH_SERVICE s WHERE s."DKH_ID" = c."DKH_ID")
        ORDER BY (SELECT count(*) FROM SO_ORDER o WHERE o."VIP" = c."DKH_ID") DESC
        LIMIT 1`);
    const vip = rows[0]?.vip as string;
    expect(vip).toMatch(/^\d{10}$/);
    expect((await callCursor(sys97, 'CALL VIP_GET_DKHINFO($1, NULL)', [vip], 100)).rows).toHaveLength(1);
    expect((await callCursor(sys97, 'CALL VIP_GET_PAYINFO($1, NULL)', [vip], 100)).rows.length).toBeGreaterThan(0);
    expect((await callCursor(sys97, 'CALL VIP_GET_SERVERS($1, NULL)', [vip], 100)).rows.length).toBeGreaterThan(0);
    expect((await callCursor(sys97, 'CALL VIP97_GET_PRODUCT(NULL)', [], 100)).rows.length).toBeGreaterThan(0);
    expect((await callCursor(sys97, 'CALL VIP97_GET_CHANGE($1, NULL)', ['2000-01-01 00:00:00'], 500)).rows.length)
      .toBeGreaterThan(0);
    if (rows[0]?.so != null) {
      expect((await callCursor(sys97, 'CALL VIP_GET_SOINFO($1, NULL)', [rows[0].so], 100)).rows.length).toBeGreaterThan(0);
    }
  });

  it('billing serves a generated cycle through request, ready and the interface views', async () => {
    const { rows } = await sim.db.billing.query<{ cycle: string; equipment: string; contract: string }>(
      `SELECT "CALLTIME" AS cycle, "EQUIPMENTNBR" AS equipment, "CONTRACTNO" AS contract
         FROM bill_fee ORDER BY "CALLTIME" DESC, "EQUIPMENTNBR" LIMIT 1`);
    const { cycle, equipment, contract } = rows[0] as { cycle: string; equipment: string; contract: string };
    expect(await callScalar(billing, 'CALL VIPJF_SET_REQUEST($1, NULL)', [cycle])).toBe(1);
    expect(await callScalar(billing, 'CALL VIPJF_GET_REQUEST_READY($1, NULL)', [cycle])).toBe(1);
    const fee = await billing.query('SELECT * FROM VIP_FEE WHERE "CALLTIME" = $1', [cycle]);
    expect(fee.rows.length).toBeGreaterThan(0);
    expect((await billing.query('SELECT * FROM AREA')).rows.length).toBeGreaterThan(0);
    expect((await callCursor(billing, 'CALL VIPJF_GET_FEE_BY_ACCNBR($1, $2, $3, NULL)', [equipment, cycle, cycle], 100))
      .rows.length).toBeGreaterThan(0);
    expect((await callCursor(billing, 'CALL VIPJF_GET_FEE_BY_CONTRACTNO($1, $2, $3, NULL)', [contract, cycle, cycle], 100))
      .rows.length).toBeGreaterThan(0);
    const paid = await callScalar(billing, 'CALL VIPJF_GET_QF($1, $2, NULL)', [contract, cycle]);
    expect(paid === -1 || /^20\d{6}$/.test(String(paid))).toBe(true);
  });

  it('the 1000 service serves its WSDL', async () => {
    const wsdl = await fetch(sim.cs1000.wsdlUrl);
    expect(wsdl.status).toBe(200);
    expect(await wsdl.text()).toContain('VIP1000_GET_112');
  });
});

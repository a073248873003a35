// The 97 and billing procedures as the hub meets them: through the simulator's postgres:// URLs with
// node-postgres, legacy names, parameters and columns checked against contracts/legacy/.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startSimulator, type SimulatorHandle } from '../index.ts';
import { callCursor, callScalar, connect, modes, seed } from '../test-fixture.ts';

interface Contract {
  $defs: { input?: { properties?: Record<string, unknown> }; row?: { properties: Record<string, unknown> } };
}

function contract(path: string): Contract {
  return JSON.parse(readFileSync(new URL(`../../contracts/legacy/${path}.schema.json`, import.meta.url), 'utf8')) as Contract;
}

/** The contract's row columns as Oracle would name them (unquoted identifiers fold to upper case). */
function legacyColumns(path: string): string[] {
  return Object.keys(contract(path).$defs.row?.properties ?? {}).map((c) => c.toUpperCase());
}

const CURSORS: Array<[path: string, call: string, params: unknown[]]> = [
  ['sys97/VIP97_GET_CHANGE', 'CALL VIP97_GET_CHANGE($1, NULL)', ['2000-01-01 00:00:00']],
  ['sys97/VIP_GET_DKHINFO', 'CALL VIP_GET_DKHINFO($1, NULL)', ['1203100001']],
  ['sys97/VIP_GET_PAYINFO', 'CALL VIP_GET_PAYINFO($1, NULL)', ['1203100001']],
  ['sys97/VIP_GET_SERVERS', 'CALL VIP_GET_SERVERS($1, NULL)', ['1203100001']],
  ['sys97/VIP_GET_SOS', 'CALL VIP_GET_SOS(NULL)', []],
  ['sys97/VIP_GET_SOINFO', 'CALL VIP_GET_SOINFO($1, NULL)', ['SO20260001']],
  ['sys97/VIP97_ONCE_FEE', 'CALL VIP97_GET_ONCE_FEE($1, NULL)', ['1203100001']],
  ['sys97/VIP97_GET_PRODUCT', 'CALL VIP97_GET_PRODUCT(NULL)', []],
  ['billing/VIPJF_GET_FEE_BY_ACCNBR', 'CALL VIPJF_GET_FEE_BY_ACCNBR($1, $2, $3, NULL)', ['08713100001', 20260101, 20260201]],
  ['billing/VIPJF_GET_FEE_BY_CONTRACTNO', 'CALL VIPJF_GET_FEE_BY_CONTRACTNO($1, $2, $3, NULL)', ['HT0000001', 20260101, 20260101]],
  ['billing/VIPJF_GET_FEE_BY_USERNAME', 'CALL VIPJF_GET_FEE_BY_USERNAME($1, $2, NULL)', ['工行', 20260101]],
];

const PROCEDURES: Array<[path: string, name: string, out: 'p_cur' | 'p_result']> = [
  ...CURSORS.map(([path, call]) => [path, /CALL (\w+)/.exec(call)?.[1] ?? '', 'p_cur'] as [string, string, 'p_cur']),
  ['sys97/VIP_SET_VIP', 'VIP_SET_VIP', 'p_result'],
  ['billing/VIPJF_SET_REQUEST', 'VIPJF_SET_REQUEST', 'p_result'],
  ['billing/VIPJF_GET_REQUEST_READY', 'VIPJF_GET_REQUEST_READY', 'p_result'],
  ['billing/VIPJF_GET_QF', 'VIPJF_GET_QF', 'p_result'],
  ['billing/VIPJF_SET_VIP', 'VIPJF_SET_VIP', 'p_result'],
];

describe.each(await modes('procedures'))('legacy procedures over pg ($name)', (mode) => {
  let sim: SimulatorHandle;
  let sys97: pg.Client;
  let billing: pg.Client;

  beforeAll(async () => {
    sim = await startSimulator({ generate: false, fresh: true, preparationMs: 300, ...mode });
    await seed(sim);
    sys97 = await connect(sim.sys97.url);
    billing = await connect(sim.billing.url);
  });
  afterAll(async () => {
    await sys97?.end();
    await billing?.end();
    await sim?.stop();
  });

  const clientOf = (path: string): pg.Client => (path.startsWith('sys97/') ? sys97 : billing);

  it.each(PROCEDURES)('%s: legacy parameter names, IN then one OUT', async (path, name, out) => {
    const { rows } = await clientOf(path).query<{ names: string[] }>(
      `SELECT proargnames AS names FROM pg_proc WHERE proname = lower($1) AND prokind = 'p'`, [name]);
    expect(rows).toHaveLength(1);
    const inputs = Object.keys(contract(path).$defs.input?.properties ?? {});
    expect(rows[0]?.names).toEqual([...inputs, out]);
  });

  it.each(CURSORS)('%s answers the legacy columns, upper case', async (path, call, params) => {
    const answer = await callCursor(clientOf(path), call, params);
    expect(answer.columns).toEqual(legacyColumns(path));
    expect(answer.rows.length).toBeGreaterThan(0);
  });

  it('answers the interface tables with the legacy columns', async () => {
    for (const [path, table] of [['billing/AREA', 'AREA'], ['billing/ITEM', 'ITEM'], ['billing/PRIVATE_NET', 'PRIVATE_NET']]) {
      const { fields } = await billing.query(`SELECT * FROM ${table}`);
      expect(fields.map((f) => f.name)).toEqual(legacyColumns(path as string));
    }
    const { fields } = await sys97.query('SELECT * FROM VIP97_SO_PROCESS');
    expect(fields.map((f) => f.name)).toEqual(legacyColumns('sys97/VIP97_SO_PROCESS'));
  });

  it('VIP_GET_SOS lists open orders only; VIP_GET_SOINFO gives the steps in order', async () => {
    const sos = await callCursor(sys97, 'CALL VIP_GET_SOS(NULL)');
    expect(sos.rows.map((r) => r.SO_NBR)).toEqual(['SO20260001', 'SO20260002']);
    const steps = await callCursor(sys97, 'CALL VIP_GET_SOINFO($1, NULL)', ['SO20260001']);
    expect(steps.rows.map((r) => r.WORK_AREA)).toEqual(['受理', '外线施工']);
    expect((await callCursor(sys97, 'CALL VIP_GET_DKHINFO($1, NULL)', ['9999999999'])).rows).toEqual([]);
  });

  it('VIP97_GET_CHANGE answers each changed VIP once, only changes after p_last_time (Shanghai time)', async () => {
    const all = await callCursor(sys97, 'CALL VIP97_GET_CHANGE($1, NULL)', ['2024-01-01 00:00:00']);
    expect(all.rows.map((r) => r.DKH_CARDID)).toEqual(['1203100001', '2205100002']);
    const later = await callCursor(sys97, 'CALL VIP97_GET_CHANGE($1, NULL)', ['2024-01-02 10:00:00']);
    expect(later.rows.map((r) => r.DKH_CARDID)).toEqual(['1203100001']);
  });

  it('VIP_SET_VIP writes are logged, visible to later reads and to VIP97_GET_CHANGE', async () => {
    const before = new Date(Date.now() - 1000);
    const since = before.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect(await callScalar(sys97, 'CALL VIP_SET_VIP($1, $2, $3, NULL)', ['08713100002', '1303100001', 'AAA'])).toBe(1);
    expect((await callCursor(sys97, 'CALL VIP_GET_DKHINFO($1, NULL)', ['1203100001'])).rows).toEqual([]);
    const info = await callCursor(sys97, 'CALL VIP_GET_DKHINFO($1, NULL)', ['1303100001']);
    expect(info.rows[0]?.DKHNAME).toBe('工行昆明分行');
    expect((await callCursor(sys97, 'CALL VIP97_GET_ONCE_FEE($1, NULL)', ['1303100001'])).rows).toHaveLength(2);
    const changed = await callCursor(sys97, 'CALL VIP97_GET_CHANGE($1, NULL)', [since]);
    expect(changed.rows.map((r) => r.DKH_CARDID)).toEqual(['1303100001']);
    const { rows: level } = await sim.db.sys97.query<{ serv_level: string }>(
      `SELECT serv_level FROM DKH_SERVICE WHERE "ACC_CODE" = '08713100002'`);
    expect(level[0]?.serv_level).toBe('AAA');
    // Refused: unknown number; a VIP number that belongs to another customer.
    expect(await callScalar(sys97, 'CALL VIP_SET_VIP($1, $2, $3, NULL)', ['00000000000', '1303100001', 'A'])).toBe(0);
    expect(await callScalar(sys97, 'CALL VIP_SET_VIP($1, $2, $3, NULL)', ['08775100003', '1303100001', 'A'])).toBe(0);
    await expect(callScalar(sys97, 'CALL VIP_SET_VIP($1, $2, $3, NULL)', ['08775100003', '2205100002', 'TOO-LONG-LEVEL']))
      .rejects.toThrow(/^ORA-12899/);
    const { rows: log } = await sim.db.sys97.query<{ args: { p_vip: string }; result: string }>(
      `SELECT args, result FROM sim_write_log ORDER BY id`);
    expect(log.map((l) => [l.args.p_vip, l.result])).toEqual([['1303100001', '1'], ['1303100001', '0'], ['1303100001', '0']]);
  });

  it('billing: request → not ready → ready after the preparation time → rows visible', async () => {
    expect((await billing.query('SELECT * FROM VIP_FEE WHERE "CALLTIME" = $1', [20260201])).rows).toEqual([]);
    expect(await callScalar(billing, 'CALL VIPJF_SET_REQUEST($1, NULL)', [20260201])).toBe(1);
    expect(await callScalar(billing, 'CALL VIPJF_SET_REQUEST($1, NULL)', [19990101])).toBe(0);
    expect(await callScalar(billing, 'CALL VIPJF_GET_REQUEST_READY($1, NULL)', [20260201])).toBe(0);
    expect((await billing.query('SELECT * FROM VIP_FEE WHERE "CALLTIME" = $1', [20260201])).rows).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await callScalar(billing, 'CALL VIPJF_GET_REQUEST_READY($1, NULL)', [20260201])).toBe(1);
    const fee = await billing.query('SELECT * FROM VIP_FEE WHERE "CALLTIME" = $1', [20260201]);
    expect(fee.rows).toHaveLength(1);
    expect(fee.fields.map((f) => f.name)).toEqual(legacyColumns('billing/VIP_FEE'));
    // Other cycles stay hidden until requested.
    expect((await billing.query('SELECT * FROM VIP_FEE WHERE "CALLTIME" = $1', [20260101])).rows).toEqual([]);
  });

  it('billing: CALL_LIST and TOP1000_FEE show ready cycles with the legacy columns', async () => {
    await sim.setPreparationMs(0);
    expect(await callScalar(billing, 'CALL VIPJF_SET_REQUEST($1, NULL)', [20260101])).toBe(1);
    const calls = await billing.query('SELECT * FROM CALL_LIST WHERE "CALLTIME" = $1', [20260101]);
    expect(calls.fields.map((f) => f.name)).toEqual(legacyColumns('billing/CALL_LIST'));
    expect(calls.rows).toHaveLength(2);
    const top = await billing.query('SELECT * FROM TOP1000_FEE WHERE "CALLTIME" = $1', [20260101]);
    expect(top.fields.map((f) => f.name)).toEqual(legacyColumns('billing/TOP1000_FEE'));
    expect(top.rows.map((r: Record<string, unknown>) => r.CONTRACTNO)).toEqual(expect.arrayContaining(['HT9000001', 'HT9000002']));
  });

  it('VIPJF_GET_FEE_BY_USERNAME matches user names and payer names', async () => {
    const found = await callCursor(billing, 'CALL VIPJF_GET_FEE_BY_USERNAME($1, $2, NULL)', ['工行', 20260101]);
    // 08713100001: payer 昆明工行; 08713100002: user 工行机房; 08775100003 has neither.
    expect(found.rows.map((r) => [r.EQUIPMENTNBR, r.ITEM])).toEqual([
      ['08713100001', '01'], ['08713100001', '02'], ['08713100002', '01'],
    ]);
    expect((await callCursor(billing, 'CALL VIPJF_GET_FEE_BY_USERNAME($1, $2, NULL)', ['%', 20260101])).rows).toEqual([]);
  });

  it('VIPJF_GET_FEE_BY_ACCNBR / _BY_CONTRACTNO keep to the cycle range', async () => {
    const byNumber = await callCursor(billing, 'CALL VIPJF_GET_FEE_BY_ACCNBR($1, $2, $3, NULL)', ['08713100001', 20260101, 20260201]);
    expect(byNumber.rows.map((r) => Number(r.CALLTIME))).toEqual([20260101, 20260101, 20260201]);
    const byContract = await callCursor(billing, 'CALL VIPJF_GET_FEE_BY_CONTRACTNO($1, $2, $3, NULL)', ['HT0000001', 20260201, 20260301]);
    expect(byContract.rows.map((r) => Number(r.CALLTIME))).toEqual([20260201, 20260301]);
  });

  it('VIPJF_GET_QF answers the paid date, or -1 while unpaid', async () => {
    expect(await callScalar(billing, 'CALL VIPJF_GET_QF($1, $2, NULL)', ['HT0000001', 20260101])).toBe(20260115);
    expect(await callScalar(billing, 'CALL VIPJF_GET_QF($1, $2, NULL)', ['HT0000002', 20260101])).toBe(-1);
    expect(await callScalar(billing, 'CALL VIPJF_GET_QF($1, $2, NULL)', ['HT0000001', 20260201])).toBe(-1);
    await sim.mutate.payment('HT0000002', 20260101, 20260120);
    expect(await callScalar(billing, 'CALL VIPJF_GET_QF($1, $2, NULL)', ['HT0000002', 20260101])).toBe(20260120);
  });

  it('VIPJF_SET_VIP is recorded and visible in later reads', async () => {
    expect(await callScalar(billing, 'CALL VIPJF_SET_VIP($1, $2, $3, NULL)', ['08775100003', '2405100002', '商务八折'])).toBe(1);
    expect(await callScalar(billing, 'CALL VIPJF_SET_VIP($1, $2, $3, NULL)', ['00000000000', '2405100002', 'X'])).toBe(0);
    const fee = await billing.query(`SELECT "VIP" FROM VIP_FEE WHERE "CALLTIME" = 20260101 AND "EQUIPMENTNBR" = '08775100003'`);
    expect(fee.rows).toEqual([{ VIP: '2405100002' }]);
    const { rows } = await sim.db.billing.query<{ discount_plan: string }>(`SELECT discount_plan FROM bill_vip`);
    expect(rows).toEqual([{ discount_plan: '商务八折' }]);
    const writes = (await (await fetch(`${sim.adminUrl}/writes`)).json()) as Array<{ procedure: string; result: string }>;
    expect(writes.filter((w) => w.procedure === 'VIPJF_SET_VIP').map((w) => w.result)).toEqual(['1', '0']);
  });

  it('mutate helpers change legacy rows and log the change for VIP97_GET_CHANGE', async () => {
    const since = new Date(Date.now() - 1000).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await sim.mutate.account('HT0000002', { PAYNAME: '云南白药集团财务部' });
    const pay = await callCursor(sys97, 'CALL VIP_GET_PAYINFO($1, NULL)', ['2205100002']);
    expect(pay.rows[0]?.PAYNAME).toBe('云南白药集团财务部');
    expect((await callCursor(sys97, 'CALL VIP97_GET_CHANGE($1, NULL)', [since])).rows.map((r) => r.DKH_CARDID))
      .toContain('2205100002');
    await sim.mutate.finishWorkOrder('SO20260002');
    expect((await callCursor(sys97, 'CALL VIP_GET_SOS(NULL)')).rows.map((r) => r.SO_NBR)).toEqual(['SO20260001']);
  });
});

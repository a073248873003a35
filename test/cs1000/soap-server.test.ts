// The 1000 service seen by node-soap, the client the hub's adapter will use: a client built from
// the served ?wsdl calls all five operations against seeded PGlite tables.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as soap from 'soap';
import { FaultRegistry } from '../../simulator/faults/fault-config.ts';
import type { SqlRunner } from '../../simulator/sql-runner.ts';
import { startSoapServer, type SoapServerHandle } from '../../simulator/soap/index.ts';
import { createCs1000Db } from './support/pglite-runner.ts';
import { JANUARY, VIP_A, VIP_B, seedCs1000 } from './support/seed.ts';

let db: SqlRunner;
let server: SoapServerHandle;
let client: soap.Client;

beforeAll(async () => {
  db = await createCs1000Db();
  server = await startSoapServer({ db, faults: new FaultRegistry() });
  client = await soap.createClientAsync(server.wsdlUrl);
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

beforeEach(() => seedCs1000(db));

async function call(operation: string, args: object): Promise<Record<string, unknown>> {
  const method = client[`${operation}Async`] as (a: object) => Promise<[Record<string, unknown>]>;
  const [result] = await method.call(client, args);
  return result;
}

describe('served WSDL', () => {
  it('names the five legacy operations and points its soap:address at this server', async () => {
    const response = await fetch(server.wsdlUrl);
    const xml = await response.text();
    expect(response.status).toBe(200);
    expect(xml).toContain(`location="${server.url}"`);
    const ops = Object.keys(client.describe().VIP1000Service.VIP1000Port).sort();
    expect(ops).toEqual(['VIP1000_GET_112', 'VIP1000_GET_112_SO', 'VIP1000_GET_180', 'VIP1000_GET_180_SO', 'VIP1000_SET_VIP']);
  });
});

describe('reads', () => {
  it('VIP1000_GET_112: completed faults of the VIP in [StartTime, EndTime), Chinese intact, NULLs absent', async () => {
    const result = await call('VIP1000_GET_112', { VIP: VIP_A, ...JANUARY });
    expect(result).toEqual({
      Rows: {
        Row: [
          { AccNbr: '057188000001', Type: '线路中断', Staff: '王小明', StartTime: '2026-01-05 09:15:00',
            FinishTime: '2026-01-05 13:40:00', Description: '光缆被挖断，已熔接恢复', Satisfaction: '满意' },
          { AccNbr: '057188000002', Type: '网速慢', Staff: '李娜', StartTime: '2026-01-20 14:00:00',
            FinishTime: '2026-01-21 10:00:00' },
        ],
      },
    });
  });

  it('one row still arrives as an array', async () => {
    const result = await call('VIP1000_GET_112', { VIP: VIP_B, ...JANUARY });
    const rows = (result.Rows as { Row: unknown }).Row;
    expect(Array.isArray(rows)).toBe(true);
    expect(rows).toEqual([expect.objectContaining({ AccNbr: '057388000009', Description: '用户话机故障' })]);
  });

  it('no row is an empty Rows wrapper', async () => {
    const result = await call('VIP1000_GET_112', { VIP: '9999999999', ...JANUARY });
    // node-soap reads an empty wrapper as null; the hub's adapter normalises that to [].
    expect(result.Rows ?? null).toBeNull();
  });

  it('VIP1000_GET_180: completed complaints', async () => {
    const result = await call('VIP1000_GET_180', { VIP: VIP_A, ...JANUARY });
    expect(result).toEqual({
      Rows: {
        Row: [
          { UserName: '杭州某某科技有限公司', Type: '服务态度', Staff: '刘芳', StartTime: '2026-01-08 10:00:00',
            FinishTime: '2026-01-09 16:30:00', Description: '装机人员迟到两小时', Satisfaction: '不满意' },
        ],
      },
    });
  });

  it('VIP1000_GET_112_SO: every open fault, no input', async () => {
    const result = await call('VIP1000_GET_112_SO', {});
    expect(result).toEqual({
      Rows: {
        Row: [
          { VIP: VIP_A, AccNbr: '057188000002', Type: '网络中断', Staff: '陈静', StartTime: '2026-01-30 22:10:00',
            Description: '机房断电，抢修中' },
          { VIP: VIP_B, AccNbr: '057388000009', Type: '专线故障', StartTime: '2026-01-31 07:00:00' },
        ],
      },
    });
  });

  it('VIP1000_GET_180_SO: every open complaint, one row as an array', async () => {
    const result = await call('VIP1000_GET_180_SO', {});
    expect(result).toEqual({
      Rows: {
        Row: [
          { VIP: VIP_A, UserName: '杭州某某科技有限公司', Type: '装机延误', Staff: '刘芳', StartTime: '2026-01-29 15:00:00',
            Description: '专线开通超过承诺时限' },
        ],
      },
    });
  });

  it('a time that is not YYYY-MM-DD HH:MM:SS is a soap:Client fault', async () => {
    await expect(call('VIP1000_GET_112', { VIP: VIP_A, StartTime: '2026-01-01', EndTime: JANUARY.EndTime })).rejects.toMatchObject({
      root: { Envelope: { Body: { Fault: { faultcode: 'soap:Client', faultstring: expect.stringMatching(/^CS1000-400: StartTime/) } } } },
    });
    await expect(call('VIP1000_GET_180', { VIP: VIP_A, StartTime: '2026-02-30 00:00:00', EndTime: JANUARY.EndTime })).rejects.toMatchObject({
      root: { Envelope: { Body: { Fault: { faultcode: 'soap:Client' } } } },
    });
  });
});

describe('VIP1000_SET_VIP', () => {
  it('writes cs_vip and sim_write_log, and later reads file the number under the new VIP', async () => {
    const newVip = '1201000001';
    expect(await call('VIP1000_SET_VIP', { AccNbr: '057188000002', VIP: newVip, SERV_LEVEL: '金牌' })).toEqual({ Result: 1 });

    const marks = await db.query(`SELECT "ACCNBR", "VIP", serv_level FROM cs_vip`);
    expect(marks.rows).toEqual([{ ACCNBR: '057188000002', VIP: newVip, serv_level: '金牌' }]);
    const log = await db.query(`SELECT point_id, procedure, args, result FROM sim_write_log`);
    expect(log.rows).toEqual([
      { point_id: 'CS-5', procedure: 'VIP1000_SET_VIP', args: { AccNbr: '057188000002', VIP: newVip, SERV_LEVEL: '金牌' }, result: '1' },
    ]);

    const open = await call('VIP1000_GET_112_SO', {});
    expect((open.Rows as { Row: Array<{ VIP: string }> }).Row[0]).toMatchObject({ AccNbr: '057188000002', VIP: newVip });
    const underNew = await call('VIP1000_GET_112', { VIP: newVip, ...JANUARY });
    expect((underNew.Rows as { Row: Array<{ AccNbr: string }> }).Row.map((r) => r.AccNbr)).toEqual(['057188000002']);
    const underOld = await call('VIP1000_GET_112', { VIP: VIP_A, ...JANUARY });
    expect((underOld.Rows as { Row: Array<{ AccNbr: string }> }).Row.map((r) => r.AccNbr)).toEqual(['057188000001']);
  });

  it('refuses (Result 0) a service level wider than its column, logs the refusal, changes nothing', async () => {
    expect(await call('VIP1000_SET_VIP', { AccNbr: '057188000002', VIP: '1201000001', SERV_LEVEL: 'X'.repeat(11) })).toEqual({ Result: 0 });
    expect((await db.query(`SELECT 1 FROM cs_vip`)).rows).toHaveLength(0);
    expect((await db.query(`SELECT result FROM sim_write_log`)).rows).toEqual([{ result: '0' }]);
  });
});

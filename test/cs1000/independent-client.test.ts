// The served WSDL must be enough for a client that is not node-soap: independent_client.py (Python
// standard library only) discovers the operations from it and calls each one. If the WSDL and the
// server drift apart in a way node-soap tolerates, this is the test that notices.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultRegistry } from '../../simulator/faults/fault-config.ts';
import type { SqlRunner } from '../../simulator/sql-runner.ts';
import { startSoapServer, type SoapServerHandle } from '../../simulator/soap/index.ts';
import { createCs1000Db } from './support/pglite-runner.ts';
import { JANUARY, VIP_A, VIP_B, seedCs1000 } from './support/seed.ts';

const CLIENT = fileURLToPath(new URL('./independent_client.py', import.meta.url));
// Async on purpose: the server answers from this same process, so a blocking spawn would deadlock.
const run = promisify(execFile);

interface Report {
  endpoint: string;
  namespace: string;
  operations: Array<{ name: string; soapAction: string; inputs: string[] }>;
  results: Record<string, { status?: number; response?: Record<string, unknown>; fault?: unknown; error?: string }>;
}

async function independentClient(wsdlUrl: string, args: object, timeout = 10): Promise<Report> {
  const { stdout } = await run('python3', [CLIENT, wsdlUrl, '--args', JSON.stringify(args), '--timeout', String(timeout)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Report;
}

let db: SqlRunner;
let faults: FaultRegistry;
let server: SoapServerHandle;

beforeAll(async () => {
  db = await createCs1000Db();
  await seedCs1000(db);
  faults = new FaultRegistry();
  server = await startSoapServer({ db, faults });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('independent Python client', () => {
  it('discovers the five operations and their inputs from the WSDL and calls each of them', async () => {
    const report = await independentClient(server.wsdlUrl, {
      VIP1000_GET_112: { VIP: VIP_B, ...JANUARY },
      VIP1000_GET_180: { VIP: VIP_A, ...JANUARY },
      VIP1000_SET_VIP: { AccNbr: '057388000009', VIP: '2405000002', SERV_LEVEL: '银牌' },
    });

    expect(report.endpoint).toBe(server.url);
    expect(report.namespace).toBe('urn:bss-hub:legacy:cs1000');
    expect(report.operations).toEqual([
      { name: 'VIP1000_GET_112', soapAction: 'urn:bss-hub:legacy:cs1000#VIP1000_GET_112', inputs: ['VIP', 'StartTime', 'EndTime'] },
      { name: 'VIP1000_GET_180', soapAction: 'urn:bss-hub:legacy:cs1000#VIP1000_GET_180', inputs: ['VIP', 'StartTime', 'EndTime'] },
      { name: 'VIP1000_GET_112_SO', soapAction: 'urn:bss-hub:legacy:cs1000#VIP1000_GET_112_SO', inputs: [] },
      { name: 'VIP1000_GET_180_SO', soapAction: 'urn:bss-hub:legacy:cs1000#VIP1000_GET_180_SO', inputs: [] },
      { name: 'VIP1000_SET_VIP', soapAction: 'urn:bss-hub:legacy:cs1000#VIP1000_SET_VIP', inputs: ['AccNbr', 'VIP', 'SERV_LEVEL'] },
    ]);

    const { results } = report;
    // One row, still a list; Chinese intact through Python's own XML parser.
    expect(results.VIP1000_GET_112).toEqual({
      status: 200,
      response: {
        Rows: {
          Row: [
            { AccNbr: '057388000009', Type: '话音故障', Staff: '赵强', StartTime: '2026-01-10 08:00:00',
              FinishTime: '2026-01-10 09:00:00', Description: '用户话机故障', Satisfaction: '非常满意' },
          ],
        },
      },
    });
    expect(results.VIP1000_GET_180?.response).toEqual({
      Rows: {
        Row: [
          { UserName: '杭州某某科技有限公司', Type: '服务态度', Staff: '刘芳', StartTime: '2026-01-08 10:00:00',
            FinishTime: '2026-01-09 16:30:00', Description: '装机人员迟到两小时', Satisfaction: '不满意' },
        ],
      },
    });
    expect(results.VIP1000_GET_112_SO?.response).toEqual({
      Rows: {
        Row: [
          { VIP: VIP_A, AccNbr: '057188000002', Type: '网络中断', Staff: '陈静', StartTime: '2026-01-30 22:10:00',
            Description: '机房断电，抢修中' },
          { VIP: VIP_B, AccNbr: '057388000009', Type: '专线故障', StartTime: '2026-01-31 07:00:00' },
        ],
      },
    });
    expect(results.VIP1000_GET_180_SO?.response).toEqual({
      Rows: {
        Row: [
          { VIP: VIP_A, UserName: '杭州某某科技有限公司', Type: '装机延误', Staff: '刘芳', StartTime: '2026-01-29 15:00:00',
            Description: '专线开通超过承诺时限' },
        ],
      },
    });
    expect(results.VIP1000_SET_VIP).toEqual({ status: 200, response: { Result: '1' } });
    const marks = await db.query(`SELECT "ACCNBR", "VIP", serv_level FROM cs_vip`);
    expect(marks.rows).toEqual([{ ACCNBR: '057388000009', VIP: '2405000002', serv_level: '银牌' }]);
  });

  it('sees an empty answer as an empty list and an injected failure as a SOAP fault', async () => {
    faults.set('CS-2', { errorRate: 1, errorCode: 'CS1000-BUSY' });
    try {
      const report = await independentClient(server.wsdlUrl, {
        VIP1000_GET_112: { VIP: '9999999999', ...JANUARY },
        VIP1000_GET_180: { VIP: VIP_A, ...JANUARY },
      });
      expect(report.results.VIP1000_GET_112?.response).toEqual({ Rows: { Row: [] } });
      expect(report.results.VIP1000_GET_180).toEqual({
        status: 500,
        fault: { faultcode: 'soap:Server', faultstring: 'CS1000-BUSY: simulated failure of VIP1000_GET_180 (CS-2)' },
      });
    } finally {
      faults.clear('CS-2');
    }
  });
});

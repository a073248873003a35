// The fault knobs of CS-1 … CS-5 change what the 1000 service does on the wire: delay, silence,
// SOAP faults and spoilt rows, each for its own interface point only.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as soap from 'soap';
import { FaultRegistry, type BadRowKind } from '../../simulator/faults/fault-config.ts';
import type { SqlRunner } from '../../simulator/sql-runner.ts';
import { BAD_DATE, REPLACEMENT, mojibake } from '../../simulator/soap/fault-injection.ts';
import { startSoapServer, type SoapServerHandle } from '../../simulator/soap/index.ts';
import { createCs1000Db } from './support/pglite-runner.ts';
import { JANUARY, VIP_A, seedCs1000 } from './support/seed.ts';

type Row = Record<string, string>;

let db: SqlRunner;
let faults: FaultRegistry;
let server: SoapServerHandle;
let client: soap.Client;

beforeAll(async () => {
  db = await createCs1000Db();
  await seedCs1000(db);
  faults = new FaultRegistry();
  server = await startSoapServer({ db, faults });
  client = await soap.createClientAsync(server.wsdlUrl);
});

afterEach(() => faults.clear());

afterAll(async () => {
  await server?.close();
  await db?.close();
});

async function call(operation: string, args: object = {}, options: object = {}): Promise<Record<string, unknown>> {
  const method = client[`${operation}Async`] as (a: object, o: object) => Promise<[Record<string, unknown>]>;
  const [result] = await method.call(client, args, options);
  return result;
}

async function rows(operation: string, args: object = {}): Promise<Row[]> {
  const result = await call(operation, args);
  return (result.Rows as { Row: Row[] }).Row;
}

async function elapsed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

describe('latencyMs', () => {
  it('delays the answer of its own point, not the others', async () => {
    const baseline = await elapsed(() => call('VIP1000_GET_112_SO'));
    faults.set('CS-3', { latencyMs: 600 });
    const delayed = await elapsed(() => call('VIP1000_GET_112_SO'));
    const other = await elapsed(() => call('VIP1000_GET_180_SO'));
    expect(delayed).toBeGreaterThanOrEqual(590);
    expect(delayed - baseline).toBeGreaterThanOrEqual(400);
    expect(delayed).toBeLessThan(10_000);
    expect(other).toBeLessThan(600);
  });
});

describe('hang', () => {
  it('never answers, so the client timeout fires; other points keep answering meanwhile', async () => {
    faults.set('CS-1', { hang: true });
    const hung = call('VIP1000_GET_112', { VIP: VIP_A, ...JANUARY }, { timeout: 500 });
    await expect(rows('VIP1000_GET_180_SO')).resolves.toHaveLength(1);
    await expect(hung).rejects.toThrow(/timeout/i);
  });

  it('stops once cleared', async () => {
    faults.set('CS-1', { hang: true });
    await expect(call('VIP1000_GET_112', { VIP: VIP_A, ...JANUARY }, { timeout: 300 })).rejects.toThrow(/timeout/i);
    faults.clear('CS-1');
    await expect(rows('VIP1000_GET_112', { VIP: VIP_A, ...JANUARY })).resolves.toHaveLength(2);
  });

  it('applies to the write too, which then is not made', async () => {
    faults.set('CS-5', { hang: true });
    const write = call('VIP1000_SET_VIP', { AccNbr: '057188000001', VIP: '1201000001', SERV_LEVEL: 'A' }, { timeout: 300 });
    await expect(write).rejects.toThrow(/timeout/i);
    expect((await db.query(`SELECT 1 FROM cs_vip`)).rows).toHaveLength(0);
  });
});

describe('errorRate', () => {
  it('1 answers every call with a soap:Server fault carrying the configured code', async () => {
    faults.set('CS-2', { errorRate: 1, errorCode: 'CS1000-TIMEOUT' });
    await expect(call('VIP1000_GET_180', { VIP: VIP_A, ...JANUARY })).rejects.toMatchObject({
      response: { status: 500 },
      root: { Envelope: { Body: { Fault: {
        faultcode: 'soap:Server',
        faultstring: 'CS1000-TIMEOUT: simulated failure of VIP1000_GET_180 (CS-2)',
      } } } },
    });
    // Another point is untouched.
    await expect(rows('VIP1000_GET_112', { VIP: VIP_A, ...JANUARY })).resolves.toHaveLength(2);
  });

  it('without errorCode the fault says CS1000-503; the write fails before writing', async () => {
    faults.set('CS-5', { errorRate: 1 });
    await expect(call('VIP1000_SET_VIP', { AccNbr: '057188000001', VIP: '1201000001', SERV_LEVEL: 'A' })).rejects.toMatchObject({
      root: { Envelope: { Body: { Fault: { faultcode: 'soap:Server', faultstring: expect.stringMatching(/^CS1000-503: /) } } } },
    });
    expect((await db.query(`SELECT 1 FROM cs_vip`)).rows).toHaveLength(0);
  });

  it('is a share of calls: a draw below the rate fails, one above does not', async () => {
    let draw = 0.7;
    const fixed = await startSoapServer({ db, faults, random: () => draw });
    try {
      const other = await soap.createClientAsync(fixed.wsdlUrl);
      faults.set('CS-4', { errorRate: 0.5 });
      await expect(other.VIP1000_GET_180_SOAsync({})).resolves.toBeDefined();
      draw = 0.2;
      await expect(other.VIP1000_GET_180_SOAsync({})).rejects.toMatchObject({ response: { status: 500 } });
    } finally {
      await fixed.close();
    }
  });
});

describe('badRows', () => {
  const badRows = (pointId: string, ...kinds: BadRowKind[]) => faults.set(pointId, { badRows: { rate: 1, kinds } });

  it('badDate: a StartTime of the right shape that is no real time', async () => {
    badRows('CS-3', 'badDate');
    const got = await rows('VIP1000_GET_112_SO');
    expect(got.map((r) => r.StartTime)).toEqual([BAD_DATE, BAD_DATE]);
    expect(got.map((r) => r.AccNbr)).toEqual(['057188000002', '057388000009']);
  });

  it('overLength: Staff longer than its 20-character column', async () => {
    badRows('CS-4', 'overLength');
    const [row] = await rows('VIP1000_GET_180_SO');
    expect(row?.Staff?.startsWith('刘芳')).toBe(true);
    expect([...(row?.Staff ?? '')].length).toBeGreaterThan(20);
  });

  it('badEncoding: mojibake and U+FFFD where Chinese text was', async () => {
    badRows('CS-3', 'badEncoding');
    const [first, second] = await rows('VIP1000_GET_112_SO');
    expect(first?.Description).toBe(mojibake('机房断电，抢修中') + REPLACEMENT);
    expect(first?.Description).not.toContain('机房');
    // No Description and no Staff on the second row: the replacement character alone.
    expect(second?.Staff).toBe(REPLACEMENT);
  });

  it('missingRequired: a row without its StartTime', async () => {
    badRows('CS-2', 'missingRequired');
    const [row] = await rows('VIP1000_GET_180', { VIP: VIP_A, ...JANUARY });
    expect(row).not.toHaveProperty('StartTime');
    expect(row).toMatchObject({ UserName: '杭州某某科技有限公司', FinishTime: '2026-01-09 16:30:00' });
  });

  it('duplicateKey: every spoilt row twice', async () => {
    badRows('CS-1', 'duplicateKey');
    const got = await rows('VIP1000_GET_112', { VIP: VIP_A, ...JANUARY });
    expect(got).toHaveLength(4);
    expect(got[0]).toEqual(got[1]);
    expect(got[2]).toEqual(got[3]);
  });

  it('several kinds take turns, and only the configured point is spoilt', async () => {
    badRows('CS-3', 'badDate', 'missingRequired');
    const [first, second] = await rows('VIP1000_GET_112_SO');
    expect(first?.StartTime).toBe(BAD_DATE);
    expect(second).not.toHaveProperty('StartTime');
    const [clean] = await rows('VIP1000_GET_180_SO');
    expect(clean?.StartTime).toBe('2026-01-29 15:00:00');
  });
});

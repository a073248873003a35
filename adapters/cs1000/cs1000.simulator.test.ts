// The adapter against the real peer: the simulator's SOAP server (node-soap) over PGlite tables,
// reached over loopback HTTP exactly as production reaches the 1000 service.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultRegistry } from '../../simulator/faults/fault-config.ts';
import type { SqlRunner } from '../../simulator/sql-runner.ts';
import { startSoapServer, type SoapServerHandle } from '../../simulator/soap/index.ts';
import { createCs1000Db } from '../../test/cs1000/support/pglite-runner.ts';
import { LegacyError, LegacyTimeoutError } from '../transport/errors.ts';
import { createCs1000Adapter, type Cs1000Port } from './cs1000.adapter.ts';
import { recordingPolicy, type RecordingPolicy } from './cs1000.test-support.ts';
import { Cs1000Transport } from './cs1000.transport.ts';

const VIP = '1203000417';
const OTHER_VIP = '2401000099';
const TIMEOUT_MS = 400;
// January 2026 in Shanghai, given as instants: the adapter must send 2026-01-01 00:00:00, not UTC.
const FROM = new Date('2025-12-31T16:00:00Z');
const TO = new Date('2026-01-31T16:00:00Z');

const FAULTS = [
  // id, VIP, ACCNBR, TYPE, STAFF, STARTTIME, FINISHTIME, DESCRIPTION, SATISFACTION
  [11, VIP, '057187650001', '宽带中断', '孙丽', '2026-01-03 08:30:00', '2026-01-03 11:00:00', '分光器故障，已更换', '满意'],
  [12, VIP, '057187650002', null, null, '2026-01-18 19:45:00', '2026-01-19 09:10:00', null, null],
  // The window is half-open: a fault starting at its end belongs to February.
  [13, VIP, '057187650001', '宽带中断', '孙丽', '2026-02-01 00:00:00', '2026-02-01 02:00:00', '二月', '满意'],
  // Just before the window in Shanghai time (would be inside it if the adapter sent UTC).
  [14, VIP, '057187650003', '话音故障', '钱伟', '2025-12-31 23:59:59', '2026-01-01 03:00:00', '跨年故障', '基本满意'],
  [15, OTHER_VIP, '057488880001', '专线故障', '吴刚', '2026-01-09 10:00:00', '2026-01-09 12:00:00', '光模块损坏', '非常满意'],
  [16, VIP, '057187650002', '网络中断', '郑爽', '2026-01-28 07:00:00', null, '核心交换机告警，排查中', null],
  [17, OTHER_VIP, '057488880001', '专线抖动', null, '2026-01-29 16:20:00', null, null, null],
] as const;

const COMPLAINTS = [
  // id, VIP, USERNAME, TYPE, STAFF, STARTTIME, FINISHTIME, DESCRIPTION, SATISFACTION
  [21, VIP, '杭州西湖数据科技有限公司', '计费争议', '冯敏', '2026-01-06 14:00:00', '2026-01-08 10:00:00', '专线月租重复收取', '不满意'],
  [22, OTHER_VIP, '宁波北仑物流集团', '服务态度', '陈晨', '2026-01-12 09:00:00', null, '客户经理未回电', null],
] as const;

let db: SqlRunner;
let faults: FaultRegistry;
let server: SoapServerHandle;
let transport: Cs1000Transport;
let policy: RecordingPolicy;
let cs: Cs1000Port;

beforeAll(async () => {
  db = await createCs1000Db();
  faults = new FaultRegistry();
  // Every draw is 0: a configured rate always fires, so no test depends on luck.
  server = await startSoapServer({ db, faults, random: () => 0 });
  transport = await Cs1000Transport.create({ endpoint: server.url, timeoutMs: TIMEOUT_MS });
});

afterAll(async () => {
  transport?.close();
  await server?.close();
  await db?.close();
});

beforeEach(async () => {
  faults.clear();
  policy = recordingPolicy(3);
  cs = createCs1000Adapter(transport, policy);
  await db.exec('TRUNCATE cs_fault, cs_complaint, cs_vip, sim_write_log');
  const columns = '(id, "VIP", "ACCNBR", "TYPE", "STAFF", "STARTTIME", "FINISHTIME", "DESCRIPTION", "SATISFACTION")';
  for (const row of FAULTS) await db.query(`INSERT INTO cs_fault ${columns} VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, [...row]);
  const complaintColumns = columns.replace('"ACCNBR"', '"USERNAME"');
  for (const row of COMPLAINTS) await db.query(`INSERT INTO cs_complaint ${complaintColumns} VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, [...row]);
});

async function writeLog(): Promise<unknown[]> {
  return (await db.query('SELECT args, result FROM sim_write_log ORDER BY id')).rows;
}

describe('reads', () => {
  it('VIP1000_GET_112: completed faults in the Shanghai window [from, to), Chinese intact, NULL fields absent', async () => {
    await expect(cs.VIP1000_GET_112(VIP, FROM, TO)).resolves.toEqual([
      { ok: true, row: { AccNbr: '057187650001', Type: '宽带中断', Staff: '孙丽', StartTime: '2026-01-03 08:30:00',
        FinishTime: '2026-01-03 11:00:00', Description: '分光器故障，已更换', Satisfaction: '满意' } },
      { ok: true, row: { AccNbr: '057187650002', StartTime: '2026-01-18 19:45:00', FinishTime: '2026-01-19 09:10:00' } },
    ]);
    expect(policy.runs).toEqual([{ kind: 'read', attempts: 1 }]);
  });

  it('a one-row answer is an array of one', async () => {
    const rows = await cs.VIP1000_GET_112(OTHER_VIP, FROM, TO);
    expect(rows).toEqual([{ ok: true, row: expect.objectContaining({ AccNbr: '057488880001', Description: '光模块损坏' }) }]);
  });

  it('no row is [] (node-soap reads the empty Rows as null)', async () => {
    await expect(cs.VIP1000_GET_112('9999999999', FROM, TO)).resolves.toEqual([]);
    await expect(cs.VIP1000_GET_180(VIP, TO, new Date('2026-03-01T00:00:00+08:00'))).resolves.toEqual([]);
  });

  it('VIP1000_GET_180: completed complaints with Chinese names', async () => {
    await expect(cs.VIP1000_GET_180(VIP, FROM, TO)).resolves.toEqual([
      { ok: true, row: { UserName: '杭州西湖数据科技有限公司', Type: '计费争议', Staff: '冯敏', StartTime: '2026-01-06 14:00:00',
        FinishTime: '2026-01-08 10:00:00', Description: '专线月租重复收取', Satisfaction: '不满意' } },
    ]);
  });

  it('VIP1000_GET_112_SO and VIP1000_GET_180_SO: every open ticket', async () => {
    await expect(cs.VIP1000_GET_112_SO()).resolves.toEqual([
      { ok: true, row: { VIP, AccNbr: '057187650002', Type: '网络中断', Staff: '郑爽', StartTime: '2026-01-28 07:00:00',
        Description: '核心交换机告警，排查中' } },
      { ok: true, row: { VIP: OTHER_VIP, AccNbr: '057488880001', Type: '专线抖动', StartTime: '2026-01-29 16:20:00' } },
    ]);
    await expect(cs.VIP1000_GET_180_SO()).resolves.toEqual([
      { ok: true, row: { VIP: OTHER_VIP, UserName: '宁波北仑物流集团', Type: '服务态度', Staff: '陈晨',
        StartTime: '2026-01-12 09:00:00', Description: '客户经理未回电' } },
    ]);
  });

  it('an input that breaks the contract is refused before anything is sent', async () => {
    const tooLong = '1'.repeat(21);
    await expect(cs.VIP1000_GET_112(tooLong, FROM, TO)).rejects.toMatchObject({ kind: 'permanent', code: 'INVALID-INPUT', pointId: 'CS-1' });
    await expect(cs.VIP1000_GET_180(VIP, TO, FROM)).rejects.toMatchObject({ code: 'INVALID-INPUT', pointId: 'CS-2' });
    await expect(cs.VIP1000_GET_112(VIP, new Date(Number.NaN), TO)).rejects.toMatchObject({ code: 'INVALID-INPUT' });
    expect(policy.runs).toEqual([]);
  });
});

describe('the write', () => {
  it('VIP1000_SET_VIP: true, stored, and the next read files the number under the new VIP', async () => {
    await expect(cs.VIP1000_SET_VIP('057488880001', VIP, '金卡')).resolves.toBe(true);
    expect(await writeLog()).toEqual([{ args: { AccNbr: '057488880001', VIP, SERV_LEVEL: '金卡' }, result: '1' }]);
    const open = await cs.VIP1000_GET_112_SO();
    expect(open.map((r) => r.ok && r.row.VIP)).toEqual([VIP, VIP]);
    expect(policy.runs[0]).toEqual({ kind: 'write', attempts: 1 });
  });

  it('false when the 1000 system refuses it (Result 0)', async () => {
    // Blank passes the contract's minLength; the service trims it and refuses.
    await expect(cs.VIP1000_SET_VIP('   ', VIP, 'A')).resolves.toBe(false);
    expect(await writeLog()).toEqual([{ args: { AccNbr: '', VIP, SERV_LEVEL: 'A' }, result: '0' }]);
  });

  it('a value over its legacy column is refused before the call; in bytes when the charset is known', async () => {
    await expect(cs.VIP1000_SET_VIP('057488880001', VIP, '12345678901')).rejects.toMatchObject({ code: 'INVALID-INPUT', pointId: 'CS-5' });
    // 6 Chinese characters: 6 ≤ 10 characters, but 12 bytes in GBK.
    const gbk = createCs1000Adapter(transport, policy, { charset: 'GBK' });
    await expect(gbk.VIP1000_SET_VIP('057488880001', VIP, '钻石级金卡客')).rejects.toThrow(/SERV_LEVEL does not fit 10 bytes in GBK/);
    await expect(cs.VIP1000_SET_VIP('057488880001', VIP, '钻石级金卡客')).resolves.toBe(true);
    expect(await writeLog()).toHaveLength(1);
  });

  it('a soap:Server fault on the write is transient but not retried', async () => {
    faults.set('CS-5', { errorRate: 1 });
    await expect(cs.VIP1000_SET_VIP('057488880001', VIP, 'A')).rejects.toMatchObject({ kind: 'transient', code: 'CS1000-503' });
    expect(policy.runs).toEqual([{ kind: 'write', attempts: 1 }]);
  });
});

describe('faults', () => {
  it('soap:Server fault: transient LegacyError with the service code, and the read is retried', async () => {
    faults.set('CS-1', { errorRate: 1, errorCode: 'CS1000-504' });
    const error = await cs.VIP1000_GET_112(VIP, FROM, TO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyError);
    expect(error).toMatchObject({ kind: 'transient', code: 'CS1000-504', system: 'cs1000', pointId: 'CS-1' });
    expect((error as Error).message).toMatch(/^CS-1 VIP1000_GET_112: soap:Server: CS1000-504: simulated failure/);
    expect(policy.runs).toEqual([{ kind: 'read', attempts: 3 }]);
  });

  it('soap:Client fault (the service cannot read the request): permanent, not retried', async () => {
    // A blank VIP passes the contract's minLength; the service trims it and answers soap:Client.
    await expect(cs.VIP1000_GET_112('  ', FROM, TO)).rejects.toMatchObject({ kind: 'permanent', code: 'CS1000-400' });
    expect(policy.runs).toEqual([{ kind: 'read', attempts: 1 }]);
  });

  it('a hung call ends with a timeout error within the configured timeout', async () => {
    faults.set('CS-3', { hang: true });
    const started = Date.now();
    const error = await cs.VIP1000_GET_112_SO().catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(LegacyTimeoutError);
    expect(error).toMatchObject({ kind: 'transient', code: 'SOAP-TIMEOUT', pointId: 'CS-3' });
    // Three attempts (a retried read), each bounded by the timeout.
    expect(policy.runs).toEqual([{ kind: 'read', attempts: 3 }]);
    expect(elapsed).toBeGreaterThanOrEqual(3 * TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(3 * TIMEOUT_MS + 1_500);
  });

  it('latency under the timeout is only slower', async () => {
    faults.set('CS-4', { latencyMs: TIMEOUT_MS / 4 });
    await expect(cs.VIP1000_GET_180_SO()).resolves.toHaveLength(1);
  });
});

describe('bad rows come back as ok:false with the reasons; the good rows stay', () => {
  const cases = [
    ['CS-1', 'badDate', () => cs.VIP1000_GET_112(VIP, FROM, TO), [
      { path: '/StartTime', message: expect.stringMatching(/^must match pattern /) },
      { path: '/StartTime', message: 'must match format "legacy-date-time"' },
    ]],
    ['CS-2', 'missingRequired', () => cs.VIP1000_GET_180(VIP, FROM, TO), [{ path: '/StartTime', message: 'is required' }]],
    ['CS-3', 'overLength', () => cs.VIP1000_GET_112_SO(), [{ path: '/Staff', message: 'must NOT have more than 20 characters' }]],
    ['CS-4', 'badEncoding', () => cs.VIP1000_GET_180_SO(),
      [{ path: '/Description', message: 'holds a replacement or control character (text garbled by a charset mismatch)' }]],
  ] as const;

  it.each(cases)('%s %s', async (pointId, kind, read, errors) => {
    faults.set(pointId, { badRows: { rate: 1, kinds: [kind] } });
    const rows = await read();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.ok).toBe(false);
      if (!row.ok) {
        expect(row.errors).toEqual(errors);
        expect(Object.keys(row.raw).length).toBeGreaterThan(0);
      }
    }
  });

  it('duplicateKey: the repeat is ok:false, the first occurrence is kept (x-key, or every field without one)', async () => {
    faults.set('CS-3', { badRows: { rate: 1, kinds: ['duplicateKey'] } });
    faults.set('CS-4', { badRows: { rate: 1, kinds: ['duplicateKey'] } });
    const open = await cs.VIP1000_GET_112_SO();
    expect(open.map((r) => r.ok)).toEqual([true, false, true, false]);
    expect(open[1]).toMatchObject({ ok: false, errors: [{ path: '/', message: 'repeats the key (AccNbr, StartTime) of the row at index 0' }] });
    const complaints = await cs.VIP1000_GET_180_SO();
    expect(complaints).toMatchObject([{ ok: true }, { ok: false, errors: [{ path: '/', message: 'repeats every field of the row at index 0' }] }]);
  });

  it('only some rows spoilt: the rest are ok', async () => {
    let draw = 0;
    const alternating = await startSoapServer({ db, faults, random: () => (draw++ % 2 === 0 ? 0 : 0.99) });
    const other = await Cs1000Transport.create({ endpoint: alternating.url, timeoutMs: TIMEOUT_MS });
    try {
      faults.set('CS-1', { badRows: { rate: 0.5, kinds: ['overLength'] } });
      const rows = await createCs1000Adapter(other, policy).VIP1000_GET_112(VIP, FROM, TO);
      expect(rows.map((r) => r.ok)).toEqual([false, true]);
    } finally {
      other.close();
      await alternating.close();
    }
  });
});

describe('check', () => {
  it('reads the served ?wsdl: ok, with a version that matches the local contract', async () => {
    const health = await cs.check();
    expect(health).toMatchObject({ ok: true, detail: 'served WSDL same as contracts/legacy/cs1000/VIP1000.wsdl' });
    expect(health.version).toMatch(/^VIP1000@[0-9a-f]{12}$/);
  });

  it('a service that is down: check says so, and calls fail transient (ECONNREFUSED)', async () => {
    const gone = await startSoapServer({ db, faults });
    const endpoint = gone.url;
    await gone.close();
    const down = await Cs1000Transport.create({ endpoint, timeoutMs: TIMEOUT_MS });
    try {
      const adapter = createCs1000Adapter(down, recordingPolicy());
      await expect(adapter.check()).resolves.toMatchObject({ ok: false, detail: expect.stringContaining('ECONNREFUSED') });
      await expect(adapter.VIP1000_GET_180_SO()).rejects.toMatchObject({ kind: 'transient', code: 'ECONNREFUSED', pointId: 'CS-4' });
    } finally {
      down.close();
    }
  });
});

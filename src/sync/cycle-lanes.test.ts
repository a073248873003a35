import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapCallList, mapCanonicalCallList } from '../../mappings/billing/CALL_LIST.mapping.ts';
import type { CallListRow, VipFeeRow } from '../../mappings/billing/rows.ts';
import { isPlainAscii, rowMapper } from '../../mappings/index.ts';
import { legacyCycle, legacyDateText, legacyMoney, legacyText, Random } from '../../mappings/test-kit.ts';
import type { CallDetailRecord, Charge } from '../domain/index.ts';
import { CopyBinaryWriter } from '../store/copy-binary.ts';
import { BillingCycleRepository, copyBinaryTypes, cycleCopyColumns, type CycleRows, type Database } from '../store/index.ts';
import { openMigrated, testEngines } from '../store/test-kit.ts';
import { callListLane, vipFeeLane, type CycleLane } from './cycle-lanes.ts';

const CYCLE = 20261101;
const lane = callListLane(CYCLE)(new Map());
const FIELD_OF: Record<string, keyof CallDetailRecord> = {
  vip_number: 'vipNumber', service_number: 'serviceNumber', called_number: 'calledNumber', call_type: 'callType', called_area: 'calledArea',
  started_at: 'startedAt', account_number: 'accountNumber', duration_seconds: 'durationSeconds', amount: 'amount',
};

/** The general way: the mapping's record, its COPY values, the encoder; null where the load leaves the row out. */
function generalBytes(row: CallListRow): Buffer | null {
  const mapped = mapCallList(row);
  if (!mapped.ok || mapped.value.billingCycle !== CYCLE) return null;
  const record = mapped.value;
  const w = new CopyBinaryWriter(lane.types, 4096);
  w.row(cycleCopyColumns('call_detail_record').map((c) => record[FIELD_OF[c]!]));
  return Buffer.from(w.take());
}

function laneBytes(row: CallListRow): Buffer | null {
  const w = new CopyBinaryWriter(lane.types, 4096);
  if (!w.laned(lane, row)) {
    // A declined row leaves nothing behind.
    expect(w.empty).toBe(true);
    return null;
  }
  return Buffer.from(w.take());
}

/** A contract-checked row as billing sends nearly all of them. */
function canonicalRow(rnd: Random): CallListRow {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    VIP: rnd.chance(0.1) ? null : `111${rnd.digits(7)}`,
    EquipmentNbr: `153${rnd.digits(8)}`,
    CallNbr: rnd.chance(0.05) ? null : rnd.pick(['0731', '010', '']) + rnd.digits(8),
    CallType: rnd.chance(0.05) ? null : rnd.pick(['LOC', 'DDD', 'IDD', 'SMS']),
    AreaCode: rnd.chance(0.05) ? null : rnd.pick(['0731', '0873', '010']),
    StartTime: `2026-${pad(1 + rnd.int(12))}-${pad(1 + rnd.int(28))} ${pad(rnd.int(24))}:${pad(rnd.int(60))}:${pad(rnd.int(60))}`,
    ConTractNO: rnd.chance(0.05) ? null : `HT${rnd.digits(8)}`,
    TimeLong: rnd.chance(0.05) ? null : rnd.int(5000),
    Cost: (rnd.chance(0.1) ? -1 : 1) * rnd.int(100_000) / 100,
    CallTime: CYCLE,
  };
}

/** A canonical row with one to three fields bent the ways legacy rows come. */
function bentRow(rnd: Random): CallListRow {
  const row: Record<string, unknown> = { ...canonicalRow(rnd) };
  for (let k = 1 + rnd.int(3); k > 0; k--) {
    const field = rnd.pick(['VIP', 'EquipmentNbr', 'CallNbr', 'CallType', 'AreaCode', 'StartTime', 'ConTractNO', 'TimeLong', 'Cost', 'CallTime']);
    switch (field) {
      case 'StartTime':
        row[field] = rnd.chance(0.9) ? legacyDateText(rnd) : rnd.pick([null, 20260101, new Date(0)]);
        break;
      case 'Cost':
        row[field] = legacyMoney(rnd);
        break;
      case 'CallTime':
        row[field] = rnd.chance(0.5) ? legacyCycle(rnd) : rnd.pick([CYCLE + 1, 20261201, String(CYCLE)]);
        break;
      case 'TimeLong':
        row[field] = rnd.pick([-1, 1.5, 2 ** 53, Number.NaN, '12', 12n, null, 0, -0]);
        break;
      default:
        row[field] = rnd.chance(0.85) ? legacyText(rnd) : rnd.pick([null, '', ' ', 12, 'a  b', ' a', 'a ', '153 2532 9003', '中文', 'x'.repeat(30)]);
    }
  }
  return row as unknown as CallListRow;
}

describe('callListLane', () => {
  it('writes exactly the bytes of the general path, and takes every canonical row', () => {
    const rnd = new Random(0x1a9e07);
    for (let i = 0; i < 5_000; i++) {
      const row = canonicalRow(rnd);
      const bytes = laneBytes(row);
      expect(bytes, JSON.stringify(row)).not.toBeNull();
      expect(bytes!.equals(generalBytes(row)!), JSON.stringify(row)).toBe(true);
    }
  });

  it('on bent rows: what it takes is byte for byte the general path; what it declines goes that way', () => {
    const rnd = new Random(0x1a9e08);
    let taken = 0;
    let declined = 0;
    for (let i = 0; i < 20_000; i++) {
      const row = bentRow(rnd);
      const bytes = laneBytes(row);
      if (bytes === null) {
        declined++;
        continue;
      }
      taken++;
      const general = generalBytes(row);
      expect(general, `lane took a row the general path leaves out: ${String(JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)))}`).not.toBeNull();
      expect(bytes.equals(general!)).toBe(true);
    }
    // Both sides exercised: the bends are not all fatal, nor all harmless.
    expect(taken).toBeGreaterThan(2_000);
    expect(declined).toBeGreaterThan(2_000);
  });

  it.each([
    ['another cycle', { CallTime: 20261201 }],
    ['a service number with a space (the mapping takes it out)', { EquipmentNbr: '153 2532 9003' }],
    ['text that needs normalising', { CallNbr: 'ＡＢ１２' }],
    ['two spaces in a row', { AreaCode: '07  31' }],
    ['a control character', { CallType: 'L\u0001C' }],
    ['a third decimal', { Cost: 0.125 }],
    ['an amount as text', { Cost: '0.70' }],
    ['no amount', { Cost: null }],
    ['a negative duration', { TimeLong: -1 }],
    ['a DATE text in another form', { StartTime: '2026-11-03T20:36:41' }],
    ['no service number', { EquipmentNbr: null }],
  ])('declines %s', (_, bend) => {
    const row = { ...canonicalRow(new Random(7)), ...bend } as unknown as CallListRow;
    expect(laneBytes(row)).toBeNull();
  });

  it('takes a text exactly when the mapping holds it plain (isPlainAscii)', () => {
    const rnd = new Random(0x1a9e0a);
    const base = canonicalRow(rnd);
    for (let i = 0; i < 5_000; i++) {
      const text = legacyText(rnd);
      expect(laneBytes({ ...base, CallNbr: text }) !== null, JSON.stringify(text)).toBe(isPlainAscii(text));
    }
  });

  it('declines rows that are not plain objects, as the canonical mapping does', () => {
    class Odd {}
    const row = Object.assign(new Odd(), canonicalRow(new Random(8))) as unknown as CallListRow;
    expect(mapCanonicalCallList(row)).toBeUndefined();
    expect(laneBytes(row)).toBeNull();
  });

  it('writes the columns of the staging table, in its order', () => {
    expect(lane.columns).toEqual(cycleCopyColumns('call_detail_record'));
    expect(lane.types).toHaveLength(lane.columns.length);
  });
});

const CHARGE_FIELD_OF: Record<string, keyof Charge> = {
  service_number: 'serviceNumber', account_number: 'accountNumber', vip_number: 'vipNumber', item_code: 'itemCode', category: 'category', amount: 'amount',
};

/**
 * A batch as the load writes it, once through the lane (rows it declines by the general mapping, in
 * their place) and once by the general mapping alone: the COPY bytes and the rejects of both.
 */
function writeBatch(
  pointId: 'JF-5' | 'JF-7', rows: readonly object[], ctx: object, laneOf: CycleLane<never>, through: 'lane' | 'general', fields: Record<string, string>, table: 'charge' | 'call_detail_record',
): { bytes: Buffer; rejects: string[]; laned: number } {
  const keys = new Map<string, number>();
  const map = rowMapper(pointId, ctx, keys);
  const lane = laneOf(keys);
  const w = new CopyBinaryWriter(lane.types, 1 << 20);
  const rejects: string[] = [];
  let laned = 0;
  rows.forEach((row, i) => {
    if (through === 'lane' && w.laned(lane, row as never, i)) {
      laned++;
      return;
    }
    const mapped = map(row, i);
    if (!mapped.ok) rejects.push(`${i}: ${JSON.stringify(mapped.reasons)}`);
    else if ((mapped.value as { billingCycle: number }).billingCycle !== CYCLE) rejects.push(`${i}: another cycle`);
    else w.row(cycleCopyColumns(table).map((c) => (mapped.value as unknown as Record<string, unknown>)[fields[c]!]));
  });
  return { bytes: Buffer.from(w.take()), rejects, laned };
}

const ITEM_NAMES = new Map([['A12', '宽带月租'], ['B7', '短信平台'], ['Z9', '说不清'], ['I12', '宽带月租']]);

/** A contract-checked fee row as billing sends nearly all of them; items repeat within a service. */
function feeRow(rnd: Random, service: string): VipFeeRow {
  return {
    EquipmentNbr: service,
    ConTractNo: rnd.chance(0.05) ? null : `HT${service.slice(-8)}`,
    VIP: rnd.chance(0.1) ? null : `111${service.slice(-7)}`,
    Item: rnd.pick(['1001', '2002', '3105', '6001', '9001', 'A12', 'B7', 'a12', 'Z9', 'X99']),
    Cost: (rnd.chance(0.05) ? -1 : 1) * rnd.int(1_000_000) / 100,
    CallTime: CYCLE,
  };
}

function bentFee(rnd: Random, service: string): VipFeeRow {
  const row: Record<string, unknown> = { ...feeRow(rnd, service) };
  const field = rnd.pick(['EquipmentNbr', 'ConTractNo', 'VIP', 'Item', 'Cost', 'CallTime']);
  if (field === 'Cost') row[field] = legacyMoney(rnd);
  else if (field === 'CallTime') row[field] = rnd.chance(0.5) ? legacyCycle(rnd) : CYCLE + 1;
  else row[field] = rnd.chance(0.8) ? legacyText(rnd) : rnd.pick([null, '', '1001 ', ' 2002', '10 01', '１００１', 'x'.repeat(30)]);
  return row as unknown as VipFeeRow;
}

describe('vipFeeLane', () => {
  const laneOf = vipFeeLane(CYCLE, ITEM_NAMES);

  it('a batch through the lane is byte for byte, reject for reject, the general mapping of it — duplicates included', () => {
    const rnd = new Random(0xfee5);
    let laned = 0;
    for (let b = 0; b < 200; b++) {
      // Few services, so keys repeat within a batch (the general mapping's duplicate_key).
      const services = Array.from({ length: 1 + rnd.int(6) }, () => `153${rnd.digits(8)}`);
      const rows = Array.from({ length: rnd.int(120) }, () => (rnd.chance(0.8) ? feeRow : bentFee)(rnd, rnd.pick(services)));
      const ctx = { itemNames: ITEM_NAMES };
      const viaLane = writeBatch('JF-5', rows, ctx, laneOf as CycleLane<never>, 'lane', CHARGE_FIELD_OF, 'charge');
      const general = writeBatch('JF-5', rows, ctx, laneOf as CycleLane<never>, 'general', CHARGE_FIELD_OF, 'charge');
      expect(viaLane.bytes.equals(general.bytes), `batch ${b}`).toBe(true);
      expect(viaLane.rejects).toEqual(general.rejects);
      laned += viaLane.laned;
    }
    expect(laned).toBeGreaterThan(2_500);
  });

  it.each([
    ['a repeated key (the first row keeps it)', [{ Item: '1001' }, { Item: '1001' }], [true, false]],
    ['the same item in lower case', [{ Item: '1001' }, { Item: 'a12' }, { Item: 'A12' }, { Item: 'I12' }], [true, true, false, true]],
    ['an item no rule knows', [{ Item: 'X99' }], [false]],
    ["an item that upper-cases into ASCII from outside it ('ı' → 'I')", [{ Item: 'ı12' }], [false]],
    ['an item with a space', [{ Item: '10 01' }], [false]],
    ['an amount as text', [{ Cost: '1.00' }], [false]],
    ['another cycle', [{ CallTime: 20261201 }], [false]],
  ])('declines %s', (_, bends, taken) => {
    const keys = new Map<string, number>();
    const lane = laneOf(keys);
    const base = feeRow(new Random(3), '15300000001');
    const w = new CopyBinaryWriter(lane.types, 4096);
    expect(bends.map((bend, i) => w.laned(lane, { ...base, ...bend } as VipFeeRow, i))).toEqual(taken);
  });

  it('writes the columns of the staging table, in its order', () => {
    expect(laneOf(new Map()).columns).toEqual(cycleCopyColumns('charge'));
  });
});

describe('callListLane in batches', () => {
  it('a batch through the lane is byte for byte, reject for reject, the general mapping of it', () => {
    const rnd = new Random(0xca11);
    for (let b = 0; b < 100; b++) {
      const rows = Array.from({ length: rnd.int(150) }, () => (rnd.chance(0.7) ? canonicalRow : bentRow)(rnd));
      const viaLane = writeBatch('JF-7', rows, {}, callListLane(CYCLE) as CycleLane<never>, 'lane', FIELD_OF, 'call_detail_record');
      const general = writeBatch('JF-7', rows, {}, callListLane(CYCLE) as CycleLane<never>, 'general', FIELD_OF, 'call_detail_record');
      expect(viaLane.bytes.equals(general.bytes), `batch ${b}`).toBe(true);
      expect(viaLane.rejects).toEqual(general.rejects);
    }
  });
});

describe.each(testEngines())('a call record load through the lane on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(engine);
  });
  afterAll(() => engine.dispose());

  it("the lanes' types are the staging tables': the COPY uses them", async () => {
    const typesOf = (table: string, columns: readonly string[]) => copyBinaryTypes((sql, params) => db.query(sql, params), table, columns);
    expect(await typesOf('hub.call_detail_record', lane.columns)).toEqual(lane.types);
    const charges = vipFeeLane(CYCLE, new Map())(new Map());
    expect(await typesOf('hub.charge', charges.columns)).toEqual(charges.types);
  });

  it('rows land in their order and as the general mapping has them, lane or not', async () => {
    const rnd = new Random(0x1a9e09);
    const rows = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? bentRow(rnd) : canonicalRow(rnd)));
    let laned = 0;
    const spy = { ...lane, write: (row: CallListRow, out: Parameters<typeof lane.write>[1], index: number) => lane.write(row, out, index) && ++laned > 0 };
    const record = (row: object) => {
      const mapped = mapCallList(row as CallListRow);
      return mapped.ok && mapped.value.billingCycle === CYCLE ? mapped.value : undefined;
    };
    const batches: CycleRows<CallListRow, CallDetailRecord>[] = [0, 200, 400].map((at) => ({ rows: rows.slice(at, at + 200), record, lane: spy }));
    const expected = rows.map(record).filter((r) => r !== undefined);
    const repo = new BillingCycleRepository(db);
    await repo.request(CYCLE, new Date());
    const loaded = await repo.loadCycle(CYCLE, { charges: [], callDetailRecords: batches as never, topContracts: [] }, { confirmedAt: new Date() });
    expect(loaded.call_detail_record).toBe(expected.length);
    expect(laned).toBeGreaterThan(300);
    expect(laned).toBeLessThan(expected.length);
    const { rows: back } = await db.query<Record<string, unknown>>(
      `SELECT vip_number, service_number, called_number, call_type, called_area, started_at, account_number, duration_seconds, amount::text AS amount, billing_cycle
         FROM hub.call_detail_record WHERE billing_cycle = $1 ORDER BY ctid`,
      [CYCLE],
    );
    expect(back).toEqual(expected.map((r) => ({
      vip_number: r.vipNumber, service_number: r.serviceNumber, called_number: r.calledNumber, call_type: r.callType, called_area: r.calledArea,
      started_at: r.startedAt, account_number: r.accountNumber, amount: r.amount, billing_cycle: CYCLE,
      // An int8 has no -0.
      duration_seconds: r.durationSeconds === null ? null : r.durationSeconds + 0,
    })));
  });
});

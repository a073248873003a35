// JF-5 VIP_FEE, JF-9…11 fee queries, JF-7 CALL_LIST, JF-8 TOP1000_FEE, JF-12 VIPJF_GET_QF.
import { describe, expect, it } from 'vitest';
import { mapRows } from '../index.ts';
import { fingerprint, legacyCycle, legacyDateText, legacyMoney, legacyText, outcome, Random } from '../test-kit.ts';
import { mapCallList, mapCallListGeneral, mapCanonicalCallList } from './CALL_LIST.mapping.ts';
import { buildChargeCategoryClassifier } from './charge-category.ts';
import { mapCanonicalFeeRow, mapFeeRowGeneral, type ChargeMappingContext } from './charge.ts';
import { mapTop1000Fee } from './TOP1000_FEE.mapping.ts';
import { mapVipFee } from './VIP_FEE.mapping.ts';
import { mapVipjfGetFee } from './VIPJF_GET_FEE_BY_ACCNBR.mapping.ts';
import { mapVipjfGetQf } from './VIPJF_GET_QF.mapping.ts';

const itemNames = new Map([
  ['1002', '本地通话费'],
  ['2001', '国内长途通话费'],
  ['6001', 'ADSL包月费'],
  ['X888', '神秘费用'],
]);

const fee = { EquipmentNbr: '8558888', ConTractNo: 'HT688888', VIP: '1301900123', Item: '2001', Cost: 1234.5, CallTime: 20260101 };

describe('JF-5 VIP_FEE → Charge', () => {
  it('maps a long-distance charge with a two-place amount', () => {
    expect(mapVipFee(fee, { itemNames })).toEqual({
      ok: true,
      value: {
        serviceNumber: '8558888',
        accountNumber: 'HT688888',
        vipNumber: '1301900123',
        itemCode: '2001',
        category: 'long_distance_telephone',
        amount: '1234.50',
        billingCycle: 20260101,
      },
    });
  });

  it('an item no rule recognises → unknown_code on Item', () => {
    expect(mapVipFee({ ...fee, Item: 'X888' }, { itemNames })).toMatchObject({
      ok: false,
      reasons: [{ code: 'unknown_code', field: 'Item', message: expect.stringContaining('神秘费用') }],
    });
    // Not in the ITEM table and outside every code range.
    expect(mapVipFee({ ...fee, Item: 'Z12' }, { itemNames })).toMatchObject({ ok: false, reasons: [{ code: 'unknown_code' }] });
  });

  it('falls back on code ranges when the ITEM table does not name the item', () => {
    expect(mapVipFee({ ...fee, Item: '6009' }, {})).toMatchObject({ ok: true, value: { category: 'internet_access' } });
  });

  it('a bad cycle, no amount and mangled VIP are all reported', () => {
    const result = mapVipFee({ ...fee, CallTime: 20260231, Cost: null, VIP: '13019\uFFFD0123' }, { itemNames });
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['bad_encoding', 'VIP'],
      ['invalid_value', 'Cost'],
      ['invalid_value', 'CallTime'],
    ]);
  });
});

describe('JF-9…11 fee queries → Charge', () => {
  it('maps a fee-by-number row, the VIP number from the context', () => {
    const row = { EquipmentNbr: '8558888', UserName: '昆钢集团', ConTractNo: 'HT688888', PayName: '昆钢集团', Item: '1002', Cost: 88, CallTime: 20260101 };
    expect(mapVipjfGetFee(row, { itemNames, vipNumber: '1301900123' })).toMatchObject({
      ok: true,
      value: { category: 'local_telephone', amount: '88.00', vipNumber: '1301900123', accountNumber: 'HT688888' },
    });
  });
});

describe('JF-7 CALL_LIST → CallDetailRecord', () => {
  const call = {
    VIP: '1301900123',
    EquipmentNbr: '8558888',
    CallNbr: '01065501234',
    CallType: 'DDD',
    AreaCode: '010',
    StartTime: '2026-01-12 14:03:27',
    ConTractNO: 'HT688888',
    TimeLong: 185,
    Cost: 1.8,
    CallTime: 20260101,
  };

  it('maps a call', () => {
    expect(mapCallList(call)).toEqual({
      ok: true,
      value: {
        vipNumber: '1301900123',
        serviceNumber: '8558888',
        calledNumber: '01065501234',
        callType: 'DDD',
        calledArea: '010',
        startedAt: new Date('2026-01-12T06:03:27Z'),
        accountNumber: 'HT688888',
        durationSeconds: 185,
        amount: '1.80',
        billingCycle: 20260101,
      },
    });
  });

  it('an impossible start time, a negative duration and a missing number are reported together', () => {
    const result = mapCallList({ ...call, StartTime: '2026-01-32 14:03:27', TimeLong: -5, EquipmentNbr: '' });
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['contract_violation', 'EquipmentNbr'],
      ['unparseable_date', 'StartTime'],
      ['invalid_value', 'TimeLong'],
    ]);
  });
});

describe('JF-8 TOP1000_FEE → TopContract', () => {
  it('maps a prospect contract', () => {
    expect(mapTop1000Fee({ ConTractNO: 'HT700123', Cost: 56789.1, CallTime: 20260101 })).toEqual({
      ok: true,
      value: { accountNumber: 'HT700123', amount: '56789.10', billingCycle: 20260101 },
    });
  });
});

describe('JF-12 VIPJF_GET_QF → PaymentStatus', () => {
  const ctx = { accountNumber: 'HT688888', billingCycle: 20260101 };

  it('-1 is unpaid (arrears)', () => {
    expect(mapVipjfGetQf(-1, ctx)).toEqual({ ok: true, value: { accountNumber: 'HT688888', billingCycle: 20260101, paidDate: null } });
  });

  it('YYYYMMDD is the paid date', () => {
    expect(mapVipjfGetQf({ p_result: 20260215 }, ctx)).toMatchObject({ ok: true, value: { paidDate: '2026-02-15' } });
  });

  it('anything else is invalid; a missing call context is a missing reference', () => {
    expect(mapVipjfGetQf(0, ctx)).toMatchObject({ ok: false, reasons: [{ code: 'invalid_value', field: 'p_result' }] });
    expect(mapVipjfGetQf(20260230, ctx)).toMatchObject({ ok: false, reasons: [{ code: 'invalid_value' }] });
    expect(mapVipjfGetQf(-1, {})).toMatchObject({ ok: false, reasons: [{ code: 'missing_reference' }, { code: 'missing_reference' }] });
  });
});

// The fast mapping of a contract-checked row against the general one (RowReader without its fast
// paths: the mapping as it was before them), on seeded rows that are canonical or bent in a few
// fields: the same record, or the same reasons, every time.
describe('canonical fast paths against the general mapping (differential, seeded)', () => {
  const canonicalDate = (rnd: Random) =>
    `2026-${String(1 + rnd.int(12)).padStart(2, '0')}-${String(1 + rnd.int(28)).padStart(2, '0')} ` +
    `${String(rnd.int(24)).padStart(2, '0')}:${String(rnd.int(60)).padStart(2, '0')}:${String(rnd.int(60)).padStart(2, '0')}`;
  const oddValue = (rnd: Random): unknown =>
    rnd.pick([null, undefined, '', '  ', '\u3000', 0, -0, -1, 1.5, 12n, true, 2 ** 53, Number.NaN, new Date(0), new Date(Number.NaN), {}]);
  const text = (rnd: Random): unknown => (rnd.chance(0.8) ? legacyText(rnd) : oddValue(rnd));
  const duration = (rnd: Random): unknown =>
    rnd.chance(0.6) ? rnd.int(3600) : rnd.pick([null, -0, -5, 1.5, '120', '１２０', ' 120', 2 ** 53, 9_999_999_999, Number.NaN]);

  /** A row with the given canonical fields, a few of them bent, sometimes re-spelt or re-shaped. */
  function bend(rnd: Random, row: Record<string, unknown>, benders: Record<string, (rnd: Random) => unknown>): object {
    const names = Object.keys(benders);
    for (let n = rnd.pick([0, 0, 1, 1, 2, 3]); n > 0; n--) {
      const name = rnd.pick(names);
      row[name] = rnd.chance(0.9) ? benders[name]!(rnd) : oddValue(rnd);
    }
    switch (rnd.int(30)) {
      case 0: // replayed from the quarantine: Oracle's upper-case names
        return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toUpperCase(), v]));
      case 1:
        delete row[rnd.pick(names)];
        return row;
      case 2:
        return Object.assign(Object.create(null) as object, row);
      case 3: {
        // A field only the prototype has is not the row's: the general reading does not see it.
        const name = rnd.pick(names);
        const { [name]: inherited, ...own } = row;
        return Object.assign(Object.create({ [name]: inherited ?? 'inherited' }) as object, own);
      }
      case 4:
        return { ...row, Extra: 'x' };
      default:
        return row;
    }
  }

  function callRow(rnd: Random): object {
    const row: Record<string, unknown> = {
      VIP: rnd.chance(0.9) ? `13019${rnd.digits(5)}` : null,
      EquipmentNbr: rnd.chance(0.95) ? `871${rnd.digits(8)}` : `871 ${rnd.digits(4)} ${rnd.digits(4)}`,
      CallNbr: rnd.chance(0.9) ? `0${rnd.digits(10)}` : null,
      CallType: rnd.pick(['LD', 'DDD', 'LOC', 'IDD', null]),
      AreaCode: rnd.pick(['010', '021', '0871', null]),
      StartTime: canonicalDate(rnd),
      ConTractNO: rnd.chance(0.9) ? `HT${rnd.digits(7)}` : null,
      TimeLong: rnd.chance(0.95) ? rnd.int(3600) : null,
      Cost: rnd.chance(0.9) ? rnd.int(100_000) / 100 : rnd.pick([0, -0, 12, -3.5]),
      CallTime: rnd.chance(0.9) ? 20260101 : rnd.pick([20260201, 20280229]),
    };
    return bend(rnd, row, {
      VIP: text, EquipmentNbr: text, CallNbr: text, CallType: text, AreaCode: text,
      StartTime: (r) => (r.chance(0.9) ? legacyDateText(r) : oddValue(r)),
      ConTractNO: text, TimeLong: duration, Cost: legacyMoney, CallTime: legacyCycle,
    });
  }

  it('JF-7 CALL_LIST: mapCallList is the general mapping, and the fast path takes the canonical rows', () => {
    const rnd = new Random(0x5eed07);
    let fast = 0;
    for (let i = 0; i < 8_000; i++) {
      const row = callRow(rnd) as Parameters<typeof mapCallList>[0];
      // A bigint TimeLong makes the general mapping throw (number()'s message): the fast one alike.
      const general = outcome(() => mapCallListGeneral(row, { fastPaths: false }));
      expect(outcome(() => mapCallList(row)), fingerprint(row)).toBe(general);
      expect(outcome(() => mapCallListGeneral(row)), fingerprint(row)).toBe(general);
      const canonical = mapCanonicalCallList(row);
      if (canonical === undefined) continue;
      fast++;
      expect(fingerprint({ ok: true, value: canonical }), fingerprint(row)).toBe(general);
    }
    expect(fast).toBeGreaterThan(3_000);
    expect(fast).toBeLessThan(7_500);
  });

  const items = ['1001', '1002', '2001', '6009', '0007', '7001', 'X888', 'Z12', 'x888', '2 001', ' 1002', 'ａ１', '中文', ''];
  // A table with a fallback classifies every item, so the fast path maps rows of any item code.
  const classifier = buildChargeCategoryClassifier({
    table: 'charge-categories',
    description: 'test: everything is other',
    fallback: 'other',
    rules: [{ category: 'data', codePrefixes: ['X'] }],
  });
  const contexts: ChargeMappingContext[] = [
    {},
    { itemNames },
    { itemNames, vipNumber: '1301900999' },
    { vipNumber: '' },
    { classifier, itemNames },
  ];

  function feeRow(rnd: Random, accountColumn: string): object {
    const row: Record<string, unknown> = {
      EquipmentNbr: rnd.chance(0.95) ? `871${rnd.digits(8)}` : `871 ${rnd.digits(8)}`,
      [accountColumn]: rnd.chance(0.9) ? `HT${rnd.digits(7)}` : null,
      VIP: rnd.chance(0.9) ? `13019${rnd.digits(5)}` : null,
      Item: rnd.chance(0.8) ? rnd.pick(['1001', '1002', '2001', '6001', '6009', '8001']) : rnd.pick(items),
      Cost: rnd.chance(0.9) ? rnd.int(10_000_000) / 100 : rnd.pick([0, -0, -12.5]),
      CallTime: 20260101,
    };
    return bend(rnd, row, {
      EquipmentNbr: text, [accountColumn]: text, VIP: text,
      Item: (r) => (r.chance(0.5) ? r.pick(items) : text(r)),
      Cost: legacyMoney, CallTime: legacyCycle,
    });
  }

  it.each(['ConTractNo', 'ConTractNO'])('JF-5/9…11 fee rows (account in %s): mapFeeRow is the general mapping', (accountColumn) => {
    const rnd = new Random(0x5eed08);
    let fast = 0;
    for (let i = 0; i < 8_000; i++) {
      const row = feeRow(rnd, accountColumn);
      const ctx = rnd.pick(contexts);
      const general = outcome(() => mapFeeRowGeneral(row, ctx, accountColumn, { fastPaths: false }));
      if (accountColumn === 'ConTractNo') {
        expect(outcome(() => mapVipFee(row as Parameters<typeof mapVipFee>[0], ctx)), fingerprint(row)).toBe(general);
        expect(outcome(() => mapVipjfGetFee(row as Parameters<typeof mapVipjfGetFee>[0], ctx)), fingerprint(row)).toBe(general);
      }
      expect(outcome(() => mapFeeRowGeneral(row, ctx, accountColumn)), fingerprint(row)).toBe(general);
      const canonical = mapCanonicalFeeRow(row, ctx, accountColumn);
      if (canonical === undefined) continue;
      fast++;
      expect(fingerprint({ ok: true, value: canonical }), fingerprint(row)).toBe(general);
    }
    expect(fast).toBeGreaterThan(3_000);
  });

  it('mapRows quarantines and keys the same rows either way', () => {
    const rnd = new Random(0x5eed09);
    const rows = Array.from({ length: 3_000 }, () => feeRow(rnd, 'ConTractNo'));
    // Repeats, so duplicate keys occur.
    for (let i = 0; i < 300; i++) rows.push({ ...(rnd.pick(rows) as Record<string, unknown>) });
    const out = mapRows('JF-5', rows, { itemNames });
    const general = rows.map((row) => mapFeeRowGeneral(row, { itemNames }, 'ConTractNo', { fastPaths: false }));
    expect(out.values.length + out.quarantined.length).toBe(rows.length);
    const quarantined = new Map(out.quarantined.map((q) => [q.index, q]));
    let next = 0;
    general.forEach((result, index) => {
      const q = quarantined.get(index);
      if (!result.ok) {
        expect(fingerprint(q?.reasons)).toBe(fingerprint(result.reasons));
      } else if (q === undefined) {
        expect(fingerprint(out.values[next++])).toBe(fingerprint(result.value));
      } else {
        expect(q.reasons.map((r) => r.code)).toEqual(['duplicate_key']);
      }
    });
    expect(next).toBe(out.values.length);
    expect(out.quarantined.some((q) => q.reasons[0]?.code === 'duplicate_key')).toBe(true);
  });
});

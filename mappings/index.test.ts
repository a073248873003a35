import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { QuarantineReasonCode } from '../src/domain/quarantine.ts';
import { mappedPointIds, mapperFor, mapRows, UNMAPPED_POINTS } from './index.ts';

const catalogue = JSON.parse(readFileSync(new URL('../contracts/legacy/catalogue.json', import.meta.url), 'utf8')) as {
  points: Array<{ id: string; legacyName: string; system: string }>;
};

describe('mapper registry', () => {
  it('covers every catalogue point: mapped, or listed as having no row to map', () => {
    for (const point of catalogue.points) {
      const mapper = mapperFor(point.id);
      if (mapper === undefined) {
        expect(UNMAPPED_POINTS[point.id], point.id).toBeDefined();
      } else {
        expect([mapper.pointId, mapper.legacyName, mapper.system]).toEqual([point.id, point.legacyName, point.system]);
      }
    }
    expect(mappedPointIds().length + Object.keys(UNMAPPED_POINTS).length).toBe(catalogue.points.length);
  });

  it('answers undefined for an id it does not know', () => {
    expect(mapperFor('97-99')).toBeUndefined();
    expect(mapperFor('toString')).toBeUndefined();
  });

  it('replays a quarantined raw row (upper-case columns) by the point id stored with it', () => {
    const raw = { ACC_CODE: '8558888', SERV97_ID: '332001010188', ACC_SERVTYPE: 'ＤＤＮ', ACC_USEDATE: '2003-07-01 00:00:00' };
    const result = mapperFor('97-4').map(raw, { customerId: 'c-1' });
    expect(result).toMatchObject({ ok: true, value: { serviceNumber: '8558888', serviceType: 'ddn' } });
  });
});

describe('mapRows', () => {
  const fee = { EquipmentNbr: '8558888', ConTractNo: 'HT688888', VIP: '1301900123', Item: '1001', Cost: 10, CallTime: 20260101 };

  it('keeps the first of two rows with one key and quarantines the copy as duplicate_key', () => {
    const out = mapRows('JF-5', [fee, { ...fee, Item: '2001' }, { ...fee, Cost: 11 }]);
    expect(out.values.map((c) => c.itemCode)).toEqual(['1001', '2001']);
    expect(out.quarantined).toEqual([
      { index: 2, row: { ...fee, Cost: 11 }, reasons: [{ code: 'duplicate_key', message: expect.stringContaining('8558888|1001|20260101') }] },
    ]);
  });

  it('numbers VIP_GET_SOINFO rows by position', () => {
    const out = mapRows('97-6', [{ WORK_AREA: '受理' }, { WORK_AREA: '开通' }]);
    expect(out.values.map((s) => [s.stepNo, s.name])).toEqual([
      [1, 'accept'],
      [2, 'activation'],
    ]);
  });

  it('throws for a point without a mapper (a write)', () => {
    expect(() => mapRows('97-10', [{}])).toThrow(/no mapper/);
  });

  it('every quarantine reason code is reachable through the registry', () => {
    const seen = new Set<QuarantineReasonCode>();
    const collect = (pointId: string, rows: object[], ctx = {}) => {
      for (const q of mapRows(pointId, rows, ctx).quarantined) for (const r of q.reasons) seen.add(r.code);
    };
    collect('97-2', [{ DKH_CARDID: '1301900123', DKHNAME: '' }]); // contract_violation, missing_reference
    collect('CS-3', [{ VIP: '1301900123', AccNbr: '8558888', StartTime: '2026-02-30 08:00:00' }]); // unparseable_date
    collect('97-9', [{ ProductId: 'P1', Name: 'æ•°æ®' }]); // bad_encoding
    collect('JF-4', [{ ITEM: 'X801', Name: '神秘费用' }]); // unknown_code
    collect('JF-12', [{ p_result: 7 }], { accountNumber: 'HT1', billingCycle: 20260101 }); // invalid_value
    collect('JF-6', [{ ManagerNo: 'ZW1' }, { ManagerNo: 'ZW1' }]); // duplicate_key
    expect([...seen].sort()).toEqual(
      ['bad_encoding', 'contract_violation', 'duplicate_key', 'invalid_value', 'missing_reference', 'unknown_code', 'unparseable_date'].sort(),
    );
  });
});

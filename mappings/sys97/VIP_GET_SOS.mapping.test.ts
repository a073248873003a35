import { describe, expect, it } from 'vitest';
import type { VipGetSoinfoRow, VipGetSosRow } from './rows.ts';
import { isStepOverdue, isWorkOrderRejected, mapVipGetSoinfo } from './VIP_GET_SOINFO.mapping.ts';
import { mapVipGetSos } from './VIP_GET_SOS.mapping.ts';

const order: VipGetSosRow = {
  VIP: 10001,
  SO_NBR: 'SO202601050001',
  SERV_NBR: '8558888',
  ACC_SERVTYPE: '数字电路',
  SO_DATE: '20260105093000',
  CURR_TACHE: '施工',
};

const steps: VipGetSoinfoRow[] = [
  { WORK_AREA: '受理', WORK_GROUP: '五华营业厅', STAFF_NAME: '王芳', ENTER_TIME: '2026-01-05 09:30:00', OUT_TIME: '2026-01-05 10:00:00', SX: 4 },
  { WORK_AREA: '勘察', WORK_GROUP: '线路一班', STAFF_NAME: '赵强', ENTER_TIME: '2026/01/05 10:00', OUT_TIME: '2026年01月06日 16时00分', SX: 24 },
  { WORK_AREA: '外线施工', WORK_GROUP: '线路二班', STAFF_NAME: '钱磊', ENTER_TIME: '2026-01-06 16:00:00', OUT_TIME: null, SX: 48 },
];

describe('97-5 VIP_GET_SOS (+ 97-6 steps) → WorkOrder', () => {
  it('maps an open order with its steps, each time in its own legacy format', () => {
    const result = mapVipGetSos(order, { customerId: 'c-1', stepRows: steps });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      orderNumber: 'SO202601050001',
      legacyCustomerId: 10001,
      customerId: 'c-1',
      serviceNumber: '8558888',
      serviceType: 'leased_line',
      serviceTypeLegacy: '数字电路',
      acceptedAt: new Date('2026-01-05T01:30:00Z'),
      currentStep: 'construction',
      currentStepLegacy: '施工',
      state: 'open',
    });
    expect(result.value.steps.map((s) => [s.stepNo, s.name, s.nameLegacy])).toEqual([
      [1, 'accept', '受理'],
      [2, 'survey', '勘察'],
      [3, 'construction', '外线施工'],
    ]);
    expect(result.value.steps[1]!.leftAt).toEqual(new Date('2026-01-06T08:00:00Z'));
    expect(isWorkOrderRejected(result.value)).toBe(false);
  });

  it('an unresolved customer is allowed (null), the order is still tracked', () => {
    const result = mapVipGetSos(order, {});
    expect(result.ok && result.value.customerId).toBeNull();
  });

  it('a bad step quarantines the order, the reason naming the step and field', () => {
    const bad = [...steps];
    bad[1] = { ...steps[1]!, ENTER_TIME: '2026-01-05 25:00:00' };
    const result = mapVipGetSos({ ...order, SO_DATE: '05/01/2026' }, { stepRows: bad });
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['unparseable_date', 'SO_DATE'],
      ['unparseable_date', 'steps[1].ENTER_TIME'],
    ]);
  });

  it('VIP that is not a whole number is a reason', () => {
    const result = mapVipGetSos({ ...order, VIP: 'abc' as unknown as number }, {});
    expect(result).toMatchObject({ ok: false, reasons: [{ code: 'contract_violation', field: 'VIP' }] });
  });
});

describe('97-6 VIP_GET_SOINFO → WorkOrderStep', () => {
  it('a step with TD_TIME set is rejected, and so is its order', () => {
    const step = mapVipGetSoinfo({ ...steps[1]!, TD_TIME: '2026-01-06 11:00:00', TD_REASON: '客户地址无资源' }, { stepNo: 2 });
    expect(step).toMatchObject({ ok: true, value: { rejectedAt: new Date('2026-01-06T03:00:00Z'), rejectionReason: '客户地址无资源' } });
    const withRejection = [steps[0]!, { ...steps[1]!, TD_TIME: '2026-01-06 11:00:00' }];
    const result = mapVipGetSos(order, { stepRows: withRejection });
    expect(result.ok && isWorkOrderRejected(result.value)).toBe(true);
  });

  it('unlisted step names are kept as typed under "other"', () => {
    expect(mapVipGetSoinfo({ WORK_AREA: '等待客户确认' }, { stepNo: 1 })).toMatchObject({
      ok: true,
      value: { name: 'other', nameLegacy: '等待客户确认' },
    });
  });

  it('a step without a number is a missing reference; left before entered is invalid', () => {
    const result = mapVipGetSoinfo({ ...steps[0]!, OUT_TIME: '2026-01-05 09:00:00' }, {});
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['missing_reference', undefined],
      ['invalid_value', 'OUT_TIME'],
    ]);
  });

  it('mangled crew name → bad_encoding', () => {
    const result = mapVipGetSoinfo({ ...steps[0]!, WORK_GROUP: '线路\u0007班' }, { stepNo: 1 });
    expect(result).toMatchObject({ ok: false, reasons: [{ code: 'bad_encoding', field: 'WORK_GROUP' }] });
  });
});

describe('isStepOverdue', () => {
  const mapped = steps.map((s, i) => {
    const r = mapVipGetSoinfo(s, { stepNo: i + 1 });
    if (!r.ok) throw new Error('fixture');
    return r.value;
  });

  it('a finished step within its limit is not overdue, one past it is', () => {
    expect(isStepOverdue(mapped[0]!, new Date('2026-02-01T00:00:00Z'))).toBe(false); // 30 min of 4 h
    expect(isStepOverdue(mapped[1]!, new Date('2026-02-01T00:00:00Z'))).toBe(true); // 30 h of 24 h
  });

  it('an open step is measured until now', () => {
    const entered = mapped[2]!.enteredAt!.getTime();
    expect(isStepOverdue(mapped[2]!, new Date(entered + 48 * 3_600_000))).toBe(false);
    expect(isStepOverdue(mapped[2]!, new Date(entered + 48 * 3_600_000 + 1000))).toBe(true);
  });

  it('without a limit or an entry time nothing is overdue', () => {
    expect(isStepOverdue({ ...mapped[2]!, timeLimitHours: null }, new Date('2030-01-01'))).toBe(false);
    expect(isStepOverdue({ ...mapped[2]!, enteredAt: null }, new Date('2030-01-01'))).toBe(false);
  });
});

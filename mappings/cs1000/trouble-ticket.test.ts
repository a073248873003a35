import { describe, expect, it } from 'vitest';
import { ticketKey } from './trouble-ticket.ts';
import { mapVip1000Get112 } from './VIP1000_GET_112.mapping.ts';
import { mapVip1000Get112So } from './VIP1000_GET_112_SO.mapping.ts';
import { mapVip1000Get180 } from './VIP1000_GET_180.mapping.ts';
import { mapVip1000Get180So } from './VIP1000_GET_180_SO.mapping.ts';

const openFault = {
  VIP: '1301900123',
  AccNbr: '8558888',
  Type: '电话无音',
  Staff: '周涛',
  StartTime: '2026-01-20 08:15:00',
  Description: '办公室电话无拨号音',
};
const closedFault = {
  AccNbr: '8558888',
  Type: '电话无音',
  Staff: '周涛',
  StartTime: '2026-01-20 08:15:00',
  FinishTime: '2026-01-20 11:40:00',
  Description: '办公室电话无拨号音，已更换配线',
  Satisfaction: '满意',
};

describe('CS-1 / CS-3 faults → TroubleTicket', () => {
  it('maps an open fault', () => {
    const result = mapVip1000Get112So(openFault, { customerId: 'c-1' });
    expect(result).toMatchObject({
      ok: true,
      value: {
        kind: 'fault',
        state: 'open',
        vipNumber: '1301900123',
        customerId: 'c-1',
        serviceNumber: '8558888',
        complainantName: null,
        type: 'no_dial_tone',
        typeLegacy: '电话无音',
        reportedAt: new Date('2026-01-20T00:15:00Z'),
        finishedAt: null,
        satisfaction: null,
      },
    });
  });

  it('the open and the completed read of one fault share the ticket key', () => {
    const open = mapVip1000Get112So(openFault);
    const closed = mapVip1000Get112(closedFault, { vipNumber: '1301900123' });
    expect(open.ok && closed.ok).toBe(true);
    if (!open.ok || !closed.ok) return;
    expect(closed.value.ticketKey).toBe(open.value.ticketKey);
    expect(closed.value).toMatchObject({ state: 'closed', finishedAt: new Date('2026-01-20T03:40:00Z'), satisfaction: '满意', vipNumber: '1301900123' });
    expect(open.value.ticketKey).toMatch(/^[0-9a-f]{40}$/);
  });

  it('the key is stable across spacing, width and time format, and differs by kind, number, type and time', () => {
    const base = ticketKey('fault', '8558888', '电话无音', new Date('2026-01-20T00:15:00Z'));
    expect(ticketKey('fault', ' 8558888 ', '电话\u3000无音', new Date('2026-01-20T00:15:00Z'))).toBe(base);
    const reformatted = mapVip1000Get112So({ ...openFault, StartTime: '20260120081500' });
    expect(reformatted.ok && reformatted.value.ticketKey).toBe(base);
    expect(ticketKey('complaint', '8558888', '电话无音', new Date('2026-01-20T00:15:00Z'))).not.toBe(base);
    expect(ticketKey('fault', '8558889', '电话无音', new Date('2026-01-20T00:15:00Z'))).not.toBe(base);
    expect(ticketKey('fault', '8558888', '杂音', new Date('2026-01-20T00:15:00Z'))).not.toBe(base);
    expect(ticketKey('fault', '8558888', '电话无音', new Date('2026-01-20T00:16:00Z'))).not.toBe(base);
  });

  it('an unlisted fault type is "other" with the text kept, not a quarantine', () => {
    expect(mapVip1000Get112So({ ...openFault, Type: '雷击损坏' })).toMatchObject({ ok: true, value: { type: 'other', typeLegacy: '雷击损坏' } });
  });

  it('completed fault: missing FinishTime, finish before start, mangled text', () => {
    expect(mapVip1000Get112({ ...closedFault, FinishTime: '' })).toMatchObject({
      ok: false,
      reasons: [{ code: 'contract_violation', field: 'FinishTime' }],
    });
    const result = mapVip1000Get112({ ...closedFault, FinishTime: '2026-01-19 08:00:00', Description: 'ç”µè¯æ— éŸ³' });
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['invalid_value', 'FinishTime'],
      ['bad_encoding', 'Description'],
    ]);
  });

  it('open fault without a VIP or with an unparseable time', () => {
    const result = mapVip1000Get112So({ ...openFault, VIP: '', StartTime: '2026-01-20 8点15分' });
    expect(!result.ok && result.reasons.map((r) => [r.code, r.field])).toEqual([
      ['contract_violation', 'VIP'],
      ['unparseable_date', 'StartTime'],
    ]);
  });
});

describe('CS-2 / CS-4 complaints → TroubleTicket', () => {
  const openComplaint = {
    VIP: '1301900123',
    UserName: '李建国',
    Type: '话费争议',
    Staff: '吴敏',
    StartTime: '2026-01-22 10:00:00',
    Description: '对一月长途费用有异议',
  };

  it('maps an open complaint and its completion to one key', () => {
    const open = mapVip1000Get180So(openComplaint);
    const closed = mapVip1000Get180(
      { UserName: '李建国', Type: '话费争议', Staff: '吴敏', StartTime: '2026-01-22 10:00:00', FinishTime: '2026-01-23 16:00:00', Satisfaction: '基本满意' },
      { vipNumber: '1301900123' },
    );
    expect(open).toMatchObject({ ok: true, value: { kind: 'complaint', state: 'open', complainantName: '李建国', serviceNumber: null, type: 'billing_dispute' } });
    expect(closed).toMatchObject({ ok: true, value: { state: 'closed', satisfaction: '基本满意' } });
    expect(open.ok && closed.ok && open.value.ticketKey === closed.value.ticketKey).toBe(true);
  });

  it('an anonymous complaint (no UserName) is still a ticket', () => {
    expect(mapVip1000Get180So({ ...openComplaint, UserName: null })).toMatchObject({ ok: true, value: { complainantName: null } });
  });
});

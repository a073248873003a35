// CS-4 VIP1000_GET_180_SO: an open complaint (of any VIP) → open TroubleTicket.

import type { MapResult } from '../../src/domain/quarantine.ts';
import type { TroubleTicket } from '../../src/domain/trouble-ticket.ts';
import type { Vip1000Get180SoRow } from './rows.ts';
import { mapTicket, type TicketMappingContext } from './trouble-ticket.ts';

export function mapVip1000Get180So(row: Vip1000Get180SoRow, ctx: TicketMappingContext = {}): MapResult<TroubleTicket> {
  return mapTicket(row, ctx, { kind: 'complaint', state: 'open', vipInRow: true });
}

// CS-3 VIP1000_GET_112_SO: an open fault (of any VIP) → open TroubleTicket.

import type { MapResult } from '../../src/domain/quarantine.ts';
import type { TroubleTicket } from '../../src/domain/trouble-ticket.ts';
import type { Vip1000Get112SoRow } from './rows.ts';
import { mapTicket, type TicketMappingContext } from './trouble-ticket.ts';

export function mapVip1000Get112So(row: Vip1000Get112SoRow, ctx: TicketMappingContext = {}): MapResult<TroubleTicket> {
  return mapTicket(row, ctx, { kind: 'fault', state: 'open', vipInRow: true });
}

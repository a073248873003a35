// CS-1 VIP1000_GET_112: a completed fault of the VIP asked for → closed TroubleTicket.

import type { MapResult } from '../../src/domain/quarantine.ts';
import type { TroubleTicket } from '../../src/domain/trouble-ticket.ts';
import type { Vip1000Get112Row } from './rows.ts';
import { mapTicket, type TicketMappingContext } from './trouble-ticket.ts';

export function mapVip1000Get112(row: Vip1000Get112Row, ctx: TicketMappingContext = {}): MapResult<TroubleTicket> {
  return mapTicket(row, ctx, { kind: 'fault', state: 'closed', vipInRow: false });
}

// CS-2 VIP1000_GET_180: a completed complaint of the VIP asked for → closed TroubleTicket.

import type { MapResult } from '../../src/domain/quarantine.ts';
import type { TroubleTicket } from '../../src/domain/trouble-ticket.ts';
import type { Vip1000Get180Row } from './rows.ts';
import { mapTicket, type TicketMappingContext } from './trouble-ticket.ts';

export function mapVip1000Get180(row: Vip1000Get180Row, ctx: TicketMappingContext = {}): MapResult<TroubleTicket> {
  return mapTicket(row, ctx, { kind: 'complaint', state: 'closed', vipInRow: false });
}

// Faults and complaints of the 1000 system, keyed on the mapping's derived ticket key.

import type { TroubleTicket } from '../domain/index.ts';
import type { Queryable } from './database.ts';
import { asDate, asText, dedupeByKey, iso, meta, upsertRows, type Confirmation, type UpsertSpec } from './upsert.ts';

const SPEC: UpsertSpec = {
  table: 'hub.trouble_ticket',
  key: ['ticket_key'],
  tracksUpdates: true,
  columns: [
    'ticket_key', 'kind', 'state', 'vip_number', 'customer_id', 'service_number', 'complainant_name', 'type', 'type_legacy',
    'staff', 'reported_at', 'finished_at', 'description', 'satisfaction', 'source_point', 'confirmed_at',
  ],
};

function fromRow(r: Record<string, unknown>): TroubleTicket {
  return {
    ticketKey: String(r.ticket_key), kind: r.kind as TroubleTicket['kind'], state: r.state as TroubleTicket['state'],
    vipNumber: asText(r.vip_number), customerId: asText(r.customer_id), serviceNumber: asText(r.service_number),
    complainantName: asText(r.complainant_name), type: String(r.type), typeLegacy: asText(r.type_legacy), staff: asText(r.staff),
    reportedAt: asDate(r.reported_at), finishedAt: asDate(r.finished_at), description: asText(r.description),
    satisfaction: asText(r.satisfaction),
  };
}

export class TroubleTicketRepository {
  constructor(private readonly q: Queryable) {}

  /** A ticket read again with a finish time moves open → closed; the confirmed_at guard keeps order. */
  upsert(tickets: readonly TroubleTicket[], m: Confirmation): Promise<number> {
    const rows = dedupeByKey(tickets, (t) => t.ticketKey).map((t) => ({
      ticket_key: t.ticketKey, kind: t.kind, state: t.state, vip_number: t.vipNumber, customer_id: t.customerId,
      service_number: t.serviceNumber, complainant_name: t.complainantName, type: t.type, type_legacy: t.typeLegacy,
      staff: t.staff, reported_at: iso(t.reportedAt), finished_at: iso(t.finishedAt), description: t.description,
      satisfaction: t.satisfaction, ...meta(m),
    }));
    return upsertRows(this.q, SPEC, rows);
  }

  async get(ticketKey: string): Promise<TroubleTicket | null> {
    const { rows } = await this.q.query('SELECT * FROM hub.trouble_ticket WHERE ticket_key = $1', [ticketKey]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async listByCustomer(customerId: string, filter: { kind?: TroubleTicket['kind']; state?: TroubleTicket['state'] } = {}): Promise<TroubleTicket[]> {
    const { rows } = await this.q.query(
      `SELECT * FROM hub.trouble_ticket WHERE customer_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR state = $3)
       ORDER BY reported_at DESC NULLS LAST, ticket_key`,
      [customerId, filter.kind ?? null, filter.state ?? null],
    );
    return rows.map(fromRow);
  }
}

// Faults (112) and complaints (180). Like work orders, a ticket without a resolved customer is visible
// only to the roles that see the whole province.

import { and, customerScope, sql, type Principal, type SqlFragment } from '../api/platform/index.ts';
import type { ViewSource } from './view-sql.ts';

export interface TroubleTicketRow extends Record<string, unknown> {
  ticket_key: string;
  kind: 'fault' | 'complaint';
  state: 'open' | 'closed';
  vip_number: string | null;
  customer_id: string | null;
  customer_name: string | null;
  service_number: string | null;
  complainant_name: string | null;
  type: string;
  type_legacy: string | null;
  staff: string | null;
  reported_at: Date | string | null;
  finished_at: Date | string | null;
  description: string | null;
  satisfaction: string | null;
}

const COLUMNS = sql`t.ticket_key, t.kind, t.state, t.vip_number, t.customer_id, c.name AS customer_name, t.service_number,
  t.complainant_name, t.type, t.type_legacy, t.staff, t.reported_at, t.finished_at, t.description, t.satisfaction`;

const FROM = sql`(SELECT tt.*, CASE WHEN tt.state = 'open' THEN 'inProgress' ELSE 'closed' END AS tmf_status
    FROM hub.trouble_ticket tt) t
  LEFT JOIN hub.customer c ON c.id = t.customer_id`;

export function troubleTicketSource(principal: Principal, conditions: SqlFragment[] = []): ViewSource {
  return { select: COLUMNS, from: FROM, where: and([customerScope(principal, 'c'), ...conditions]) };
}

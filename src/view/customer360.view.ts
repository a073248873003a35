// The customer 360 in one statement: the customer row, scoped, and each requested section as a json
// array folded from the same source its own resource pages through. No legacy system is asked
// anything; a section not requested (fields=) is not computed.

import type { Queryable } from '../store/database.ts';
import { and, customerScope, render, sql, type Principal, type SqlFragment } from '../api/platform/index.ts';
import { billingAccountSource } from './billing-account.view.ts';
import { customerBillSource } from './customer-bill.view.ts';
import { customerWhere } from './customer.view.ts';
import { serviceSource } from './product.view.ts';
import { workOrderSource } from './service-order.view.ts';
import { troubleTicketSource } from './trouble-ticket.view.ts';
import { trusted, type ViewSource } from './view-sql.ts';

export const SECTIONS = ['customer', 'billingAccount', 'product', 'serviceOrder', 'chargeSummary', 'arrears', 'troubleTicket'] as const;
export type Section = (typeof SECTIONS)[number];

/** How much of each list the 360 carries; the section's own collection route pages the rest. */
export const SECTION_LIMITS = { billingAccount: 500, product: 1000, serviceOrder: 500, arrears: 500, troubleTicket: 200 } as const;
export const CHARGE_CYCLES = 12;
export const RECENT_TICKET_DAYS = 90;

export interface ChargeSummaryJson {
  billing_cycle: number;
  categories: { category: string; amount: string }[];
}

/** Each requested section as json (parsed by the driver); absent keys were not requested. */
export type Customer360Row = { id: string } & Partial<Record<Section, unknown>>;

/**
 * The source's rows matching `condition`, as a json array in `orderBy` order, at most `limit` of them;
 * correlated conditions may refer to `c360`. json, not jsonb: the array is only ever sent to the
 * driver as text, and building jsonb values to print them again cost the server about a sixth of the
 * 360's execution. Each row is its select list alone (the sort position stays outside it).
 */
function jsonArrayOf(source: ViewSource, condition: SqlFragment, orderBy: string, limit: number): SqlFragment {
  const order = trusted(orderBy);
  return sql`(SELECT coalesce(json_agg(r.doc ORDER BY r.ord), '[]'::json) FROM (
    SELECT (SELECT row_to_json(d) FROM (SELECT ${source.select}) d) AS doc, row_number() OVER (ORDER BY ${order}) AS ord
      FROM ${source.from} WHERE ${and([source.where, condition])} ORDER BY ${order} LIMIT ${limit}) r)`;
}

function section(name: Section, principal: Principal, since: string): SqlFragment {
  switch (name) {
    case 'customer':
      return jsonArrayOf(customerWhere(principal, sql`c.id = c360.id`), sql`TRUE`, 'c.id', 1);
    case 'billingAccount':
      return jsonArrayOf(billingAccountSource(principal), sql`a.customer_id = c360.id`, 'a.account_number', SECTION_LIMITS.billingAccount);
    case 'product':
      return jsonArrayOf(serviceSource(principal), sql`s.customer_id = c360.id`, 's.service_number', SECTION_LIMITS.product);
    case 'serviceOrder':
      return jsonArrayOf(workOrderSource(principal), sql`o.customer_id = c360.id AND o.state = 'open'`,
        'o.accepted_at NULLS LAST, o.order_number', SECTION_LIMITS.serviceOrder);
    case 'arrears':
      return jsonArrayOf(customerBillSource(principal), sql`a.customer_id = c360.id AND p.paid_date IS NULL`,
        'p.billing_cycle, p.account_number', SECTION_LIMITS.arrears);
    case 'troubleTicket':
      return jsonArrayOf(troubleTicketSource(principal), sql`t.customer_id = c360.id AND (t.state = 'open' OR t.reported_at >= ${since}::timestamptz)`,
        "t.state = 'open' DESC, t.reported_at DESC NULLS LAST, t.ticket_key", SECTION_LIMITS.troubleTicket);
    case 'chargeSummary':
      // The last cycles the view switched in, each with the customer's charges per category (a cycle
      // without charges still appears, with none, so the months line up).
      return sql`(SELECT coalesce(json_agg(json_build_object('billing_cycle', cy.cycle, 'categories',
          (SELECT coalesce(json_agg(json_build_object('category', g.category, 'amount', g.amount) ORDER BY g.category), '[]'::json)
             FROM (SELECT x.category, sum(x.amount)::text AS amount FROM hub.charge x
                     JOIN hub.service s ON s.service_number = x.service_number
                    WHERE s.customer_id = c360.id AND x.billing_cycle = cy.cycle GROUP BY x.category) g)) ORDER BY cy.cycle DESC), '[]'::json)
        FROM (SELECT l.cycle FROM hub.billing_cycle_load l WHERE l.switched_at IS NOT NULL ORDER BY l.cycle DESC LIMIT ${CHARGE_CYCLES}) cy)`;
  }
}

/** null when the customer does not exist or is outside the caller's scope. */
export async function loadCustomer360(db: Queryable, principal: Principal, customerId: string, sections: readonly Section[], now: Date): Promise<Customer360Row | null> {
  const since = new Date(now.getTime() - RECENT_TICKET_DAYS * 86_400_000).toISOString();
  const query = statementFor({ principal, customerId, since }, sections);
  const { rows } = await db.query<Customer360Row>(query.text, query.params);
  return rows[0] ?? null;
}

interface Values {
  principal: Principal;
  customerId: string;
  since: string;
}

function build(v: Values, sections: readonly Section[]): { text: string; params: unknown[] } {
  const columns = sections.reduce((list, name) => sql`${list}, ${section(name, v.principal, v.since)} AS ${trusted(`"${name}"`)}`, sql`c360.id`);
  return render(sql`SELECT ${columns} FROM hub.customer c360
    WHERE ${and([sql`c360.id = ${v.customerId}`, customerScope(v.principal, 'c360')])}`);
}

// Building and numbering the 6 kB statement for every request was ~60 µs and 40 kB of garbage per 360.
// Its text depends only on the sections asked and on the caller's scope shape; every value of the
// caller or the request is a parameter. So it is built once per shape with a Slot where each such
// value goes, and a request only fills the slots. The shape key holds every field of the caller that
// is not a slot, and a new entry is kept only if filling it gives exactly the statement built the
// plain way: a scope that ever wrote a value into the text is built per request, never mixed up.
class Slot {
  constructor(readonly fill: (v: Values) => unknown) {}
}
const statements = new Map<string, { text: string; params: unknown[] }>();
const MAX_SHAPES = 1000;

function statementFor(v: Values, sections: readonly Section[]): { text: string; params: unknown[] } {
  const { subject: _subject, staffId, areas, ...rest } = v.principal;
  const key = JSON.stringify([sections, rest, Boolean(staffId), areas?.length ?? null]);
  const cached = statements.get(key);
  if (cached) return { text: cached.text, params: cached.params.map((p) => (p instanceof Slot ? p.fill(v) : p)) };
  const plain = build(v, sections);
  const shaped: Values = {
    principal: {
      ...v.principal,
      subject: new Slot((x) => x.principal.subject) as unknown as string,
      ...(staffId ? { staffId: new Slot((x) => x.principal.staffId) as unknown as string } : {}),
      ...(areas ? { areas: areas.map((_, i) => new Slot((x) => x.principal.areas?.[i]) as unknown as string) } : {}),
    },
    customerId: new Slot((x) => x.customerId) as unknown as string,
    since: new Slot((x) => x.since) as unknown as string,
  };
  const template = build(shaped, sections);
  const filled = template.params.map((p) => (p instanceof Slot ? p.fill(v) : p));
  const same = template.text === plain.text && filled.length === plain.params.length && filled.every((p, i) => p === plain.params[i]);
  if (same && statements.size < MAX_SHAPES) statements.set(key, template);
  return plain;
}

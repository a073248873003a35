// Customers as the API reads them: the customer row, its former VIP numbers and its account numbers in
// one statement. Look-ups by any VIP number it ever had, service number, account number, and name
// search on hub.customer.name_normalized through hub.normalize_name(), the function that filled the
// column, so full-width and half-width input, spaces and punctuation match alike.

import { and, customerScope, sql, type Principal, type SqlFragment } from '../api/platform/index.ts';
import { PLAN_PER_CALL } from '../store/database.ts';
import { trusted, type ViewSource } from './view-sql.ts';

const PER_CALL = trusted(PLAN_PER_CALL);

export interface CustomerRow extends Record<string, unknown> {
  id: string;
  vip_number: string;
  legacy_customer_id: number | string | null;
  name: string;
  customer_type: string;
  exchange_area: string | null;
  administrative_area: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  address: string | null;
  postcode: string | null;
  level: string | null;
  tier: string | null;
  service_level: string | null;
  industry_section: string | null;
  region_code: string | null;
  manager: string | null;
  status: 'potential' | 'formal' | 'churned' | 'cancelled';
  status_time: Date | string | null;
  updated_at: Date | string;
  former_vip_numbers: string[] | null;
  account_numbers: string[] | null;
}

export interface CustomerLookup {
  /** Current or former VIP number. */
  vipNumber?: string | undefined;
  serviceNumber?: string | undefined;
  accountNumber?: string | undefined;
  /** A fragment of the name, in any width. */
  name?: string | undefined;
}

const COLUMNS = sql`c.id, c.vip_number, c.legacy_customer_id, c.name, c.customer_type, c.exchange_area,
  c.administrative_area, c.contact_person, c.contact_phone, c.address, c.postcode, c.level, c.tier, c.service_level,
  c.industry_section, c.region_code, c.manager, c.status, c.status_time, c.updated_at,
  (SELECT coalesce(array_agg(h.vip_number ORDER BY h.valid_from, h.vip_number), '{}') FROM hub.customer_vip_number h
    WHERE h.customer_id = c.id AND h.vip_number <> c.vip_number) AS former_vip_numbers,
  (SELECT coalesce(array_agg(a.account_number ORDER BY a.account_number), '{}') FROM hub.account a
    WHERE a.customer_id = c.id) AS account_numbers`;

// match_rank orders a name search: 0 the whole name, 1 a prefix, 2 anywhere inside. Without a search
// it is the constant 0 written into the statement (not a parameter, which a cached generic plan could
// not fold), so the default order (rank, name, id) is the customer_name_order index's.
function from(name: string | undefined): SqlFragment {
  if (name === undefined) return sql`(SELECT c.*, 0 AS match_rank FROM hub.customer c) c`;
  return sql`(SELECT c.*, CASE WHEN c.name_normalized = hub.normalize_name(${name}) THEN 0
      WHEN c.name_normalized LIKE hub.normalize_name(${name}) || '%' THEN 1 ELSE 2 END AS match_rank
    FROM hub.customer c) c`;
}

function lookupConditions(lookup: CustomerLookup): SqlFragment[] {
  const parts: SqlFragment[] = [];
  if (lookup.vipNumber !== undefined) {
    // One IN over both sources, not an OR of two: an OR with the history subquery defeats the
    // indexes and scans every customer (38 ms at province size against 0.5 ms).
    parts.push(sql`c.id IN (SELECT h.customer_id FROM hub.customer_vip_number h WHERE h.vip_number = ${lookup.vipNumber}
      UNION ALL SELECT v.id FROM hub.customer v WHERE v.vip_number = ${lookup.vipNumber})`);
  }
  if (lookup.serviceNumber !== undefined) {
    parts.push(sql`EXISTS (SELECT 1 FROM hub.service s WHERE s.customer_id = c.id AND s.service_number = ${lookup.serviceNumber})`);
  }
  if (lookup.accountNumber !== undefined) {
    parts.push(sql`EXISTS (SELECT 1 FROM hub.account a WHERE a.customer_id = c.id AND a.account_number = ${lookup.accountNumber})`);
  }
  if (lookup.name !== undefined) {
    // A term that normalises to nothing (only spaces or punctuation) matches nothing rather than all.
    // Planned per call: whether the trigram index helps depends on the term's length.
    parts.push(sql`${PER_CALL} hub.normalize_name(${lookup.name}) <> '' AND c.name_normalized LIKE '%' || hub.normalize_name(${lookup.name}) || '%'`);
  }
  return parts;
}

export function customerSource(principal: Principal, lookup: CustomerLookup = {}): ViewSource {
  return { select: COLUMNS, from: from(lookup.name), where: and([customerScope(principal, 'c'), ...lookupConditions(lookup)]) };
}

/** Customers by a condition on `c` (an id, or the enclosing query's customer in the 360). */
export function customerWhere(principal: Principal, condition: SqlFragment): ViewSource {
  return { select: COLUMNS, from: sql`hub.customer c`, where: and([customerScope(principal, 'c'), condition]) };
}

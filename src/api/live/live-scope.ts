// Scope first: every live route learns from the view whose data the request concerns and refuses
// (404, the answer for "absent" too) before a single legacy call. The legacy knows no scopes, so a
// key the view cannot place — a number synced nowhere, another manager's contract — never reaches it:
// a manager cannot read another manager's customer, nor use the legacy to probe whether a key exists.

import type { Principal } from '../platform/index.ts';
import { and, customerScope, notFoundInScope, render, sql, type SqlFragment } from '../platform/index.ts';
import type { Queryable } from '../../store/database.ts';

export interface ScopedCustomer {
  customerId: string;
  customerName: string;
  vipNumber: string;
}

async function first<R>(db: Queryable, fragment: SqlFragment): Promise<R | undefined> {
  const q = render(fragment);
  return (await db.query<R>(q.text, q.params)).rows[0];
}

const CUSTOMER = sql`c.id AS "customerId", c.name AS "customerName", c.vip_number AS "vipNumber"`;

/** The customer of a service number, or the 404. */
export async function customerOfService(db: Queryable, principal: Principal, serviceNumber: string): Promise<ScopedCustomer> {
  const found = await first<ScopedCustomer>(db, sql`SELECT ${CUSTOMER} FROM hub.service s JOIN hub.customer c ON c.id = s.customer_id
    WHERE ${and([sql`s.service_number = ${serviceNumber}`, customerScope(principal, 'c')])}`);
  if (!found) throw notFoundInScope('service', serviceNumber);
  return found;
}

/** The customer of a billing account (contract number), or the 404. */
export async function customerOfAccount(db: Queryable, principal: Principal, accountNumber: string): Promise<ScopedCustomer> {
  const found = await first<ScopedCustomer>(db, sql`SELECT ${CUSTOMER} FROM hub.account a JOIN hub.customer c ON c.id = a.customer_id
    WHERE ${and([sql`a.account_number = ${accountNumber}`, customerScope(principal, 'c')])}`);
  if (!found) throw notFoundInScope('billing account', accountNumber);
  return found;
}

/** A customer by hub id or by a VIP number it has or had, or the 404. */
export async function customerByIdOrVip(db: Queryable, principal: Principal, by: { customerId?: string; vipNumber?: string }): Promise<ScopedCustomer> {
  const match = by.customerId !== undefined
    ? sql`c.id = ${by.customerId}`
    : sql`(c.vip_number = ${by.vipNumber} OR c.id = (SELECT h.customer_id FROM hub.customer_vip_number h WHERE h.vip_number = ${by.vipNumber}))`;
  const found = await first<ScopedCustomer>(db, sql`SELECT ${CUSTOMER} FROM hub.customer c WHERE ${and([match, customerScope(principal, 'c')])}`);
  if (!found) throw notFoundInScope('customer', by.customerId ?? by.vipNumber ?? '');
  return found;
}

/**
 * Of the services and accounts a legacy answer names, those of customers in the caller's scope. A
 * name search cannot be scoped before the call (the name is the question), so its rows are scoped
 * after it, each by its service or its account.
 */
export async function inScopeKeys(
  db: Queryable,
  principal: Principal,
  services: readonly string[],
  accounts: readonly string[],
): Promise<{ services: Set<string>; accounts: Set<string> }> {
  const scope = customerScope(principal, 'c');
  const run = async (fragment: SqlFragment) => {
    const q = render(fragment);
    return new Set((await db.query<{ k: string }>(q.text, q.params)).rows.map((r) => r.k));
  };
  return {
    services: services.length === 0 ? new Set() : await run(sql`SELECT s.service_number AS k FROM hub.service s JOIN hub.customer c ON c.id = s.customer_id
      WHERE ${and([sql`s.service_number = ANY(${[...new Set(services)]}::text[])`, scope])}`),
    accounts: accounts.length === 0 ? new Set() : await run(sql`SELECT a.account_number AS k FROM hub.account a JOIN hub.customer c ON c.id = a.customer_id
      WHERE ${and([sql`a.account_number = ANY(${[...new Set(accounts)]}::text[])`, scope])}`),
  };
}

// Which customers a caller may see, as one SQL predicate over hub.customer. Every resource route that
// reads customer data joins hub.customer and ANDs this in; a single resource outside the scope is a
// 404, the same answer as a resource that does not exist, so probing ids tells nothing.
//
//   customer_manager  customers whose manager is the caller's staff id
//   area_supervisor   customers whose administrative or exchange area is one of the caller's areas
//   province_admin, operations, hq, system   every customer of the province
//
// operations sees all because it works on faults and orders across areas; hq reads the whole province
// for the uplink. Masking (masking.ts), not the scope, keeps their view free of personal data.

import type { Queryable } from '../../store/database.ts';
import { ApiProblem } from './problem.ts';
import { FALSE, TRUE, and, column, or, render, sql, type SqlFragment } from './sql-fragment.ts';
import type { Principal } from './types.ts';

/** `alias` is the hub.customer alias of the caller's query (`c` in `FROM hub.customer c`). */
export function customerScope(principal: Principal, alias = 'c'): SqlFragment {
  const col = (name: string) => column(`${alias}.${name}`);
  switch (principal.role) {
    case 'customer_manager':
      // A manager token without a staff id cannot be minted; refuse everything if one appears anyway.
      return principal.staffId ? sql`${col('manager')} = ${principal.staffId}` : FALSE;
    case 'area_supervisor': {
      const areas = principal.areas ?? [];
      if (areas.length === 0) return FALSE;
      const list = (name: string) => or(areas.map((a) => sql`${col(name)} = ${a}`));
      return or([list('administrative_area'), list('exchange_area')]);
    }
    case 'province_admin':
    case 'operations':
    case 'hq':
    case 'system':
      return TRUE;
  }
}

/** Throws the 404 problem unless the customer exists and is in the caller's scope. */
export async function assertCustomerInScope(db: Queryable, principal: Principal, customerId: string, what = 'customer'): Promise<void> {
  const query = render(sql`SELECT 1 FROM hub.customer c WHERE ${and([sql`c.id = ${customerId}`, customerScope(principal, 'c')])}`);
  const { rows } = await db.query(query.text, query.params);
  if (rows.length === 0) throw notFoundInScope(what, customerId);
}

/** The one answer for "absent" and "not yours". */
export function notFoundInScope(what: string, id: string): ApiProblem {
  return new ApiProblem('notFound', `No ${what} with id ${JSON.stringify(id.slice(0, 100))}.`);
}

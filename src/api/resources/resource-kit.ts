// What every resource route shares: the base paths, who may read, path-parameter shapes, TMF building
// blocks (references, characteristics, money) and the two guards the routes put around the platform:
// personal data is masked after fields= has trimmed the item (so a trimmed-away bank account is neither
// disclosed nor audited), and filter values with control characters are refused before SQL sees them.

import { z } from 'zod';
import type { Queryable } from '../../store/database.ts';
import { ApiProblem, ROLES, render, sql, type PersonalFields, type Role, type RouteContext } from '../platform/index.ts';
import type { ViewSource } from '../../view/view-sql.ts';
import type { Characteristic, EntityRef, Money, RelatedParty } from './tmf-types.ts';

export interface ResourceDeps {
  db: Queryable;
  /** The clock that decides overdue steps and recent tickets; tests fix it. */
  now?: () => Date;
}

export const BASE = {
  customer: '/tmf-api/customerManagement/v4/customer',
  billingAccount: '/tmf-api/accountManagement/v4/billingAccount',
  product: '/tmf-api/productInventory/v4/product',
  serviceOrder: '/tmf-api/serviceOrdering/v4/serviceOrder',
  troubleTicket: '/tmf-api/troubleTicket/v4/troubleTicket',
  customerBill: '/tmf-api/customerBillManagement/v4/customerBill',
  appliedCustomerBillingRate: '/tmf-api/customerBillManagement/v4/appliedCustomerBillingRate',
  productOffering: '/tmf-api/productCatalogManagement/v4/productOffering',
  customer360: '/tmf-api/customer360/v4/customer360',
} as const;

/** Reads are open to every role; the data scope (scope.ts) decides which customers each one sees. */
export const READERS: readonly Role[] = ROLES;

const PRINTABLE = /^\P{Cc}+$/u;
const CONTROL = /\p{Cc}/u;

/** A legacy key or hub id in a path or look-up: printable, no slash, bounded. */
export const key = (max: number) => z.string().min(1).max(max).regex(/^[^\p{Cc}\s/\\]+$/u, 'printable characters, no spaces or slashes');
export const text = (max: number) => z.string().min(1).max(max).regex(PRINTABLE, 'printable characters only');

export const CUSTOMER_ID = key(64);

export function href(base: string, id: string): string {
  return `${base}/${encodeURIComponent(id)}`;
}

export function ref(base: string, id: string, referredType: string, name?: string | null): EntityRef {
  const out: EntityRef = { id, href: href(base, id), '@referredType': referredType };
  if (name) out.name = name;
  return out;
}

export function customerParty(id: string, name: string | null): RelatedParty {
  return { id, href: href(BASE.customer, id), name, role: 'customer', '@referredType': 'Customer' };
}

/** Characteristics the view has a value for; absent values are left out, not sent as null. */
export function characteristics(pairs: [string, string | number | null | undefined, string?][]): Characteristic[] {
  const out: Characteristic[] = [];
  for (const [name, value, valueType] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    out.push({ name, valueType: valueType ?? (typeof value === 'number' ? 'integer' : 'string'), value });
  }
  return out;
}

export function yuan(amount: string | number | null | undefined): Money {
  return { unit: 'CNY', value: Math.round(Number(amount ?? 0) * 100) / 100 };
}

type AnyCtx = RouteContext<unknown, unknown>;
/** The generated contract types are interfaces without an index signature; the platform takes records. */
type Item = Record<string, unknown>;

const ALWAYS = new Set(['id', 'href', '@type']);

/** Trim to fields= first, then mask; see the file comment. */
export function disclose<T extends object>(ctx: Pick<AnyCtx, 'personal' | 'fields'>, item: T, customerId: string, fields: PersonalFields): T {
  const wanted = ctx.fields;
  const trimmed = wanted === undefined ? item : (Object.fromEntries(Object.entries(item).filter(([k]) => ALWAYS.has(k) || wanted.includes(k))) as T);
  return ctx.personal(trimmed, customerId, fields);
}

/** 200 with the platform's fields=, ETag and 304. */
export function answer(ctx: Pick<AnyCtx, 'one'>, item: object): Response {
  return ctx.one(item as Item);
}

/**
 * PostgreSQL refuses a NUL in text, so a filter value carrying one would end as a 500; control
 * characters are no legitimate part of any attribute here. (The platform's filter parser lets them
 * through; reported to its author.)
 */
export function assertPrintableFilters(ctx: Pick<AnyCtx, 'tmf'>): void {
  const bad = (ctx.tmf?.filter.params ?? []).some((p) => typeof p === 'string' && CONTROL.test(p));
  if (bad) throw new ApiProblem('validation', 'A filter value holds control characters.', { errors: [{ path: 'query', message: 'printable characters only' }] });
}

/** One page of a collection route over a view source. */
export function listOf<Row extends Record<string, unknown>>(
  ctx: AnyCtx,
  db: Queryable,
  source: ViewSource,
  toItem: (row: Row) => object,
): Promise<Response> {
  assertPrintableFilters(ctx);
  return ctx.list<Row>({ db, ...source, toItem: (row) => toItem(row) as Item });
}

/** The one row of a single-resource source, or the 404 that also answers "outside your scope". */
export async function oneRow<Row>(db: Queryable, source: ViewSource): Promise<Row | undefined> {
  const q = render(sql`SELECT ${source.select} FROM ${source.from} WHERE ${source.where} LIMIT 2`);
  const { rows } = await db.query<Row>(q.text, q.params);
  return rows[0];
}

// Reconciliation: the view against the legacy systems, field by field, reported by interface point.
// Both sides are compared as canonical entities (the legacy side through the same mappings the sync
// uses), so a difference is real drift, not a difference of spelling; only the fields the interface
// point owns are compared (the 97 system does not own a customer's tier or manager).

import type { Cs1000Port } from '../../adapters/cs1000/cs1000.adapter.ts';
import type { Sys97Port } from '../../adapters/sys97/sys97.adapter.ts';
import { mapRows } from '../../mappings/index.ts';
import type { Account, Customer, Service, TroubleTicket, WorkOrder } from '../domain/index.ts';
import { AccountRepository, CustomerRepository, ServiceRepository, type Database } from '../store/index.ts';
import { splitChecked } from './quarantine-rows.ts';

export interface Drift {
  pointId: string;
  key: string;
  kind: 'missing_in_view' | 'missing_in_legacy' | 'field';
  field?: string;
  view?: unknown;
  legacy?: unknown;
}

export interface ReconcileReport {
  checked: { customers: number; workOrders: number; openTickets: number };
  drift: Drift[];
  /** Drift counted per interface point. */
  byPoint: Record<string, number>;
  /** Legacy rows that broke their contract or mapping during the check (they are the quarantine's). */
  unreadable: number;
}

const CUSTOMER_FIELDS = ['vipNumber', 'name', 'customerType', 'exchangeArea', 'administrativeArea', 'contactPerson', 'contactPhone', 'address', 'postcode', 'level', 'industrySection', 'regionCode'] as const;
const ACCOUNT_FIELDS = ['customerId', 'payerName', 'payMethod', 'payMethodLegacy', 'bankName', 'bankAccount', 'address', 'postcode'] as const;
const SERVICE_FIELDS = ['legacyServiceId', 'customerId', 'accountNumber', 'userName', 'serviceType', 'serviceTypeLegacy', 'subAccountName', 'parentName', 'installAddress', 'postcode', 'startDate'] as const;

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
  }
  return (a ?? null) === (b ?? null);
}

function compare<T>(pointId: string, key: string, view: T, legacy: T, fields: readonly (keyof T & string)[], out: Drift[]): void {
  for (const field of fields) {
    if (!same(view[field], legacy[field])) out.push({ pointId, key, kind: 'field', field, view: view[field], legacy: legacy[field] });
  }
}

function diffSets<T>(pointId: string, view: Map<string, T>, legacy: Map<string, T>, fields: readonly (keyof T & string)[], out: Drift[]): void {
  for (const [key, l] of legacy) {
    const v = view.get(key);
    if (v === undefined) out.push({ pointId, key, kind: 'missing_in_view' });
    else compare(pointId, key, v, l, fields, out);
  }
  for (const key of view.keys()) if (!legacy.has(key)) out.push({ pointId, key, kind: 'missing_in_legacy' });
}

export interface ReconcileOptions {
  /** Check at most this many customers (a random sample); all when absent. */
  sample?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function reconcile(
  legacy: { sys97: Sys97Port; cs1000?: Cs1000Port },
  db: Database,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const drift: Drift[] = [];
  let unreadable = 0;
  // The legacy's list of key accounts against the view's (97-1 from the beginning lists them all).
  const listed = splitChecked('97-1', await legacy.sys97.VIP97_GET_CHANGE(new Date('1970-01-01T00:00:00Z')), null);
  unreadable += listed.rejected.length;
  const legacyVips = new Set(listed.good.map((r) => String(r.DKH_CARDID)));
  const { rows } = await db.query<{ vip_number: string }>('SELECT vip_number FROM hub.customer ORDER BY vip_number');
  const viewVips = new Set(rows.map((r) => r.vip_number));
  for (const v of [...legacyVips].filter((x) => !viewVips.has(x))) {
    // The change log also lists numbers a customer no longer holds (renumbered): drift only if the
    // 97 system still answers a customer under that number.
    if ((await legacy.sys97.VIP_GET_DKHINFO(v)).length > 0) drift.push({ pointId: '97-1', key: v, kind: 'missing_in_view' });
    else legacyVips.delete(v);
  }
  for (const v of viewVips) if (!legacyVips.has(v)) drift.push({ pointId: '97-1', key: v, kind: 'missing_in_legacy' });

  let vips = [...legacyVips].filter((v) => viewVips.has(v)).sort();
  if (options.sample !== undefined && options.sample < vips.length) {
    vips = vips.map((v) => ({ v, r: Math.random() })).sort((a, b) => a.r - b.r).slice(0, options.sample).map((x) => x.v).sort();
  }
  const customers = new CustomerRepository(db);
  for (const [i, vip] of vips.entries()) {
    const stored = await customers.findByVipNumber(vip);
    if (!stored) continue;
    const ctx = { customerId: stored.id, status: stored.status, statusTime: stored.statusTime };
    const [info, pay, servers] = await Promise.all([
      legacy.sys97.VIP_GET_DKHINFO(vip), legacy.sys97.VIP_GET_PAYINFO(vip), legacy.sys97.VIP_GET_SERVERS(vip),
    ]);
    const c = mapRows('97-2', splitChecked('97-2', info, null).good, ctx);
    const a = mapRows('97-3', splitChecked('97-3', pay, null).good, ctx);
    const s = mapRows('97-4', splitChecked('97-4', servers, null).good, ctx);
    unreadable += info.length + pay.length + servers.length - (c.values.length + a.values.length + s.values.length);
    const legacyCustomer = c.values[0] as Customer | undefined;
    if (legacyCustomer) compare('97-2', vip, stored as Customer, legacyCustomer, CUSTOMER_FIELDS, drift);
    const viewAccounts = await new AccountRepository(db).listByCustomer(stored.id);
    diffSets('97-3', new Map(viewAccounts.map((x) => [x.accountNumber, x])), new Map((a.values as Account[]).map((x) => [x.accountNumber, x])), ACCOUNT_FIELDS, drift);
    const viewServices = await new ServiceRepository(db).listByCustomer(stored.id);
    diffSets('97-4', new Map(viewServices.map((x) => [x.serviceNumber, x])), new Map((s.values as Service[]).map((x) => [x.serviceNumber, x])), SERVICE_FIELDS, drift);
    options.onProgress?.(i + 1, vips.length);
  }

  // Open work orders: the 97 system's open list against the view's open orders and their current step.
  const sos = splitChecked('97-5', await legacy.sys97.VIP_GET_SOS(), null);
  unreadable += sos.rejected.length;
  const openLegacy = mapRows('97-5', sos.good, {});
  const { rows: openView } = await db.query<{ order_number: string; current_step: string | null; service_number: string | null }>(
    `SELECT order_number, current_step, service_number FROM hub.work_order WHERE state = 'open'`,
  );
  diffSets(
    '97-5',
    new Map(openView.map((o) => [o.order_number, { currentStep: o.current_step, serviceNumber: o.service_number }])),
    new Map((openLegacy.values as WorkOrder[]).map((o) => [o.orderNumber, { currentStep: o.currentStep, serviceNumber: o.serviceNumber }])),
    ['currentStep', 'serviceNumber'],
    drift,
  );

  let openTickets = 0;
  if (legacy.cs1000) {
    const faults = mapRows('CS-3', splitChecked('CS-3', await legacy.cs1000.VIP1000_GET_112_SO(), null).good, {});
    const complaints = mapRows('CS-4', splitChecked('CS-4', await legacy.cs1000.VIP1000_GET_180_SO(), null).good, {});
    const legacyOpen = new Map([...faults.values, ...complaints.values].map((t) => [(t as TroubleTicket).ticketKey, { state: 'open' }]));
    const { rows: viewOpen } = await db.query<{ ticket_key: string }>(`SELECT ticket_key FROM hub.trouble_ticket WHERE state = 'open'`);
    openTickets = legacyOpen.size;
    diffSets('CS-3/CS-4', new Map(viewOpen.map((t) => [t.ticket_key, { state: 'open' }])), legacyOpen, ['state'], drift);
  }

  const byPoint: Record<string, number> = {};
  for (const d of drift) byPoint[d.pointId] = (byPoint[d.pointId] ?? 0) + 1;
  return { checked: { customers: vips.length, workOrders: openLegacy.values.length, openTickets }, drift, byPoint, unreadable };
}

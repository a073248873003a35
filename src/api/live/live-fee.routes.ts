// Fee details asked of billing now (JF-9 by service number, JF-10 by contract number, JF-11 by a
// fragment of the user or payer name), in the view's AppliedCustomerBillingRate shape so a front end
// renders live and synchronised charges with one component. While billing is down the same question
// is answered from hub.charge, marked stale.

import { z } from 'zod';
import type { CheckedRow } from '../../../adapters/shared/point-caller.ts';
import type { VipjfGetFeeByAccnbrRow } from '../../../contracts/generated/legacy/index.ts';
import type { LiveAppliedCustomerBillingRates } from '../../../contracts/generated/api/LiveAppliedCustomerBillingRates.ts';
import { mapRows } from '../../../mappings/index.ts';
import type { Charge } from '../../domain/index.ts';
import type { Queryable } from '../../store/database.ts';
import { chargeSource, type ChargeRow } from '../../view/customer-bill.view.ts';
import { defineRoute, render, sql, type AnyRoute, type Principal, type RouteContext, type SqlFragment } from '../platform/index.ts';
import { toAppliedRate } from '../resources/customer-bill.routes.ts';
import { BASE, READERS, key } from '../resources/resource-kit.ts';
import { legacyMeta, legacyUnavailable, liveAnswer, logStale, viewMeta, type LiveCaller, type LiveDeps, type LiveMeta } from './live-call.ts';
import { customerOfAccount, customerOfService, inScopeKeys } from './live-scope.ts';
import { CYCLE, MAX_CYCLE_SPAN_MONTHS, NAME_FRAGMENT, cycleOf, invalid, monthsBetween, parseCycle } from './live-values.ts';

type FeeRow = VipjfGetFeeByAccnbrRow;

/** More charges than this in one answer are cut (truncated: true): a front end pages the view instead. */
export const MAX_LIVE_CHARGES = 2000;

const QUERY = z.object({
  serviceNumber: key(20).optional().describe('JF-9: one service number (the customer is found in the view first).'),
  accountNumber: key(20).optional().describe('JF-10: one contract (billing account) number.'),
  name: NAME_FRAGMENT.optional().describe('JF-11: 2 to 50 characters of the user name or the payer name; with cycle.'),
  fromCycle: CYCLE.optional().describe('With serviceNumber or accountNumber: first cycle (default: 11 months before toCycle).'),
  toCycle: CYCLE.optional().describe('With serviceNumber or accountNumber: last cycle (default: the current month\'s).'),
  cycle: CYCLE.optional().describe('With name: the one cycle searched.'),
});
type Query = z.output<typeof QUERY>;

type Question =
  | { by: 'service'; serviceNumber: string; from: number; to: number }
  | { by: 'account'; accountNumber: string; from: number; to: number }
  | { by: 'name'; name: string; cycle: number };

function question(q: Query, now: Date): Question {
  const given = (['serviceNumber', 'accountNumber', 'name'] as const).filter((k) => q[k] !== undefined);
  if (given.length !== 1) {
    throw invalid('Ask by exactly one of serviceNumber, accountNumber or name.', [{ path: 'query', message: `one of serviceNumber, accountNumber, name (got ${given.length})` }]);
  }
  if (q.name !== undefined) {
    if (q.cycle === undefined) throw invalid('A name search needs the cycle.', [{ path: 'query.cycle', message: 'required with name' }]);
    if (q.fromCycle !== undefined || q.toCycle !== undefined) throw invalid('A name search reads one cycle.', [{ path: 'query.fromCycle', message: 'not with name; use cycle' }]);
    return { by: 'name', name: q.name.trim(), cycle: parseCycle(q.cycle, 'query.cycle') };
  }
  if (q.cycle !== undefined) throw invalid('cycle belongs to a name search.', [{ path: 'query.cycle', message: 'use fromCycle and toCycle' }]);
  const to = q.toCycle !== undefined ? parseCycle(q.toCycle, 'query.toCycle') : cycleOf(now);
  const from = q.fromCycle !== undefined ? parseCycle(q.fromCycle, 'query.fromCycle') : cycleOf(now, -11);
  if (from > to) throw invalid('fromCycle is after toCycle.', [{ path: 'query.fromCycle', message: 'not after toCycle' }]);
  if (monthsBetween(from, to) >= MAX_CYCLE_SPAN_MONTHS) {
    throw invalid(`At most ${MAX_CYCLE_SPAN_MONTHS} cycles per call.`, [{ path: 'query.fromCycle', message: `at most ${MAX_CYCLE_SPAN_MONTHS} cycles before toCycle` }]);
  }
  return q.serviceNumber !== undefined
    ? { by: 'service', serviceNumber: q.serviceNumber, from, to }
    : { by: 'account', accountNumber: q.accountNumber!, from, to };
}

// Raw rows that broke their contract still name their keys, in whatever case the legacy used.
function rawKey(raw: Record<string, unknown>, column: string): string | null {
  const found = Object.keys(raw).find((k) => k.toUpperCase() === column.toUpperCase());
  const value = found === undefined ? null : raw[found];
  return typeof value === 'string' ? value.replace(/ /g, '') : null;
}

const byCycleDesc = (a: ChargeRow, b: ChargeRow) =>
  b.billing_cycle - a.billing_cycle || a.service_number.localeCompare(b.service_number) || a.item_code.localeCompare(b.item_code);

async function itemNames(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ item_code: string; name: string }>('SELECT item_code, name FROM hub.charge_item');
  return new Map(rows.map((r) => [r.item_code, r.name]));
}

/** The view's bills among the charges' account/cycle pairs: a live charge links its bill when one exists. */
async function billsOf(db: Queryable, charges: readonly Charge[]): Promise<Set<string>> {
  const accounts = [...new Set(charges.map((c) => c.accountNumber).filter((a): a is string => a !== null))];
  if (accounts.length === 0) return new Set();
  const { rows } = await db.query<{ k: string }>(
    `SELECT account_number || '|' || billing_cycle AS k FROM hub.payment_status WHERE account_number = ANY($1::text[])`,
    [accounts],
  );
  return new Set(rows.map((r) => r.k));
}

/**
 * Contract-checked legacy rows → the answer's rows. `belongs` says whether a row is one the caller
 * asked for and may see. By number or contract the question itself was scoped, so every row of the
 * answer is the caller's business: a broken row, or one of another number (the legacy's error, never
 * shown), counts as rejected. A name search is scoped row by row: rows of other customers are dropped
 * silently, and a broken row counts only when its keys place it with the caller (a count of other
 * customers' bad rows would tell the caller something).
 */
async function toChargeRows(
  db: Queryable,
  pointId: 'JF-9' | 'JF-10' | 'JF-11',
  checked: readonly CheckedRow<FeeRow>[],
  belongs: (service: string | null, account: string | null) => boolean,
  vipNumber: string | null,
): Promise<{ rows: ChargeRow[]; rejected: number }> {
  const scopedByRow = pointId === 'JF-11';
  let rejected = 0;
  const kept: FeeRow[] = [];
  for (const c of checked) {
    if (c.ok) {
      if (belongs(c.row.EquipmentNbr.replace(/ /g, ''), c.row.ConTractNo?.replace(/ /g, '') ?? null)) kept.push(c.row);
      else if (!scopedByRow) rejected += 1;
    } else if (!scopedByRow || belongs(rawKey(c.raw, 'EquipmentNbr'), rawKey(c.raw, 'ConTractNo'))) {
      rejected += 1;
    }
  }
  if (kept.length === 0) return { rows: [], rejected };
  const names = await itemNames(db);
  const mapped = mapRows(pointId, kept, { itemNames: names, vipNumber });
  const bills = await billsOf(db, mapped.values);
  const rows = mapped.values.map((ch): ChargeRow => ({
    service_number: ch.serviceNumber,
    account_number: ch.accountNumber,
    item_code: ch.itemCode,
    item_name: names.get(ch.itemCode) ?? null,
    category: ch.category,
    amount: ch.amount,
    billing_cycle: ch.billingCycle,
    has_bill: ch.accountNumber !== null && bills.has(`${ch.accountNumber}|${ch.billingCycle}`),
  }));
  return { rows, rejected: rejected + mapped.quarantined.length };
}

function body(rows: ChargeRow[], meta: LiveMeta): LiveAppliedCustomerBillingRates {
  const sorted = [...rows].sort(byCycleDesc);
  return {
    '@type': 'LiveAppliedCustomerBillingRates',
    ...meta,
    truncated: sorted.length > MAX_LIVE_CHARGES,
    items: sorted.slice(0, MAX_LIVE_CHARGES).map(toAppliedRate),
  };
}

async function viewCharges(db: Queryable, principal: Principal, conditions: SqlFragment[]): Promise<ChargeRow[]> {
  const source = chargeSource(principal, conditions);
  const q = render(sql`SELECT ${source.select} FROM ${source.from} WHERE ${source.where} LIMIT ${MAX_LIVE_CHARGES + 1}`);
  return (await db.query<ChargeRow>(q.text, q.params)).rows.map((r) => ({ ...r, billing_cycle: Number(r.billing_cycle) }));
}

/** hub.charge for the same question, in the caller's scope. */
function viewConditions(q: Question): SqlFragment[] {
  switch (q.by) {
    case 'service':
      return [sql`x.service_number = ${q.serviceNumber}`, sql`x.billing_cycle BETWEEN ${q.from} AND ${q.to}`];
    case 'account':
      return [sql`x.account_number = ${q.accountNumber}`, sql`x.billing_cycle BETWEEN ${q.from} AND ${q.to}`];
    case 'name':
      return [
        sql`x.billing_cycle = ${q.cycle}`,
        sql`(strpos(s.user_name, ${q.name}) > 0 OR EXISTS (SELECT 1 FROM hub.account pa WHERE pa.account_number = x.account_number AND strpos(pa.payer_name, ${q.name}) > 0))`,
      ];
  }
}

async function handle(ctx: RouteContext<unknown, Query>, deps: LiveDeps, caller: LiveCaller): Promise<Response> {
  const { db, legacy } = deps;
  const q = question(ctx.query, (deps.now ?? (() => new Date()))());
  const billing = legacy.billing;
  let pointId: 'JF-9' | 'JF-10' | 'JF-11';
  let load: () => Promise<CheckedRow<FeeRow>[]>;
  let belongs: (service: string | null, account: string | null) => boolean;
  let vipNumber: string | null = null;
  let cacheKey: string;
  switch (q.by) {
    case 'service': {
      vipNumber = (await customerOfService(db, ctx.principal, q.serviceNumber)).vipNumber;
      pointId = 'JF-9';
      cacheKey = JSON.stringify([pointId, q.serviceNumber, q.from, q.to]);
      load = () => billing.VIPJF_GET_FEE_BY_ACCNBR(q.serviceNumber, q.from, q.to);
      belongs = (s) => s === q.serviceNumber;
      break;
    }
    case 'account': {
      vipNumber = (await customerOfAccount(db, ctx.principal, q.accountNumber)).vipNumber;
      pointId = 'JF-10';
      cacheKey = JSON.stringify([pointId, q.accountNumber, q.from, q.to]);
      load = () => billing.VIPJF_GET_FEE_BY_CONTRACTNO(q.accountNumber, q.from, q.to);
      belongs = (_s, a) => a === q.accountNumber;
      break;
    }
    case 'name': {
      pointId = 'JF-11';
      cacheKey = JSON.stringify([pointId, q.name, q.cycle]);
      load = () => billing.VIPJF_GET_FEE_BY_USERNAME(q.name, q.cycle);
      belongs = () => false; // replaced below, once the answer's keys are known
      break;
    }
  }
  const outcome = await caller.call(cacheKey, load);
  if (!outcome.ok) {
    const rows = await viewCharges(db, ctx.principal, viewConditions(q));
    if (rows.length === 0) throw legacyUnavailable(ctx, 'billing', outcome.down, 'charges');
    logStale(ctx, 'billing', outcome.down, 'charges');
    return liveAnswer(ctx, body(rows, viewMeta(null)), viewMeta(null), { down: outcome.down });
  }
  if (q.by === 'name') {
    const services: string[] = [];
    const accounts: string[] = [];
    for (const c of outcome.value) {
      const s = c.ok ? c.row.EquipmentNbr : rawKey(c.raw, 'EquipmentNbr');
      const a = c.ok ? c.row.ConTractNo : rawKey(c.raw, 'ConTractNo');
      if (s) services.push(s.replace(/ /g, ''));
      if (a) accounts.push(a.replace(/ /g, ''));
    }
    const scoped = await inScopeKeys(db, ctx.principal, services, accounts);
    belongs = (s, a) => (s !== null && scoped.services.has(s)) || (a !== null && scoped.accounts.has(a));
  }
  const { rows, rejected } = await toChargeRows(db, pointId, outcome.value, belongs, vipNumber);
  const { meta, ageSeconds } = legacyMeta(caller, outcome, rejected);
  return liveAnswer(ctx, body(rows, meta), meta, { ageSeconds });
}

export function liveFeeRoutes(deps: LiveDeps, caller: LiveCaller): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: `${BASE.appliedCustomerBillingRate}/live`,
      operationId: 'liveAppliedCustomerBillingRate',
      summary: 'Charges asked of billing now: by serviceNumber, by accountNumber (fromCycle..toCycle), or by a fragment of the user or payer name (cycle)',
      description: [
        'Real time (VIPJF_GET_FEE_BY_ACCNBR / _BY_CONTRACTNO / _BY_USERNAME). The service or account is placed in the caller\'s scope from the view first: outside it, 404 and billing is not called. A name search answers only the charges of services or accounts of customers in the caller\'s scope.',
        'Headers: X-Data-Source legacy|view; X-Cache hit|miss and Age (a legacy answer is kept 30 s); X-Legacy-Rows-Rejected.',
        'Billing down (breaker open, bulkhead full, timeout, error): the view\'s charges, stale: true, Warning: 110, X-Legacy-Status; nothing in the view: 503 with Retry-After.',
      ].join('\n\n'),
      tags: ['customerBill', 'live'],
      roles: READERS,
      query: QUERY,
      response: { status: 200, schema: 'LiveAppliedCustomerBillingRates' },
      handler: (ctx) => handle(ctx as RouteContext<unknown, Query>, deps, caller),
    }),
  ];
}

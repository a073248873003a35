// The billing side of a customer: charges per number, item and cycle (bill_fee), payments per contract
// and cycle (bill_payment), VIP marks (bill_vip, cs_vip), call detail records (bill_call), and the
// province-wide top-1000 of contracts that are NOT key accounts (bill_top1000).

import { LOCAL_NETWORKS, OTHER_AREAS } from './geo.ts';
import { slaOf, type Customer, type GenContext } from './customer.ts';
import { Rng, Stream, mix } from './prng.ts';
import type { Row } from './tables.ts';
import { DAY, cycleBounds, tstz, wall, ymd } from './time.ts';

const yuan = (fen: number): string => (fen / 100).toFixed(2);

export interface BillingRows {
  fees: Row[];
  payments: Row[];
  billVip: Row[];
  csVip: Row[];
}

/** Share of closed contract-cycles a regular payer leaves unpaid, and a chronic one. */
const UNPAID_REGULAR = 0.015;
const UNPAID_CHRONIC = 0.25;

export function billingRows(ctx: GenContext, c: Customer): BillingRows {
  const rng = new Rng(mix(ctx.seed, c.index, Stream.billing));
  const fees: Row[] = [];
  // Which optional items a number carries is decided once per number, not per cycle.
  const itemsOf = c.services.map((s) => {
    const chosen: Array<[string, number]> = s.type.items.map(([code, share]) => [code, share]);
    for (const [code, share, p] of s.type.optional) if (c.showcase || rng.chance(p)) chosen.push([code, share]);
    const total = chosen.reduce((sum, [, share]) => sum + share, 0);
    return chosen.map(([code, share]): [string, number] => [code, share / total]);
  });
  const billed = new Map<string, Set<number>>();
  for (const cycle of ctx.cycles) {
    const [, cycleEnd] = cycleBounds(cycle);
    const monthFactor = 0.9 + 0.2 * rng.float();
    c.services.forEach((s, k) => {
      if (s.useDate >= cycleEnd) return;
      for (const [code, share] of itemsOf[k]!) {
        const fen = Math.max(1, Math.round(s.baseFen * share * monthFactor * (0.85 + 0.3 * rng.float())));
        fees.push([s.accCode, s.account.nbr, c.vip, code, yuan(fen), cycle, s.custName, s.account.payName]);
      }
      let cycles = billed.get(s.account.nbr);
      if (!cycles) billed.set(s.account.nbr, (cycles = new Set()));
      cycles.add(cycle);
    });
  }

  const payments: Row[] = [];
  const today = ymd(ctx.now);
  for (const a of c.accounts) {
    for (const cycle of billed.get(a.nbr) ?? []) {
      const [, cycleEnd] = cycleBounds(cycle);
      // Paid some day of the following month; a date still to come means: not paid yet.
      const unpaid = rng.chance(a.chronic ? UNPAID_CHRONIC : UNPAID_REGULAR);
      const paid = ymd(cycleEnd + rng.int(2, 27) * DAY + rng.int(0, DAY - 1));
      payments.push([a.nbr, cycle, unpaid || paid > today ? null : paid]);
    }
  }

  const billVip: Row[] = [];
  const csVip: Row[] = [];
  if (c.status === 'formal') {
    for (const s of c.services) {
      const setAt = tstz(Math.max(s.useDate, c.statusTime));
      billVip.push([s.accCode, c.vip, `大客户${c.level}A优惠`, setAt]);
      csVip.push([s.accCode, c.vip, slaOf(c.level), setAt]);
    }
  }
  return { fees, payments, billVip, csVip };
}

const CALL_TYPES: ReadonlyArray<readonly [type: string, weight: number, fenPerMinute: number]> = [
  ['LOC', 60, 10], ['DDD', 24, 70], ['IP', 8, 30], ['IDD', 3, 800], ['INFO', 5, 100],
];
const DOMESTIC = OTHER_AREAS.filter(([code]) => !code.startsWith('00'));
const FOREIGN = OTHER_AREAS.filter(([code]) => code.startsWith('00'));

/** Call detail records of the customer's calling numbers in the latest `cdrCycles` cycles. */
export function* callRows(ctx: GenContext, c: Customer): Generator<Row> {
  const rng = new Rng(mix(ctx.seed, c.index, Stream.calls));
  const cycles = ctx.cycles.slice(Math.max(0, ctx.cycles.length - ctx.cdrCycles));
  for (const cycle of cycles) {
    const [start, end] = cycleBounds(cycle);
    const last = Math.min(end, ctx.now);
    for (const s of c.services) {
      if (!s.type.calls || s.useDate >= end || last <= start) continue;
      const n = Math.round(ctx.callsPerService * (0.5 + rng.float()));
      for (let i = 0; i < n; i++) {
        const [type, , rate] = rng.weighted(CALL_TYPES.map((t) => [t, t[1]] as const));
        let area = c.network.code;
        let nbr = `${rng.pick(['6', '8', '3'])}${rng.digits(7)}`;
        if (type === 'DDD' || type === 'IP') {
          area = rng.chance(0.5) ? rng.pick(LOCAL_NETWORKS).code : rng.pick(DOMESTIC)[0];
        } else if (type === 'IDD') {
          area = rng.pick(FOREIGN)[0];
          nbr = rng.digits(8);
        } else if (type === 'INFO') {
          nbr = `168${rng.digits(5)}`;
        }
        const called = type === 'IP' ? `17909${area}${nbr}` : type === 'LOC' || type === 'INFO' ? nbr : `${area}${nbr}`;
        const seconds = type === 'INFO' ? rng.int(20, 600) : Math.round(rng.logUniform(5, 3600));
        const at = start + Math.floor(rng.float() * (last - start));
        yield [c.vip, s.accCode, called.slice(0, 20), type, area, wall(at), s.account.nbr, seconds,
          yuan(Math.ceil(seconds / 60) * rate), cycle];
      }
    }
  }
}

/**
 * Top-1000 contracts by fee per cycle that do not belong to key accounts. A fixed pool of ordinary
 * contracts (3x the list length) with their own spend lets the same contracts recur month after month,
 * as the prospects the hub looks for would; the pool is small and fixed, so memory stays flat.
 */
export function* top1000Rows(ctx: GenContext, count: number): Generator<Row> {
  const poolSize = count * 3;
  const pool: Array<{ nbr: string; base: number; seed: number }> = [];
  for (let i = 0; i < poolSize; i++) {
    const rng = new Rng(mix(ctx.seed, i, Stream.prospects));
    pool.push({ nbr: `HT9${String(i).padStart(7, '0')}`, base: rng.logUniform(600, 9_000), seed: rng.seed() });
  }
  for (const cycle of ctx.cycles) {
    const costs = pool.map((p) => {
      const r = new Rng(mix(p.seed, cycle));
      return { nbr: p.nbr, fen: Math.round(p.base * (0.7 + 0.6 * r.float()) * 100) };
    });
    costs.sort((a, b) => b.fen - a.fen || (a.nbr < b.nbr ? -1 : 1));
    for (const { nbr, fen } of costs.slice(0, count)) yield [nbr, yuan(fen), cycle];
  }
}

// The province as row streams. Customers are derived one at a time from (seed, index), so a stream
// holds one customer's rows at most: memory stays flat whatever the size.

import { billingRows, callRows, top1000Rows } from './billing.ts';
import { careRows } from './care.ts';
import { MAX_CUSTOMERS, deriveCustomer, type GenContext } from './customer.ts';
import { orderRows } from './orders.ts';
import { areaRows, itemRows, privateNetRows, productRows } from './reference.ts';
import type { Row, TableName } from './tables.ts';
import { cyclesEndingAt } from './time.ts';

export type Size = 'tiny' | 'demo' | 'province';

export interface SizePreset {
  customers: number;
  callsPerService: number;
  cdrCycles: number;
  top1000: number;
}

export const SIZES: Record<Size, SizePreset> = {
  tiny: { customers: 60, callsPerService: 2, cdrCycles: 1, top1000: 100 },
  demo: { customers: 2_000, callsPerService: 8, cdrCycles: 2, top1000: 1_000 },
  province: { customers: 90_000, callsPerService: 12, cdrCycles: 1, top1000: 1_000 },
};

export const DEFAULT_SEED = 20_260_101;

export interface ProvinceOptions {
  size?: Size;
  seed?: number;
  /** Billing cycles ending at the month of `now` (at least 12). */
  cycles?: number;
  now?: Date;
  /** Overrides of the size preset (e.g. a customer count between the presets). */
  customers?: number;
  callsPerService?: number;
  cdrCycles?: number;
  top1000?: number;
}

export interface Province {
  ctx: GenContext;
  customers: number;
  top1000: number;
}

export function defineProvince(options: ProvinceOptions = {}): Province {
  const preset = SIZES[options.size ?? 'demo'];
  const cycles = options.cycles ?? 12;
  if (cycles < 1) throw new Error('cycles must be at least 1');
  const customers = options.customers ?? preset.customers;
  if (customers < 1 || customers > MAX_CUSTOMERS) throw new Error(`customers must be 1..${MAX_CUSTOMERS}`);
  const now = (options.now ?? new Date()).getTime();
  return {
    ctx: {
      seed: (options.seed ?? DEFAULT_SEED) >>> 0,
      now,
      cycles: cyclesEndingAt(now, cycles),
      callsPerService: options.callsPerService ?? preset.callsPerService,
      cdrCycles: options.cdrCycles ?? preset.cdrCycles,
    },
    customers,
    top1000: options.top1000 ?? preset.top1000,
  };
}

export type TableRow = readonly [TableName, Row];

/** Every row of one customer, table by table. */
export function* customerRows(ctx: GenContext, index: number): Generator<TableRow> {
  const c = deriveCustomer(ctx, index);
  yield ['dkh_customer', c.rows.customer];
  for (const r of c.rows.accounts) yield ['dkh_account', r];
  for (const r of c.rows.services) yield ['dkh_service', r];
  yield ['sim_change_log', c.rows.change];
  const o = orderRows(ctx, c);
  for (const r of o.orders) yield ['so_order', r];
  for (const r of o.steps) yield ['so_step', r];
  for (const r of o.process) yield ['vip97_so_process', r];
  for (const r of o.onceFees) yield ['vip97_once_fee', r];
  const b = billingRows(ctx, c);
  for (const r of b.fees) yield ['bill_fee', r];
  for (const r of b.payments) yield ['bill_payment', r];
  for (const r of b.billVip) yield ['bill_vip', r];
  for (const r of b.csVip) yield ['cs_vip', r];
  for (const r of callRows(ctx, c)) yield ['bill_call', r];
  const care = careRows(ctx, c);
  for (const r of care.faults) yield ['cs_fault', r];
  for (const r of care.complaints) yield ['cs_complaint', r];
}

/** The rows that belong to no customer: code tables and the non-key-account top 1000. */
export function* sharedRows(p: Province): Generator<TableRow> {
  for (const r of areaRows()) yield ['area', r];
  for (const r of itemRows()) yield ['item', r];
  for (const r of privateNetRows()) yield ['private_net', r];
  for (const r of productRows()) yield ['vip97_product', r];
  for (const r of top1000Rows(p.ctx, p.top1000)) yield ['bill_top1000', r];
}

/** The whole province, customer after customer. */
export function* provinceRows(p: Province): Generator<TableRow> {
  yield* sharedRows(p);
  for (let i = 0; i < p.customers; i++) yield* customerRows(p.ctx, i);
}

/** One table's rows (derives each customer in full: meant for tests and inspection, not loading). */
export function* tableRows(p: Province, table: TableName): Generator<Row> {
  for (const [t, row] of sharedRows(p)) if (t === table) yield row;
  for (let i = 0; i < p.customers; i++) for (const [t, row] of customerRows(p.ctx, i)) if (t === table) yield row;
}

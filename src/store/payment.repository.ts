// Payment status per contract and billing cycle (VIPJF_GET_QF); an unpaid cycle is an arrear.

import type { BillingCycle, PaymentStatus } from '../domain/index.ts';
import type { Queryable } from './database.ts';
import { asText, dedupeByKey, meta, upsertRows, type Confirmation, type UpsertSpec } from './upsert.ts';

const SPEC: UpsertSpec = {
  table: 'hub.payment_status',
  key: ['account_number', 'billing_cycle'],
  tracksUpdates: true,
  columns: ['account_number', 'billing_cycle', 'paid_date', 'source_point', 'confirmed_at'],
};

function fromRow(r: Record<string, unknown>): PaymentStatus {
  return { accountNumber: String(r.account_number), billingCycle: Number(r.billing_cycle), paidDate: asText(r.paid_date) };
}

export class PaymentRepository {
  constructor(private readonly q: Queryable) {}

  /** paidDate as 'YYYY-MM-DD' (the mapping turns JF-12's YYYYMMDD into it), null while unpaid. */
  upsert(statuses: readonly PaymentStatus[], m: Confirmation): Promise<number> {
    const rows = dedupeByKey(statuses, (s) => `${s.accountNumber}\u0000${s.billingCycle}`).map((s) => ({
      account_number: s.accountNumber, billing_cycle: s.billingCycle, paid_date: s.paidDate, ...meta(m),
    }));
    return upsertRows(this.q, SPEC, rows);
  }

  async get(accountNumber: string, cycle: BillingCycle): Promise<PaymentStatus | null> {
    const { rows } = await this.q.query('SELECT * FROM hub.payment_status WHERE account_number = $1 AND billing_cycle = $2', [accountNumber, cycle]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** Unpaid cycles of one customer's accounts, oldest first. */
  async arrearsOfCustomer(customerId: string): Promise<PaymentStatus[]> {
    const { rows } = await this.q.query(
      `SELECT p.* FROM hub.payment_status p JOIN hub.account a ON a.account_number = p.account_number
       WHERE a.customer_id = $1 AND p.paid_date IS NULL ORDER BY p.billing_cycle, p.account_number`,
      [customerId],
    );
    return rows.map(fromRow);
  }

  async arrearsOfAccount(accountNumber: string): Promise<PaymentStatus[]> {
    const { rows } = await this.q.query(
      'SELECT * FROM hub.payment_status WHERE account_number = $1 AND paid_date IS NULL ORDER BY billing_cycle',
      [accountNumber],
    );
    return rows.map(fromRow);
  }
}

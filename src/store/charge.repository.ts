// Reads of the per-cycle billing tables (written only by the cycle loader). Call detail records are
// handed out through a cursor: one service's month can be long, a customer's far longer.

import type { BillingCycle, CallDetailRecord, Charge, TopContract } from '../domain/index.ts';
import type { Queryable } from './database.ts';
import { asDate, asNumber, asText } from './upsert.ts';

function chargeFromRow(r: Record<string, unknown>): Charge {
  return {
    serviceNumber: String(r.service_number), accountNumber: asText(r.account_number), vipNumber: asText(r.vip_number),
    itemCode: String(r.item_code), category: r.category as Charge['category'], amount: String(r.amount), billingCycle: Number(r.billing_cycle),
  };
}

function cdrFromRow(r: Record<string, unknown>): CallDetailRecord {
  return {
    vipNumber: asText(r.vip_number), serviceNumber: String(r.service_number), calledNumber: asText(r.called_number),
    callType: asText(r.call_type), calledArea: asText(r.called_area), startedAt: asDate(r.started_at), accountNumber: asText(r.account_number),
    durationSeconds: asNumber(r.duration_seconds), amount: String(r.amount), billingCycle: Number(r.billing_cycle),
  };
}

export class ChargeRepository {
  constructor(private readonly q: Queryable) {}

  async chargesOfCustomer(customerId: string, cycle: BillingCycle): Promise<Charge[]> {
    const { rows } = await this.q.query(
      `SELECT c.* FROM hub.charge c JOIN hub.service s ON s.service_number = c.service_number
       WHERE s.customer_id = $1 AND c.billing_cycle = $2 ORDER BY c.service_number, c.item_code`,
      [customerId, cycle],
    );
    return rows.map(chargeFromRow);
  }

  async chargesOfService(serviceNumber: string, fromCycle: BillingCycle, toCycle: BillingCycle): Promise<Charge[]> {
    const { rows } = await this.q.query(
      'SELECT * FROM hub.charge WHERE service_number = $1 AND billing_cycle BETWEEN $2 AND $3 ORDER BY billing_cycle, item_code',
      [serviceNumber, fromCycle, toCycle],
    );
    return rows.map(chargeFromRow);
  }

  /** Spend per customer and business category for a cycle (the CRM level and uplink basis). */
  async spendByCategory(customerId: string, cycle: BillingCycle): Promise<{ category: Charge['category']; amount: string }[]> {
    const { rows } = await this.q.query<{ category: Charge['category']; amount: string }>(
      `SELECT c.category, sum(c.amount)::text AS amount FROM hub.charge c JOIN hub.service s ON s.service_number = c.service_number
       WHERE s.customer_id = $1 AND c.billing_cycle = $2 GROUP BY c.category ORDER BY c.category`,
      [customerId, cycle],
    );
    return rows;
  }

  async *callDetailRecords(serviceNumber: string, cycle: BillingCycle, batchSize = 5000): AsyncGenerator<CallDetailRecord[]> {
    const sql = 'SELECT * FROM hub.call_detail_record WHERE billing_cycle = $1 AND service_number = $2 ORDER BY started_at';
    for await (const rows of this.q.cursor(sql, [cycle, serviceNumber], batchSize)) yield rows.map(cdrFromRow);
  }

  async topContracts(cycle: BillingCycle, limit = 1000): Promise<TopContract[]> {
    const { rows } = await this.q.query(
      'SELECT * FROM hub.top_contract WHERE billing_cycle = $1 ORDER BY amount DESC, account_number LIMIT $2',
      [cycle, limit],
    );
    return rows.map((r) => ({ accountNumber: String(r.account_number), amount: String(r.amount), billingCycle: Number(r.billing_cycle) }));
  }
}

// Billing reference tables (JF-3 areas, JF-4 charge items, JF-6 private networks): small, and
// replaced whole in one transaction so a reader never sees a half-replaced table.

import type { AreaCode, ChargeItem, PrivateNetwork } from '../domain/index.ts';
import { withTransaction, type Queryable } from './database.ts';
import { asText, dedupeByKey, meta, type Confirmation } from './upsert.ts';

async function replace(q: Queryable, table: string, rows: readonly Record<string, unknown>[]): Promise<number> {
  return withTransaction(q, async (tx) => {
    await tx.query(`DELETE FROM ${table}`);
    if (rows.length > 0) {
      await tx.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
    }
    return rows.length;
  });
}

export class ReferenceRepository {
  constructor(private readonly q: Queryable) {}

  replaceAreas(areas: readonly AreaCode[], m: Confirmation): Promise<number> {
    const rows = dedupeByKey(areas, (a) => String(a.areaCodeId)).map((a) => ({ area_code_id: a.areaCodeId, area_code: a.areaCode, name: a.name, ...meta(m) }));
    return replace(this.q, 'hub.area', rows);
  }

  replaceChargeItems(items: readonly ChargeItem[], m: Confirmation): Promise<number> {
    const rows = dedupeByKey(items, (i) => i.itemCode).map((i) => ({ item_code: i.itemCode, name: i.name, category: i.category, ...meta(m) }));
    return replace(this.q, 'hub.charge_item', rows);
  }

  replacePrivateNetworks(networks: readonly PrivateNetwork[], m: Confirmation): Promise<number> {
    const rows = dedupeByKey(networks, (n) => n.managerNumber).map((n) => ({
      manager_number: n.managerNumber, first_number: n.firstNumber, last_number: n.lastNumber, name: n.name, ...meta(m),
    }));
    return replace(this.q, 'hub.private_network', rows);
  }

  async areas(): Promise<AreaCode[]> {
    const { rows } = await this.q.query('SELECT * FROM hub.area ORDER BY area_code_id');
    return rows.map((r) => ({ areaCodeId: Number(r.area_code_id), areaCode: String(r.area_code), name: String(r.name) }));
  }

  async chargeItems(): Promise<ChargeItem[]> {
    const { rows } = await this.q.query('SELECT * FROM hub.charge_item ORDER BY item_code');
    return rows.map((r) => ({ itemCode: String(r.item_code), name: String(r.name), category: r.category as ChargeItem['category'] }));
  }

  async privateNetworks(): Promise<PrivateNetwork[]> {
    const { rows } = await this.q.query('SELECT * FROM hub.private_network ORDER BY manager_number');
    return rows.map((r) => ({ managerNumber: String(r.manager_number), firstNumber: asText(r.first_number), lastNumber: asText(r.last_number), name: asText(r.name) }));
  }
}

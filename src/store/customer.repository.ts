// Customers keyed on the hub's own id. The VIP number changes with level, region or industry
// (SAL010030070); every number a customer ever had stays in hub.customer_vip_number and resolves to it.

import type { Customer, VipNumberHistoryEntry } from '../domain/index.ts';
import { PLAN_PER_CALL, withTransaction, type Queryable, type Tx } from './database.ts';
import { asDate, asNumber, asText, dedupeByKey, iso, meta, upsertRows, type Confirmation, type UpsertSpec } from './upsert.ts';

export class VipNumberConflictError extends Error {
  constructor(
    readonly vipNumber: string,
    readonly customerId: string,
    readonly heldBy: string,
  ) {
    super(`VIP number ${vipNumber} for customer ${customerId} already belongs to customer ${heldBy}`);
  }
}

export interface CustomerUpsertResult {
  /** Rows inserted or changed (a row older than the stored confirmation is left alone). */
  written: number;
  renumbered: { customerId: string; from: string; to: string }[];
  /** Ids skipped because the stored row was confirmed later than this read. */
  stale: string[];
}

const SPEC: UpsertSpec = {
  table: 'hub.customer',
  key: ['id'],
  tracksUpdates: true,
  columns: [
    'id', 'vip_number', 'legacy_customer_id', 'name', 'customer_type', 'exchange_area', 'administrative_area',
    'contact_person', 'contact_phone', 'address', 'postcode', 'level', 'tier', 'service_level',
    'industry_section', 'region_code', 'manager', 'status', 'status_time', 'source_point', 'confirmed_at',
  ],
};

const SELECT = `SELECT c.* FROM hub.customer c`;

function toRow(c: Customer, m: Confirmation): Record<string, unknown> {
  return {
    id: c.id, vip_number: c.vipNumber, legacy_customer_id: c.legacyCustomerId, name: c.name,
    customer_type: c.customerType, exchange_area: c.exchangeArea, administrative_area: c.administrativeArea,
    contact_person: c.contactPerson, contact_phone: c.contactPhone, address: c.address, postcode: c.postcode,
    level: c.level, tier: c.tier, service_level: c.serviceLevel, industry_section: c.industrySection,
    region_code: c.regionCode, manager: c.manager, status: c.status, status_time: iso(c.statusTime), ...meta(m),
  };
}

export interface StoredCustomer extends Customer {
  sourcePoint: string;
  confirmedAt: Date;
  updatedAt: Date;
}

function fromRow(r: Record<string, unknown>): StoredCustomer {
  return {
    id: String(r.id), vipNumber: String(r.vip_number), legacyCustomerId: asNumber(r.legacy_customer_id),
    name: String(r.name), customerType: r.customer_type as Customer['customerType'],
    exchangeArea: asText(r.exchange_area), administrativeArea: asText(r.administrative_area),
    contactPerson: asText(r.contact_person), contactPhone: asText(r.contact_phone), address: asText(r.address),
    postcode: asText(r.postcode), level: r.level as Customer['level'], tier: r.tier as Customer['tier'],
    serviceLevel: r.service_level as Customer['serviceLevel'], industrySection: asText(r.industry_section),
    regionCode: asText(r.region_code), manager: asText(r.manager), status: r.status as Customer['status'],
    statusTime: asDate(r.status_time), sourcePoint: String(r.source_point),
    confirmedAt: asDate(r.confirmed_at) as Date, updatedAt: asDate(r.updated_at) as Date,
  };
}

/** Opens `vipNumber` for the customer (reopening it if the customer held it before). */
async function openNumber(tx: Tx, customerId: string, vipNumber: string, at: Date): Promise<void> {
  const res = await tx.query(
    `INSERT INTO hub.customer_vip_number AS h (vip_number, customer_id, valid_from) VALUES ($1, $2, $3)
     ON CONFLICT (vip_number) DO UPDATE SET valid_to = NULL, valid_from = EXCLUDED.valid_from
       WHERE h.customer_id = EXCLUDED.customer_id AND h.valid_to IS NOT NULL`,
    [vipNumber, customerId, at],
  );
  if (res.rowCount > 0) return;
  const { rows } = await tx.query<{ customer_id: string }>('SELECT customer_id FROM hub.customer_vip_number WHERE vip_number = $1', [vipNumber]);
  const heldBy = rows[0]?.customer_id;
  if (heldBy !== undefined && heldBy !== customerId) throw new VipNumberConflictError(vipNumber, customerId, heldBy);
}

async function closeCurrentNumber(tx: Tx, customerId: string, at: Date): Promise<void> {
  await tx.query(
    `UPDATE hub.customer_vip_number SET valid_to = greatest($2::timestamptz, valid_from)
     WHERE customer_id = $1 AND valid_to IS NULL`,
    [customerId, at],
  );
}

export class CustomerRepository {
  constructor(private readonly q: Queryable) {}

  /** Insert or update; a changed VIP number closes the old history row and opens the new one, atomically. */
  upsert(customers: Customer | readonly Customer[], m: Confirmation): Promise<CustomerUpsertResult> {
    const list = dedupeByKey(Array.isArray(customers) ? customers : [customers as Customer], (c) => c.id);
    return withTransaction(this.q, async (tx) => {
      const { rows } = await tx.query<{ id: string; vip_number: string; confirmed_at: Date }>(
        'SELECT id, vip_number, confirmed_at FROM hub.customer WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
        [list.map((c) => c.id)],
      );
      const existing = new Map(rows.map((r) => [r.id, r]));
      const result: CustomerUpsertResult = { written: 0, renumbered: [], stale: [] };
      const fresh = list.filter((c) => {
        const old = existing.get(c.id);
        if (old && old.confirmed_at.getTime() > m.confirmedAt.getTime()) {
          result.stale.push(c.id);
          return false;
        }
        return true;
      });
      for (const c of fresh) {
        const old = existing.get(c.id);
        if (old && old.vip_number !== c.vipNumber) {
          await closeCurrentNumber(tx, c.id, m.confirmedAt);
          result.renumbered.push({ customerId: c.id, from: old.vip_number, to: c.vipNumber });
        }
      }
      result.written = await upsertRows(tx, SPEC, fresh.map((c) => toRow(c, m)));
      for (const c of fresh) {
        const old = existing.get(c.id);
        if (!old || old.vip_number !== c.vipNumber) await openNumber(tx, c.id, c.vipNumber, m.confirmedAt);
      }
      return result;
    });
  }

  /** The hub's own renumbering (level change by the CRM functions, before write-back). */
  renumber(customerId: string, vipNumber: string, at: Date): Promise<boolean> {
    return withTransaction(this.q, async (tx) => {
      const { rows } = await tx.query<{ vip_number: string }>('SELECT vip_number FROM hub.customer WHERE id = $1 FOR UPDATE', [customerId]);
      const current = rows[0];
      if (!current) throw new Error(`no customer ${customerId}`);
      if (current.vip_number === vipNumber) return false;
      await closeCurrentNumber(tx, customerId, at);
      await tx.query('UPDATE hub.customer SET vip_number = $2, updated_at = now() WHERE id = $1', [customerId, vipNumber]);
      await openNumber(tx, customerId, vipNumber, at);
      return true;
    });
  }

  async get(id: string): Promise<StoredCustomer | null> {
    const { rows } = await this.q.query(`${SELECT} WHERE c.id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** Any number the customer has had, current or historical. */
  async findByVipNumber(vipNumber: string): Promise<StoredCustomer | null> {
    const { rows } = await this.q.query(
      `${SELECT} JOIN hub.customer_vip_number h ON h.customer_id = c.id WHERE h.vip_number = $1
       UNION ALL ${SELECT} WHERE c.vip_number = $1 LIMIT 1`,
      [vipNumber],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async findByLegacyId(legacyCustomerId: number): Promise<StoredCustomer | null> {
    const { rows } = await this.q.query(`${SELECT} WHERE c.legacy_customer_id = $1`, [legacyCustomerId]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async resolveByServiceNumber(serviceNumber: string): Promise<StoredCustomer | null> {
    const { rows } = await this.q.query(`${SELECT} JOIN hub.service s ON s.customer_id = c.id WHERE s.service_number = $1`, [serviceNumber]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async vipHistory(customerId: string): Promise<VipNumberHistoryEntry[]> {
    const { rows } = await this.q.query<{ vip_number: string; customer_id: string; valid_from: Date; valid_to: Date | null }>(
      'SELECT * FROM hub.customer_vip_number WHERE customer_id = $1 ORDER BY valid_from, vip_number',
      [customerId],
    );
    return rows.map((r) => ({ vipNumber: r.vip_number, customerId: r.customer_id, validFrom: r.valid_from, validTo: r.valid_to }));
  }

  /**
   * Name search on the normalised name: exact, then prefix, then substring matches. A trigram GIN
   * index serves the substring case where pg_trgm exists (PGlite and PG15 both have it); without it
   * the prefix case still uses the btree and the substring case scans.
   */
  async searchByName(term: string, limit = 20): Promise<StoredCustomer[]> {
    const { rows } = await this.q.query(
      `${PLAN_PER_CALL} WITH t AS (SELECT hub.normalize_name($1) AS n)
       ${SELECT}, t WHERE t.n <> '' AND c.name_normalized LIKE '%' || t.n || '%'
       ORDER BY c.name_normalized = t.n DESC, c.name_normalized LIKE t.n || '%' DESC, length(c.name_normalized), c.id
       LIMIT $2`,
      [term, limit],
    );
    return rows.map(fromRow);
  }
}

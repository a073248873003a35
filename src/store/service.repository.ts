// Services (numbers) of the customers in the view; the service number is how billing and the 1000
// system name a customer's line, so most cross-system resolution goes through this table.

import type { Service } from '../domain/index.ts';
import type { Queryable } from './database.ts';
import { asDate, asText, dedupeByKey, iso, meta, upsertRows, type Confirmation, type UpsertSpec } from './upsert.ts';

const SPEC: UpsertSpec = {
  table: 'hub.service',
  key: ['service_number'],
  tracksUpdates: true,
  columns: [
    'service_number', 'legacy_service_id', 'customer_id', 'account_number', 'user_name', 'service_type', 'service_type_legacy',
    'sub_account_name', 'parent_name', 'install_address', 'postcode', 'start_date', 'source_point', 'confirmed_at',
  ],
};

function fromRow(r: Record<string, unknown>): Service {
  return {
    serviceNumber: String(r.service_number), legacyServiceId: asText(r.legacy_service_id), customerId: String(r.customer_id),
    accountNumber: asText(r.account_number), userName: asText(r.user_name), serviceType: r.service_type as Service['serviceType'],
    serviceTypeLegacy: asText(r.service_type_legacy), subAccountName: asText(r.sub_account_name), parentName: asText(r.parent_name),
    installAddress: asText(r.install_address), postcode: asText(r.postcode), startDate: asDate(r.start_date),
  };
}

export class ServiceRepository {
  constructor(private readonly q: Queryable) {}

  upsert(services: readonly Service[], m: Confirmation): Promise<number> {
    const rows = dedupeByKey(services, (s) => s.serviceNumber).map((s) => ({
      service_number: s.serviceNumber, legacy_service_id: s.legacyServiceId, customer_id: s.customerId,
      account_number: s.accountNumber, user_name: s.userName, service_type: s.serviceType,
      service_type_legacy: s.serviceTypeLegacy, sub_account_name: s.subAccountName, parent_name: s.parentName,
      install_address: s.installAddress, postcode: s.postcode, start_date: iso(s.startDate), ...meta(m),
    }));
    return upsertRows(this.q, SPEC, rows);
  }

  async get(serviceNumber: string): Promise<Service | null> {
    const { rows } = await this.q.query('SELECT * FROM hub.service WHERE service_number = $1', [serviceNumber]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async findByLegacyId(legacyServiceId: string): Promise<Service | null> {
    const { rows } = await this.q.query('SELECT * FROM hub.service WHERE legacy_service_id = $1', [legacyServiceId]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async listByCustomer(customerId: string): Promise<Service[]> {
    const { rows } = await this.q.query('SELECT * FROM hub.service WHERE customer_id = $1 ORDER BY service_number', [customerId]);
    return rows.map(fromRow);
  }

  /**
   * Drops the customer's services that the latest full read (97-4 for one customer) no longer lists.
   * Answers the removed service numbers.
   */
  async removeMissing(customerId: string, keep: readonly string[]): Promise<string[]> {
    const { rows } = await this.q.query<{ service_number: string }>(
      'DELETE FROM hub.service WHERE customer_id = $1 AND service_number <> ALL($2::text[]) RETURNING service_number',
      [customerId, keep],
    );
    return rows.map((r) => r.service_number).sort();
  }
}

// One customer from the 97 system into the view: master data (97-2), accounts (97-3) and services
// (97-4), written in one transaction so the view never holds a customer without its services.
// The hub keys customers on its own id: a VIP number it has seen (now or before) resolves to that
// customer; an unseen number whose services the hub already knows is that customer renumbered (a
// level change or a move, SAL010030070); anything else is a new customer.

import { randomUUID } from 'node:crypto';
import type { Sys97Port } from '../../adapters/sys97/sys97.adapter.ts';
import { mapRows } from '../../mappings/index.ts';
import type { Account, Customer, Service } from '../domain/index.ts';
import {
  AccountRepository,
  CustomerRepository,
  QuarantineRepository,
  ServiceRepository,
  type NewQuarantineEntry,
  type Queryable,
  type Tx,
} from '../store/index.ts';
import { mappingRejects, splitChecked } from './quarantine-rows.ts';

export type CustomerSyncOutcome =
  | { kind: 'synced'; customerId: string; created: boolean; renumberedFrom: string | null; quarantined: number }
  | { kind: 'not_found'; vipNumber: string; quarantined: number }
  | { kind: 'rejected'; vipNumber: string; quarantined: number };

/** What one customer's read will write: applied inside a transaction chosen by the caller. */
export interface CustomerWritePlan {
  outcome: CustomerSyncOutcome;
  apply(tx: Tx): Promise<void>;
}

async function resolveCustomerId(q: Queryable, vipNumber: string, serviceNumbers: readonly string[]) {
  const customers = new CustomerRepository(q);
  const byVip = await customers.findByVipNumber(vipNumber);
  if (byVip) return { id: byVip.id, created: false, previousVip: byVip.vipNumber, legacyCustomerId: byVip.legacyCustomerId };
  for (const serviceNumber of serviceNumbers) {
    const owner = await customers.resolveByServiceNumber(serviceNumber);
    if (owner) return { id: owner.id, created: false, previousVip: owner.vipNumber, legacyCustomerId: owner.legacyCustomerId };
  }
  return { id: randomUUID(), created: true, previousVip: null, legacyCustomerId: null };
}

/**
 * Reads one VIP number's customer, accounts and services and prepares their write. Reads happen
 * outside any transaction: a slow legacy call never holds a lock in the view.
 */
export async function readCustomer(
  sys97: Sys97Port,
  view: Queryable,
  vipNumber: string,
  options: { runId: string | null; now: Date },
): Promise<CustomerWritePlan> {
  const { runId, now } = options;
  const [infoRows, payRows, serviceRows] = await Promise.all([
    sys97.VIP_GET_DKHINFO(vipNumber),
    sys97.VIP_GET_PAYINFO(vipNumber),
    sys97.VIP_GET_SERVERS(vipNumber),
  ]);
  // Every row of this read is re-read by VIP number on replay.
  const subject = `vip:${vipNumber}`;
  const info = splitChecked('97-2', infoRows, runId, subject);
  const pay = splitChecked('97-3', payRows, runId, subject);
  const servers = splitChecked('97-4', serviceRows, runId, subject);
  const rejected: NewQuarantineEntry[] = [...info.rejected, ...pay.rejected, ...servers.rejected];

  const serviceNumbers = servers.good.map((s) => String(s.ACC_CODE));
  const identity = await resolveCustomerId(view, vipNumber, serviceNumbers);
  // The 97 customer id is learned from work orders (decision 0004), not from 97-2: keep it.
  const ctx = { customerId: identity.id, legacyCustomerId: identity.legacyCustomerId, status: 'formal' as const, statusTime: null };

  const customerMapped = mapRows('97-2', info.good, ctx);
  const accounts = mapRows('97-3', pay.good, ctx);
  const services = mapRows('97-4', servers.good, ctx);
  rejected.push(
    ...mappingRejects('97-2', customerMapped, runId, subject),
    ...mappingRejects('97-3', accounts, runId, subject),
    ...mappingRejects('97-4', services, runId, subject),
  );

  const customer = customerMapped.values[0] as Customer | undefined;
  const quarantine = (tx: Tx) => (rejected.length > 0 ? new QuarantineRepository(tx).add(rejected) : Promise.resolve([]));
  if (!customer) {
    const kind = info.good.length === 0 && info.rejected.length === 0 ? 'not_found' : 'rejected';
    return { outcome: { kind, vipNumber, quarantined: rejected.length }, apply: async (tx) => void (await quarantine(tx)) };
  }
  const renumberedFrom = identity.previousVip !== null && identity.previousVip !== customer.vipNumber ? identity.previousVip : null;
  return {
    outcome: { kind: 'synced', customerId: identity.id, created: identity.created, renumberedFrom, quarantined: rejected.length },
    apply: async (tx) => {
      await new CustomerRepository(tx).upsert(customer, { sourcePoint: '97-2', confirmedAt: now });
      await new AccountRepository(tx).upsert(accounts.values as Account[], { sourcePoint: '97-3', confirmedAt: now });
      const serviceRepo = new ServiceRepository(tx);
      await serviceRepo.upsert(services.values as Service[], { sourcePoint: '97-4', confirmedAt: now });
      // Only a complete read may remove services: a quarantined service row is not a removed one.
      if (servers.rejected.length === 0 && services.quarantined.length === 0) {
        await serviceRepo.removeMissing(identity.id, (services.values as Service[]).map((s) => s.serviceNumber));
      }
      await quarantine(tx);
    },
  };
}

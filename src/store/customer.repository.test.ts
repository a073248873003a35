import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer, Service } from '../domain/index.ts';
import { AccountRepository } from './account.repository.ts';
import { CustomerRepository, VipNumberConflictError } from './customer.repository.ts';
import type { Database } from './database.ts';
import { ServiceRepository } from './service.repository.ts';
import { openMigrated, testEngines } from './test-kit.ts';

const T1 = new Date('2026-01-10T00:00:00Z');
const T2 = new Date('2026-02-10T00:00:00Z');
const T3 = new Date('2026-03-10T00:00:00Z');

function customer(id: string, vipNumber: string, over: Partial<Customer> = {}): Customer {
  return {
    id, vipNumber, legacyCustomerId: null, name: '杭州某某科技有限公司', customerType: 'key_account', exchangeArea: '0571',
    administrativeArea: null, contactPerson: '王五', contactPhone: '13800000000', address: '西湖区\t文三路 1 号', postcode: '310000',
    level: '2A', tier: 'province', serviceLevel: 'AA', industrySection: 'I', regionCode: '03', manager: 'M001', status: 'formal',
    statusTime: T1, ...over,
  };
}

function service(serviceNumber: string, customerId: string): Service {
  return {
    serviceNumber, legacyServiceId: '12345678901234567890', customerId, accountNumber: 'ACC1', userName: null, serviceType: 'ddn',
    serviceTypeLegacy: 'DDN', subAccountName: null, parentName: null, installAddress: null, postcode: null, startDate: T1,
  };
}

describe.each(testEngines())('customers on $name', (engine) => {
  let db: Database;
  let customers: CustomerRepository;
  beforeAll(async () => {
    db = await openMigrated(engine);
    customers = new CustomerRepository(db);
  });
  afterAll(() => engine.dispose());

  it('upserts and reads back every field with its source and confirmation', async () => {
    const c = customer('c1', '1203100001', { legacyCustomerId: 4711 });
    const res = await customers.upsert(c, { sourcePoint: '97-2', confirmedAt: T1 });
    expect(res).toEqual({ written: 1, renumbered: [], stale: [] });
    const stored = await customers.get('c1');
    expect(stored).toMatchObject({ ...c, sourcePoint: '97-2', confirmedAt: T1 });
    expect((await customers.findByLegacyId(4711))?.id).toBe('c1');
  });

  it('moves updated_at only when a value changed, confirmed_at on every read', async () => {
    const before = await customers.get('c1');
    await customers.upsert(customer('c1', '1203100001', { legacyCustomerId: 4711 }), { sourcePoint: '97-2', confirmedAt: T2 });
    const same = await customers.get('c1');
    expect(same?.confirmedAt).toEqual(T2);
    expect(same?.updatedAt).toEqual(before?.updatedAt);
  });

  it('renumbering keeps the old VIP number resolving to the same customer', async () => {
    const res = await customers.upsert(customer('c1', '1303100001', { legacyCustomerId: 4711, level: '3A' }), { sourcePoint: '97-1', confirmedAt: T3 });
    expect(res.renumbered).toEqual([{ customerId: 'c1', from: '1203100001', to: '1303100001' }]);
    expect((await customers.findByVipNumber('1203100001'))?.id).toBe('c1');
    expect((await customers.findByVipNumber('1303100001'))?.vipNumber).toBe('1303100001');
    const history = await customers.vipHistory('c1');
    expect(history).toEqual([
      { vipNumber: '1203100001', customerId: 'c1', validFrom: T1, validTo: T3 },
      { vipNumber: '1303100001', customerId: 'c1', validFrom: T3, validTo: null },
    ]);
  });

  it('ignores a read older than what is stored', async () => {
    const res = await customers.upsert(customer('c1', '1203100001', { name: '旧名字' }), { sourcePoint: '97-2', confirmedAt: T2 });
    expect(res.stale).toEqual(['c1']);
    const stored = await customers.get('c1');
    expect(stored?.vipNumber).toBe('1303100001');
    expect(stored?.name).toBe('杭州某某科技有限公司');
  });

  it('renumbers back to an earlier number and refuses a number held by someone else', async () => {
    const at = new Date('2026-04-01T00:00:00Z');
    expect(await customers.renumber('c1', '1203100001', at)).toBe(true);
    expect((await customers.get('c1'))?.vipNumber).toBe('1203100001');
    expect((await customers.vipHistory('c1')).filter((h) => h.validTo === null).map((h) => h.vipNumber)).toEqual(['1203100001']);
    await customers.upsert(customer('c2', '2103100002'), { sourcePoint: '97-2', confirmedAt: at });
    await expect(customers.renumber('c2', '1303100001', new Date('2026-04-02T00:00:00Z'))).rejects.toBeInstanceOf(VipNumberConflictError);
    // The refused renumber left nothing behind.
    expect((await customers.get('c2'))?.vipNumber).toBe('2103100002');
    expect((await customers.vipHistory('c2')).map((h) => h.vipNumber)).toEqual(['2103100002']);
  });

  it('resolves a customer by service number', async () => {
    await new AccountRepository(db).upsert(
      [{ accountNumber: 'ACC1', customerId: 'c1', payerName: null, payMethod: 'cash', payMethodLegacy: '1', bankName: null, bankAccount: null, address: null, postcode: null }],
      { sourcePoint: '97-3', confirmedAt: T3 },
    );
    await new ServiceRepository(db).upsert([service('057188880000', 'c1')], { sourcePoint: '97-4', confirmedAt: T3 });
    expect((await customers.resolveByServiceNumber('057188880000'))?.id).toBe('c1');
    expect(await customers.resolveByServiceNumber('nope')).toBeNull();
    const s = await new ServiceRepository(db).get('057188880000');
    expect(s?.legacyServiceId).toBe('12345678901234567890');
  });

  it('finds customers by a normalised part of the name', async () => {
    await customers.upsert(customer('c3', '1103100003', { name: 'ＡＢＣ网络（杭州）有限公司' }), { sourcePoint: '97-2', confirmedAt: T3 });
    expect((await customers.searchByName('abc 网络')).map((c) => c.id)).toEqual(['c3']);
    expect((await customers.searchByName('科技')).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(await customers.searchByName(' （） ')).toEqual([]);
  });
});

// The view the resource tests read: five Chinese key accounts of two customer managers in four areas,
// with accounts (bank accounts), services, work orders (one step overdue, one rejected, one order
// finished), 13 billing cycles of charges in several categories (the 360 must show only the last 12),
// arrears, open and closed faults and complaints, and a small product catalogue. Written through the
// store's repositories, as the sync writes it.

import type { Account, Charge, Customer, Service, TroubleTicket, WorkOrder } from '../../domain/index.ts';
import { openDatabase, type Database } from '../../store/database.ts';
import { migrate } from '../../store/migrate.ts';
import {
  AccountRepository, BillingCycleRepository, CustomerRepository, PaymentRepository, ProductRepository, ReferenceRepository,
  ServiceRepository, TroubleTicketRepository, WorkOrderRepository,
} from '../../store/index.ts';

/** The clock of every test: Shanghai 2026-03-15 18:00. */
export const NOW = new Date('2026-03-15T10:00:00Z');
const at = (iso: string) => new Date(`${iso}+08:00`);
const m = (sourcePoint: string) => ({ sourcePoint, confirmedAt: new Date('2026-03-15T02:00:00Z') });

export const MANAGER_1 = 'S101';
export const MANAGER_2 = 'S102';

export const ID = {
  icbc: '6f1c2a10-0000-4000-8000-000000000001',
  alibaba: '6f1c2a10-0000-4000-8000-000000000002',
  ibm: '6f1c2a10-0000-4000-8000-000000000003',
  hospital: '6f1c2a10-0000-4000-8000-000000000004',
  port: '6f1c2a10-0000-4000-8000-000000000005',
} as const;

export const ICBC = {
  id: ID.icbc,
  name: '中国工商银行股份有限公司杭州西湖支行',
  vipNumber: '1501200001',
  formerVipNumber: '1401200001',
  phone: '13905710001',
  account: '330100012345',
  bankAccount: '1202021109900012345',
  services: ['057187000001', '057187000002'],
  openOrder: 'HZ2026031000001001',
  rejectedOrder: 'HZ2026031100001002',
  finishedOrder: 'HZ2026020100001003',
} as const;

export const IBM = { id: ID.ibm, vipNumber: '1301700003', name: 'IBM中国有限公司杭州分公司', account: '330100023456', bankAccount: '6222021202001234567', phone: '13805710003', service: '057188000001', order: 'HZ2026031200003001' } as const;
export const HOSPITAL = { id: ID.hospital, vipNumber: '1301900004', phone: '13805710004', account: '330100034567', bankAccount: '9558801202000345678', service: '057189000001', order: 'HZ2026030500004001' } as const;

type Seed = [id: string, name: string, vip: string, manager: string, admin: string, exch: string, level: Customer['level'], tier: Customer['tier'], sla: Customer['serviceLevel'], phone: string];
const CUSTOMERS: Seed[] = [
  [ID.icbc, ICBC.name, ICBC.vipNumber, MANAGER_1, 'XH', 'HZ01', '5A', 'province', 'AAA', ICBC.phone],
  [ID.alibaba, '阿里巴巴（中国）网络技术有限公司', '1401200002', MANAGER_1, 'YH', 'HZ02', '4A', 'national', 'AA', '13905710002'],
  [ID.ibm, IBM.name, '1301700003', MANAGER_2, 'XH', 'HZ03', '3A', 'city', 'AA', IBM.phone],
  [ID.hospital, '浙江省人民医院', '1301900004', MANAGER_2, 'SC', 'HZ01', '3A', 'province', 'A', '13805710004'],
  [ID.port, '宁波舟山港股份有限公司', '1202400005', MANAGER_2, 'BL', 'NB01', '2A', 'city', 'A', '13805740005'],
];

function customer([id, name, vip, manager, admin, exch, level, tier, sla, phone]: Seed, vipNumber = vip): Customer {
  return {
    id, vipNumber, legacyCustomerId: Number(vip.slice(-5)), name, customerType: 'key_account', exchangeArea: exch,
    administrativeArea: admin, contactPerson: '王经理', contactPhone: phone, address: `浙江省${name}办公楼`, postcode: '310000',
    level, tier, serviceLevel: sla, industrySection: 'J', regionCode: '01', manager, status: 'formal', statusTime: at('2025-01-01T00:00:00'),
  };
}

function account(accountNumber: string, customerId: string, bankAccount: string, payerName: string): Account {
  return { accountNumber, customerId, payerName, payMethod: 'bank_collection', payMethodLegacy: '银行托收', bankName: '中国工商银行杭州分行', bankAccount, address: '杭州市西湖区', postcode: '310012' };
}

function service(serviceNumber: string, customerId: string, accountNumber: string, serviceType: Service['serviceType'], legacyServiceId: string): Service {
  return {
    serviceNumber, legacyServiceId, customerId, accountNumber, userName: '营业部', serviceType, serviceTypeLegacy: serviceType === 'ddn' ? 'DDN专线' : '普通电话',
    subAccountName: null, parentName: null, installAddress: '杭州市西湖区文三路1号', postcode: '310012', startDate: at('2020-05-01T00:00:00'),
  };
}

const step = (stepNo: number, name: string, entered: string, left: string | null, hours: number, rejected?: [string, string]) => ({
  stepNo, name, crew: '西湖装维班', staffName: '李工', enteredAt: at(entered), leftAt: left ? at(left) : null, timeLimitHours: hours,
  rejectedAt: rejected ? at(rejected[0]) : null, rejectionReason: rejected ? rejected[1] : null,
});

function order(orderNumber: string, customerId: string, serviceNumber: string, state: WorkOrder['state'], currentStep: string | null, steps: WorkOrder['steps']): WorkOrder {
  return { orderNumber, legacyCustomerId: null, customerId, serviceNumber, serviceType: 'DDN专线', acceptedAt: steps[0]?.enteredAt ?? null, currentStep, state, steps };
}

const WORK_ORDERS: WorkOrder[] = [
  // In construction since 03-10 10:00 with a 24-hour limit: overdue at NOW.
  order(ICBC.openOrder, ID.icbc, ICBC.services[1], 'open', 'construction', [
    step(1, 'accept', '2026-03-10T09:00:00', '2026-03-10T10:00:00', 4),
    step(2, 'construction', '2026-03-10T10:00:00', null, 24),
  ]),
  order(ICBC.rejectedOrder, ID.icbc, ICBC.services[0], 'open', 'survey', [
    step(1, 'accept', '2026-03-11T09:00:00', '2026-03-11T09:30:00', 4),
    step(2, 'survey', '2026-03-11T09:30:00', null, 48, ['2026-03-12T15:00:00', '客户地址无法施工']),
  ]),
  order(ICBC.finishedOrder, ID.icbc, ICBC.services[0], 'finished', 'completion', [
    step(1, 'accept', '2026-02-01T09:00:00', '2026-02-01T10:00:00', 4),
    step(2, 'activation', '2026-02-01T10:00:00', '2026-02-02T10:00:00', 48),
  ]),
  order(IBM.order, ID.ibm, IBM.service, 'open', 'survey', [step(1, 'survey', '2026-03-15T09:00:00', null, 48)]),
  order(HOSPITAL.order, ID.hospital, HOSPITAL.service, 'open', 'activation', [step(1, 'activation', '2026-03-14T09:00:00', null, 72)]),
];

function ticket(key: string, kind: TroubleTicket['kind'], state: TroubleTicket['state'], customerId: string, vip: string, serviceNumber: string | null, reported: string, type: string): TroubleTicket {
  return {
    ticketKey: key, kind, state, vipNumber: vip, customerId, serviceNumber, complainantName: kind === 'complaint' ? '张先生' : null,
    type, typeLegacy: type === 'line_down' ? '线路中断' : '服务态度', staff: '客服07', reportedAt: at(reported),
    finishedAt: state === 'closed' ? at(reported.replace('T09', 'T17')) : null, description: `${type} 申告`, satisfaction: state === 'closed' ? '满意' : null,
  };
}

export const TICKETS = {
  icbcOpenFault: 'a'.repeat(40),
  icbcRecentComplaint: 'b'.repeat(40),
  icbcOldFault: 'c'.repeat(40),
  ibmOpenComplaint: 'd'.repeat(40),
  hospitalClosedFault: 'e'.repeat(40),
} as const;

/** 20250301 … 20260301: 13 cycles, the oldest outside the 360's 12. */
export const CYCLES = Array.from({ length: 13 }, (_, i) => {
  const month = 3 + i; // March 2025 = 3
  return (2025 + Math.floor((month - 1) / 12)) * 10000 + (((month - 1) % 12) + 1) * 100 + 1;
});

const ITEMS: [code: string, name: string, category: Charge['category'], yuan: string][] = [
  ['101', '市话通话费', 'local_telephone', '1200.00'],
  ['201', '国内长途费', 'long_distance_telephone', '300.50'],
  ['801', '数字数据专线月租', 'data', '5000.00'],
];

/** Unpaid cycles: ICBC's last two, the hospital's last one. */
export const ARREARS = { [ICBC.account]: [20260201, 20260301], [HOSPITAL.account]: [20260301] } as Record<string, number[]>;

export async function seedView(db: Database): Promise<void> {
  const customers = new CustomerRepository(db);
  // ICBC first under its former number, then renumbered on an upgrade: both must find it.
  await customers.upsert(customer(CUSTOMERS[0]!, ICBC.formerVipNumber), { sourcePoint: '97-2', confirmedAt: new Date('2025-06-01T00:00:00Z') });
  await customers.upsert(CUSTOMERS.map((c) => customer(c)), m('97-2'));
  await new AccountRepository(db).upsert([
    account(ICBC.account, ID.icbc, ICBC.bankAccount, ICBC.name),
    account('330100012399', ID.alibaba, '6228480402564890018', '阿里巴巴（中国）网络技术有限公司'),
    account(IBM.account, ID.ibm, IBM.bankAccount, IBM.name),
    account(HOSPITAL.account, ID.hospital, HOSPITAL.bankAccount, '浙江省人民医院'),
    account('574100056789', ID.port, '6217001540001234567', '宁波舟山港股份有限公司'),
  ], m('97-3'));
  await new ServiceRepository(db).upsert([
    service(ICBC.services[0], ID.icbc, ICBC.account, 'fixed_line', '12345678901234567890'),
    service(ICBC.services[1], ID.icbc, ICBC.account, 'ddn', '12345678901234567891'),
    service('057186000001', ID.alibaba, '330100012399', 'leased_line', '22345678901234567890'),
    service(IBM.service, ID.ibm, IBM.account, 'fixed_line', '32345678901234567890'),
    service(HOSPITAL.service, ID.hospital, HOSPITAL.account, 'fixed_line', '42345678901234567890'),
    service('057486000001', ID.port, '574100056789', 'internet_dedicated', '52345678901234567890'),
  ], m('97-4'));
  await new WorkOrderRepository(db).upsert(WORK_ORDERS, m('97-6'));
  await new TroubleTicketRepository(db).upsert([
    ticket(TICKETS.icbcOpenFault, 'fault', 'open', ID.icbc, ICBC.vipNumber, ICBC.services[0], '2026-03-14T09:00:00', 'line_down'),
    ticket(TICKETS.icbcRecentComplaint, 'complaint', 'closed', ID.icbc, ICBC.vipNumber, null, '2026-02-20T09:00:00', 'attitude'),
    ticket(TICKETS.icbcOldFault, 'fault', 'closed', ID.icbc, ICBC.vipNumber, ICBC.services[1], '2025-10-01T09:00:00', 'line_down'),
    ticket(TICKETS.ibmOpenComplaint, 'complaint', 'open', ID.ibm, '1301700003', null, '2026-03-13T09:00:00', 'attitude'),
    ticket(TICKETS.hospitalClosedFault, 'fault', 'closed', ID.hospital, '1301900004', HOSPITAL.service, '2026-01-05T09:00:00', 'line_down'),
  ], m('CS-1'));
  await new ReferenceRepository(db).replaceChargeItems(ITEMS.map(([itemCode, name, category]) => ({ itemCode, name, category })), m('JF-4'));
  await new ProductRepository(db).replaceAll([
    { productId: 'P001', name: '数字数据专线', kind: 'data' },
    { productId: 'P002', name: '普通电话', kind: 'voice' },
    { productId: 'P003', name: '互联网专线', kind: 'internet' },
  ], m('97-9'));
  const cycles = new BillingCycleRepository(db);
  const billed: [serviceNumber: string, accountNumber: string, vip: string, items: typeof ITEMS][] = [
    [ICBC.services[0], ICBC.account, ICBC.vipNumber, ITEMS.slice(0, 2)],
    [ICBC.services[1], ICBC.account, ICBC.vipNumber, ITEMS.slice(2)],
    [IBM.service, IBM.account, '1301700003', ITEMS.slice(0, 1)],
    [HOSPITAL.service, HOSPITAL.account, '1301900004', ITEMS.slice(0, 2)],
  ];
  const payments = new PaymentRepository(db);
  for (const cycle of CYCLES) {
    const charges: Charge[] = billed.flatMap(([serviceNumber, accountNumber, vipNumber, items]) =>
      items.map(([itemCode, , category, amount]) => ({ serviceNumber, accountNumber, vipNumber, itemCode, category, amount, billingCycle: cycle })),
    );
    await cycles.loadCycle(cycle, { charges: [charges], callDetailRecords: [], topContracts: [] }, { confirmedAt: NOW });
    await payments.upsert(
      [ICBC.account, IBM.account, HOSPITAL.account].map((accountNumber) => ({
        accountNumber, billingCycle: cycle, paidDate: ARREARS[accountNumber]?.includes(cycle) ? null : `${String(cycle).slice(0, 6).replace(/(\d{4})(\d{2})/, '$1-$2')}-20`,
      })),
      m('JF-12'),
    );
  }
}

export async function openSeededView(): Promise<Database> {
  const db = await openDatabase({});
  await migrate(db);
  await seedView(db);
  return db;
}

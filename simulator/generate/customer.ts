// One customer of the province, derived from (seed, index) alone: profile, accounts and services.
// Level, tier and spend are drawn per customer with province-wide shares (so about 500 national and
// 500 province-tier customers come out of 90,000), never by ranking all customers: ranking would need
// the whole province in memory and would make customer #5 depend on the province's size. The first
// SHOWCASE customers are fixed so that even the tiny province shows every level, tier and status.

import { faker } from './fake.ts';
import { COMMON_STREETS, LOCAL_NETWORKS, PROVINCE, type District, type LocalNetwork } from './geo.ts';
import { BANKS, GOVERNMENT_BODIES, INSURERS, SECTIONS, type Section } from './industries.ts';
import { SERVICE_TYPES, TYPE_WEIGHTS_LARGE, TYPE_WEIGHTS_SMALL, type ServiceType } from './items.ts';
import { Rng, Stream, mix } from './prng.ts';
import { fitGbk, type Row } from './tables.ts';
import { DAY, tstz, wall } from './time.ts';

export type Tier = 'national' | 'province' | 'city' | 'other';
export type Status = 'formal' | 'potential' | 'churned' | 'cancelled';

export interface GenContext {
  seed: number;
  /** "Now" in epoch ms: every date is placed relative to it. */
  now: number;
  /** Billing cycles, oldest first, YYYYMMDD. */
  cycles: readonly number[];
  /** Mean call detail records per calling number and cycle. */
  callsPerService: number;
  /** How many of the latest cycles get call detail records. */
  cdrCycles: number;
}

export interface Account {
  nbr: string;
  payName: string;
  /** Pays late or not at all more often than others. */
  chronic: boolean;
  postcode: string;
}

export interface Service {
  k: number;
  accCode: string;
  type: ServiceType;
  account: Account;
  custName: string;
  useDate: number;
  /** Monthly charge basis in fen (1/100 yuan). */
  baseFen: number;
}

export interface Customer {
  index: number;
  dkhId: number;
  vip: string;
  name: string;
  level: number;
  tier: Tier;
  status: Status;
  network: LocalNetwork;
  district: District;
  statusTime: number;
  changedAt: number;
  /** Monthly spend basis in yuan. */
  spend: number;
  showcase: boolean;
  accounts: Account[];
  services: Service[];
  /** DKH_CUSTOMER, DKH_ACCOUNT, DKH_SERVICE and sim_change_log rows. */
  rows: ProfileRows;
}

export interface ProfileRows {
  customer: Row;
  accounts: Row[];
  services: Row[];
  change: Row;
}

export const SHOWCASE: ReadonlyArray<readonly [level: number, tier: Tier, status: Status, lo: number, hi: number]> = [
  [5, 'national', 'formal', 1_050_000, 2_500_000],
  [4, 'national', 'formal', 550_000, 950_000],
  [3, 'national', 'formal', 255_000, 480_000],
  [3, 'province', 'formal', 105_000, 245_000],
  [2, 'city', 'formal', 10_500, 95_000],
  [1, 'city', 'formal', 3_150, 9_500],
  [2, 'city', 'formal', 10_500, 95_000],
  [1, 'other', 'potential', 800, 2_900],
  [1, 'other', 'churned', 800, 2_900],
  [2, 'city', 'formal', 10_500, 95_000],
  [1, 'city', 'formal', 3_150, 9_500],
  [1, 'other', 'cancelled', 800, 2_900],
];

/** Most customers a VIP number's 5-digit serial can hold. */
export const MAX_CUSTOMERS = 99_999;

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function drawClass(rng: Rng, index: number): [number, Tier, Status, number] {
  const fixed = SHOWCASE[index];
  if (fixed) return [fixed[0], fixed[1], fixed[2], rng.logUniform(fixed[3], fixed[4])];
  const u = rng.float();
  if (u < 25 / 90_000) return [5, 'national', 'formal', rng.logUniform(1_050_000, 3_000_000)];
  if (u < 100 / 90_000) return [4, 'national', 'formal', rng.logUniform(550_000, 950_000)];
  if (u < 1_000 / 90_000) {
    const spend = rng.logUniform(105_000, 480_000);
    return [3, spend >= 250_000 ? 'national' : 'province', 'formal', spend];
  }
  if (u < 0.16) return [2, 'city', 'formal', rng.logUniform(10_500, 95_000)];
  if (u < 0.2) {
    const status = rng.weighted<Status>([['potential', 50], ['churned', 35], ['cancelled', 15]]);
    return [1, 'other', status, rng.logUniform(800, 2_900)];
  }
  return [1, 'city', 'formal', rng.logUniform(3_150, 9_500)];
}

function companyName(rng: Rng, section: Section, net: LocalNetwork, district: District): string {
  const brand = faker.person.firstName();
  switch (section.code) {
    case 'S':
      return rng.chance(0.5) ? `${net.prefecture}${rng.pick(GOVERNMENT_BODIES)}` : `${district.name}${rng.pick(GOVERNMENT_BODIES)}`;
    case 'J':
      if (rng.chance(0.6)) return `${rng.weighted(BANKS.map((b) => [b[0], b[2]] as const))}${net.name}分行`;
      return rng.chance(0.5) ? `${rng.pick(INSURERS)}${net.name}分公司` : `${PROVINCE.short}${brand}证券有限责任公司`;
    case 'P':
      return rng.pick([`${net.prefecture}第${rng.int(1, 30)}中学`, `${PROVINCE.short}${brand}职业技术学院`, `${net.name}学院`]);
    case 'Q':
      return rng.chance(0.6) ? `${net.prefecture}第${rng.int(1, 9)}人民医院` : `${net.name}${brand}医院`;
    case 'T':
      return `国际红十字会${net.name}办事处`;
    default: {
      const legal = rng.weighted([['有限公司', 6], ['有限责任公司', 3], ['股份有限公司', 2], ['集团有限公司', 1]] as const);
      const place = rng.chance(0.5) ? `${PROVINCE.name}${net.prefecture}` : net.prefecture;
      return `${place}${brand}${rng.pick(section.trades)}${legal}`;
    }
  }
}

/** Payer names are often written with the bank's abbreviation (工行昆明分行): JF-11 searches them. */
function payerName(name: string): string {
  for (const [full, short] of BANKS) if (name.startsWith(full)) return short + name.slice(full.length);
  return name;
}

function street(rng: Rng): string {
  return rng.chance(0.6) ? rng.pick(COMMON_STREETS) : `${faker.person.firstName()}${rng.pick(['路', '街', '大道'])}`;
}

function mobile(rng: Rng): string {
  return `${rng.pick(['133', '153', '189', '139', '138'])}${rng.digits(8)}`;
}

function serviceCount(rng: Rng, level: number, tier: Tier): number {
  if (tier === 'other') return rng.int(1, 2);
  return [0, rng.int(1, 4), rng.int(2, 12), rng.int(6, 30), rng.int(12, 60), rng.int(25, 120)][level]!;
}

function accountCount(rng: Rng, level: number): number {
  return [0, 1, rng.int(1, 2), rng.int(1, 4), rng.int(2, 6), rng.int(3, 10)][level]!;
}

function accCode(type: ServiceType, net: LocalNetwork, index: number, k: number, rng: Rng): string {
  if (type.name === '电话' || type.name === 'ISDN') return `${net.code}${6 + Math.floor(k / 100)}${pad(index, 5)}${pad(k % 100, 2)}`;
  if (type.name === '移动') return `${rng.pick(['133', '153', '189'])}${pad(index, 5)}${pad(k, 3)}`;
  return `${type.prefix}${net.code.slice(1)}${pad(index, 5)}${pad(k, 3)}`;
}

export function deriveCustomer(ctx: GenContext, index: number): Customer {
  if (index < 0 || index >= MAX_CUSTOMERS) throw new Error(`customer index ${index} outside 0..${MAX_CUSTOMERS - 1}`);
  const rng = new Rng(mix(ctx.seed, index, Stream.profile));
  faker.seed(rng.seed());
  const [level, tier, status, spend] = drawClass(rng, index);
  const netIndex = rng.weighted(LOCAL_NETWORKS.map((n, i) => [i, n.weight] as const));
  const network = LOCAL_NETWORKS[netIndex]!;
  const district = rng.pick(network.districts);
  const section = rng.weighted(SECTIONS.map((s) => [s, s.weight] as const));
  const name = fitGbk(companyName(rng, section, network, district), 50);
  const type = tier === 'other' ? 2 : 1;
  const vip = `${type}${level}${pad(netIndex + 1, 2)}${section.vipDigit}${pad(index + 1, 5)}`;
  const statusTime = ctx.now - rng.int(30, 3 * 365) * DAY - rng.int(0, DAY - 1);
  const changedAt = statusTime + Math.floor(rng.float() * (ctx.now - statusTime));
  const showcase = index < SHOWCASE.length;

  const accounts: Account[] = [];
  const nAccounts = accountCount(rng, level);
  for (let a = 0; a < nAccounts; a++) {
    const dept = a === 0 ? '' : rng.pick(['办公室', '财务部', '营业部', '信息中心', `第${a}分部`]);
    accounts.push({
      nbr: `HT1${pad(index, 5)}${pad(a, 2)}`,
      payName: fitGbk(payerName(name) + dept, 50),
      // Showcase customer #5 always owes something, so even the tiny province has arrears.
      chronic: index === 5 || rng.chance(0.1),
      postcode: rng.chance(0.8) ? district.postcode : rng.pick(network.districts).postcode,
    });
  }

  const services: Service[] = [];
  const nServices = serviceCount(rng, level, tier);
  const typeWeights = level >= 3 ? TYPE_WEIGHTS_LARGE : TYPE_WEIGHTS_SMALL;
  let weightSum = 0;
  const weights: number[] = [];
  for (let k = 0; k < nServices; k++) {
    // Showcase customers cycle through all types so every type exists in any province size.
    const typeIndex = showcase && k < 3 ? (index * 3 + k) % SERVICE_TYPES.length : rng.weighted(typeWeights);
    const type = SERVICE_TYPES[typeIndex]!;
    const account = accounts[k % accounts.length]!;
    const w = type.spendWeight * (0.5 + rng.float());
    weights.push(w);
    weightSum += w;
    const recent = rng.chance(0.1);
    services.push({
      k,
      accCode: accCode(type, network, index, k, rng),
      type,
      account,
      custName: fitGbk(rng.chance(0.3) ? `${name}${rng.pick(['办公室', '财务部', '营业部', '信息中心', '值班室'])}` : name, 50),
      useDate: ctx.now - (recent ? rng.int(20, 330) : rng.int(365, 15 * 365)) * DAY - rng.int(0, DAY - 1),
      baseFen: 0,
    });
  }
  const totalFen = Math.round(spend * 100);
  services.forEach((s, k) => {
    s.baseFen = Math.max(100, Math.round((totalFen * weights[k]!) / weightSum));
  });

  const customer: Customer = {
    index, dkhId: 10_000_001 + index, vip, name, level, tier, status, network, district,
    statusTime, changedAt, spend, showcase, accounts, services,
    rows: { customer: [], accounts: [], services: [], change: [] },
  };
  customer.rows = profileRows(customer, rng, `${section.code}${rng.pick(section.divisions)[0]}`);
  return customer;
}

export function slaOf(level: number): string {
  return level >= 4 ? 'AAA' : level === 3 ? 'AA' : 'A';
}

// Continues the customer's profile stream, so it runs once, at the end of deriveCustomer.
function profileRows(c: Customer, rng: Rng, section: string): ProfileRows {
  const net = c.network;
  const exch = `${c.district.name.replace(/[区市县]$/u, '')}局`;
  const tele = rng.chance(0.6) ? `${net.code}-${rng.pick(['6', '8', '3'])}${rng.digits(7)}` : mobile(rng);
  const addr = fitGbk(`${net.prefecture}${c.district.name}${street(rng)}${rng.int(1, 999)}号`, 50);
  const customer: Row = [
    c.dkhId, c.vip, c.name, c.tier === 'other' ? '商业客户' : '大客户', exch, `${net.prefecture}${c.district.name}`,
    fitGbk(faker.person.fullName(), 20), tele, addr, c.district.postcode, section, net.code, c.level, c.tier,
    c.status, tstz(c.statusTime), `${net.abbr}${pad(rng.int(1, 40), 3)}`, tstz(c.changedAt),
  ];
  const accounts = c.accounts.map((a): Row => {
    const meth = rng.weighted([['托收', 45], ['银行代扣', 20], ['支票', 15], ['现金', 20]] as const);
    const bank = rng.weighted(BANKS.map((b) => [b[0], b[2]] as const));
    const cash = meth === '现金';
    return [
      a.nbr, c.dkhId, a.payName, meth,
      cash ? null : `${bank}${net.name}${c.district.name.replace(/[区市县]$/u, '')}支行`,
      cash ? null : `${rng.pick(['6222', '6227', '6228', '6013'])}${rng.digits(15)}`,
      fitGbk(`${c.district.name}${street(rng)}${rng.int(1, 99)}号`, 20), a.postcode,
    ];
  });
  const formal = c.status === 'formal';
  const services = c.services.map((s): Row => [
    `33${pad(LOCAL_NETWORKS.indexOf(net) + 1, 2)}${pad(c.index, 5)}${pad(s.k, 3)}`, s.accCode, s.account.nbr, c.dkhId,
    fitGbk(faker.person.fullName(), 10), s.type.name, s.custName, c.name,
    fitGbk(`${PROVINCE.name}${net.prefecture}${c.district.name}${street(rng)}${rng.int(1, 999)}号`, 100),
    s.account.postcode, wall(s.useDate), formal ? slaOf(c.level) : null, (s.baseFen / 100).toFixed(2),
  ]);
  return { customer, accounts, services, change: [c.vip, tstz(c.changedAt)] };
}

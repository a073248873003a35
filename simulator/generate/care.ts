// The 1000 customer-service system's view of a customer: faults (112) and complaints (180), open ones
// (FINISHTIME NULL) and finished ones with a satisfaction value.

import type { Customer, GenContext } from './customer.ts';
import { faker } from './fake.ts';
import { Rng, Stream, mix } from './prng.ts';
import { fitGbk, type Row } from './tables.ts';
import { DAY, HOUR, wall } from './time.ts';

export interface CareRows {
  faults: Row[];
  complaints: Row[];
}

const FAULTS_VOICE = ['不能呼出', '不能呼入', '通话杂音', '通话断线', '线路故障'];
const FAULTS_NET = ['无法上网', '网速慢', '频繁掉线'];
const FAULTS_DATA = ['电路中断', '误码率高', '设备故障', '端口故障'];
const COMPLAINTS = ['服务态度', '收费争议', '装机延误', '故障修复慢', '业务质量', '营销宣传'];
const SOURCES = ['客户来电申告', '客户经理代为申告', '网管告警发现', '客户网上申告'];

const SATISFACTION_FAULT = [['非常满意', 30], ['满意', 45], ['基本满意', 15], ['不满意', 10]] as const;
const SATISFACTION_COMPLAINT = [['非常满意', 15], ['满意', 40], ['基本满意', 25], ['不满意', 20]] as const;

export function careRows(ctx: GenContext, c: Customer): CareRows {
  const rng = new Rng(mix(ctx.seed, c.index, Stream.care));
  faker.seed(rng.seed());
  const out: CareRows = { faults: [], complaints: [] };
  const window = 365 * DAY;

  // An event starts within the last year; showcase events 0 are recent and still open.
  const timing = (j: number, minHours: number, maxHours: number): [number, number | null] => {
    const openShowcase = c.showcase && j === 0;
    const start = openShowcase ? ctx.now - rng.int(1, 20) * HOUR : ctx.now - Math.floor(rng.float() * window);
    const stale = rng.chance(0.02);
    const finish = start + Math.round(rng.logUniform(minHours, maxHours) * HOUR);
    return [start, openShowcase || stale || finish > ctx.now ? null : finish];
  };

  const nFaults = Math.min(999, (c.showcase ? 2 : 0) + Math.round(c.services.length * 0.4 * (0.5 + rng.float())));
  for (let j = 0; j < nFaults; j++) {
    const s = rng.pick(c.services);
    const type = s.type.calls ? rng.pick(FAULTS_VOICE) : s.type.name === 'ADSL' ? rng.pick(FAULTS_NET) : rng.pick(FAULTS_DATA);
    const [start, finish] = timing(j, 0.5, 72);
    out.faults.push([c.index * 1000 + j, c.vip, s.accCode, type, fitGbk(faker.person.fullName(), 20), wall(start),
      finish === null ? null : wall(finish), fitGbk(`${s.accCode}${type}，${rng.pick(SOURCES)}`, 255),
      finish === null ? null : rng.weighted(SATISFACTION_FAULT)]);
  }

  const nComplaints = Math.min(999, (c.showcase ? 2 : 0) + Math.floor(rng.float() * (1 + c.services.length * 0.08)));
  for (let j = 0; j < nComplaints; j++) {
    const type = rng.pick(COMPLAINTS);
    const [start, finish] = timing(j, 2, 240);
    const who = rng.chance(0.5) ? faker.person.fullName() : c.name;
    out.complaints.push([c.index * 1000 + j, c.vip, fitGbk(who, 50), type, fitGbk(faker.person.fullName(), 20), wall(start),
      finish === null ? null : wall(finish), fitGbk(`客户投诉${type}：${rng.pick(c.services).accCode}`, 255),
      finish === null ? null : rng.weighted(SATISFACTION_COMPLAINT)]);
  }
  return out;
}

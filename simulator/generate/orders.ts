// Work orders of a customer in the 97 system: SO_ORDER with its steps (SO_STEP), the processing table
// VIP97_SO_PROCESS and the one-time fees VIP97_ONCE_FEE. Dates are TEXT in the legacy: each order keeps
// one of the formats legacy systems actually wrote, so the hub's parsing meets all of them. Some steps
// run over their time limit SX (hours), some orders are rejected (TD_TIME / TD_REASON), and orders whose
// current step has not ended by "now" are open.

import type { Customer, GenContext, Service } from './customer.ts';
import { faker } from './fake.ts';
import { Rng, Stream, mix } from './prng.ts';
import { fitGbk, type Row } from './tables.ts';
import { DAY, HOUR, legacyText, tstz, wall, ymd, type TextDateFormat } from './time.ts';

export interface OrderRows {
  orders: Row[];
  steps: Row[];
  process: Row[];
  onceFees: Row[];
}

const VOICE_STEPS: ReadonlyArray<readonly [name: string, sx: number, group: string]> = [
  ['受理', 2, '营业班'], ['勘察', 24, '线路班'], ['配线', 8, '线路班'], ['施工', 24, '装维班'], ['竣工', 4, '营业班'],
];
const DATA_STEPS: ReadonlyArray<readonly [name: string, sx: number, group: string]> = [
  ['受理', 2, '营业班'], ['资源核查', 24, '数据班'], ['电路调度', 24, '调度中心'], ['施工', 72, '装维班'],
  ['测试', 8, '数据班'], ['竣工', 4, '营业班'],
];
const REJECT_REASONS = ['资料不全', '资源不足，无空闲端口', '客户要求变更地址', '装机地址错误', '线路不通，需重新勘察', '客户暂缓安装'];

type Scenario = 'normal' | 'rejected' | 'overdue' | 'open' | 'stuck';
/** Showcase customers' first orders play every scenario, so the tiny province has each of them. */
const SHOWCASE_SCENARIOS: readonly Scenario[] = ['open', 'rejected', 'overdue', 'stuck', 'normal'];

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const hours = (ms: number): string => (ms / HOUR).toFixed(2);

export function orderRows(ctx: GenContext, c: Customer): OrderRows {
  const rng = new Rng(mix(ctx.seed, c.index, Stream.orders));
  faker.seed(rng.seed());
  const out: OrderRows = { orders: [], steps: [], process: [], onceFees: [] };
  const exch = c.district.name.replace(/[区市县]$/u, '');
  const n = c.showcase
    ? SHOWCASE_SCENARIOS.length
    : Math.min(60, Math.round(c.services.length * 0.25 + rng.float() * 1.5));
  let feeNo = 0;
  for (let j = 0; j < n; j++) {
    const scenario: Scenario = c.showcase
      ? SHOWCASE_SCENARIOS[j]!
      : rng.weighted<Scenario>([['normal', 80], ['rejected', 7], ['overdue', 10], ['stuck', 3]]);
    const service: Service = rng.pick(c.services);
    const template = service.type.calls || service.type.name === 'ADSL' ? VOICE_STEPS : DATA_STEPS;
    const format = rng.weighted<TextDateFormat>([['dash', 80], ['compact', 10], ['slash', 10]]);
    const soType = rng.weighted([['新装', 50], ['移机', 15], ['变更', 25], ['拆机', 10]] as const);
    const soDate = scenario === 'open'
      ? ctx.now - rng.int(1, 5) * HOUR // shorter than the fastest possible order: still open
      : ctx.now - rng.int(3, 365) * DAY - rng.int(0, DAY - 1);
    const soNbr = `${c.network.code}${ymd(soDate)}${pad(c.index, 5)}${pad(j, 3)}`;
    const rejectAt = scenario === 'rejected' ? rng.int(1, template.length - 2) : -1;
    const cancelled = scenario === 'rejected' && rng.chance(0.3);
    const overdueAt = scenario === 'overdue' || scenario === 'stuck' ? rng.int(1, template.length - 2) : -1;

    let t = soDate;
    let stepNo = 0;
    let totalSx = 0;
    let current = '';
    let open = false;
    let tache = 0;
    let rejected = false;
    while (tache < template.length) {
      const [name, sx, group] = template[tache]!;
      stepNo++;
      totalSx += sx;
      const enter = t + rng.int(0, 30) * 60_000;
      let factor = rng.chance(0.05) ? 1.1 + rng.float() : 0.1 + 0.8 * rng.float();
      if (tache === overdueAt) factor = scenario === 'stuck' ? 20 + rng.float() * 100 : 1.3 + 2 * rng.float();
      const leave = enter + Math.round(sx * factor * HOUR);
      const staff = fitGbk(faker.person.fullName(), 100);
      const text = (ms: number): string => legacyText(ms, format);
      if (leave > ctx.now) {
        out.steps.push([soNbr, stepNo, name, `${exch}${group}`, staff, text(enter), null, sx, null, null]);
        current = name;
        open = true;
        t = ctx.now;
        break;
      }
      const reject = tache === rejectAt && !rejected;
      out.steps.push([soNbr, stepNo, name, `${exch}${group}`, staff, text(enter), text(leave), sx,
        reject ? text(leave) : null, reject ? rng.pick(REJECT_REASONS) : null]);
      t = leave;
      if (reject) {
        rejected = true;
        if (cancelled) { current = '退单'; break; }
        tache = Math.max(0, tache - 1); // returned to the previous step, which is done again
        continue;
      }
      tache++;
      current = '竣工';
    }
    const finishedAt = open ? null : t;
    out.orders.push([soNbr, c.dkhId, service.accCode, service.type.name, legacyText(soDate, format), current,
      !open, finishedAt === null ? null : tstz(finishedAt)]);
    out.process.push([soNbr, c.dkhId, service.accCode, service.type.name, soType, legacyText(soDate, format),
      finishedAt === null ? null : legacyText(finishedAt, format), open ? '在途' : current === '退单' ? '退单' : '竣工',
      totalSx.toFixed(2), hours(t - soDate)]);

    if (soType === '新装' || soType === '移机') {
      const fees: Array<[string, number]> = soType === '移机'
        ? [['移机费', 100]]
        : service.type.calls ? [['初装费', rng.pick([0, 100, 200])], ['工料费', rng.int(20, 300)]] : [['开通费', rng.int(500, 5000)]];
      for (const [feeName, amount] of fees) {
        if (amount === 0 || feeNo >= 999) continue;
        out.onceFees.push([c.index * 1000 + feeNo++, c.vip, soNbr, service.accCode, feeName, amount.toFixed(2), wall(soDate)]);
      }
    }
  }
  return out;
}

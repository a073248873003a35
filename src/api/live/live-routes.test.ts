// The live routes against the simulator with the legacy healthy: each answers what the legacy holds
// now (not what the view last synced), inside its OpenAPI schema; a manager reaches only their own
// customers and a refused request costs no legacy call; a repeated question is served from the cache;
// hostile parameters end as 400 problems before any legacy call.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../simulator/index.ts';
import { migrate, openDatabase, type Database } from '../../store/index.ts';
import { assertAnswersInsideSchema } from '../platform/testing.ts';
import { cycleOf } from './live-values.ts';
import { LIVE, MANAGER_C, fillView, liveHub, pickSubjects, type LiveHub, type Subject } from './live.test-kit.ts';

const { fees: FEES, oneTime: ONE_TIME, payment, order } = LIVE;

let sim: SimulatorHandle;
let db: Database;
let hub: LiveHub;
let cycle: number;
let a: Subject;
let b: Subject;

const simRows = async <R>(system: 'sys97' | 'billing', text: string, params: unknown[] = []) => (await sim.db[system].query<R>(text, params)).rows;
const previousCycle = (c: number) => cycleOf(new Date(Date.UTC(Math.floor(c / 10000), (Math.floor(c / 100) % 100) - 1, 15)), -1);

beforeAll(async () => {
  sim = await startSimulator({ size: 'tiny', preparationMs: 50 });
  db = await openDatabase({});
  await migrate(db);
  ({ cycle } = await fillView(sim, db));
  [a, b] = await pickSubjects(sim, db, cycle);
  hub = await liveHub(sim, db);
});

afterAll(async () => {
  await hub?.legacy.close();
  await db?.close();
  await sim?.stop();
});

interface Items { items: Array<{ product: { id: string }; billingAccount: { id: string } | null; taxExcludedAmount: { value: number } }> }

describe('live routes, legacy healthy', () => {
  it('fees by service and by contract are billing\'s rows of now, mapped, with no row rejected', async () => {
    const from = previousCycle(previousCycle(cycle));
    const byService = await hub.get(`${FEES}?serviceNumber=${a.service}&fromCycle=${from}&toCycle=${cycle}`, 'managerA');
    expect(byService.response.status).toBe(200);
    expect(byService.body).toMatchObject({ stale: false, dataSource: 'legacy', cacheHit: false, rejectedRows: 0, truncated: false });
    expect(byService.response.headers.get('x-data-source')).toBe('legacy');
    expect(byService.response.headers.get('x-cache')).toBe('miss');
    const expected = await simRows<{ n: number; sum: string }>('billing',
      'SELECT count(*)::int AS n, sum("COST")::text AS sum FROM bill_fee WHERE "EQUIPMENTNBR" = $1 AND "CALLTIME" BETWEEN $2 AND $3', [a.service, from, cycle]);
    const items = (byService.body as Items).items;
    expect(items.length).toBe(expected[0]!.n);
    // Cycles before the loaded one are not in the view: the answer is billing's, not the view's.
    const inView = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM hub.charge WHERE service_number = $1', [a.service]);
    expect(items.length).toBeGreaterThan(inView.rows[0]!.n);
    expect(items.reduce((s, i) => s + i.taxExcludedAmount.value, 0)).toBeCloseTo(Number(expected[0]!.sum), 2);
    expect(new Set(items.map((i) => i.product.id))).toEqual(new Set([a.service]));

    const byAccount = await hub.get(`${FEES}?accountNumber=${a.account}&fromCycle=${cycle}&toCycle=${cycle}`, 'managerA');
    expect(byAccount.response.status).toBe(200);
    const accountRows = await simRows<{ n: number }>('billing', 'SELECT count(*)::int AS n FROM bill_fee WHERE "CONTRACTNO" = $1 AND "CALLTIME" = $2', [a.account, cycle]);
    expect((byAccount.body as Items).items.length).toBe(accountRows[0]!.n);
    expect((byAccount.body as Items).items.every((i) => i.billingAccount?.id === a.account)).toBe(true);
  });

  it('a name fragment found only in payer names finds the charges, and only those of the caller\'s customers', async () => {
    // A fragment of a payer name that no user name of the cycle holds, shared by several customers.
    const payers = await simRows<{ p: string }>('billing', 'SELECT DISTINCT "PAYNAME" AS p FROM bill_fee WHERE "CALLTIME" = $1 AND "PAYNAME" IS NOT NULL ORDER BY 1', [cycle]);
    const users = (await simRows<{ u: string | null }>('billing', 'SELECT DISTINCT "USERNAME" AS u FROM bill_fee WHERE "CALLTIME" = $1', [cycle])).map((r) => r.u ?? '');
    let found: { fragment: string; owners: string[] } | undefined;
    search: for (const { p } of payers) {
      const chars = [...p];
      for (let len = 2; len <= 4; len++) {
        for (let i = 0; i + len <= chars.length; i++) {
          const fragment = chars.slice(i, i + len).join('');
          if (users.some((u) => u.includes(fragment))) continue;
          const services = await simRows<{ s: string }>('billing', 'SELECT DISTINCT "EQUIPMENTNBR" AS s FROM bill_fee WHERE "CALLTIME" = $1 AND strpos("PAYNAME", $2) > 0', [cycle, fragment]);
          const owners = await db.query<{ id: string }>('SELECT DISTINCT customer_id AS id FROM hub.service WHERE service_number = ANY($1::text[]) AND customer_id <> ALL($2::text[]) ORDER BY 1',
            [services.map((r) => r.s), [a.customerId, b.customerId]]);
          if (owners.rows.length >= 2) {
            found = { fragment, owners: owners.rows.map((r) => r.id) };
            break search;
          }
        }
      }
    }
    expect(found, 'a payer-name fragment of several customers').toBeDefined();
    const { fragment, owners } = found!;
    const c = owners[0]!;
    await db.query('UPDATE hub.customer SET manager = $1 WHERE id = $2', [MANAGER_C, c]);
    const mine = await db.query<{ s: string }>('SELECT service_number AS s FROM hub.service WHERE customer_id = $1', [c]);
    const myServices = new Set(mine.rows.map((r) => r.s));
    const url = `${FEES}?name=${encodeURIComponent(fragment)}&cycle=${cycle}`;

    const managerC = await hub.get(url, 'managerC');
    expect(managerC.response.status).toBe(200);
    const cItems = (managerC.body as Items).items;
    expect(cItems.length).toBeGreaterThan(0);
    expect(cItems.every((i) => myServices.has(i.product.id))).toBe(true);

    const admin = await hub.get(url, 'admin');
    const adminItems = (admin.body as Items).items;
    const [all] = await simRows<{ n: number }>('billing', 'SELECT count(*)::int AS n FROM bill_fee WHERE "CALLTIME" = $1 AND strpos("PAYNAME", $2) > 0', [cycle, fragment]);
    expect(adminItems.length).toBe(all!.n);
    expect(adminItems.some((i) => !myServices.has(i.product.id))).toBe(true);

    const managerA = await hub.get(url, 'managerA');
    expect((managerA.body as Items).items.some((i) => myServices.has(i.product.id))).toBe(false);
  });

  it('payment status is billing\'s answer of now, even where the view says otherwise or holds no bill', async () => {
    const { rows } = await db.query<{ paid: string | null }>('SELECT paid_date::text AS paid FROM hub.payment_status WHERE account_number = $1 AND billing_cycle = $2', [a.account, cycle]);
    const viewPaid = rows[0]!.paid;
    // Billing changes after the sync: a payment arrives, or a payment is reversed.
    const nowPaid = viewPaid === null ? 20991231 : null;
    await sim.mutate.payment(a.account, cycle, nowPaid);
    const live = await hub.get(payment(a.account, cycle), 'managerA');
    expect(live.response.status).toBe(200);
    expect(live.body).toMatchObject({
      id: `${a.account}-${cycle}`, stale: false, dataSource: 'legacy', paid: nowPaid !== null, inArrears: nowPaid === null,
      paymentDate: nowPaid === null ? null : '2099-12-31', bill: { id: `${a.account}-${cycle}` },
    });

    const older = previousCycle(cycle);
    const [billed] = await simRows<{ paid: string | null }>('billing', 'SELECT paid_date::text AS paid FROM bill_payment WHERE "CONTRACTNO" = $1 AND "CALLTIME" = $2', [a.account, older]);
    const past = await hub.get(payment(a.account, older), 'managerA');
    expect(past.response.status).toBe(200);
    expect(past.body).toMatchObject({ bill: null, paid: billed?.paid != null, stale: false });
  });

  it('one-time charges by customer id or by VIP number are the 97 system\'s rows, newest first', async () => {
    const fees = await simRows<{ id: string }>('sys97', 'SELECT "FEE_ID"::text AS id FROM VIP97_ONCE_FEE WHERE "DKH_CARDID" = $1 ORDER BY "FEE_DATE" DESC, "FEE_ID"', [a.vipNumber]);
    expect(fees.length).toBeGreaterThan(0);
    for (const q of [`customerId=${a.customerId}`, `vipNumber=${a.vipNumber}`]) {
      const { response, body } = await hub.get(`${ONE_TIME}?${q}`, 'managerA');
      expect(response.status).toBe(200);
      expect(body).toMatchObject({ stale: false, dataSource: 'legacy', rejectedRows: 0, relatedParty: [{ id: a.customerId }] });
      expect((body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual(fees.map((f) => f.id));
    }
  });

  it('a work order\'s steps are the 97 system\'s of now: a step the sweep has not seen shows', async () => {
    const steps = await simRows<{ n: number }>('sys97', 'SELECT count(*)::int AS n FROM SO_STEP WHERE "SO_NBR" = $1', [a.order]);
    // A new step after the sweep: the view cannot know it, the live answer must.
    await sim.db.sys97.query(
      `INSERT INTO SO_STEP ("SO_NBR", step_no, "WORK_AREA", "WORK_GROUP", "STAFF_NAME", "ENTER_TIME", "SX")
       SELECT $1::varchar, max(step_no) + 1, '竣工', '装维一班', '李工', to_char(now(), 'YYYY-MM-DD HH24:MI:SS'), 24 FROM SO_STEP WHERE "SO_NBR" = $1::varchar`,
      [a.order],
    );
    const { response, body } = await hub.get(order(a.order), 'managerA');
    expect(response.status).toBe(200);
    const live = body as { stale: boolean; serviceOrder: { id: string; milestone: { name: string; status: string }[]; currentStep: { name: string } | null } };
    expect(live.stale).toBe(false);
    expect(live.serviceOrder.id).toBe(a.order);
    expect(live.serviceOrder.milestone.length).toBe(steps[0]!.n + 1);
    expect(live.serviceOrder.milestone.at(-1)).toMatchObject({ status: 'inProgress' });
    expect(live.serviceOrder.currentStep?.name).toBe(live.serviceOrder.milestone.at(-1)?.name);
    const inView = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM hub.work_order_step WHERE order_number = $1', [a.order]);
    expect(inView.rows[0]!.n).toBe(steps[0]!.n);
  });

  it('answers another manager\'s customer, and keys the view does not know, 404 without a legacy call', async () => {
    const probes = (s: Subject) => [
      `${FEES}?serviceNumber=${s.service}&fromCycle=${cycle}&toCycle=${cycle}`,
      `${FEES}?accountNumber=${s.account}&fromCycle=${cycle}&toCycle=${cycle}`,
      payment(s.account, cycle),
      `${ONE_TIME}?customerId=${s.customerId}`,
      `${ONE_TIME}?vipNumber=${s.vipNumber}`,
      order(s.order),
    ];
    const { rows } = await db.query<{ name: string }>('SELECT name FROM hub.customer WHERE id = $1', [a.customerId]);
    const before = hub.counter.total();
    for (const url of probes(a)) {
      const { response, body } = await hub.get(url, 'managerB');
      expect(response.status, url).toBe(404);
      expect(body, url).toMatchObject({ code: 'NOT_FOUND' });
      // The answer for a key that does not exist: it echoes what was asked and tells nothing else.
      expect(JSON.stringify(body), url).not.toContain(rows[0]!.name);
      if (!url.includes('customerId=')) expect(JSON.stringify(body), url).not.toContain(a.customerId);
    }
    const ghost: Subject = { customerId: 'no-such-customer', vipNumber: '1999999999', service: '099999999999', account: 'HT99999999', order: '09999999999999999999' };
    for (const url of probes(ghost)) expect((await hub.get(url, 'admin')).response.status, url).toBe(404);
    expect(hub.counter.total()).toBe(before);
    // The pairing: the same probes answer for the customer's own manager (and call the legacy).
    for (const url of probes(b)) expect((await hub.get(url, 'managerB')).response.status, url).toBe(200);
    expect(hub.counter.total()).toBeGreaterThan(before);
  });

  it('serves a repeated question from the cache, for any caller in scope, with Age and X-Cache: hit', async () => {
    const url = `${FEES}?accountNumber=${b.account}&fromCycle=${previousCycle(cycle)}&toCycle=${cycle}`;
    const calls = () => hub.counter.of('VIPJF_GET_FEE_BY_CONTRACTNO');
    const before = calls();
    const first = await hub.get(url, 'managerB');
    expect(first.response.headers.get('x-cache')).toBe('miss');
    expect(calls()).toBe(before + 1);
    const second = await hub.get(url, 'managerB');
    expect(second.response.status).toBe(200);
    expect(second.response.headers.get('x-cache')).toBe('hit');
    expect(Number(second.response.headers.get('age'))).toBeGreaterThanOrEqual(0);
    expect(second.body).toMatchObject({ cacheHit: true, stale: false, dataSource: 'legacy' });
    expect((second.body as Items).items).toEqual((first.body as Items).items);
    expect((await hub.get(url, 'admin')).response.headers.get('x-cache')).toBe('hit');
    // The cache sits behind the scope: another manager still gets the 404.
    expect((await hub.get(url, 'managerA')).response.status).toBe(404);
    expect(calls()).toBe(before + 1);
  });

  it('asks the legacy again once the cached answer is older than its time to live', async () => {
    let t = Date.UTC(2026, 0, 1);
    const timed = await liveHub(sim, db, { live: { cacheTtlMs: 5_000, clock: () => t } });
    try {
      const url = order(b.order);
      await timed.get(url, 'managerB');
      t += 2_500;
      const hit = await timed.get(url, 'managerB');
      expect([hit.response.headers.get('x-cache'), hit.response.headers.get('age')]).toEqual(['hit', '2']);
      t += 3_000;
      const miss = await timed.get(url, 'managerB');
      expect(miss.response.headers.get('x-cache')).toBe('miss');
      expect(timed.counter.of('VIP_GET_SOINFO')).toBe(2);
      assertAnswersInsideSchema(timed.api.document, timed.http.exchanges);
    } finally {
      await timed.legacy.close();
    }
  });

  it('refuses hostile parameters with a 400 problem before any legacy call', async () => {
    const before = hub.counter.total();
    const hostile = [
      `${FEES}`,
      `${FEES}?serviceNumber=${a.service}&accountNumber=${a.account}`,
      `${FEES}?name=${encodeURIComponent('办')}&cycle=${cycle}`,
      `${FEES}?name=${encodeURIComponent('  办 ')}&cycle=${cycle}`,
      `${FEES}?name=${encodeURIComponent('公司')}`,
      `${FEES}?name=${encodeURIComponent('公司')}&cycle=${cycle}&fromCycle=${cycle}`,
      `${FEES}?name=${encodeURIComponent('公'.repeat(51))}&cycle=${cycle}`,
      `${FEES}?name=%E5%85%AC%00%E5%8F%B8&cycle=${cycle}`,
      `${FEES}?name=%0A%0D&cycle=${cycle}`,
      `${FEES}?serviceNumber=${a.service}&fromCycle=20261301&toCycle=${cycle}`,
      `${FEES}?serviceNumber=${a.service}&fromCycle=2026-01&toCycle=${cycle}`,
      `${FEES}?serviceNumber=${a.service}&fromCycle=${cycle}&toCycle=${previousCycle(cycle)}`,
      `${FEES}?serviceNumber=${a.service}&fromCycle=20200101&toCycle=${cycle}`,
      `${FEES}?serviceNumber=${a.service}&cycle=${cycle}`,
      `${FEES}?serviceNumber=${a.service}&serviceNumber=${b.service}`,
      `${FEES}?serviceNumber=${encodeURIComponent('0871 ../x')}`,
      `${FEES}?serviceNumber=${'9'.repeat(21)}`,
      `${FEES}?serviceNumber=${a.service}&limit=10`,
      `${FEES}?accountNumber=${encodeURIComponent("HT1' OR '1'='1")}`,
      `/tmf-api/customerBillManagement/v4/customerBill/${a.account}/paymentStatus/live`,
      `/tmf-api/customerBillManagement/v4/customerBill/${a.account}-20261345/paymentStatus/live`,
      `/tmf-api/customerBillManagement/v4/customerBill/${'H'.repeat(30)}-${cycle}/paymentStatus/live`,
      `${ONE_TIME}`,
      `${ONE_TIME}?customerId=${a.customerId}&vipNumber=${a.vipNumber}`,
      `${ONE_TIME}?vipNumber=${'1'.repeat(21)}`,
      order('9'.repeat(101)),
      order('a b'),
    ];
    for (const url of hostile) {
      const { response, body } = await hub.get(url, 'admin');
      expect(response.status, url).toBe(400);
      expect(response.headers.get('content-type'), url).toMatch(/^application\/problem\+json/);
      expect((body as { code: string }).code, url).toMatch(/^(VALIDATION_FAILED|BAD_REQUEST)$/);
    }
    // Ids the router itself cannot decode end as a 4xx too, never as a 500 from the view's SQL.
    for (const raw of ['%00', '%ZZ', '%0d%0aSet-Cookie:%20x=1']) {
      const { response } = await hub.get(`/tmf-api/serviceOrdering/v4/serviceOrder/${raw}/live`, 'admin');
      expect([400, 404], raw).toContain(response.status);
    }
    expect(hub.counter.total()).toBe(before);
  });

  it('documents each live call in the OpenAPI document and answered all of it inside it', () => {
    const ops = Object.values(hub.api.document.paths).flatMap((item) => Object.values(item)) as unknown as { operationId: string; description?: string }[];
    for (const id of ['liveAppliedCustomerBillingRate', 'liveCustomerBillPaymentStatus', 'liveOneTimeCharge', 'liveServiceOrder']) {
      const op = ops.find((o) => o.operationId === id);
      expect(op?.description, id).toMatch(/X-Cache/);
      // Every route but the order's can end in a 503 (the view always holds an order it can place).
      if (id !== 'liveServiceOrder') expect(op?.description, id).toMatch(/503 with Retry-After/);
    }
    expect(hub.http.exchanges.length).toBeGreaterThan(40);
    assertAnswersInsideSchema(hub.api.document, hub.http.exchanges);
  });
});

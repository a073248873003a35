// The live routes against the simulator with the legacy misbehaving: broken rows are left out and
// counted, never a 500; a failing or breaker-open legacy system is answered from the view, marked
// stale, or with a 503 and Retry-After where the view holds nothing; a hanging one is answered within
// the request deadline. Each scenario has its own legacy connection, so its breakers are its own.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../simulator/index.ts';
import { migrate, openDatabase, type Database } from '../../store/index.ts';
import { assertAnswersInsideSchema } from '../platform/testing.ts';
import { cycleOf } from './live-values.ts';
import { LIVE, fillView, liveHub, pickSubjects, type LiveHub, type Subject } from './live.test-kit.ts';

const { fees: FEES, oneTime: ONE_TIME, payment, order } = LIVE;

let sim: SimulatorHandle;
let db: Database;
let cycle: number;
let a: Subject;
const hubs: LiveHub[] = [];

async function hubFor(options: Parameters<typeof liveHub>[2]): Promise<LiveHub> {
  const hub = await liveHub(sim, db, options);
  hubs.push(hub);
  return hub;
}

async function faults(set: Record<string, Parameters<SimulatorHandle['faults']['set']>[1]>): Promise<void> {
  for (const [point, config] of Object.entries(set)) sim.faults.set(point, config);
  await sim.faultsSettled();
}

beforeAll(async () => {
  sim = await startSimulator({ size: 'tiny', preparationMs: 50 });
  db = await openDatabase({});
  await migrate(db);
  ({ cycle } = await fillView(sim, db));
  [a] = await pickSubjects(sim, db, cycle);
});

afterEach(async () => {
  sim.faults.clear();
  await sim.faultsSettled();
});

afterAll(async () => {
  for (const hub of hubs) assertAnswersInsideSchema(hub.api.document, hub.http.exchanges);
  await Promise.allSettled(hubs.map((h) => h.legacy.close()));
  await db?.close();
  await sim?.stop();
});

const viewCount = async (text: string, params: unknown[]) => (await db.query<{ n: number }>(text, params)).rows[0]!.n;

describe('live routes, legacy misbehaving', () => {
  it('leaves broken and duplicated legacy rows out, counts them, and answers 200', async () => {
    const hub = await hubFor({ live: { cacheTtlMs: 0 } });
    const steps = (await sim.db.sys97.query<{ n: number }>('SELECT count(*)::int AS n FROM SO_STEP WHERE "SO_NBR" = $1', [a.order])).rows[0]!.n;
    const fees = (await sim.db.billing.query<{ n: number }>('SELECT count(*)::int AS n FROM bill_fee WHERE "EQUIPMENTNBR" = $1 AND "CALLTIME" = $2', [a.service, cycle])).rows[0]!.n;
    await faults({ '97-6': { badRows: { rate: 1, kinds: ['missingRequired'] } }, 'JF-9': { badRows: { rate: 1, kinds: ['duplicateKey'] } } });

    const broken = await hub.get(order(a.order), 'managerA');
    expect(broken.response.status).toBe(200);
    expect(broken.response.headers.get('x-legacy-rows-rejected')).toBe(String(steps));
    expect(broken.body).toMatchObject({ stale: false, dataSource: 'legacy', rejectedRows: steps, serviceOrder: { id: a.order, milestone: [] } });

    // Every row twice: the mapping keeps the first of each key and rejects the copy.
    const doubled = await hub.get(`${FEES}?serviceNumber=${a.service}&fromCycle=${cycle}&toCycle=${cycle}`, 'managerA');
    expect(doubled.response.status).toBe(200);
    expect(doubled.body).toMatchObject({ rejectedRows: fees });
    expect((doubled.body as { items: unknown[] }).items.length).toBe(fees);
  });

  it('answers from the view, marked stale, while billing and the 97 system fail; 503 with Retry-After where the view holds nothing', async () => {
    const hub = await hubFor({ live: { breakerRetryAfterSeconds: 42 } });
    const down = { errorRate: 1, errorCode: 'ORA-12541' };
    await faults({ 'JF-9': down, 'JF-10': down, 'JF-11': down, 'JF-12': down, '97-6': down, '97-8': down });

    const fees = await hub.get(`${FEES}?serviceNumber=${a.service}&fromCycle=${cycle}&toCycle=${cycle}`, 'managerA');
    expect(fees.response.status).toBe(200);
    expect(fees.body).toMatchObject({ stale: true, dataSource: 'view', cacheHit: false });
    expect(fees.response.headers.get('x-data-source')).toBe('view');
    expect(fees.response.headers.get('warning')).toMatch(/^110 /);
    expect((fees.body as { items: unknown[] }).items.length).toBe(
      await viewCount('SELECT count(*)::int AS n FROM hub.charge WHERE service_number = $1 AND billing_cycle = $2', [a.service, cycle]),
    );

    // A name search falls back to the view's user and payer names, still within the caller's scope.
    const { rows: named } = await db.query<{ n: string }>(
      'SELECT coalesce(s.user_name, a.payer_name) AS n FROM hub.service s LEFT JOIN hub.account a ON a.account_number = s.account_number WHERE s.service_number = $1', [a.service]);
    const fragment = [...named[0]!.n].slice(0, 4).join('');
    const byName = await hub.get(`${FEES}?name=${encodeURIComponent(fragment)}&cycle=${cycle}`, 'managerA');
    expect(byName.response.status).toBe(200);
    expect(byName.body).toMatchObject({ stale: true, dataSource: 'view' });
    const nameItems = (byName.body as { items: { product: { id: string } }[] }).items;
    expect(nameItems.some((i) => i.product.id === a.service)).toBe(true);
    const mine = await db.query<{ s: string }>('SELECT service_number AS s FROM hub.service WHERE customer_id = $1', [a.customerId]);
    expect(nameItems.every((i) => mine.rows.some((r) => r.s === i.product.id))).toBe(true);

    const viewPaid = (await db.query<{ p: string | null }>('SELECT paid_date::text AS p FROM hub.payment_status WHERE account_number = $1 AND billing_cycle = $2', [a.account, cycle])).rows[0]!.p;
    const paid = await hub.get(payment(a.account, cycle), 'managerA');
    expect(paid.response.status).toBe(200);
    expect(paid.body).toMatchObject({ stale: true, dataSource: 'view', paymentDate: viewPaid, inArrears: viewPaid === null });

    const steps = await viewCount('SELECT count(*)::int AS n FROM hub.work_order_step WHERE order_number = $1', [a.order]);
    const stale = await hub.get(order(a.order), 'managerA');
    expect(stale.response.status).toBe(200);
    expect(stale.body).toMatchObject({ stale: true, dataSource: 'view', serviceOrder: { id: a.order } });
    expect((stale.body as { serviceOrder: { milestone: unknown[] } }).serviceOrder.milestone.length).toBe(steps);

    // Cycles the view never loaded, and one-time charges it never keeps: nothing stale to offer.
    const older = cycleOf(new Date(Date.UTC(Math.floor(cycle / 10000), (Math.floor(cycle / 100) % 100) - 1, 15)), -3);
    for (const url of [`${FEES}?accountNumber=${a.account}&fromCycle=${older}&toCycle=${older}`, payment(a.account, older), `${ONE_TIME}?customerId=${a.customerId}`]) {
      const { response, body } = await hub.get(url, 'managerA');
      expect(response.status, url).toBe(503);
      expect(body, url).toMatchObject({ code: 'UNAVAILABLE' });
      expect(Number(response.headers.get('retry-after')), url).toBeGreaterThan(0);
    }

    // By now both breakers are open: calls are refused without reaching the legacy, and a 503 asks
    // the client back after the breaker's half-open delay.
    expect(hub.legacy.resilience.stats('billing').breaker).toBe('open');
    expect(hub.legacy.resilience.stats('sys97').breaker).toBe('open');
    const refused = await hub.get(`${ONE_TIME}?vipNumber=${a.vipNumber}`, 'managerA');
    expect([refused.response.status, refused.response.headers.get('retry-after')]).toEqual([503, '42']);
    const whileOpen = await hub.get(`${FEES}?accountNumber=${a.account}&fromCycle=${cycle}&toCycle=${cycle}`, 'managerA');
    expect(whileOpen.response.status).toBe(200);
    expect(whileOpen.response.headers.get('x-legacy-status')).toBe('breaker-open');
    expect(whileOpen.body).toMatchObject({ stale: true });
    expect(whileOpen.ms).toBeLessThan(2_000);
  });

  it('answers within the request deadline while the legacy hangs: stale from the view, or 503', async () => {
    // Transport and policy bounds far beyond the route's deadline: only the deadline can end these.
    const hub = await hubFor({ legacy: { timeoutMs: 4_000 }, live: { deadlineMs: 700 } });
    await faults({ '97-6': { hang: true }, '97-8': { hang: true }, 'JF-12': { hang: true } });

    const stale = await hub.get(order(a.order), 'managerA');
    expect(stale.response.status).toBe(200);
    expect(stale.body).toMatchObject({ stale: true, dataSource: 'view' });
    expect(stale.response.headers.get('x-legacy-status')).toBe('deadline');
    expect(stale.ms).toBeLessThan(2_500);

    const paid = await hub.get(payment(a.account, cycle), 'managerA');
    expect([paid.response.status, (paid.body as { stale: boolean }).stale]).toEqual([200, true]);
    expect(paid.ms).toBeLessThan(2_500);

    const unavailable = await hub.get(`${ONE_TIME}?customerId=${a.customerId}`, 'managerA');
    expect(unavailable.response.status).toBe(503);
    expect(unavailable.response.headers.get('retry-after')).toBe('5');
    expect(unavailable.ms).toBeLessThan(2_500);
  });

  it('shares the adapters\' bulkhead: with the 97 system\'s one slot held by a hanging call, the next is refused at once', async () => {
    const hub = await hubFor({ legacy: { timeoutMs: 4_000 }, policy: { concurrency: 1, queue: 0 }, live: { deadlineMs: 700 } });
    await faults({ '97-8': { hang: true } });
    const hanging = await hub.get(`${ONE_TIME}?customerId=${a.customerId}`, 'managerA');
    expect(hanging.response.status).toBe(503);
    // The hung call still holds the slot (until the transport gives up on it): no second call gets in.
    const refused = await hub.get(order(a.order), 'managerA');
    expect(refused.response.status).toBe(200);
    expect(refused.response.headers.get('x-legacy-status')).toBe('bulkhead-full');
    expect(refused.body).toMatchObject({ stale: true, dataSource: 'view' });
    expect(refused.ms).toBeLessThan(1_500);
    expect(hub.legacy.resilience.stats('sys97').maxInFlight).toBe(1);
  });
});

// The console in a real headless Chromium: sign in through /console?token= (the cookie exchange), read
// the page, open the BullMQ board it links to and see the hub's queues with their jobs. Screenshots go
// to test-artifacts/ (gitignored). Skipped only when /usr/bin/chromium is missing (.ci/run installs it).

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../store/index.ts';
import { opsApp, redisQueues, seededView, tokenOf, type RedisQueues } from './test-kit.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts');
const present = existsSync(CHROMIUM);
if (!present) console.warn(`console browser test skipped: ${CHROMIUM} is absent (apt-get install chromium)`);

describe.skipIf(!present)('the console in a headless browser', () => {
  const NOW = new Date();
  let db: Database;
  let rq: RedisQueues;
  let server: ServerType;
  let base: string;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    db = await seededView(NOW);
    rq = await redisQueues();
    const [sys97, billing] = rq.queues;
    await sys97!.add('sys97.incremental', {});
    await sys97!.add('sys97.customer', { vip: '1001' });
    await billing!.add('billing.cycle', { cycle: 20260301 }, { delay: 3_600_000 });
    const { app } = opsApp(db, { queues: rq.queues });
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = mkdtempSync(path.join(os.tmpdir(), 'hub-chromium-'));
    // A profile of its own, removed afterwards: chromium never reads or writes a user's profile.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 1000 },
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    await rq?.close();
    await db?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('renders the console and the queue board; screenshots in test-artifacts/', async () => {
    const page = await context.newPage();
    // bull-board's page links Google Fonts; its CSP must stop the browser before the network.
    const offsite: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) offsite.push(r.url());
    });
    const blocked: string[] = [];
    page.on('requestfailed', (r) => {
      if (!r.url().startsWith(base)) blocked.push(`${r.failure()?.errorText} ${r.url()}`);
    });

    const answer = await page.goto(`${base}/console?token=${await tokenOf('operations')}`);
    expect(answer?.status()).toBe(200);
    expect(page.url()).toBe(`${base}/console`); // the token left the address bar
    for (const heading of ['Readiness', 'Legacy systems', 'Sync state', 'Recent sync runs', 'Billing cycles', 'Quarantine']) {
      await expect(page.getByRole('heading', { name: heading, exact: true }).isVisible()).resolves.toBe(true);
    }
    const quarantine = page.locator('#quarantine');
    await expect(quarantine.getByRole('row', { name: /97-2 contract_violation 2/ }).isVisible()).resolves.toBe(true);
    await expect(page.locator('#sync-state').getByText('sys97.change').isVisible()).resolves.toBe(true);
    await expect(page.locator('#billing-cycles').getByText('20260201').isVisible()).resolves.toBe(true);
    const consoleShot = path.join(ARTIFACTS, 'console.png');
    await page.screenshot({ path: consoleShot, fullPage: true });

    await page.getByRole('link', { name: /Queues and jobs/ }).click();
    await page.waitForURL(`${base}/console/queues`);
    // The board is a client app: its queue list arrives from /console/queues/api with the cookie.
    await page.getByText('sys97', { exact: true }).first().waitFor({ state: 'visible', timeout: 20_000 });
    for (const queue of ['billing', 'cs1000', 'hub']) {
      await page.getByText(queue, { exact: true }).first().waitFor({ state: 'visible' });
    }
    await page.getByText('Loading...').waitFor({ state: 'hidden', timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    const boardShot = path.join(ARTIFACTS, 'console-queues.png');
    await page.screenshot({ path: boardShot, fullPage: true });

    await page.goto(`${base}/console/queues/queue/sys97?status=waiting`);
    await page.getByText('sys97.customer').first().waitFor({ state: 'visible', timeout: 20_000 });
    const queueShot = path.join(ARTIFACTS, 'console-queue-sys97.png');
    await page.screenshot({ path: queueShot, fullPage: true });

    // Signed out, the board's own API refuses the browser.
    await page.goto(`${base}/console/logout`);
    const refused = await page.goto(`${base}/console/queues/api/queues`);
    expect(refused?.status()).toBe(401);

    expect(blocked).toHaveLength(offsite.length);
    for (const failure of blocked) expect(failure).toMatch(/^(csp|net::ERR_BLOCKED_BY_CSP) /);
    console.log(`console screenshots: ${consoleShot}, ${boardShot}, ${queueShot}`);
  });
});

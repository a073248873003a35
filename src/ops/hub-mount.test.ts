// The operations endpoints as `npm start` mounts them: the request observer sees API requests, /metrics
// and /console answer before the API's authentication, and the start-up listing carries the console
// link. The legacy side is the fake simulator of the start tests (its URLs lead nowhere).

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { mintToken } from '../api/platform/auth.ts';
import { resolveJwtSecret } from '../api/platform/jwt-secret.ts';
import { describeHub, startHub } from '../cli/start-hub.ts';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../platform/logger.ts';

const fakeSimulator = new URL('../../test/platform/fixtures/fake-simulator.ts', import.meta.url).href;
const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-ops-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('operations on the running hub', () => {
  it('counts and logs API requests, serves /metrics to loopback and the console through its sign-in link', async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', HUB_DATA_DIR: dir, SIM_SIZE: 'tiny', SIM_SEED: '5' });
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _e, done) {
        chunk.toString().split('\n').filter(Boolean).forEach((l) => lines.push(JSON.parse(l) as Record<string, unknown>));
        done();
      },
    });
    const hub = await startHub(config, { logger: createLogger({ destination, level: 'debug' }), simulatorModule: fakeSimulator });
    try {
      expect(describeHub(config, hub)).toMatch(new RegExp(`\\n  console +${hub.httpUrl}/console\\?token=[\\w.-]+ `));

      const secret = resolveJwtSecret(config).secret!;
      const manager = await mintToken(secret, { role: 'customer_manager', staffId: 'S001' });
      const api = await fetch(`${hub.httpUrl}/tmf-api/customerManagement/v4/customer/C404`, { headers: { authorization: `Bearer ${manager}` } });
      expect(api.status).toBe(404);
      const requestId = api.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const access = lines.filter((l) => l.msg === 'request' && l.requestId === requestId);
      expect(access).toEqual([expect.objectContaining({ route: '/tmf-api/customerManagement/v4/customer/:id', status: 404, method: 'GET' })]);

      // The hub listens on loopback here: a local scraper needs no credentials, a manager is refused.
      const metrics = await fetch(`${hub.httpUrl}/metrics`);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('http_requests_total{method="GET",route="/tmf-api/customerManagement/v4/customer/:id",status="404"} 1');
      for (const system of ['sys97', 'billing', 'cs1000']) expect(text).toMatch(new RegExp(`legacy_breaker_state\\{system="${system}"\\} 0`));
      for (const queue of ['sys97', 'billing', 'cs1000', 'hub']) expect(text).toContain(`bullmq_queue_jobs{queue="${queue}",state="failed"}`);
      expect(text).toContain('hub_metrics_source_up{source="store"} 1');
      expect((await fetch(`${hub.httpUrl}/metrics`, { headers: { authorization: `Bearer ${manager}` } })).status).toBe(403);

      const link = hub.console.split(' ')[0]!;
      const signIn = await fetch(link, { redirect: 'manual' });
      expect(signIn.status).toBe(303);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const page = await fetch(`${hub.httpUrl}/console`, { headers: { cookie } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<h2>Sync state</h2>');
      expect(html).toMatch(/sys97<\/td><td><span class="bad">failing/); // readiness of the fake legacy side
      const board = await fetch(`${hub.httpUrl}/console/queues/api/queues`, { headers: { cookie } });
      expect(board.status).toBe(200);
      const queues = ((await board.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
      expect(queues).toEqual(['billing', 'cs1000', 'hub', 'sys97']);
    } finally {
      const report = await hub.shutdown.run('test');
      expect(report.clean).toBe(true);
    }
  });
});

// /healthz: the process is up and serving HTTP (for a restart-on-failure supervisor).
// /readyz: every registered dependency answers now (for a load balancer or an operator); 503 when not.

import { Hono } from 'hono';
import type { ReadinessRegistry } from './readiness.ts';

export function healthRoutes(readiness: ReadinessRegistry): Hono {
  const started = Date.now();
  const app = new Hono();
  app.get('/healthz', (c) =>
    c.json({ status: 'ok', service: 'bss-hub', uptimeSeconds: Math.round((Date.now() - started) / 1000) }),
  );
  app.get('/readyz', async (c) => {
    const report = await readiness.run();
    return c.json({ status: report.ok ? 'ready' : 'not-ready', checks: report.checks }, report.ok ? 200 : 503);
  });
  return app;
}

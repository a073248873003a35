// The hub's HTTP server for the API benchmark, in a process of its own so the load generator never
// shares its event loop: the real app (createApiApp + resourceRoutes over the view database, the
// node server the hub uses) and nothing of the legacy side — no live routes, no legacy connection at
// all, so a 360 answered here cannot have asked a legacy system anything.
// Beside the API: /healthz (the hub's own trivial route, no auth) and /bench/noop (a trivial route
// behind the API's authentication and rate limit), the two baselines of the same server.
//   node --import tsx bench/api-server.ts '{"viewUrl":"postgres://…","jwtSecret":"…"}'
// Prints {"url": …} once listening; answers {"cpu": …} to a 'stats' IPC message; SIGTERM stops it.

import { Hono } from 'hono';
import pino from 'pino';
import { installClientErrorHandler } from '../src/api/platform/error-handling.ts';
import { createApiApp, DatabaseAuditSink } from '../src/api/platform/index.ts';
import { resourceRoutes } from '../src/api/resources/index.ts';
import { healthRoutes } from '../src/platform/health.routes.ts';
import { startHttpServer } from '../src/platform/http-server.ts';
import { ReadinessRegistry } from '../src/platform/readiness.ts';
import { tuneV8 } from '../src/platform/v8-tuning.ts';
import { openDatabase } from '../src/store/index.ts';

// As the hub's own processes run (src/cli/main.ts).
tuneV8();

interface ServerArgs {
  viewUrl: string;
  jwtSecret: string;
  /** Sessions toward the view (the hub's default is 10). */
  poolSize?: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ServerArgs;
const logger = pino({ level: 'warn' }, pino.destination(2));
const poolSize = args.poolSize ?? 10;
const db = await openDatabase({ url: args.viewUrl, poolSize });
// Every session of the pool open before the load, as on a hub that has been serving for a while:
// otherwise the first bursts of the measured window open some (fork and SCRAM on the server).
await Promise.all(Array.from({ length: poolSize }, () => db.query('SELECT pg_sleep(0.05)')));
const readiness = new ReadinessRegistry();
readiness.register('store', async () => void (await db.query('SELECT 1')));

const app = new Hono();
app.route('/', healthRoutes(readiness));
const api = createApiApp({
  routes: resourceRoutes({ db }),
  auth: { jwtSecret: args.jwtSecret, apiKeys: [] },
  audit: new DatabaseAuditSink(db),
  logger,
  // The per-caller limit (600/min by default) would answer 429 to a load of 500 req/s from a few
  // callers; an operator sizes it to the callers they have. The limiter itself still runs.
  rateLimitPerMinute: 100_000_000,
});
api.app.get('/bench/noop', (c) => c.json({ ok: true }));
app.route('/', api.app);
const http = await startHttpServer(app, { host: '127.0.0.1', port: 0, configure: installClientErrorHandler(logger) });

let cpuFrom = process.cpuUsage();
process.on('message', (message) => {
  if (message !== 'stats') return;
  // CPU of this process since the last 'stats': divided by the requests served, the hub's cost each.
  const cpu = process.cpuUsage(cpuFrom);
  cpuFrom = process.cpuUsage();
  process.send?.({ cpuMs: Math.round((cpu.user + cpu.system) / 1000), rssMiB: Math.round(process.memoryUsage().rss / 1048576) });
});
const stop = async (): Promise<void> => {
  await http.close();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
console.log(JSON.stringify({ url: http.url }));

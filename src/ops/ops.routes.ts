// The operations endpoints on the hub's HTTP server: GET /metrics (Prometheus text), GET /console
// (the page of console-page.ts) and /console/queues (bull-board over the hub's four BullMQ queues).
// Mount before the REST API, whose authentication middleware would otherwise answer these paths.
//
// The board is bull-board's own UI and API. bull-board enforces its read-only mode in the UI only,
// so the rule is kept here, on the server: reads are open to operators, and of the changes only
// those that move jobs without losing any (retry, promote, pause, resume, run a schedule now).
// Cleaning, emptying, obliterating, removing, adding or editing jobs and schedules is refused: the
// schedules come from the hub's configuration and the jobs from its driver (dedup keys), and the
// CLI (`npm run hub -- sync|billing|quarantine`) is the way to start work.

import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Queue } from 'bullmq';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { LegacyResilience } from '../../adapters/transport/resilience.ts';
import type { AuthOptions } from '../api/platform/auth.ts';
import { ApiProblem } from '../api/platform/problem.ts';
import type { ReadinessRegistry } from '../platform/readiness.ts';
import type { Queryable } from '../store/index.ts';
import { loadConsoleSnapshot } from './console-data.ts';
import { CONSOLE_CSP, esc, renderConsole } from './console-page.ts';
import type { HubMetrics } from './metrics.ts';
import { closeSession, openSession, operatorOf, problemAnswer, type Operator, type OperatorCheck } from './operator-auth.ts';

export const CONSOLE_PATH = '/console';
export const QUEUES_PATH = '/console/queues';

export interface OpsRoutesOptions {
  metrics: HubMetrics;
  auth: AuthOptions;
  db: Queryable;
  readiness: ReadinessRegistry;
  queues: readonly Queue[];
  resilience?: LegacyResilience;
  systems?: readonly string[];
  logger: Logger;
  now?: () => Date;
}

// bull-board's stylesheet links Google Fonts: the CSP keeps the browser from even trying (no
// internet here), and its fallback fonts apply. Its config block is JSON, not script.
const BOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'";

const BOARD_CHANGES: readonly RegExp[] = [
  /^\/api\/queues\/(pause|resume)$/,
  /^\/api\/queues\/[^/]+\/(retry\/[^/]+|promote|pause|resume|rate-limit\/release)$/,
  /^\/api\/queues\/[^/]+\/job-schedulers\/[^/]+\/run$/,
  /^\/api\/queues\/[^/]+\/[^/]+\/(retry|promote)$/,
];

type Env = { Variables: { requestId: string; operator: Operator } };

export function opsRoutes(options: OpsRoutesOptions): Hono<Env> {
  const app = new Hono<Env>();
  const guard = (check: Omit<OperatorCheck, 'auth'>): MiddlewareHandler<Env> => async (c, next) => {
    try {
      c.set('operator', await operatorOf(c, { auth: options.auth, ...check }));
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      return refusal(c, error);
    }
    await next();
  };
  const pageHeaders = async (c: Context, next: () => Promise<void>) => {
    await next();
    c.res.headers.set('cache-control', 'no-store');
    c.res.headers.set('referrer-policy', 'no-referrer');
    c.res.headers.set('x-content-type-options', 'nosniff');
    c.res.headers.set('x-frame-options', 'DENY');
  };

  app.get('/metrics', guard({ allowLoopback: true }), async (c) =>
    c.body(await options.metrics.exposition(), 200, { 'content-type': options.metrics.contentType, 'cache-control': 'no-store' }),
  );

  app.use(CONSOLE_PATH, pageHeaders);
  app.use(`${CONSOLE_PATH}/*`, pageHeaders);
  app.get(CONSOLE_PATH, async (c, next) => {
    const token = c.req.query('token');
    if (token === undefined) return next();
    try {
      return await openSession(c, token, options.auth);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      return refusal(c, error);
    }
  });
  app.get(`${CONSOLE_PATH}/logout`, (c) => closeSession(c));
  app.get(CONSOLE_PATH, guard({ allowSession: true }), async (c) => {
    const snapshot = await loadConsoleSnapshot(options);
    const operator = c.get('operator');
    const html = renderConsole(snapshot, {
      queuesUrl: QUEUES_PATH,
      logoutUrl: `${CONSOLE_PATH}/logout`,
      who: operator.principal ? `${operator.principal.subject} (${operator.principal.role})` : 'loopback',
    });
    return c.html(html, 200, { 'content-security-policy': CONSOLE_CSP });
  });

  app.use(`${QUEUES_PATH}/*`, guard({ allowSession: true }), async (c, next) => {
    const inner = c.req.path.slice(QUEUES_PATH.length);
    if (!['GET', 'HEAD'].includes(c.req.method) && !BOARD_CHANGES.some((re) => re.test(inner))) {
      return refusal(c, new ApiProblem('forbidden', 'The console moves jobs (retry, promote, pause, resume, run a schedule) but does not delete or edit them; use the hub CLI.'));
    }
    await next();
    c.res.headers.set('content-security-policy', BOARD_CSP);
  });
  // The board answers /console/queues (its <base> adds the slash); hono's routing is strict.
  app.get(`${QUEUES_PATH}/`, (c) => c.redirect(QUEUES_PATH, 301));
  app.route(QUEUES_PATH, board(options.queues));
  return app;
}

function board(queues: readonly Queue[]): Hono {
  const adapter = new HonoAdapter(serveStatic);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false, allowRetries: true })),
    // @bull-board/hono pins its own copy of @bull-board/api types (a patch version apart): same shape.
    serverAdapter: adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: {
      uiConfig: {
        boardTitle: 'bss-hub queues',
        miscLinks: [{ text: 'Operator console', url: CONSOLE_PATH }],
        hideDocsLink: true,
      },
    },
  });
  adapter.setBasePath(QUEUES_PATH);
  return adapter.registerPlugin();
}

/**
 * problem+json for API clients; a browser (Accept: text/html) gets a short page that says how to
 * sign in, with the same status.
 */
function refusal(c: Context, error: ApiProblem): Response {
  const accept = c.req.header('accept') ?? '';
  if (!accept.includes('text/html') || c.req.path === '/metrics') return problemAnswer(c, error);
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bss-hub console: sign in</title></head><body>
<h1>bss-hub operator console</h1><p>${esc(error.detail)}</p>
<p>Open <code>${CONSOLE_PATH}?token=&lt;bearer token&gt;</code> with a token of the operations or province_admin role
(<code>npm run hub -- token --role operations</code>), or send the token or an API key in the request headers.</p></body></html>`;
  const answer = c.html(page, error.status as 401 | 403, { 'content-security-policy': "default-src 'none'" });
  for (const [name, value] of Object.entries(error.headers)) answer.headers.set(name, value);
  return answer;
}

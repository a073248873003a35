// First middleware of the hub's HTTP app: every request (health, metrics, console, REST API) gets a
// request id, is counted in the HTTP metrics under its route pattern, and leaves one JSON access-log
// line. The REST API sets its own id (hono requestId, which keeps a valid incoming X-Request-Id and
// otherwise makes a new one); what is logged and answered is the id the request ended with, so the
// access line, the API's error lines and the client's X-Request-Id header always agree.
//
// The log line holds the route pattern, never the raw path or query: paths carry customer ids and
// /console?token= carries a credential. Probes (/healthz, /readyz, /metrics) and the queue board's
// polling reads log at debug so a scraper every 15 s or an open board every 5 s does not drown the
// requests people make.

import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from 'pino';
import type { HubMetrics } from './metrics.ts';

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);
const BOARD_API = '/console/queues/api/';
// The same rule as hono's requestId middleware, so an id kept here is one the API keeps too.
const VALID_ID = /^[\w\-=]{1,255}$/;

export interface RequestObserverOptions {
  metrics: HubMetrics;
  logger: Logger;
}

export function observeRequests(options: RequestObserverOptions): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    c.set('requestId', incoming !== undefined && VALID_ID.test(incoming) ? incoming : randomUUID());
    let failed: unknown;
    try {
      await next();
    } catch (error) {
      failed = error;
    }
    const seconds = (performance.now() - started) / 1000;
    const status = failed === undefined ? c.res.status : 500;
    const route = routeOf(c);
    const requestId = c.get('requestId');
    options.metrics.observeHttp(c.req.method, route, status, seconds);
    const line = { requestId, method: c.req.method, route, status, ms: Math.round(seconds * 10_000) / 10 };
    const background = PROBES.has(route) || (c.req.method === 'GET' && route.startsWith(BOARD_API));
    if (background && status < 500) options.logger.debug(line, 'request');
    else options.logger.info(line, 'request');
    if (failed !== undefined) throw failed;
    if (!c.res.headers.has('x-request-id')) c.res.headers.set('x-request-id', requestId);
  };
}

/**
 * The pattern of the route the request was meant for (`/tmf-api/…/customer/:id`), even when a
 * middleware before it answered (a 401 from authentication): the last matched route that is not a
 * middleware. A request no route matched is one label, `unmatched`, whatever its path.
 */
function routeOf(c: Parameters<MiddlewareHandler>[0]): string {
  try {
    const routes = matchedRoutes(c).filter((r) => r.method !== 'ALL');
    return routes.at(-1)?.path ?? 'unmatched';
  } catch {
    return 'unmatched';
  }
}

// Who may see /metrics and the console: the operations and province_admin roles, proved the way the
// REST API proves them (bearer JWT or X-API-Key, auth.ts). Two additions, each for one audience:
// - /metrics also answers a caller on loopback without credentials: a Prometheus agent on the hub's
//   own host scrapes without a secret in its config. A request carrying X-Forwarded-For / Forwarded /
//   X-Real-IP is never "loopback": behind a reverse proxy on the same host every client would look
//   local. Credentials, when sent, always decide (a wrong one is a 401 even from loopback).
// - The console in a browser: `/console?token=<bearer JWT>` once, exchanged for an HttpOnly,
//   SameSite=Strict cookie scoped to /console that holds the same JWT (re-verified on every request,
//   so it ends when the token does, 8 h at most), then a redirect that drops the token from the
//   address bar. API keys are not accepted in the URL: they do not expire. A state-changing request
//   authenticated by the cookie must also come from the hub's own origin (Origin header).

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { decode } from 'hono/jwt';
import { authenticate, type AuthOptions } from '../api/platform/auth.ts';
import { ApiProblem, problemBody, problemResponse } from '../api/platform/problem.ts';
import type { Principal, Role } from '../api/platform/types.ts';

export const OPERATOR_ROLES: readonly Role[] = ['operations', 'province_admin'];
export const SESSION_COOKIE = 'bss_console';
export const SESSION_PATH = '/console';
const MAX_SESSION_SECONDS = 8 * 3600;

export type Operator = { via: 'credentials' | 'session'; principal: Principal } | { via: 'loopback'; principal: null };

export interface OperatorCheck {
  auth: AuthOptions;
  /** /metrics: a credential-less caller on loopback is let in. */
  allowLoopback?: boolean;
  /** The console: the session cookie counts as a credential. */
  allowSession?: boolean;
}

/** The operator behind the request; throws a 401/403 ApiProblem otherwise. */
export async function operatorOf(c: Context, check: OperatorCheck): Promise<Operator> {
  const authorization = c.req.header('authorization');
  const apiKey = c.req.header('x-api-key');
  if (authorization !== undefined || apiKey !== undefined) {
    return { via: 'credentials', principal: allowed(await authenticate({ authorization, apiKey }, check.auth)) };
  }
  const session = check.allowSession ? getCookie(c, SESSION_COOKIE) : undefined;
  if (session !== undefined) {
    let principal: Principal;
    try {
      principal = await authenticate({ authorization: `Bearer ${session}` }, check.auth);
    } catch (error) {
      deleteCookie(c, SESSION_COOKIE, { path: SESSION_PATH });
      throw error instanceof ApiProblem ? new ApiProblem('unauthorized', `The console session has ended: ${error.detail}`) : error;
    }
    if (!['GET', 'HEAD'].includes(c.req.method) && !sameOrigin(c)) {
      throw new ApiProblem('forbidden', 'A change through the console session must come from the console page itself.');
    }
    return { via: 'session', principal: allowed(principal) };
  }
  if (check.allowLoopback && isLoopback(c)) return { via: 'loopback', principal: null };
  throw new ApiProblem('unauthorized', 'Operator credentials are needed: a bearer token or API key of the operations or province_admin role.', {
    headers: { 'www-authenticate': 'Bearer, ApiKey' },
  });
}

function allowed(principal: Principal): Principal {
  if (!OPERATOR_ROLES.includes(principal.role)) {
    throw new ApiProblem('forbidden', `The role ${principal.role} may not use the operations endpoints (${OPERATOR_ROLES.join(' or ')} may).`);
  }
  return principal;
}

/**
 * `?token=` → cookie. Answers the redirect to the same page without the token, or throws the 401/403
 * of a token that is not an operator's.
 */
export async function openSession(c: Context, token: string, auth: AuthOptions): Promise<Response> {
  allowed(await authenticate({ authorization: `Bearer ${token}` }, auth));
  const exp = Number((decode(token).payload as { exp?: unknown }).exp);
  const maxAge = Math.max(1, Math.min(MAX_SESSION_SECONDS, Math.floor(exp - Date.now() / 1000)));
  setCookie(c, SESSION_COOKIE, token, {
    path: SESSION_PATH,
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https',
    maxAge,
  });
  const url = new URL(c.req.url);
  url.searchParams.delete('token');
  return c.redirect(`${url.pathname}${url.search}`, 303);
}

export function closeSession(c: Context): Response {
  deleteCookie(c, SESSION_COOKIE, { path: SESSION_PATH });
  return c.redirect(SESSION_PATH, 303);
}

/** The problem+json answer of an ApiProblem, with the request's id. */
export function problemAnswer(c: Context, error: ApiProblem): Response {
  const requestId = (c.get as (key: string) => unknown)('requestId');
  const headers: Record<string, string> = { ...error.headers };
  const setCookieHeader = c.res.headers.get('set-cookie');
  if (setCookieHeader) headers['set-cookie'] = setCookieHeader;
  return problemResponse(
    problemBody(error.kind, error.detail, { instance: new URL(c.req.url).pathname, requestId: typeof requestId === 'string' ? requestId : undefined }),
    headers,
  );
}

export function isLoopback(c: Context): boolean {
  if (c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined || c.req.header('x-real-ip') !== undefined) {
    return false;
  }
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    return false; // app.request() in tests: no socket, so no address to trust
  }
  if (address === undefined) return false;
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  if (origin === undefined || host === undefined) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

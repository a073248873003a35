// Who is calling: a person with a bearer JWT (HS256, HUB_JWT_SECRET) or a system client with an API key
// (HUB_API_KEYS, header X-API-Key). Either way the route sees one Principal. Every failure is the same
// 401 problem with a short reason, so a probe learns nothing about which keys or staff exist.

import { createHash, timingSafeEqual } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { z } from 'zod';
import type { ApiKeyConfig } from '../../config/config.ts';
import { ApiProblem } from './problem.ts';
import { ROLES, type Principal, type Role } from './types.ts';

export const JWT_ISSUER = 'bss-hub';
const MAX_TOKEN_LENGTH = 4096;

export interface AuthOptions {
  /** Unset: bearer tokens are refused (API keys only). */
  jwtSecret: string | undefined;
  apiKeys: readonly ApiKeyConfig[];
}

const claims = z
  .object({
    sub: z.string().min(1).max(100),
    role: z.enum(ROLES),
    staffId: z.string().min(1).max(20).optional(),
    areas: z.array(z.string().min(1).max(20)).max(200).optional(),
    exp: z.number(),
    iss: z.literal(JWT_ISSUER),
  })
  .refine((c) => c.role !== 'customer_manager' || c.staffId !== undefined, { message: 'a customer manager token needs staffId' })
  .refine((c) => c.role !== 'area_supervisor' || (c.areas?.length ?? 0) > 0, { message: 'an area supervisor token needs areas' });

export interface MintOptions {
  role: Role;
  staffId?: string;
  areas?: string[];
  subject?: string;
  ttlSeconds?: number;
  now?: number;
}

/** A token the API accepts; the `token` CLI command and tests mint with it. */
export function mintToken(secret: string, options: MintOptions): Promise<string> {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const payload: Record<string, unknown> = {
    sub: options.subject ?? (options.staffId ? `staff:${options.staffId}` : `role:${options.role}`),
    role: options.role,
    iss: JWT_ISSUER,
    iat: now,
    exp: now + (options.ttlSeconds ?? 8 * 3600),
  };
  if (options.staffId !== undefined) payload.staffId = options.staffId;
  if (options.areas !== undefined) payload.areas = options.areas;
  return sign(payload, secret, 'HS256');
}

function unauthorized(detail: string, bearer: boolean): ApiProblem {
  return new ApiProblem('unauthorized', detail, {
    headers: { 'www-authenticate': bearer ? 'Bearer error="invalid_token"' : 'Bearer, ApiKey' },
  });
}

/**
 * Bearer tokens already verified, by their exact text (signature included), until their exp. A caller
 * sends the same token for hours, and verifying it again (WebCrypto key import and HMAC) cost about a
 * fifth of the API's CPU per request. Only the very bytes verified under the same secret are taken
 * again; once expired the token goes through verify() again, which refuses it with the reason.
 */
export class VerifiedTokens {
  private readonly tokens = new Map<string, { secret: string; exp: number; principal: Principal }>();
  constructor(private readonly max = 10_000) {}

  get(token: string, secret: string): Principal | undefined {
    const hit = this.tokens.get(token);
    if (!hit) return undefined;
    // The rule of hono's verify(): expired when exp <= now, in whole seconds.
    if (hit.secret !== secret || hit.exp <= Math.floor(Date.now() / 1000)) {
      this.tokens.delete(token);
      return undefined;
    }
    return copyOf(hit.principal);
  }

  set(token: string, secret: string, exp: number, principal: Principal): void {
    // Oldest first out: a flood of distinct valid tokens keeps the map bounded.
    if (this.tokens.size >= this.max) this.tokens.delete(this.tokens.keys().next().value!);
    this.tokens.set(token, { secret, exp, principal: copyOf(principal) });
  }
}

// Callers get their own Principal: nothing a request does to it reaches the cached one.
const copyOf = (p: Principal): Principal => (p.areas ? { ...p, areas: [...p.areas] } : { ...p });

/**
 * Verifies the request's credentials; throws a 401 ApiProblem when they are missing or wrong. With
 * `verified`, a bearer token verified before is not verified again until it expires.
 */
export async function authenticate(
  headers: { authorization?: string | undefined; apiKey?: string | undefined },
  options: AuthOptions,
  verified?: VerifiedTokens,
): Promise<Principal> {
  const { authorization, apiKey } = headers;
  if (authorization !== undefined && apiKey !== undefined) {
    throw new ApiProblem('badRequest', 'Send either a bearer token or an API key, not both.');
  }
  if (apiKey !== undefined) return byApiKey(apiKey, options.apiKeys);
  if (authorization === undefined) throw unauthorized('This API needs a bearer token (Authorization) or an API key (X-API-Key).', false);
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization);
  if (!match || authorization.length > MAX_TOKEN_LENGTH) throw unauthorized('The Authorization header is not a bearer JWT.', true);
  if (options.jwtSecret === undefined) throw unauthorized('Bearer tokens are not accepted here (HUB_JWT_SECRET unset); use an API key.', true);
  const token = match[1]!;
  const known = verified?.get(token, options.jwtSecret);
  if (known) return known;
  let payload: unknown;
  try {
    payload = await verify(token, options.jwtSecret, { alg: 'HS256', iss: JWT_ISSUER });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    throw unauthorized(name === 'JwtTokenExpired' ? 'The token has expired.' : 'The token is not valid.', true);
  }
  const parsed = claims.safeParse(payload);
  if (!parsed.success) throw unauthorized(`The token's claims are not valid: ${parsed.error.issues.map((i) => i.message).join('; ')}.`, true);
  const c = parsed.data;
  const principal: Principal = { subject: c.sub, role: c.role, via: 'jwt' };
  if (c.staffId !== undefined) principal.staffId = c.staffId;
  if (c.areas !== undefined) principal.areas = c.areas;
  verified?.set(token, options.jwtSecret, c.exp, principal);
  return principal;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

// Every configured key is compared, in constant time over equal-length digests, so the time taken
// says nothing about which key (or how much of one) matched.
function byApiKey(given: string, keys: readonly ApiKeyConfig[]): Principal {
  const candidate = digest(given);
  let found: ApiKeyConfig | undefined;
  for (const key of keys) {
    if (timingSafeEqual(candidate, digest(key.key)) && found === undefined) found = key;
  }
  if (!found) throw unauthorized('The API key is not valid.', false);
  return { subject: `apikey:${found.name}`, role: found.role, via: 'api-key' };
}

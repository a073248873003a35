// The REST API as one hono app, ready to mount on the hub's HTTP server. Order matters and is fixed
// here once: request id → security headers → body limit → public docs → authentication → rate limit
// → the declared routes; every failure on the way is a problem answer (error-handling.ts).

import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Logger } from 'pino';
import { loadApiContracts, type ApiContracts } from './api-contracts.ts';
import type { AuditSink } from './audit.ts';
import { authenticate, VerifiedTokens, type AuthOptions } from './auth.ts';
import { DOCS_CSS, DOCS_HTML, DOCS_JS } from './docs-page.ts';
import { installErrorHandling, renderError } from './error-handling.ts';
import { buildOpenApiDocument, type DocumentInfo, type OpenApiDocument } from './openapi.ts';
import { ApiProblem, problemBody, problemResponse } from './problem.ts';
import { enforceRateLimit, TokenBucketLimiter, type RateLimiter } from './rate-limit.ts';
import { mountRoutes, type AnyRoute } from './route-registry.ts';
import type { ApiEnv } from './types.ts';

export interface ApiAppOptions {
  routes: readonly AnyRoute[];
  auth: AuthOptions;
  audit: AuditSink;
  logger: Logger;
  /** Default: contracts/api. */
  contracts?: ApiContracts;
  /** Default: a token bucket of rateLimitPerMinute per client. */
  limiter?: RateLimiter;
  rateLimitPerMinute?: number;
  maxBodyBytes?: number;
  info?: DocumentInfo;
}

export interface ApiApp {
  app: Hono<ApiEnv>;
  document: OpenApiDocument;
}

const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'";

export function createApiApp(options: ApiAppOptions): ApiApp {
  const contracts = options.contracts ?? loadApiContracts();
  if (!contracts.Error) throw new Error('contracts/api/common/Error.schema.json is missing: every problem answer refers to it');
  const document = buildOpenApiDocument(options.routes, contracts, options.info);
  const documentText = JSON.stringify(document);
  const limiter = options.limiter ?? new TokenBucketLimiter({ perMinute: options.rateLimitPerMinute ?? 600 });
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const verified = new VerifiedTokens();
  const app = new Hono<ApiEnv>();
  installErrorHandling(app, options.logger);

  app.use(requestId({ generator: () => randomUUID() }));
  app.use(async (c, next) => {
    c.set('logger', options.logger.child({ requestId: c.get('requestId') }));
    await next();
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: undefined,
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      crossOriginResourcePolicy: 'same-origin',
    }),
  );
  app.use(async (c, next) => {
    await next();
    if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', API_CSP);
    // Answers built as a fresh Response (ETag, problems) do not carry headers set before the handler.
    if (!c.res.headers.has('x-request-id')) c.res.headers.set('x-request-id', c.get('requestId'));
  });
  app.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        problemResponse(
          problemBody('payloadTooLarge', `The request body is larger than ${maxBodyBytes} bytes.`, {
            instance: new URL(c.req.url).pathname,
            requestId: c.get('requestId'),
          }),
        ),
    }),
  );

  // The reference is public: it describes the API, it holds no data. Still limited per address.
  const publicLimit = async (c: Context<ApiEnv>, next: () => Promise<void>) => {
    enforceRateLimit(limiter, `ip:${remoteAddress(c)}`);
    await next();
  };
  app.get('/openapi.json', publicLimit, (c) => c.body(documentText, 200, { 'content-type': 'application/json; charset=utf-8' }));
  app.get('/docs', publicLimit, (c) => c.html(DOCS_HTML, 200, { 'content-security-policy': DOCS_CSP }));
  app.get('/docs/explorer.js', publicLimit, (c) => c.body(DOCS_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/docs/explorer.css', publicLimit, (c) => c.body(DOCS_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));

  app.use(async (c, next) => {
    let principal;
    try {
      principal = await authenticate(
        { authorization: c.req.header('authorization'), apiKey: c.req.header('x-api-key') },
        options.auth,
        verified,
      );
    } catch (error) {
      // Failed attempts spend the caller address's tokens, so guessing keys is slow too.
      const answer = limiter.take(`ip:${remoteAddress(c)}`);
      if (!answer.ok) {
        return renderError(
          new ApiProblem('tooManyRequests', 'Too many failed attempts.', { headers: { 'retry-after': String(answer.retryAfterSeconds) } }),
          c,
          options.logger,
        );
      }
      throw error;
    }
    enforceRateLimit(limiter, principal.subject);
    c.set('principal', principal);
    await next();
  });

  mountRoutes(app, options.routes, { contracts, audit: options.audit });
  return { app, document };
}

function remoteAddress(c: Context<ApiEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process'; // app.request() in tests has no socket
  }
}

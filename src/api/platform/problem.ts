// The one error body of the REST API: RFC 9457 problem+json and TMF630's Error in the same object, so a
// generic HTTP client and a TMF-aware front end both find what they look for. Every 4xx/5xx the API
// answers is built here; routes throw an ApiProblem and the error handler renders it.

import type { Error as ErrorContract } from '../../../contracts/generated/api/common/Error.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** Problem types are relative URIs under this base; /docs lists them (not dereferenced by clients). */
export const PROBLEM_TYPE_BASE = '/problems/';

/** The contract (contracts/api/common/Error.schema.json), generated: the body cannot drift from it. */
export type ProblemBody = ErrorContract;
export type ValidationIssue = NonNullable<ErrorContract['errors']>[number];

/** The problem kinds the platform answers; resource routes reuse them rather than inventing codes. */
export const PROBLEMS = {
  badRequest: { status: 400, code: 'BAD_REQUEST', title: 'Bad request' },
  validation: { status: 400, code: 'VALIDATION_FAILED', title: 'The request does not match the API schema' },
  unauthorized: { status: 401, code: 'UNAUTHORIZED', title: 'Authentication required' },
  forbidden: { status: 403, code: 'FORBIDDEN', title: 'Not allowed for this role' },
  notFound: { status: 404, code: 'NOT_FOUND', title: 'Not found' },
  methodNotAllowed: { status: 405, code: 'METHOD_NOT_ALLOWED', title: 'Method not allowed' },
  notAcceptable: { status: 406, code: 'NOT_ACCEPTABLE', title: 'Not acceptable' },
  requestTimeout: { status: 408, code: 'REQUEST_TIMEOUT', title: 'Request timeout' },
  conflict: { status: 409, code: 'CONFLICT', title: 'Conflict' },
  payloadTooLarge: { status: 413, code: 'PAYLOAD_TOO_LARGE', title: 'Request body too large' },
  unsupportedMediaType: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type' },
  tooManyRequests: { status: 429, code: 'TOO_MANY_REQUESTS', title: 'Too many requests' },
  headersTooLarge: { status: 431, code: 'HEADERS_TOO_LARGE', title: 'Request header fields too large' },
  internal: { status: 500, code: 'INTERNAL_ERROR', title: 'Internal error' },
  unavailable: { status: 503, code: 'UNAVAILABLE', title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; code: string; title: string }>;

export type ProblemKind = keyof typeof PROBLEMS;

export interface ProblemOptions {
  errors?: ValidationIssue[];
  /** Extra headers of the answer (Retry-After, WWW-Authenticate, Allow). */
  headers?: Record<string, string>;
  referenceError?: string;
  cause?: unknown;
}

/** Thrown anywhere below a route; the error handler turns it into the problem answer. */
export class ApiProblem extends Error {
  readonly kind: ProblemKind;
  readonly status: number;
  readonly detail: string;
  readonly errors: ValidationIssue[] | undefined;
  readonly headers: Record<string, string>;
  readonly referenceError: string | undefined;

  constructor(kind: ProblemKind, detail: string, options: ProblemOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiProblem';
    this.kind = kind;
    this.status = PROBLEMS[kind].status;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.referenceError = options.referenceError;
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

export function problemBody(
  kind: ProblemKind,
  detail: string,
  context: { instance?: string; requestId?: string; errors?: ValidationIssue[]; referenceError?: string } = {},
): ProblemBody {
  const { status, code, title } = PROBLEMS[kind];
  const body: ProblemBody = {
    type: `${PROBLEM_TYPE_BASE}${code.toLowerCase().replaceAll('_', '-')}`,
    title,
    status,
    detail,
    code,
    reason: title,
    message: detail,
    '@type': 'Error',
  };
  if (context.instance !== undefined) body.instance = context.instance;
  if (context.requestId !== undefined) body.requestId = context.requestId;
  if (context.referenceError !== undefined) body.referenceError = context.referenceError;
  if (context.errors !== undefined && context.errors.length > 0) body.errors = context.errors;
  return body;
}

export function problemResponse(body: ProblemBody, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

/** The problem kind of a bare status (a 405 from hono, a 431 from Node's parser). */
export function kindOfStatus(status: number): ProblemKind {
  const found = (Object.keys(PROBLEMS) as ProblemKind[]).find(
    (kind) => PROBLEMS[kind].status === status && kind !== 'validation',
  );
  if (found) return found;
  return status >= 500 ? 'internal' : 'badRequest';
}

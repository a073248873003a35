// Where every failure becomes a problem answer: hono's onError and notFound, and Node's clientError
// (requests the HTTP parser rejects before hono ever sees them). Stacks go to the log with the request
// id; the caller gets the id to quote, never the stack.

import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import {
  ApiProblem,
  PROBLEMS,
  PROBLEM_CONTENT_TYPE,
  kindOfStatus,
  problemBody,
  problemResponse,
  type ProblemKind,
} from './problem.ts';
import type { ApiEnv } from './types.ts';

/** Renders an error thrown anywhere in a request as problem+json. */
export function renderError(error: unknown, c: Context<ApiEnv>, logger: Logger): Response {
  const requestId = c.get('requestId');
  const instance = new URL(c.req.url).pathname;
  if (error instanceof ApiProblem) {
    return problemResponse(
      problemBody(error.kind, error.detail, { instance, requestId, errors: error.errors, referenceError: error.referenceError }),
      { ...error.headers, ...idHeader(requestId) },
    );
  }
  // hono's own middleware (bodyLimit, jwt helpers) speaks HTTPException; keep its status, not its text.
  if (error instanceof HTTPException && error.status < 500) {
    const kind: ProblemKind = kindOfStatus(error.status);
    return problemResponse(problemBody(kind, error.message || (PROBLEM_DETAIL[kind] ?? PROBLEMS[kind].title), { instance, requestId }), idHeader(requestId));
  }
  logger.error({ err: error, requestId, method: c.req.method, path: instance }, 'request failed');
  return problemResponse(
    problemBody('internal', `The hub could not answer this request; quote request id ${requestId} when reporting it.`, {
      instance,
      requestId,
    }),
    idHeader(requestId),
  );
}

// A response built here replaces the one the request-id middleware already labelled.
function idHeader(requestId: string | undefined): Record<string, string> {
  return requestId ? { 'x-request-id': requestId } : {};
}

const PROBLEM_DETAIL: Partial<Record<ProblemKind, string>> = {
  badRequest: 'The request could not be read.',
  unauthorized: 'Credentials are missing or invalid.',
  payloadTooLarge: 'The request body is larger than the hub accepts.',
};

export function installErrorHandling(app: Hono<ApiEnv>, logger: Logger): void {
  app.onError((error, c) => renderError(error, c, c.get('logger') ?? logger));
  app.notFound((c) =>
    problemResponse(
      problemBody('notFound', `No resource at ${c.req.method} ${new URL(c.req.url).pathname}.`, {
        instance: new URL(c.req.url).pathname,
        requestId: c.get('requestId'),
      }),
      idHeader(c.get('requestId')),
    ),
  );
}

// Node's parser errors (llhttp codes): oversized headers are 431, a timeout 408, the rest 400.
function statusOfParserError(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'HPE_REQUEST_TIMEOUT') return 408;
  return 400;
}

const REASON: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/**
 * Answers what Node's HTTP parser refuses with a problem body instead of a bare status line. Install
 * it on the server (`startHttpServer(app, { …, configure: installClientErrorHandler(logger) })`).
 */
export function installClientErrorHandler(logger: Logger): (server: Server) => void {
  return (server) => {
    server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
      // A peer that hung up cannot read an answer; writing would only raise EPIPE.
      if (error.code === 'ECONNRESET' || !socket.writable) {
        socket.destroy();
        return;
      }
      const status = statusOfParserError(error.code);
      logger.warn({ code: error.code, status }, 'HTTP request refused by the parser');
      const kind = kindOfStatus(status);
      const detail =
        status === 431 ? 'The request line or headers are larger than the hub accepts.' : status === 408 ? 'The request did not arrive in time.' : 'The request is not valid HTTP.';
      const body = JSON.stringify(problemBody(kind, detail));
      socket.end(
        `HTTP/1.1 ${status} ${REASON[status]}\r\n` +
          `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'Cache-Control: no-store\r\nConnection: close\r\n\r\n' +
          body,
      );
    });
  };
}

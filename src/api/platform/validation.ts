// Validation wrapped once: zod (path and query parameters) and ajv (bodies, against the contract) both
// end as the API's problem body with `errors: [{path, message}]`. zod 4 hides its issues when a result
// is serialised, which is why nothing here hands a zod error to hono.

import type { Context } from 'hono';
import type { z } from 'zod';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ApiProblem, type ValidationIssue } from './problem.ts';

export type Where = 'path' | 'query' | 'body' | 'header';

export function zodIssues(error: z.ZodError, where: Where): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

export function parseOrProblem<S extends z.ZodType>(schema: S, value: unknown, where: Where): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ApiProblem('validation', `The ${where === 'path' ? 'path parameters' : where} did not validate.`, {
    errors: zodIssues(result.error, where),
  });
}

export function ajvIssues(errors: readonly ErrorObject[] | null | undefined, where: Where): ValidationIssue[] {
  return (errors ?? []).slice(0, 20).map((e) => ({
    path: [where, ...e.instancePath.split('/').filter((p) => p !== '')].join('.'),
    message: e.keyword === 'additionalProperties' ? `unknown property "${String(e.params.additionalProperty)}"` : (e.message ?? e.keyword),
  }));
}

/** Reads a JSON body and checks it against the contract's schema: 415, 400 or the value. */
export async function readJsonBody(c: Context, validate: ValidateFunction): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(merge-patch\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiProblem('unsupportedMediaType', 'Send the body as application/json.');
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new ApiProblem('badRequest', 'The body is not valid JSON.');
  }
  if (!validate(body)) {
    throw new ApiProblem('validation', 'The body does not match its schema.', { errors: ajvIssues(validate.errors, 'body') });
  }
  return body;
}

/** Query keys as lists (`?a=1&a=2` → a: ['1','2']), own properties only. */
export function rawQuery(c: Context): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [key, value] of new URL(c.req.url).searchParams) {
    (out[key] ??= []).push(value);
  }
  return out;
}

// Each route is declared once, as data: the registry mounts it on hono (role check, parameter and body
// validation, TMF630 query parsing, audit flush) and openapi.ts writes its operation from the same
// object. A route cannot answer something the document does not describe without a test noticing.

import type { Context, Hono } from 'hono';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { z } from 'zod';
import type { ApiContracts } from './api-contracts.ts';
import { topLevelProperties } from './api-contracts.ts';
import { auditEntry, type AuditEntry, type AuditSink } from './audit.ts';
import { maskItem, type PersonalFields } from './masking.ts';
import { ApiProblem, type ValidationIssue } from './problem.ts';
import { jsonWithEtag, loadPage, pagingHeaders, project, type CollectionSource, type Item } from './respond.ts';
import { parseFields, parseTmfQuery, type CollectionSpec, type TmfQuery } from './tmf-query.ts';
import type { ApiEnv, Principal, Role } from './types.ts';
import { parseOrProblem, rawQuery, readJsonBody } from './validation.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type ZodObj = z.ZodObject<z.ZodRawShape>;

export interface RouteSpec<P extends ZodObj | undefined = ZodObj | undefined, Q extends ZodObj | undefined = ZodObj | undefined> {
  method: Method;
  /** hono syntax, full path: `/tmf-api/customerManagement/v4/customer/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Roles allowed to call; others get 403. The data scope narrows further inside the handler. */
  roles: readonly Role[];
  params?: P;
  /** Query parameters of the route's own (not TMF630's, not filters). */
  query?: Q;
  /** Makes the route a TMF630 collection: fields, sort, offset/limit/cursor and attribute filters. */
  collection?: CollectionSpec;
  /** Component name (contracts/api) of the JSON body. */
  body?: string;
  response: { status: 200 | 201 | 204; schema?: string; list?: boolean };
  handler(ctx: RouteContext<Infer<P>, Infer<Q>>): Promise<Response> | Response;
}

type Infer<T> = T extends ZodObj ? z.output<T> : Record<string, never>;

export interface RouteContext<P, Q> {
  c: Context<ApiEnv>;
  principal: Principal;
  requestId: string;
  params: P;
  query: Q;
  body: unknown;
  /** Collection routes only. */
  tmf: TmfQuery | undefined;
  fields: string[] | undefined;
  /** Masks the personal fields the caller may not see; queues an audit row for what it may. */
  personal<T>(item: T, customerId: string, fields: PersonalFields): T;
  /** Queues an audit row (writes, exports) written with the request's other rows. */
  audit(action: string, customerId: string | null, fields?: readonly string[]): void;
  /** 200 with fields= projection and ETag (304 on If-None-Match). */
  one(item: Item): Response;
  /** One page of a collection route, with paging headers and ETag. */
  list<Row extends Record<string, unknown>>(source: CollectionSource<Row>): Promise<Response>;
  created(item: Item, location: string): Response;
  noContent(): Response;
}

/** Identity with inference: `defineRoute({ … params: z.object({ id: z.string() }) … })`. */
export function defineRoute<P extends ZodObj | undefined = undefined, Q extends ZodObj | undefined = undefined>(spec: RouteSpec<P, Q>): RouteSpec<P, Q> {
  return spec;
}

export type AnyRoute = RouteSpec<ZodObj | undefined, ZodObj | undefined>;

export interface MountDeps {
  contracts: ApiContracts;
  audit: AuditSink;
}

/** `/a/:id{[0-9]+}/b` → `/a/{id}/b`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
}

export function contractValidator(contracts: ApiContracts): (name: string) => ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema({ $id: 'api:contracts', components: { schemas: contracts } });
  const cache = new Map<string, ValidateFunction>();
  return (name) => {
    if (!contracts[name]) throw new Error(`no contract named ${name} in contracts/api`);
    let fn = cache.get(name);
    if (!fn) {
      fn = ajv.compile({ $ref: `api:contracts#/components/schemas/${name}` });
      cache.set(name, fn);
    }
    return fn;
  };
}

export function mountRoutes(app: Hono<ApiEnv>, routes: readonly AnyRoute[], deps: MountDeps): void {
  const validatorOf = contractValidator(deps.contracts);
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${openApiPath(route.path)}`;
    if (seen.has(key) || seen.has(route.operationId)) throw new Error(`route ${key} (${route.operationId}) is declared twice`);
    seen.add(key).add(route.operationId);
    if (route.response.schema && !deps.contracts[route.response.schema]) throw new Error(`${route.operationId}: no contract ${route.response.schema}`);
    const bodyValidator = route.body ? validatorOf(route.body) : undefined;
    const projectable = route.response.schema ? topLevelProperties(deps.contracts, route.response.schema) : undefined;
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      const principal = c.get('principal');
      if (!route.roles.includes(principal.role)) {
        throw new ApiProblem('forbidden', `The role ${principal.role} may not call ${route.operationId}.`);
      }
      const params = route.params ? parseOrProblem(route.params, c.req.param(), 'path') : {};
      const raw = rawQuery(c);
      const own = new Set(route.query ? Object.keys(route.query.shape) : []);
      const ownRaw = Object.fromEntries(Object.entries(raw).filter(([k]) => own.has(k)).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
      const query = route.query ? parseOrProblem(route.query, ownRaw, 'query') : {};
      const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => !own.has(k)));
      let tmf: TmfQuery | undefined;
      let fields: string[] | undefined;
      if (route.collection) {
        tmf = parseTmfQuery(rest, route.collection, projectable);
        fields = tmf.fields;
      } else {
        const issues: ValidationIssue[] = [];
        if (route.method === 'get' && projectable) fields = parseFields(rest, projectable, issues);
        for (const k of Object.keys(rest)) {
          if (!(k === 'fields' && route.method === 'get' && projectable)) issues.push({ path: `query.${k.slice(0, 60)}`, message: 'unknown query parameter' });
        }
        if (issues.length > 0) throw new ApiProblem('validation', 'The query parameters are not valid here.', { errors: issues });
      }
      const body = bodyValidator ? await readJsonBody(c, bodyValidator) : undefined;
      const pending: AuditEntry[] = [];
      const requestId = c.get('requestId');
      const ctx: RouteContext<unknown, unknown> = {
        c,
        principal,
        requestId,
        params,
        query,
        body,
        tmf,
        fields,
        personal(item, customerId, personalFields) {
          const { item: masked, disclosed } = maskItem(item, personalFields, principal.role);
          if (disclosed.length > 0) pending.push(auditEntry(principal, 'read', customerId, disclosed, requestId));
          return masked;
        },
        audit(action, customerId, auditedFields = []) {
          pending.push(auditEntry(principal, action, customerId, auditedFields, requestId));
        },
        one: (item) => jsonWithEtag(c, project(item, fields)),
        async list(source) {
          if (!tmf) throw new Error(`${route.operationId}: list() needs a collection route`);
          const page = await loadPage(tmf, source);
          const items = page.items.map((item) => project(item, fields));
          return jsonWithEtag(c, items, 200, pagingHeaders(new URL(c.req.url), tmf, page));
        },
        created: (item, location) => jsonWithEtag(c, project(item, fields), 201, { location }),
        noContent: () => new Response(null, { status: 204 }),
      };
      const response = await route.handler(ctx as RouteContext<never, never>);
      // Recorded before the answer leaves: a failed write fails the request instead of disclosing unrecorded.
      await deps.audit.write(pending);
      return response;
    });
  }
}

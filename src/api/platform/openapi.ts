// The OpenAPI 3.1 document, built at start-up from contracts/api (components) and the route registry
// (paths). Nothing in it is written by hand, so it cannot drift from what the routes do.

import { z } from 'zod';
import { topLevelProperties, type ApiContracts, type JsonSchema } from './api-contracts.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';
import { openApiPath, type AnyRoute } from './route-registry.ts';
import type { CollectionSpec } from './tmf-query.ts';
import { PERSONAL_KINDS, UNMASKED_FOR } from './masking.ts';

export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: ApiContracts } & Record<string, unknown>;
};
type Operation = Record<string, unknown> & { responses: Record<string, unknown> };

export interface DocumentInfo {
  title?: string;
  version?: string;
}

const PROBLEM = { $ref: '#/components/responses/Problem' };
const PROJECTION =
  'Comma-separated projection: the answer holds these members plus id, href and @type, and of the schema\'s required members only those three apply.';
const FILTER_TYPES: Record<string, JsonSchema> = {
  string: { type: 'string', maxLength: 200 },
  integer: { type: 'integer' },
  number: { type: 'number' },
  date: { type: 'string', description: 'ISO 8601 date or date-time with zone' },
  boolean: { type: 'boolean' },
};

export function buildOpenApiDocument(routes: readonly AnyRoute[], contracts: ApiContracts, info: DocumentInfo = {}): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const at = (paths[openApiPath(route.path)] ??= {});
    at[route.method] = operation(route, contracts);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: info.title ?? 'bss-hub REST API',
      version: info.version ?? '0.1.0',
      description: [
        'Unified customer view of the provincial BSS, in TM Forum Open API shapes (TMF630 conventions).',
        'Errors: application/problem+json, RFC 9457 members and TMF Error members in one body.',
        `Personal data is masked unless the role may see it: ${PERSONAL_KINDS.map((k) => `${k}: ${UNMASKED_FOR[k].join(', ')}`).join('; ')}.`,
        'A customer outside the caller\'s scope answers 404, like one that does not exist.',
      ].join('\n\n'),
    },
    security: [{ bearer: [] }, { apiKey: [] }],
    paths,
    components: {
      schemas: contracts,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256; `npm run hub -- token --role … --staff …` mints one.' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'System clients (HUB_API_KEYS).' },
      },
      responses: {
        Problem: {
          description: 'A problem (RFC 9457 + TMF Error).',
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      headers: {
        'X-Total-Count': { description: 'Items matching the filter (offset paging only).', schema: { type: 'integer' } },
        'X-Result-Count': { description: 'Items in this answer.', schema: { type: 'integer' } },
        Link: { description: 'RFC 8288 next, prev, first, last.', schema: { type: 'string' } },
        ETag: { description: 'Weak validator of the body; send it back in If-None-Match.', schema: { type: 'string' } },
      },
    },
  };
}

function zodParameters(schema: z.ZodObject<z.ZodRawShape> | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, prop]) => {
    const { description, ...rest } = prop;
    const parameter: JsonSchema = { name, in: where, required: where === 'path' || required.has(name), schema: rest };
    if (typeof description === 'string') parameter.description = description;
    return parameter;
  });
}

function collectionParameters(spec: CollectionSpec, fields: readonly string[]): JsonSchema[] {
  const params: JsonSchema[] = [
    { name: 'fields', in: 'query', description: `${PROJECTION} Known: ${fields.join(', ')}`, schema: { type: 'string' } },
    { name: 'sort', in: 'query', description: `Comma-separated, - for descending. Sortable: ${Object.keys(spec.sortable).join(', ')}`, schema: { type: 'string' } },
    { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 } },
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: spec.maxLimit ?? 500, default: spec.defaultLimit ?? 50 } },
    { name: 'cursor', in: 'query', description: 'Keyset paging: the cursor of the previous answer\'s Link rel=next. Excludes offset; no X-Total-Count.', schema: { type: 'string' } },
  ];
  for (const [name, attr] of Object.entries(spec.filterable)) {
    const schema: JsonSchema = attr.values ? { type: 'string', description: `one of ${attr.values.join(', ')}` } : FILTER_TYPES[attr.type]!;
    params.push({ name, in: 'query', description: `Filter: equals (a comma-separated list: any of them).`, schema: { type: 'string', ...schemaHint(schema) } });
    const ops = attr.type === 'string' || attr.type === 'boolean' ? ['ne'] : ['ne', 'gt', 'gte', 'lt', 'lte'];
    for (const op of ops) params.push({ name: `${name}.${op}`, in: 'query', description: `Filter: ${op}.`, schema: { type: 'string', ...schemaHint(schema) } });
  }
  return params;
}

// Filter values arrive as text (lists are comma-separated), so the parameter's schema is a string and
// the attribute's own type is a hint in the description.
function schemaHint(schema: JsonSchema): JsonSchema {
  const type = typeof schema.type === 'string' ? schema.type : 'string';
  return { description: `${type}${schema.description ? `; ${String(schema.description)}` : ''}` };
}

function operation(route: AnyRoute, contracts: ApiContracts): Operation {
  const fields = route.response.schema ? topLevelProperties(contracts, route.response.schema) : [];
  const parameters = [...zodParameters(route.params, 'path'), ...zodParameters(route.query, 'query')];
  if (route.collection) {
    const own = new Set(parameters.map((p) => p.name));
    parameters.push(...collectionParameters(route.collection, fields).filter((p) => !own.has(p.name)));
  } else if (route.method === 'get' && route.response.schema) {
    parameters.push({ name: 'fields', in: 'query', description: `${PROJECTION} Known: ${fields.join(', ')}`, schema: { type: 'string' } });
  }
  const success: Record<string, unknown> = { description: route.summary };
  if (route.response.schema) {
    const ref = { $ref: `#/components/schemas/${route.response.schema}` };
    success.content = { 'application/json': { schema: route.response.list ? { type: 'array', items: ref } : ref } };
  }
  const headers: Record<string, unknown> = {};
  if (route.method === 'get' || route.response.status === 201) headers.ETag = { $ref: '#/components/headers/ETag' };
  if (route.collection) {
    for (const h of ['X-Total-Count', 'X-Result-Count', 'Link']) headers[h] = { $ref: `#/components/headers/${h}` };
  }
  if (Object.keys(headers).length > 0) success.headers = headers;
  const responses: Record<string, unknown> = { [String(route.response.status)]: success };
  if (route.method === 'get') responses['304'] = { description: 'Not modified (If-None-Match matched the ETag).' };
  for (const status of ['400', '401', '403', '404', '429', '500']) responses[status] = PROBLEM;
  if (route.body) {
    responses['413'] = PROBLEM;
    responses['415'] = PROBLEM;
  }
  responses.default = PROBLEM;
  const op: Operation = {
    operationId: route.operationId,
    summary: route.summary,
    tags: route.tags,
    parameters,
    responses,
    'x-roles': [...route.roles],
  };
  if (route.description) op.description = route.description;
  if (route.body) {
    op.requestBody = { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.body}` } } } };
  }
  return op;
}

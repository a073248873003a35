// Test helpers for every route author: is the OpenAPI document valid, and does each answer sit inside
// what the document promises for its operation and status? Used by the platform's tests and meant for
// the resource tests (customers, accounts, …): collect answers, then assert them all.

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Hono } from 'hono';
import type { OpenApiDocument } from './openapi.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// The parts of the OAS 3.1 schema this hub relies on, written out: enough to catch a malformed
// document without fetching the official meta-schema (no internet here).
const OAS31_SHAPE = {
  type: 'object',
  required: ['openapi', 'info', 'paths', 'components'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: { type: 'object', required: ['title', 'version'], properties: { title: { type: 'string' }, version: { type: 'string' } } },
    jsonSchemaDialect: { type: 'string' },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        propertyNames: { enum: [...METHODS, 'summary', 'description', 'parameters', 'servers'] },
        additionalProperties: { $ref: '#/$defs/operation' },
      },
    },
    components: {
      type: 'object',
      properties: {
        schemas: { type: 'object', additionalProperties: { type: ['object', 'boolean'] } },
        responses: { type: 'object', additionalProperties: { $ref: '#/$defs/response' } },
        securitySchemes: { type: 'object', additionalProperties: { type: 'object', required: ['type'] } },
      },
    },
  },
  $defs: {
    operation: {
      type: 'object',
      required: ['responses', 'operationId'],
      properties: {
        operationId: { type: 'string' },
        parameters: { type: 'array', items: { $ref: '#/$defs/parameter' } },
        responses: {
          type: 'object',
          minProperties: 1,
          propertyNames: { pattern: '^([1-5][0-9X]{2}|default)$' },
          additionalProperties: { anyOf: [{ $ref: '#/$defs/reference' }, { $ref: '#/$defs/response' }] },
        },
      },
    },
    parameter: {
      type: 'object',
      required: ['name', 'in', 'schema'],
      properties: { name: { type: 'string' }, in: { enum: ['query', 'header', 'path', 'cookie'] }, required: { type: 'boolean' } },
      if: { properties: { in: { const: 'path' } } },
      then: { required: ['required'], properties: { required: { const: true } } },
    },
    response: { type: 'object', required: ['description'] },
    reference: { type: 'object', required: ['$ref'], properties: { $ref: { type: 'string' } } },
  },
};

function pointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function allRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => allRefs(n, found));
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else allRefs(v, found);
    }
  }
  return found;
}

function deref(doc: unknown, node: unknown): Record<string, unknown> | undefined {
  let current = node as Record<string, unknown> | undefined;
  for (let i = 0; i < 10 && current && typeof current.$ref === 'string'; i++) current = pointer(doc, current.$ref) as Record<string, unknown> | undefined;
  return current;
}

/** Every problem found: shape, unresolved $refs, schemas that do not compile, missing problem answers. */
export function validateOpenApiDocument(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  const shape = new Ajv2020({ allErrors: true, strict: false }).compile(OAS31_SHAPE);
  if (!shape(doc)) problems.push(...(shape.errors ?? []).map((e) => `shape ${e.instancePath || '/'}: ${e.message}`));
  for (const ref of new Set(allRefs(doc))) if (pointer(doc, ref) === undefined) problems.push(`unresolved $ref ${ref}`);
  if (problems.length > 0) return problems;
  const ajv = schemaAjv(doc);
  for (const name of Object.keys(doc.components.schemas)) {
    try {
      ajv.getSchema(`api:doc#/components/schemas/${name}`);
    } catch (error) {
      problems.push(`schema ${name} does not compile: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      const declared = new Set(((op.parameters as { name: string; in: string }[] | undefined) ?? []).filter((p) => p.in === 'path').map((p) => p.name));
      for (const m of path.matchAll(/\{([^}]+)\}/g)) if (!declared.has(m[1]!)) problems.push(`${where}: path parameter ${m[1]} is not declared`);
      const statuses = Object.keys(op.responses);
      for (const needed of ['4', '5']) {
        const answers = statuses.filter((s) => s.startsWith(needed) || s === 'default');
        if (answers.length === 0) problems.push(`${where}: no ${needed}xx answer`);
      }
      for (const status of statuses.filter((s) => /^[45]/.test(s) || s === 'default')) {
        const response = deref(doc, op.responses[status]);
        const schema = (response?.content as Record<string, { schema?: { $ref?: string } }> | undefined)?.[PROBLEM_CONTENT_TYPE]?.schema;
        if (schema?.$ref !== '#/components/schemas/Error') problems.push(`${where} ${status}: not an ${PROBLEM_CONTENT_TYPE} Error`);
      }
    }
  }
  return problems;
}

function schemaAjv(doc: OpenApiDocument): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'api:doc', components: doc.components }, 'api:doc');
  return ajv;
}

export interface Exchange {
  method: string;
  /** Concrete request path (no query). */
  path: string;
  /** The query string (`?fields=name`), when there was one: a projection relaxes `required`. */
  query?: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

function matchOperation(doc: OpenApiDocument, method: string, path: string): { template: string; op: Record<string, unknown> & { responses: Record<string, unknown> } } | undefined {
  for (const [template, item] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
    const op = item[method.toLowerCase()];
    if (op && pattern.test(path)) return { template, op };
  }
  return undefined;
}

/** Problems with each exchange: undocumented operation or status, wrong media type, body outside the schema. */
export function answersOutsideSchema(doc: OpenApiDocument, exchanges: readonly Exchange[]): string[] {
  const ajv = schemaAjv(doc);
  const compiled = new Map<string, ValidateFunction>();
  const problems: string[] = [];
  for (const x of exchanges) {
    const where = `${x.method} ${x.path} → ${x.status}`;
    const found = matchOperation(doc, x.method, x.path);
    const isProblem = x.status >= 400;
    // Answers before any route (401, 404 for unknown paths, 413, 429) follow the problem schema too.
    const response = found
      ? deref(doc, found.op.responses[String(x.status)] ?? found.op.responses.default)
      : isProblem
        ? deref(doc, { $ref: '#/components/responses/Problem' })
        : undefined;
    if (!response) {
      problems.push(`${where}: ${found ? 'status not documented' : 'no documented operation'}`);
      continue;
    }
    const content = response.content as Record<string, { schema: unknown }> | undefined;
    if (!content) {
      if (x.body !== null && x.body !== undefined && x.body !== '') problems.push(`${where}: a body where none is documented`);
      continue;
    }
    const mediaType = (x.contentType ?? '').split(';')[0]!.trim();
    const media = content[mediaType];
    if (!media) {
      problems.push(`${where}: content-type ${mediaType || '(none)'}, documented ${Object.keys(content).join(', ')}`);
      continue;
    }
    const projected = new URLSearchParams(x.query ?? '').has('fields') && x.status < 300;
    const schema = projected ? projectedSchema(doc, media.schema) : media.schema;
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(rebase(schema) as object);
      compiled.set(key, validate);
    }
    if (!validate(x.body)) {
      problems.push(`${where}: ${(validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
    }
  }
  return problems;
}

// fields= answers hold the named members plus id, href and @type: the resource schema with only those
// three still required (at the top level of the item, or of each item of a list).
function projectedSchema(doc: OpenApiDocument, schema: unknown): unknown {
  const s = schema as Record<string, unknown>;
  if (s.type === 'array') return { ...s, items: projectedSchema(doc, s.items) };
  const target = structuredClone(deref(doc, s) ?? {});
  if (Array.isArray(target.required)) target.required = (target.required as string[]).filter((r) => ['id', 'href', '@type'].includes(r));
  return target;
}

// A media-type schema refers to `#/components/…` of the document: point those refs at the added doc.
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `api:doc${v}` : rebase(v)]),
  );
}

/** Sends requests in-process and keeps each exchange for answersOutsideSchema. */
export class ExchangeRecorder {
  readonly exchanges: Exchange[] = [];
  constructor(private readonly app: Pick<Hono, 'request'>) {}

  async request(url: string, init: RequestInit = {}): Promise<{ response: Response; body: unknown }> {
    const response = await this.app.request(url, init);
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    const body = text !== '' && /json/.test(contentType ?? '') ? (JSON.parse(text) as unknown) : text;
    const { pathname, search } = new URL(url, 'http://hub');
    this.exchanges.push({ method: (init.method ?? 'GET').toUpperCase(), path: pathname, query: search, status: response.status, contentType, body });
    return { response, body };
  }
}

/** Throws, listing every answer outside the document; the resource tests call this at their end. */
export function assertAnswersInsideSchema(doc: OpenApiDocument, exchanges: readonly Exchange[]): void {
  const problems = answersOutsideSchema(doc, exchanges);
  if (problems.length > 0) throw new Error(`answers outside the OpenAPI document:\n  ${problems.join('\n  ')}`);
}

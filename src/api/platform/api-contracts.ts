// contracts/api/**/*.schema.json → OpenAPI components. The files stay plain JSON Schema 2020-12 with
// relative file references (`../common/EntityRef.schema.json`), which json-schema-to-typescript reads
// as they are; here each file becomes components.schemas.<Name> (Name = file name without
// `.schema.json`, unique across the folder) and every $ref is rewritten to point inside the document.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type JsonSchema = Record<string, unknown>;
export type ApiContracts = Record<string, JsonSchema>;

export const API_CONTRACTS_DIR = fileURLToPath(new URL('../../../contracts/api/', import.meta.url));
const SUFFIX = '.schema.json';

function schemaFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...schemaFiles(full));
    else if (entry.name.endsWith(SUFFIX)) found.push(full);
  }
  return found.sort();
}

export function componentName(file: string): string {
  return path.basename(file, SUFFIX);
}

/** Every contract of the given folders, keyed by component name; throws on a clash or a bad $ref. */
export function loadApiContracts(dirs: readonly string[] = [API_CONTRACTS_DIR]): ApiContracts {
  const contracts: ApiContracts = {};
  const origin = new Map<string, string>();
  for (const dir of dirs) {
    for (const file of schemaFiles(dir)) {
      const name = componentName(file);
      if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`${file}: a component name may use A-Z a-z 0-9 . _ - only`);
      if (origin.has(name)) throw new Error(`${file}: component ${name} is also defined by ${origin.get(name)}`);
      origin.set(name, file);
      const schema = JSON.parse(readFileSync(file, 'utf8')) as JsonSchema;
      delete schema.$schema;
      delete schema.$id;
      contracts[name] = rewriteRefs(schema, name, file) as JsonSchema;
    }
  }
  return contracts;
}

function rewriteRefs(node: unknown, self: string, file: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, self, file));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$id') throw new Error(`${file}: nested $id is not supported (it would move the base of every $ref below it)`);
    out[key] = key === '$ref' && typeof value === 'string' ? documentRef(value, self, file) : rewriteRefs(value, self, file);
  }
  return out;
}

function documentRef(ref: string, self: string, file: string): string {
  const [target = '', fragment = ''] = ref.split('#', 2);
  if (/^[a-z]+:/i.test(target)) throw new Error(`${file}: external $ref ${ref} (contracts refer to files of contracts/api only)`);
  const name = target === '' ? self : target.endsWith(SUFFIX) ? componentName(target) : undefined;
  if (name === undefined) throw new Error(`${file}: $ref ${ref} does not name a *.schema.json file`);
  if (fragment !== '' && !fragment.startsWith('/')) throw new Error(`${file}: $ref ${ref} uses an anchor; use a JSON pointer`);
  return `#/components/schemas/${name}${fragment}`;
}

/** Top-level property names of a component (through allOf), the fields `fields=` may name. */
export function topLevelProperties(contracts: ApiContracts, name: string, seen = new Set<string>()): string[] {
  const schema = contracts[name];
  if (!schema || seen.has(name)) return [];
  seen.add(name);
  const names = new Set(Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {}));
  for (const part of (schema.allOf as JsonSchema[] | undefined) ?? []) {
    for (const p of Object.keys((part.properties as Record<string, unknown> | undefined) ?? {})) names.add(p);
    const ref = typeof part.$ref === 'string' ? /^#\/components\/schemas\/([^/]+)$/.exec(part.$ref)?.[1] : undefined;
    if (ref) for (const p of topLevelProperties(contracts, ref, seen)) names.add(p);
  }
  return [...names];
}

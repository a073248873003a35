// TypeScript types for every legacy contract, generated from contracts/legacy/ with
// json-schema-to-typescript into contracts/generated/legacy/, and for every REST API contract
// (contracts/api/**/*.schema.json, one type per file named after it) into contracts/generated/api/. The JSON Schemas are the source of truth;
// the generated files are committed so that adapters and mappings type-check without a build step, and
// `--check` (run by `npm test` and CI) fails when someone edits a contract and forgets to regenerate.
//
//   tsx scripts/gen-types.ts            write the files
//   tsx scripts/gen-types.ts --check    regenerate in memory, exit 1 naming stale/missing/extra files
//   … --root <dir>                      work on another checkout (the tests use a temporary copy)

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const LEGACY_DIR = 'contracts/legacy';
const OUT_DIR = 'contracts/generated/legacy';
const API_DIR = 'contracts/api';
const API_OUT_DIR = 'contracts/generated/api';
const API_SUFFIX = '.schema.json';
const BANNER_TAG = 'generated, do not edit';

interface CatalogueEntry {
  id: string;
  system: string;
  legacyName: string;
  contract: string;
}

export interface GeneratedFile {
  /** Path relative to the root, with forward slashes. */
  path: string;
  content: string;
}

export interface CheckReport {
  stale: string[];
  missing: string[];
  extra: string[];
}

/** `VIP_GET_SERVERS` → `VipGetServers`, `VIP1000_GET_112_SO` → `Vip1000Get112So`. */
export function typeBaseName(legacyName: string): string {
  return legacyName
    .split('_')
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('');
}

function banner(source: string): string {
  return [
    '/* eslint-disable */',
    '/**',
    ` * ${BANNER_TAG}: scripts/gen-types.ts writes this file from ${source}.`,
    ' * Change the contract, then run `npm run contracts:gen`.',
    ' */',
    '',
  ].join('\n');
}

// Fixed options so that the output depends on the contracts only, never on a local prettier config.
const COMPILE_OPTIONS = {
  bannerComment: '',
  additionalProperties: false,
  declareExternallyReferenced: true,
  unknownAny: true,
  strictIndexSignatures: true,
  format: true,
  style: { printWidth: 110, singleQuote: true, trailingComma: 'all', semi: true, tabWidth: 2, useTabs: false },
} as const;

function readCatalogue(root: string): CatalogueEntry[] {
  const text = readFileSync(path.join(root, LEGACY_DIR, 'catalogue.json'), 'utf8');
  const catalogue = JSON.parse(text) as { points: CatalogueEntry[] };
  return catalogue.points;
}

async function compileDef(def: unknown, title: string): Promise<string> {
  // json-schema-to-typescript annotates the schema it is given: hand it a private copy.
  const schema = { ...(structuredClone(def) as Record<string, unknown>), title } as JSONSchema;
  return (await compile(schema, title, COMPILE_OPTIONS)).trim();
}

/** Every generated file, in catalogue order, as it should be on disk. */
export async function generate(root: string): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  const maps = { inputs: [] as string[], rows: [] as string[], results: [] as string[] };
  const indexLines: string[] = [];
  for (const point of readCatalogue(root)) {
    const source = `${LEGACY_DIR}/${point.contract}`;
    const schema = JSON.parse(readFileSync(path.join(root, source), 'utf8')) as {
      $defs?: { input?: unknown; row?: unknown; result?: unknown };
    };
    const defs = schema.$defs ?? {};
    const base = typeBaseName(point.legacyName);
    const parts: string[] = [];
    if (defs.input === undefined) throw new Error(`${source}: $defs.input is missing`);
    parts.push(await compileDef(defs.input, `${base}Input`));
    maps.inputs.push(`  '${point.id}': ${base}Input;`);
    const imported = [`${base}Input`];
    if (defs.row !== undefined) {
      parts.push(await compileDef(defs.row, `${base}Row`));
      maps.rows.push(`  '${point.id}': ${base}Row;`);
      imported.push(`${base}Row`);
    }
    if (defs.result !== undefined) {
      parts.push(await compileDef(defs.result, `${base}Result`));
      maps.results.push(`  '${point.id}': ${base}Result;`);
      imported.push(`${base}Result`);
    }
    const relative = `${point.system}/${point.legacyName}.ts`;
    files.push({ path: `${OUT_DIR}/${relative}`, content: `${banner(source)}\n${parts.join('\n\n')}\n` });
    indexLines.push(`import type { ${imported.join(', ')} } from './${relative}';`);
    indexLines.push(`export type { ${imported.join(', ')} } from './${relative}';`);
  }
  const index = [
    banner(`${LEGACY_DIR}/catalogue.json`),
    ...indexLines,
    '',
    '/** Parameters of each interface point (procedure IN parameters, table binds, SOAP request elements). */',
    'export interface LegacyInputs {',
    ...maps.inputs,
    '}',
    '',
    '/** One result row of each interface point that answers rows. */',
    'export interface LegacyRows {',
    ...maps.rows,
    '}',
    '',
    '/** The scalar answer (p_result, SOAP Result) of each interface point that answers one value. */',
    'export interface LegacyResults {',
    ...maps.results,
    '}',
    '',
    'export type InterfacePointId = keyof LegacyInputs;',
    'export type RowPointId = keyof LegacyRows;',
    'export type ResultPointId = keyof LegacyResults;',
    '',
  ].join('\n');
  files.push({ path: `${OUT_DIR}/index.ts`, content: index });
  files.push(...(await generateApi(root)));
  return files;
}

/**
 * One file per API contract, mirroring contracts/api/. A contract's file references
 * (`../common/EntityRef.schema.json`) are resolved from its own folder, and the types they name are
 * declared in the file that uses them, so each generated file stands alone.
 */
async function generateApi(root: string): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const relative of listFiles(path.join(root, API_DIR), '').filter((f) => f.endsWith(API_SUFFIX))) {
    const source = `${API_DIR}${relative}`;
    const schema = JSON.parse(readFileSync(path.join(root, source), 'utf8')) as JSONSchema;
    const name = path.basename(relative, API_SUFFIX);
    const compiled = await compile({ ...schema, title: name } as JSONSchema, name, {
      ...COMPILE_OPTIONS,
      cwd: path.dirname(path.join(root, source)),
    });
    files.push({ path: `${API_OUT_DIR}${relative.slice(0, -API_SUFFIX.length)}.ts`, content: `${banner(source)}\n${compiled.trim()}\n` });
  }
  return files;
}

function generatedOnDisk(root: string): string[] {
  return [...listFiles(path.join(root, OUT_DIR), OUT_DIR), ...listFiles(path.join(root, API_OUT_DIR), API_OUT_DIR)];
}

function listFiles(dir: string, prefix: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...listFiles(path.join(dir, entry.name), rel));
    else found.push(rel);
  }
  return found.sort();
}

/** Compare what generate() would write with what is on disk under contracts/generated/{legacy,api}/. */
export async function check(root: string): Promise<CheckReport> {
  const expected = await generate(root);
  const onDisk = new Set(generatedOnDisk(root));
  const report: CheckReport = { stale: [], missing: [], extra: [] };
  for (const file of expected) {
    if (!onDisk.has(file.path)) report.missing.push(file.path);
    else if (readFileSync(path.join(root, file.path), 'utf8') !== file.content) report.stale.push(file.path);
    onDisk.delete(file.path);
  }
  report.extra.push(...onDisk);
  for (const list of Object.values(report)) list.sort();
  return report;
}

/** Write the generated files and remove files the contracts no longer produce. */
export async function write(root: string): Promise<GeneratedFile[]> {
  const files = await generate(root);
  const wanted = new Set(files.map((f) => f.path));
  for (const stale of generatedOnDisk(root)) {
    if (!wanted.has(stale)) rmSync(path.join(root, stale));
  }
  for (const file of files) {
    const target = path.join(root, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current !== file.content) writeFileSync(target, file.content);
  }
  return files;
}

function argValue(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const root = path.resolve(argValue(argv, '--root') ?? defaultRoot);
  if (argv.includes('--check')) {
    const report = await check(root);
    const problems = [
      ...report.stale.map((f) => `stale:   ${f}`),
      ...report.missing.map((f) => `missing: ${f}`),
      ...report.extra.map((f) => `extra:   ${f}`),
    ];
    if (problems.length > 0) {
      console.error(`contracts:check: generated types differ from the contracts (run npm run contracts:gen)`);
      for (const line of problems) console.error(`  ${line}`);
      return 1;
    }
    console.log('contracts:check: generated types are up to date');
    return 0;
  }
  const files = await write(root);
  console.log(`contracts:gen: ${files.length} files in ${OUT_DIR} and ${API_OUT_DIR}`);
  return 0;
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(path.resolve(invokedPath)).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}

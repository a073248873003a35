// Generates a synthetic province into PGlite directories or a PostgreSQL server and reports row counts,
// elapsed time and peak RSS.
//   npx tsx simulator/generate/cli.ts --size province --database-url postgres://… [--replace]
//   npx tsx simulator/generate/cli.ts --size demo --dir .hub-data/province
// Server mode writes schemas sys97, billing, cs1000 (with --schema-prefix p: p_sys97 …).

import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { quoteIdent } from './copy-format.ts';
import { loadProvince } from './load.ts';
import { pgTarget, pgliteTarget, type LoadTarget } from './load-target.ts';
import { DEFAULT_SEED, SIZES, type Size } from './province.ts';
import { SYSTEMS, type System } from './tables.ts';

const USAGE = `usage: cli.ts [--size tiny|demo|province] [--seed N] [--cycles N] [--now ISO] [--customers N]
  [--calls-per-service N] [--cdr-cycles N] [--tables-only]
  (--database-url URL [--schema-prefix P] [--replace] | --dir PATH)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'demo' },
      seed: { type: 'string' },
      cycles: { type: 'string' },
      now: { type: 'string' },
      customers: { type: 'string' },
      'calls-per-service': { type: 'string' },
      'cdr-cycles': { type: 'string' },
      'database-url': { type: 'string' },
      'schema-prefix': { type: 'string', default: '' },
      replace: { type: 'boolean', default: false },
      dir: { type: 'string' },
      'tables-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const size = values.size as Size;
  if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}\n${USAGE}`);
  const num = (v: string | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new Error(`${name} must be an integer`);
    return n;
  };
  if ((values['database-url'] === undefined) === (values.dir === undefined)) throw new Error(`give --database-url or --dir\n${USAGE}`);

  const targets = {} as Record<System, LoadTarget>;
  const closers: Array<() => Promise<void>> = [];
  if (values['database-url'] !== undefined) {
    const client = new pg.Client({ connectionString: values['database-url'] });
    await client.connect();
    closers.push(() => client.end());
    for (const s of SYSTEMS) {
      const schema = values['schema-prefix'] === '' ? s : `${values['schema-prefix']}_${s}`;
      if (values.replace) await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
      targets[s] = pgTarget(client, schema);
    }
  } else {
    for (const s of SYSTEMS) {
      const path = join(values.dir!, s);
      if (existsSync(path) && readdirSync(path).length > 0) throw new Error(`${path} is not empty: remove it first`);
      mkdirSync(path, { recursive: true });
      const db = new PGlite(path);
      closers.push(() => db.close());
      targets[s] = pgliteTarget(db);
    }
  }

  const options = {
    size,
    seed: num(values.seed, '--seed') ?? DEFAULT_SEED,
    cycles: num(values.cycles, '--cycles'),
    now: values.now === undefined ? undefined : new Date(values.now),
    customers: num(values.customers, '--customers'),
    callsPerService: num(values['calls-per-service'], '--calls-per-service'),
    cdrCycles: num(values['cdr-cycles'], '--cdr-cycles'),
  };
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  try {
    const result = await loadProvince(targets, { ...defined, schema: values['tables-only'] ? 'tables' : 'all' });
    let total = 0;
    for (const [table, n] of Object.entries(result.counts)) {
      total += n;
      console.log(`${table.padEnd(18)} ${String(n).padStart(10)}`);
    }
    console.log(`${'total'.padEnd(18)} ${String(total).padStart(10)}`);
    console.log(`size ${size}, seed ${defined.seed}, ${result.province.customers} customers, cycles ${result.province.ctx.cycles[0]}..${result.province.ctx.cycles.at(-1)}`);
    console.log(`elapsed ${(result.elapsedMs / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  } finally {
    for (const close of closers) await close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

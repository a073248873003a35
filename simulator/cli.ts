// `npm run sim -- --size demo --seed 1 [--database-url URL] [--data-dir DIR] [--port-base N]
//  [--preparation-ms N] [--no-generate]`: starts the simulated legacy world, prints where to reach it,
// and stops cleanly on SIGINT/SIGTERM.

import { parseArgs } from 'node:util';
import { startSimulator, type ProvinceSize, type SimulatorOptions } from './index.ts';

const USAGE = `usage: npm run sim -- [--size tiny|demo|province] [--seed N] [--database-url postgres://…]
  (or SIM_SIZE, SIM_SEED, SIM_HOST, SIM_DATABASE_URL, SIM_SYS97_PORT, SIM_BILLING_PORT, SIM_CS1000_PORT, SIM_ADMIN_PORT)
                      [--data-dir DIR] [--host 127.0.0.1] [--port-base N] [--preparation-ms N] [--no-generate]
  --port-base N   sys97 on N, billing on N+1, the 1000 SOAP service on N+2, admin HTTP on N+3`;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: a whole number >= 0, not "${value}"`);
  return n;
}

function parse(argv: string[]): SimulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string' },
      seed: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      'port-base': { type: 'string' },
      'preparation-ms': { type: 'string' },
      'no-generate': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  // A container sets SIM_* variables instead of flags (docker-compose.yml); a flag wins over its variable.
  const env = process.env;
  values.size ??= env.SIM_SIZE;
  values.seed ??= env.SIM_SEED;
  values.host ??= env.SIM_HOST;
  values['database-url'] ??= env.SIM_DATABASE_URL;
  const size = values.size ?? 'demo';
  if (!['tiny', 'demo', 'province'].includes(size)) throw new Error(`--size: tiny, demo or province, not "${size}"`);
  const base = integer('port-base', values['port-base']);
  const options: SimulatorOptions = { size: size as ProvinceSize, generate: !values['no-generate'] };
  const seed = integer('seed', values.seed);
  const preparationMs = integer('preparation-ms', values['preparation-ms']);
  if (seed !== undefined) options.seed = seed;
  if (preparationMs !== undefined) options.preparationMs = preparationMs;
  if (values['database-url'] !== undefined) options.databaseUrl = values['database-url'];
  if (values['data-dir'] !== undefined) options.dataDir = values['data-dir'];
  if (values.host !== undefined) options.host = values.host;
  if (base !== undefined) options.ports = { sys97: base, billing: base + 1, cs1000: base + 2, admin: base + 3 };
  const fixed = {
    sys97: integer('SIM_SYS97_PORT', env.SIM_SYS97_PORT),
    billing: integer('SIM_BILLING_PORT', env.SIM_BILLING_PORT),
    cs1000: integer('SIM_CS1000_PORT', env.SIM_CS1000_PORT),
    admin: integer('SIM_ADMIN_PORT', env.SIM_ADMIN_PORT),
  };
  if (base === undefined && Object.values(fixed).some((p) => p !== undefined)) options.ports = fixed;
  return options;
}

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  const started = Date.now();
  const sim = await startSimulator(options);
  console.log(`legacy simulator up in ${Date.now() - started} ms (${options.databaseUrl ? 'PostgreSQL server' : 'PGlite'})`);
  console.log(`  97 system   ${sim.sys97.url}`);
  console.log(`  billing     ${sim.billing.url}`);
  console.log(`  1000 (SOAP) ${sim.cs1000.url}   WSDL ${sim.cs1000.wsdlUrl}`);
  console.log(`  admin       ${sim.adminUrl}   (GET /faults, PUT|DELETE /faults/:id, GET /writes, POST /billing/preparation-ms)`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the simulator`);
    // A second signal, or a stop that never ends, must not leave the process hanging.
    setTimeout(() => process.exit(1), 10_000).unref();
    sim.stop().then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

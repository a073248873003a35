// The hub's configuration, read once from the environment. Defaults describe the embedded run of a
// fresh machine (`npm start`: simulated province, PGlite, local redis-server); every other deployment
// says what differs through variables (table in README.md, source in ./variables.ts).
//
// Time zone: legacy DATE values are Asia/Shanghai wall-clock text with no zone. The hub converts them
// with that zone named explicitly (LEGACY_TIME_ZONE) and stores timestamptz, so the process's own TZ
// variable changes nothing in the data; it only affects how a person's terminal shows log times.

import path from 'node:path';
import { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error.ts';

export const LEGACY_TIME_ZONE = 'Asia/Shanghai';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const SIM_SIZES = ['tiny', 'demo', 'province'] as const;
export type SimSize = (typeof SIM_SIZES)[number];
export const LEGACY_MODES = ['simulator', 'oracle'] as const;
export type LegacyMode = (typeof LEGACY_MODES)[number];
/** Roles an API key may carry: system clients act for the whole province, never as one manager. */
export const API_KEY_ROLES = ['system', 'operations', 'hq', 'province_admin'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export interface ApiKeyConfig {
  name: string;
  role: ApiKeyRole;
  key: string;
}

export interface ApiConfig {
  /** HS256 secret of bearer tokens; unset → a dev secret under dataDir (simulator) or no JWTs (oracle). */
  jwtSecret: string | undefined;
  apiKeys: ApiKeyConfig[];
  rateLimitPerMinute: number;
  maxBodyBytes: number;
}

export interface OracleConnectionConfig {
  connectString: string;
  user: string;
  password: string;
}

export type DatabaseConfig = { kind: 'embedded'; dir: string } | { kind: 'server'; url: string };
export type RedisConfig = { kind: 'local'; dir: string } | { kind: 'external'; url: string };

/** Where the simulated legacy systems are: started inside the hub process, or already running. */
export type SimulatorEndpoints =
  | { kind: 'embedded'; dir: string }
  | { kind: 'external'; sys97Url: string; billingUrl: string; cs1000WsdlUrl: string };

export type LegacyConfig =
  | { mode: 'simulator'; size: SimSize; seed: number; endpoints: SimulatorEndpoints }
  | {
      mode: 'oracle';
      sys97: OracleConnectionConfig;
      billing: OracleConnectionConfig;
      /** Thin mode reaches Oracle 12.1+ only; thick mode (Instant Client) also reaches 10g/11g. */
      driver: { mode: 'thin' } | { mode: 'thick'; libDir: string };
      cs1000WsdlUrl: string;
    };

export interface HubConfig {
  http: { host: string; port: number };
  /** Absolute. */
  dataDir: string;
  database: DatabaseConfig;
  redis: RedisConfig;
  legacy: LegacyConfig;
  /** Unset: the HQ uplink is off. */
  hqUrl: string | undefined;
  /** Absolute path of the JSON job settings (queues, locks, stalled checks, schedules); unset → defaults. */
  jobsConfigFile: string | undefined;
  logLevel: LogLevel;
  legacyTimeZone: typeof LEGACY_TIME_ZONE;
  api: ApiConfig;
  /** Interface tables a billing-cycle load reads at once (LegacyOptions.tableStreams). */
  billingTableStreams: number;
}

export interface LoadConfigOptions {
  /** Base of a relative HUB_DATA_DIR. */
  cwd?: string;
}

const digits = z.string().regex(/^\d+$/).transform(Number);
const nonEmpty = z.string().trim().min(1);

function urlWith(protocols: readonly string[]) {
  return z.string().refine((value) => {
    try {
      const url = new URL(value);
      return protocols.includes(url.protocol.slice(0, -1)) && url.hostname !== '';
    } catch {
      return false;
    }
  });
}

// `name:role:key` comma-separated; keys long enough that guessing is hopeless, names unique.
const apiKeyList = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
  .pipe(
    z.array(
      z
        .string()
        .regex(new RegExp(`^[A-Za-z0-9_.-]+:(${API_KEY_ROLES.join('|')}):[A-Za-z0-9_.~+/=-]{24,}$`))
        .transform((entry) => {
          const [name, role, key] = entry.split(':') as [string, ApiKeyRole, string];
          return { name, role, key };
        }),
    ),
  )
  .refine((keys) => new Set(keys.map((k) => k.name)).size === keys.length);

// One schema and one human sentence per variable; the sentence is what the operator reads.
const FIELDS = {
  PORT: [digits.pipe(z.number().max(65535)), 'expected a port number 0–65535'],
  HOST: [nonEmpty, 'expected a host name or IP address to bind'],
  HUB_DATA_DIR: [nonEmpty, 'expected a directory path'],
  DATABASE_URL: [urlWith(['postgres', 'postgresql']), 'expected postgres://user:password@host:port/database'],
  REDIS_URL: [urlWith(['redis', 'rediss']), 'expected redis://[:password@]host:port[/db]'],
  LEGACY_MODE: [z.enum(LEGACY_MODES), `expected one of ${LEGACY_MODES.join(', ')}`],
  SIM_SIZE: [z.enum(SIM_SIZES), `expected one of ${SIM_SIZES.join(', ')}`],
  SIM_SEED: [digits.pipe(z.number().max(2 ** 32 - 1)), 'expected a non-negative integer below 2^32'],
  SYS97_URL: [urlWith(['postgres', 'postgresql']), 'expected postgres://… of the simulator\'s 97 system'],
  BILLING_URL: [urlWith(['postgres', 'postgresql']), 'expected postgres://… of the simulator\'s billing system'],
  ORACLE_97_CONNECT_STRING: [nonEmpty, 'expected an Easy Connect string (host:port/service) or a TNS alias'],
  ORACLE_97_USER: [nonEmpty, 'expected an Oracle user name'],
  ORACLE_97_PASSWORD: [z.string().min(1), 'expected a password'],
  ORACLE_BILLING_CONNECT_STRING: [nonEmpty, 'expected an Easy Connect string (host:port/service) or a TNS alias'],
  ORACLE_BILLING_USER: [nonEmpty, 'expected an Oracle user name'],
  ORACLE_BILLING_PASSWORD: [z.string().min(1), 'expected a password'],
  ORACLE_CLIENT_LIB_DIR: [nonEmpty, 'expected the directory of Oracle Instant Client'],
  CS1000_WSDL_URL: [urlWith(['http', 'https']), 'expected http(s)://… of the 1000 service WSDL'],
  HQ_URL: [urlWith(['http', 'https']), 'expected http(s)://… of the HQ endpoint'],
  LOG_LEVEL: [z.enum(LOG_LEVELS), `expected one of ${LOG_LEVELS.join(', ')}`],
  HUB_JOBS_CONFIG: [nonEmpty, 'expected the path of a JSON file of job settings'],
  HUB_JWT_SECRET: [z.string().min(32), 'expected a secret of at least 32 characters'],
  HUB_API_KEYS: [apiKeyList, `expected name:role:key,… with role one of ${API_KEY_ROLES.join(', ')}, keys of 24+ characters, names unique`],
  HUB_RATE_LIMIT_PER_MINUTE: [digits.pipe(z.number().min(1).max(1_000_000)), 'expected requests per minute per client, 1–1000000'],
  HUB_MAX_BODY_BYTES: [digits.pipe(z.number().min(1024).max(50 * 1024 * 1024)), 'expected a byte count 1024–52428800'],
  HUB_BILLING_TABLE_STREAMS: [digits.pipe(z.number().min(1).max(3)), 'expected 1, 2 or 3'],
} as const satisfies Record<string, readonly [z.ZodType<unknown, string>, string]>;

type FieldName = keyof typeof FIELDS;

/** The variables loadConfig reads (the README table must name each: see ./variables.ts). */
export const CONFIG_VARIABLE_NAMES = Object.keys(FIELDS) as readonly FieldName[];
type Parsed = { [K in FieldName]?: z.output<(typeof FIELDS)[K][0]> };

const ORACLE_REQUIRED = [
  'ORACLE_97_CONNECT_STRING',
  'ORACLE_97_USER',
  'ORACLE_97_PASSWORD',
  'ORACLE_BILLING_CONNECT_STRING',
  'ORACLE_BILLING_USER',
  'ORACLE_BILLING_PASSWORD',
  'CS1000_WSDL_URL',
] as const satisfies readonly FieldName[];

const EXTERNAL_SIMULATOR = ['SYS97_URL', 'BILLING_URL', 'CS1000_WSDL_URL'] as const satisfies readonly FieldName[];

/**
 * Reads and checks the environment. Throws one ConfigError listing every problem found. Pure: reads
 * no file and opens no connection, so the same environment always gives the same answer.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): HubConfig {
  const problems: ConfigProblem[] = [];
  // An empty value counts as unset: `FOO=` in a compose or .env file means "not given".
  const raw = (name: FieldName): string | undefined => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };

  const parsed: Parsed = {};
  for (const name of Object.keys(FIELDS) as FieldName[]) {
    const value = raw(name);
    if (value === undefined) continue;
    const [schema, expected] = FIELDS[name];
    const result = schema.safeParse(value);
    if (result.success) (parsed as Record<string, unknown>)[name] = result.data;
    else problems.push({ variable: name, value, expected });
  }

  // Rules between variables look only at which are set, so they are reported even when a value is bad.
  const mode = parsed.LEGACY_MODE ?? (raw('LEGACY_MODE') === undefined ? 'simulator' : undefined);
  if (mode === 'oracle') {
    for (const name of ORACLE_REQUIRED) {
      if (raw(name) === undefined) {
        problems.push({ variable: name, value: undefined, expected: 'required when LEGACY_MODE=oracle' });
      }
    }
  } else if (mode === 'simulator') {
    const given = EXTERNAL_SIMULATOR.filter((name) => raw(name) !== undefined);
    if (given.length > 0 && given.length < EXTERNAL_SIMULATOR.length) {
      for (const name of EXTERNAL_SIMULATOR.filter((n) => raw(n) === undefined)) {
        problems.push({
          variable: name,
          value: undefined,
          expected: `required together with ${given.join(', ')}: a running simulator is reached through all three (unset them all to start the embedded simulator)`,
        });
      }
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(options.cwd ?? process.cwd(), parsed.HUB_DATA_DIR ?? '.hub-data');
  return {
    http: { host: parsed.HOST ?? '127.0.0.1', port: parsed.PORT ?? 8080 },
    dataDir,
    database: parsed.DATABASE_URL
      ? { kind: 'server', url: parsed.DATABASE_URL }
      : { kind: 'embedded', dir: path.join(dataDir, 'pglite') },
    redis: parsed.REDIS_URL
      ? { kind: 'external', url: parsed.REDIS_URL }
      : { kind: 'local', dir: path.join(dataDir, 'redis') },
    legacy: mode === 'oracle' ? oracleConfig(parsed) : simulatorConfig(parsed, dataDir),
    hqUrl: parsed.HQ_URL,
    jobsConfigFile: parsed.HUB_JOBS_CONFIG === undefined ? undefined : path.resolve(options.cwd ?? process.cwd(), parsed.HUB_JOBS_CONFIG),
    logLevel: parsed.LOG_LEVEL ?? 'info',
    legacyTimeZone: LEGACY_TIME_ZONE,
    api: {
      jwtSecret: parsed.HUB_JWT_SECRET,
      apiKeys: parsed.HUB_API_KEYS ?? [],
      rateLimitPerMinute: parsed.HUB_RATE_LIMIT_PER_MINUTE ?? 600,
      maxBodyBytes: parsed.HUB_MAX_BODY_BYTES ?? 1_048_576,
    },
    // The simulator's PGlite databases serve one session each; Oracle has sessions to spare.
    billingTableStreams: parsed.HUB_BILLING_TABLE_STREAMS ?? (mode === 'oracle' ? 3 : 1),
  };
}

// The two builders below run only after every required variable was found present and valid.
function oracleConfig(p: Parsed): LegacyConfig {
  return {
    mode: 'oracle',
    sys97: { connectString: p.ORACLE_97_CONNECT_STRING!, user: p.ORACLE_97_USER!, password: p.ORACLE_97_PASSWORD! },
    billing: {
      connectString: p.ORACLE_BILLING_CONNECT_STRING!,
      user: p.ORACLE_BILLING_USER!,
      password: p.ORACLE_BILLING_PASSWORD!,
    },
    driver: p.ORACLE_CLIENT_LIB_DIR ? { mode: 'thick', libDir: p.ORACLE_CLIENT_LIB_DIR } : { mode: 'thin' },
    cs1000WsdlUrl: p.CS1000_WSDL_URL!,
  };
}

function simulatorConfig(p: Parsed, dataDir: string): LegacyConfig {
  return {
    mode: 'simulator',
    size: p.SIM_SIZE ?? 'demo',
    seed: p.SIM_SEED ?? 1,
    endpoints: p.SYS97_URL
      ? { kind: 'external', sys97Url: p.SYS97_URL, billingUrl: p.BILLING_URL!, cs1000WsdlUrl: p.CS1000_WSDL_URL! }
      : { kind: 'embedded', dir: path.join(dataDir, 'simulator') },
  };
}

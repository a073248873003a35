// Every environment variable the hub reads, as data: loadConfig validates them, ConfigError masks the
// secret ones, and a test checks that the README's table names each of them. One list keeps the three
// from drifting apart.

export interface VariableDoc {
  name: string;
  /** What happens when it is unset ('—' when it is required in some mode). */
  default: string;
  description: string;
  /** Never echoed back in an error message or a log line. */
  secret?: boolean;
}

export const VARIABLES: readonly VariableDoc[] = [
  { name: 'PORT', default: '8080', description: 'HTTP port of the hub (0 picks a free port).' },
  { name: 'HOST', default: '127.0.0.1', description: 'Address the HTTP server binds (0.0.0.0 in a container).' },
  { name: 'HUB_DATA_DIR', default: './.hub-data', description: 'Where the embedded PGlite database, the local Redis AOF and the embedded simulator keep their files.' },
  { name: 'DATABASE_URL', default: 'embedded PGlite in HUB_DATA_DIR/pglite', description: 'postgres:// URL of the hub\'s own PostgreSQL (the unified view).', secret: true },
  { name: 'REDIS_URL', default: 'a local redis-server started by the hub', description: 'redis:// URL of the Redis behind the BullMQ jobs.', secret: true },
  { name: 'LEGACY_MODE', default: 'simulator', description: '`simulator` (synthetic legacy systems) or `oracle` (the real 97 and billing databases).' },
  { name: 'SIM_SIZE', default: 'demo', description: 'Size of the simulated province: `tiny`, `demo` or `province`.' },
  { name: 'SIM_SEED', default: '1', description: 'Seed of the simulated province (same seed, same data).' },
  { name: 'SYS97_URL', default: 'the embedded simulator', description: 'postgres:// URL of a running simulator\'s 97 system (LEGACY_MODE=simulator); set together with BILLING_URL and CS1000_WSDL_URL.', secret: true },
  { name: 'BILLING_URL', default: 'the embedded simulator', description: 'postgres:// URL of a running simulator\'s billing system.', secret: true },
  { name: 'ORACLE_97_CONNECT_STRING', default: '— (required when LEGACY_MODE=oracle)', description: 'Oracle Easy Connect string or TNS alias of the 97 system.' },
  { name: 'ORACLE_97_USER', default: '— (oracle)', description: 'Oracle user of the 97 system.' },
  { name: 'ORACLE_97_PASSWORD', default: '— (oracle)', description: 'Password of ORACLE_97_USER.', secret: true },
  { name: 'ORACLE_BILLING_CONNECT_STRING', default: '— (oracle)', description: 'Oracle Easy Connect string or TNS alias of the billing system.' },
  { name: 'ORACLE_BILLING_USER', default: '— (oracle)', description: 'Oracle user of the billing system.' },
  { name: 'ORACLE_BILLING_PASSWORD', default: '— (oracle)', description: 'Password of ORACLE_BILLING_USER.', secret: true },
  { name: 'ORACLE_CLIENT_LIB_DIR', default: 'thin mode', description: 'Directory of Oracle Instant Client 19+; set → thick mode (needed for Oracle before 12.1).' },
  { name: 'CS1000_WSDL_URL', default: 'the embedded simulator', description: 'http(s) URL of the 1000 customer-service WSDL (required when LEGACY_MODE=oracle or SYS97_URL is set).' },
  { name: 'HQ_URL', default: 'uplink off', description: 'http(s) base URL of the HQ endpoint the uplink reports to.' },
  { name: 'HUB_JWT_SECRET', default: 'a dev secret in HUB_DATA_DIR/api/dev-jwt-secret (simulator); bearer tokens refused (oracle)', description: 'HS256 secret (32+ characters) of the REST API\'s bearer JWTs; `npm run hub -- token` mints one.', secret: true },
  { name: 'HUB_API_KEYS', default: 'no API keys', description: 'API keys of system clients: `name:role:key,…`, role `system`, `operations`, `hq` or `province_admin`, key 24+ characters (sent as `X-API-Key`).', secret: true },
  { name: 'HUB_RATE_LIMIT_PER_MINUTE', default: '600', description: 'Requests per minute per API client (token bucket; the burst is the same size); over it → 429.' },
  { name: 'HUB_MAX_BODY_BYTES', default: '1048576', description: 'Largest request body the REST API reads; larger → 413.' },
  { name: 'HUB_BILLING_TABLE_STREAMS', default: '3 (Oracle), 1 (simulator)', description: 'Interface tables of a billing cycle read at once (1–3), each holding one billing session. Toward the simulator (PostgreSQL) one after the other: PGlite serves one session, and on a server it measured faster (decision 0022).' },
  { name: 'HUB_JOBS_CONFIG', default: 'built-in defaults', description: 'JSON file of job settings: per-queue concurrency, `lockDurationMs`, `stalledIntervalMs`, `maxStalledCount`, `shutdownTimeoutMs`, and `schedules` (schedule name → cron or `off`, Asia/Shanghai).' },
  { name: 'LOG_LEVEL', default: 'info', description: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.' },
];

export const SECRET_VARIABLES: ReadonlySet<string> = new Set(
  VARIABLES.filter((v) => v.secret).map((v) => v.name),
);

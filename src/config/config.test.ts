import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLE_NAMES, ConfigError, loadConfig, VARIABLES } from './index.ts';

const cwd = '/srv/hub';

function problemsOf(env: Record<string, string>): { message: string; variables: string[] } {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    return { message: configError.message, variables: configError.problems.map((p) => p.variable) };
  }
  throw new Error('expected loadConfig to throw');
}

const oracleEnv = {
  LEGACY_MODE: 'oracle',
  ORACLE_97_CONNECT_STRING: 'db97.example:1521/SYS97',
  ORACLE_97_USER: 'vip',
  ORACLE_97_PASSWORD: 'secret97',
  ORACLE_BILLING_CONNECT_STRING: 'JFDB',
  ORACLE_BILLING_USER: 'vipjf',
  ORACLE_BILLING_PASSWORD: 'secretJF',
  CS1000_WSDL_URL: 'http://cs1000.example/VIP1000?wsdl',
};

describe('loadConfig', () => {
  it('gives the embedded defaults of a fresh machine for an empty environment', () => {
    expect(loadConfig({}, { cwd })).toEqual({
      http: { host: '127.0.0.1', port: 8080 },
      dataDir: '/srv/hub/.hub-data',
      database: { kind: 'embedded', dir: '/srv/hub/.hub-data/pglite' },
      redis: { kind: 'local', dir: '/srv/hub/.hub-data/redis' },
      legacy: { mode: 'simulator', size: 'demo', seed: 1, endpoints: { kind: 'embedded', dir: '/srv/hub/.hub-data/simulator' } },
      hqUrl: undefined,
      jobsConfigFile: undefined,
      logLevel: 'info',
      legacyTimeZone: 'Asia/Shanghai',
      api: { jwtSecret: undefined, apiKeys: [], rateLimitPerMinute: 600, maxBodyBytes: 1_048_576 },
      billingTableStreams: 1,
    });
  });

  it('reads a cycle\'s interface tables one by one from the simulator and side by side from Oracle, unless told', () => {
    expect(loadConfig(oracleEnv, { cwd }).billingTableStreams).toBe(3);
    expect(loadConfig({ ...oracleEnv, HUB_BILLING_TABLE_STREAMS: '1' }, { cwd }).billingTableStreams).toBe(1);
    expect(loadConfig({ HUB_BILLING_TABLE_STREAMS: '3' }, { cwd }).billingTableStreams).toBe(3);
    expect(problemsOf({ HUB_BILLING_TABLE_STREAMS: '4' }).variables).toEqual(['HUB_BILLING_TABLE_STREAMS']);
  });

  it('reads servers, an external simulator and the HTTP address', () => {
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '0.0.0.0',
        HUB_DATA_DIR: '/var/lib/hub',
        DATABASE_URL: 'postgres://hub:hub@db:5432/hub',
        REDIS_URL: 'redis://redis:6379/0',
        SIM_SIZE: 'province',
        SIM_SEED: '42',
        SYS97_URL: 'postgres://sim:sim@sim:15432/sys97',
        BILLING_URL: 'postgresql://sim:sim@sim:15433/billing',
        CS1000_WSDL_URL: 'http://sim:18080/VIP1000?wsdl',
        HQ_URL: 'https://hq.example/api',
        LOG_LEVEL: 'debug',
      },
      { cwd },
    );
    expect(config.http).toEqual({ host: '0.0.0.0', port: 0 });
    expect(config.dataDir).toBe('/var/lib/hub');
    expect(config.database).toEqual({ kind: 'server', url: 'postgres://hub:hub@db:5432/hub' });
    expect(config.redis).toEqual({ kind: 'external', url: 'redis://redis:6379/0' });
    expect(config.legacy).toEqual({
      mode: 'simulator',
      size: 'province',
      seed: 42,
      endpoints: {
        kind: 'external',
        sys97Url: 'postgres://sim:sim@sim:15432/sys97',
        billingUrl: 'postgresql://sim:sim@sim:15433/billing',
        cs1000WsdlUrl: 'http://sim:18080/VIP1000?wsdl',
      },
    });
    expect(config.hqUrl).toBe('https://hq.example/api');
    expect(config.logLevel).toBe('debug');
  });

  it('resolves a relative HUB_DATA_DIR against the working directory', () => {
    expect(loadConfig({ HUB_DATA_DIR: 'data/hub' }, { cwd }).dataDir).toBe(path.join(cwd, 'data/hub'));
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', REDIS_URL: '', SYS97_URL: '' }, { cwd }).http.port).toBe(8080);
  });

  it('picks thin mode without ORACLE_CLIENT_LIB_DIR and thick mode with it', () => {
    const thin = loadConfig(oracleEnv, { cwd }).legacy;
    expect(thin).toMatchObject({
      mode: 'oracle',
      driver: { mode: 'thin' },
      sys97: { connectString: 'db97.example:1521/SYS97', user: 'vip', password: 'secret97' },
      billing: { connectString: 'JFDB', user: 'vipjf', password: 'secretJF' },
      cs1000WsdlUrl: 'http://cs1000.example/VIP1000?wsdl',
    });
    const thick = loadConfig({ ...oracleEnv, ORACLE_CLIENT_LIB_DIR: '/opt/oracle/instantclient_19_24' }, { cwd });
    expect(thick.legacy).toMatchObject({ driver: { mode: 'thick', libDir: '/opt/oracle/instantclient_19_24' } });
  });

  it('lists every bad value in one message, with the value and what is expected', () => {
    const { message, variables } = problemsOf({
      PORT: '80a',
      LEGACY_MODE: 'simulator',
      SIM_SIZE: 'huge',
      SIM_SEED: '-3',
      REDIS_URL: 'localhost:6379',
      LOG_LEVEL: 'verbose',
    });
    expect(variables).toEqual(['PORT', 'REDIS_URL', 'SIM_SIZE', 'SIM_SEED', 'LOG_LEVEL']);
    expect(message).toContain('5 problems');
    expect(message).toContain('PORT="80a": expected a port number 0–65535');
    expect(message).toContain('SIM_SIZE="huge": expected one of tiny, demo, province');
    expect(message).toContain('SIM_SEED="-3": expected a non-negative integer');
    expect(message).toContain('REDIS_URL="localhost:6379": expected redis://');
    expect(message).toContain('LOG_LEVEL="verbose": expected one of fatal, error');
  });

  it('rejects a port above 65535 and a database URL of another scheme', () => {
    const { variables, message } = problemsOf({ PORT: '70000', DATABASE_URL: 'mysql://db/hub' });
    expect(variables).toEqual(['PORT', 'DATABASE_URL']);
    expect(message).toContain('DATABASE_URL="mysql://db/hub": expected postgres://');
  });

  it('names every Oracle variable missing in oracle mode', () => {
    const { variables, message } = problemsOf({ LEGACY_MODE: 'oracle', ORACLE_97_USER: 'vip' });
    expect(variables).toEqual([
      'ORACLE_97_CONNECT_STRING',
      'ORACLE_97_PASSWORD',
      'ORACLE_BILLING_CONNECT_STRING',
      'ORACLE_BILLING_USER',
      'ORACLE_BILLING_PASSWORD',
      'CS1000_WSDL_URL',
    ]);
    expect(message).toContain('ORACLE_97_PASSWORD (unset): required when LEGACY_MODE=oracle');
  });

  it('asks for the whole set of external simulator URLs when only some are given', () => {
    const { variables, message } = problemsOf({ SYS97_URL: 'postgres://sim/sys97' });
    expect(variables).toEqual(['BILLING_URL', 'CS1000_WSDL_URL']);
    expect(message).toContain('required together with SYS97_URL');
  });

  it('reports bad values and cross-variable rules together', () => {
    const { variables } = problemsOf({ LEGACY_MODE: 'oracle', PORT: 'x', ORACLE_97_CONNECT_STRING: 'db' });
    expect(variables).toContain('PORT');
    expect(variables).toContain('ORACLE_BILLING_PASSWORD');
  });

  it('never echoes a password, and masks the password inside URLs', () => {
    const { message } = problemsOf({
      LEGACY_MODE: 'oracle',
      ORACLE_97_PASSWORD: 'hunter2',
      DATABASE_URL: 'mysql://hub:topsecret@db/hub',
      PORT: 'nope',
    });
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('topsecret');
    expect(message).toContain('DATABASE_URL="mysql://hub:***@db/hub"');
  });

  it('reads the REST API keys and refuses a short key, an unknown role and a repeated name', () => {
    const key = 'k'.repeat(24);
    const config = loadConfig({ HUB_API_KEYS: `crm:system:${key}, ops-board:operations:${key}x`, HUB_JWT_SECRET: 's'.repeat(32) }, { cwd });
    expect(config.api.apiKeys).toEqual([
      { name: 'crm', role: 'system', key },
      { name: 'ops-board', role: 'operations', key: `${key}x` },
    ]);
    expect(config.api.jwtSecret).toBe('s'.repeat(32));
    for (const bad of [`crm:system:short`, `crm:customer_manager:${key}`, `a:hq:${key},a:hq:${key}`]) {
      expect(() => loadConfig({ HUB_API_KEYS: bad }, { cwd })).toThrow(/HUB_API_KEYS/);
    }
    const { message } = problemsOf({ HUB_API_KEYS: `crm:root:${key}`, HUB_JWT_SECRET: 'short-secret' });
    expect(message).not.toContain(key);
    expect(message).not.toContain('short-secret');
  });

  it('documents every variable it reads exactly once', () => {
    const names = VARIABLES.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...CONFIG_VARIABLE_NAMES].sort());
  });
});

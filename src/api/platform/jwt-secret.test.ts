// The dev secret is made once and shared with the `token` command, whose tokens the API accepts.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import token from '../../cli/commands/token.command.ts';
import { loadConfig } from '../../config/config.ts';
import { authenticate } from './auth.ts';
import { devSecretFile, mintHint, resolveJwtSecret } from './jwt-secret.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'bss-hub-jwt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { env, cwd: dir, out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('the JWT secret and the token command', () => {
  it('keeps one dev secret under HUB_DATA_DIR (simulator), readable by its owner only', () => {
    const config = loadConfig({ HUB_DATA_DIR: dir }, { cwd: dir });
    const first = resolveJwtSecret(config);
    expect(first.origin).toBe('dev secret');
    expect(first.secret!.length).toBeGreaterThanOrEqual(32);
    expect(resolveJwtSecret(config).secret).toBe(first.secret);
    expect(readFileSync(devSecretFile(dir), 'utf8').trim()).toBe(first.secret);
    expect(statSync(devSecretFile(dir)).mode & 0o077).toBe(0);
    expect(mintHint(first)).toContain('npm run hub -- token --role customer_manager --staff S001');
  });

  it('uses HUB_JWT_SECRET when set and has no fallback against the real systems', () => {
    const secret = 's'.repeat(40);
    expect(resolveJwtSecret(loadConfig({ HUB_DATA_DIR: dir, HUB_JWT_SECRET: secret }, { cwd: dir }))).toEqual({ secret, origin: 'HUB_JWT_SECRET' });
    const oracle = { LEGACY_MODE: 'oracle', ORACLE_97_CONNECT_STRING: 'a', ORACLE_97_USER: 'u', ORACLE_97_PASSWORD: 'p', ORACLE_BILLING_CONNECT_STRING: 'b', ORACLE_BILLING_USER: 'u', ORACLE_BILLING_PASSWORD: 'p', CS1000_WSDL_URL: 'http://x/wsdl' };
    expect(resolveJwtSecret(loadConfig(oracle, { cwd: dir })).origin).toBe('none');
  });

  it('mints a token the API accepts with the role and staff asked for', async () => {
    const run = io({ HUB_DATA_DIR: dir });
    expect(await token.run(['--role', 'customer_manager', '--staff', 'S001'], run.io)).toBe(0);
    const minted = run.out.join('').trim();
    const secret = resolveJwtSecret(loadConfig({ HUB_DATA_DIR: dir }, { cwd: dir })).secret;
    const principal = await authenticate({ authorization: `Bearer ${minted}` }, { jwtSecret: secret, apiKeys: [] });
    expect(principal).toEqual({ subject: 'staff:S001', role: 'customer_manager', staffId: 'S001', via: 'jwt' });
  });

  it.each([[[]], [['--role', 'customer_manager']], [['--role', 'area_supervisor']], [['--role', 'root']], [['--role', 'hq', '--ttl-hours', '0']], [['--bogus']]])(
    'refuses %j with usage and exit 2',
    async (args) => {
      const run = io({ HUB_DATA_DIR: dir });
      expect(await token.run(args, run.io)).toBe(2);
      expect(run.err.join('')).toContain('usage: npm run hub -- token');
    },
  );
});

// Where the bearer-token secret comes from. HUB_JWT_SECRET when set; otherwise, in the embedded
// (simulator) run, a random dev secret kept under HUB_DATA_DIR so that `npm run hub -- token` in another
// terminal mints tokens the running hub accepts. Against the real legacy systems there is no fallback:
// without HUB_JWT_SECRET bearer tokens are refused and only API keys work.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HubConfig } from '../../config/config.ts';

export interface JwtSecret {
  secret: string | undefined;
  origin: 'HUB_JWT_SECRET' | 'dev secret' | 'none';
  /** Set for the dev secret: where it is kept. */
  file?: string;
}

export function devSecretFile(dataDir: string): string {
  return path.join(dataDir, 'api', 'dev-jwt-secret');
}

export function resolveJwtSecret(config: Pick<HubConfig, 'api' | 'dataDir' | 'legacy'>): JwtSecret {
  if (config.api.jwtSecret !== undefined) return { secret: config.api.jwtSecret, origin: 'HUB_JWT_SECRET' };
  if (config.legacy.mode !== 'simulator') return { secret: undefined, origin: 'none' };
  const file = devSecretFile(config.dataDir);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return { secret: kept, origin: 'dev secret', file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  // 'wx': when two processes race, the second fails instead of replacing a secret already in use.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return resolveJwtSecret(config);
    throw error;
  }
  return { secret, origin: 'dev secret', file };
}

/** The line `start` prints so a person can call the API at once. */
export function mintHint(jwt: JwtSecret): string {
  if (jwt.origin === 'none') return 'bearer tokens off (HUB_JWT_SECRET unset); API keys only';
  const where = jwt.origin === 'dev secret' ? `dev secret in ${jwt.file}` : 'HUB_JWT_SECRET';
  return `${where}; mint a token: npm run hub -- token --role customer_manager --staff S001`;
}

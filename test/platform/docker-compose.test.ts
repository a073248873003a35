// docker-compose.yml cannot be run here (no Docker engine), so it is at least proved well-formed with
// Debian's docker-compose, which validates offline, and the hub's environment in it is proved
// acceptable to loadConfig.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';

const root = path.resolve(import.meta.dirname, '../..');
const hasCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
const skipReason = hasCompose ? '' : ' [SKIPPED: no docker-compose binary; apt-get install docker-compose]';
if (!hasCompose) console.warn(`docker-compose tests skipped:${skipReason}`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-compose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function compose(file: string, ...args: string[]) {
  const result = spawnSync('docker-compose', ['-f', file, 'config', ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The hub service's environment from the normalised (`config`) output, which is flat and regular. */
function hubEnvironment(normalised: string): Record<string, string> {
  const block = /^ {2}hub:\n([\s\S]*?)(?=^ {2}\S)/m.exec(normalised)?.[1] ?? '';
  const env = /^ {4}environment:\n((?: {6}.*\n)+)/m.exec(block)?.[1] ?? '';
  return Object.fromEntries(
    env
      .trimEnd()
      .split('\n')
      .map((line) => /^ {6}([A-Z0-9_]+): (.*)$/.exec(line)!)
      .map(([, key, value]) => [key!, value!.replace(/^'(.*)'$/, '$1')]),
  );
}

describe('docker-compose.yml', () => {
  it.skipIf(!hasCompose)(`is valid for docker-compose config -q${skipReason}`, () => {
    const result = compose(path.join(root, 'docker-compose.yml'), '-q');
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it.skipIf(!hasCompose)(`would be rejected with a misspelt key, so the check above can fail${skipReason}`, () => {
    const broken = path.join(dir, 'docker-compose.yml');
    const text = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
    writeFileSync(broken, text.replace('    healthcheck:\n      test: ["CMD", "redis-cli"', '    healthchek:\n      test: ["CMD", "redis-cli"'));
    const result = compose(broken, '-q');
    expect(result.status).toBe(1);
    expect(result.output).toContain('healthchek');
  });

  it.skipIf(!hasCompose)(`gives the hub an environment loadConfig accepts, with every server external${skipReason}`, () => {
    const result = compose(path.join(root, 'docker-compose.yml'));
    expect(result.status).toBe(0);
    const env = hubEnvironment(result.output);
    expect(Object.keys(env)).toContain('REDIS_URL');
    const config = loadConfig(env, { cwd: '/app' });
    expect(config.http).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(config.database.kind).toBe('server');
    expect(config.redis.kind).toBe('external');
    expect(config.legacy).toMatchObject({ mode: 'simulator', endpoints: { kind: 'external' } });
  });
});

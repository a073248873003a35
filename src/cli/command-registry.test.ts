import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.ts';
import { CommandRegistry, type CliCommand, type CliIo } from './command-registry.ts';

function io(): CliIo & { stdout: string; stderr: string } {
  const sink = {
    env: {},
    cwd: '/',
    stdout: '',
    stderr: '',
    out: (text: string) => void (sink.stdout += text),
    err: (text: string) => void (sink.stderr += text),
  };
  return sink;
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'repeats its arguments',
  async run(args, { out }) {
    out(args.join(' '));
    return 3;
  },
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('CommandRegistry', () => {
  it('runs a command with its arguments and answers its exit code', async () => {
    const registry = new CommandRegistry();
    registry.register(echo);
    const sink = io();
    expect(await registry.run(['echo', 'a', 'b'], sink)).toBe(3);
    expect(sink.stdout).toBe('a b');
  });

  it('lists the commands on help, and on no command with exit code 1', async () => {
    const registry = new CommandRegistry();
    registry.register(echo);
    const sink = io();
    expect(await registry.run(['help'], sink)).toBe(0);
    expect(sink.stdout).toMatch(/echo +repeats its arguments/);
    expect(await registry.run([], io())).toBe(1);
  });

  it('names the known commands when asked for an unknown one', async () => {
    const registry = new CommandRegistry();
    registry.register(echo);
    const sink = io();
    expect(await registry.run(['sync'], sink)).toBe(1);
    expect(sink.stderr).toContain('Unknown command "sync". Commands: echo');
  });

  it('prints a SetupError as its message alone, and any other error with its stack', async () => {
    const registry = new CommandRegistry();
    registry.register({
      name: 'conf',
      summary: '',
      run: async () => {
        throw new ConfigError([{ variable: 'PORT', value: 'x', expected: 'expected a port number 0–65535' }]);
      },
    });
    registry.register({
      name: 'bug',
      summary: '',
      run: async () => {
        throw new TypeError('undefined is not a function');
      },
    });
    const conf = io();
    expect(await registry.run(['conf'], conf)).toBe(1);
    expect(conf.stderr).toContain('PORT="x": expected a port number 0–65535');
    expect(conf.stderr).not.toMatch(/\n\s+at /);
    const bug = io();
    expect(await registry.run(['bug'], bug)).toBe(1);
    expect(bug.stderr).toMatch(/bug failed: TypeError: undefined is not a function\n\s+at /);
  });

  it('refuses two commands of one name', () => {
    const registry = new CommandRegistry();
    registry.register(echo);
    expect(() => registry.register(echo)).toThrow(/already registered/);
  });

  it('discovers <name>.command.ts files and loads one only when it runs', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-commands-'));
    dirs.push(dir);
    writeFileSync(
      path.join(dir, 'reconcile.command.ts'),
      `globalThis.__reconcileLoaded = true;
       export default { name: 'reconcile', summary: 'compare', run: async (args) => args.length };`,
    );
    writeFileSync(path.join(dir, 'broken.command.ts'), `throw new Error('cannot load me');`);
    writeFileSync(path.join(dir, 'helper.ts'), `export const notACommand = 1;`);
    const registry = new CommandRegistry();
    registry.discover(dir);
    expect(registry.names()).toEqual(['broken', 'reconcile']);
    const marker = globalThis as { __reconcileLoaded?: boolean };
    expect(marker.__reconcileLoaded).toBeUndefined();
    expect(await registry.run(['reconcile', 'x', 'y'], io())).toBe(2);
    expect(marker.__reconcileLoaded).toBe(true);
    const broken = io();
    expect(await registry.run(['broken'], broken)).toBe(1);
    expect(broken.stderr).toContain('cannot load me');
  });

  it('finds the start command among the hub\'s own commands', () => {
    const registry = new CommandRegistry();
    registry.discover(new URL('./commands/', import.meta.url));
    expect(registry.names()).toContain('start');
  });
});

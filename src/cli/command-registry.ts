// `npm run hub -- <command> [args]`. Each command is a file `src/cli/commands/<name>.command.ts` whose
// default export is a CliCommand; adding one needs no edit anywhere else. Command modules load only
// when their command runs, so `sync` does not pay for loading what `billing` needs, and one command
// that fails to load does not break the others.

import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { isSetupError } from '../platform/setup-error.ts';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  name: string;
  /** One line for `help`. */
  summary: string;
  /** Runs the command; answers the process exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

type Entry = { load: () => Promise<CliCommand> };

const COMMAND_FILE = /^([a-z][a-z0-9-]*)\.command\.ts$/;

export class CommandRegistry {
  private readonly entries = new Map<string, Entry>();

  register(command: CliCommand): void {
    this.add(command.name, { load: async () => command });
  }

  /** Registers a command known by name now and loaded only when it runs (or when `help` lists it). */
  registerLazy(name: string, load: () => Promise<CliCommand>): void {
    this.add(name, {
      load: async () => {
        const command = await load();
        if (command.name !== name) throw new Error(`command module for "${name}" exports "${command.name}"`);
        return command;
      },
    });
  }

  /** Registers every `<name>.command.ts` of a directory. */
  discover(dir: string | URL): void {
    const dirPath = typeof dir === 'string' ? dir : fileURLToPath(dir);
    for (const file of readdirSync(dirPath).sort()) {
      const match = COMMAND_FILE.exec(file);
      if (!match) continue;
      const url = pathToFileURL(path.join(dirPath, file)).href;
      this.registerLazy(match[1]!, async () => {
        const module = (await import(url)) as { default?: CliCommand };
        if (!module.default) throw new Error(`${file} has no default export (a CliCommand)`);
        return module.default;
      });
    }
  }

  names(): string[] {
    return [...this.entries.keys()].sort();
  }

  /**
   * Dispatches argv (without node and script). A SetupError (bad configuration, missing redis-server
   * …) prints its message alone and answers 1; any other error is a bug and prints its stack.
   */
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const [name, ...args] = argv;
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      io.out(await this.help());
      return name === undefined ? 1 : 0;
    }
    const entry = this.entries.get(name);
    if (!entry) {
      io.err(`Unknown command "${name}". Commands: ${this.names().join(', ')} (see: help).\n`);
      return 1;
    }
    try {
      const command = await entry.load();
      return await command.run(args, io);
    } catch (error) {
      if (isSetupError(error)) io.err(`${error.message}\n`);
      else io.err(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      return 1;
    }
  }

  private add(name: string, entry: Entry): void {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`invalid command name "${name}"`);
    if (this.entries.has(name)) throw new Error(`command "${name}" is already registered`);
    this.entries.set(name, entry);
  }

  private async help(): Promise<string> {
    const lines = ['Usage: npm run hub -- <command> [args]   (npm start = start)', '', 'Commands:'];
    for (const name of this.names()) {
      const summary = await this.entries
        .get(name)!
        .load()
        .then((c) => c.summary)
        .catch((error: unknown) => `(cannot load: ${error instanceof Error ? error.message : String(error)})`);
      lines.push(`  ${name.padEnd(12)} ${summary}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

// Entry point of `npm start` and `npm run hub -- <command>`: finds the commands and runs one.
import { tuneV8 } from '../platform/v8-tuning.ts';
import { CommandRegistry } from './command-registry.ts';

tuneV8();

const registry = new CommandRegistry();
registry.discover(new URL('./commands/', import.meta.url));
const code = await registry.run(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
// Explicit exit: after `start` has shut down, a handle that never closed (a BullMQ worker stuck on a
// delayed job, a socket) must not keep the process alive.
process.exit(code);

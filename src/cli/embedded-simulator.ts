// The one place the hub process hosts the simulator: the embedded default run (LEGACY_MODE=simulator,
// no SYS97_URL). Even then the hub's adapters reach it only over the URLs it answers, exactly as they
// would reach a simulator started with `npm run sim` or the real systems; nothing else in src/ imports
// simulator/.
//
// What the hub uses of simulator/index.ts (checked at run time, since the import is dynamic):
//   startSimulator({ size, seed, dataDir }) → Promise<{ sys97: { url }, billing: { url },
//     cs1000: { wsdlUrl }, adminUrl?, stop() }>
// A handle of another shape fails start with a message naming what is missing.

import { z } from 'zod';
import type { SimSize } from '../config/config.ts';
import { SetupError } from '../platform/setup-error.ts';

export interface EmbeddedSimulatorOptions {
  size: SimSize;
  seed: number;
  /** Where the simulator keeps its PGlite databases (HUB_DATA_DIR/simulator). */
  dataDir: string;
}

export interface EmbeddedSimulator {
  sys97Url: string;
  billingUrl: string;
  cs1000WsdlUrl: string;
  adminUrl: string | undefined;
  stop(): Promise<void>;
}

export const SIMULATOR_MODULE = new URL('../../simulator/index.ts', import.meta.url).href;

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//);
const handleSchema = z.object({
  sys97: z.object({ url: postgresUrl }),
  billing: z.object({ url: postgresUrl }),
  cs1000: z.object({ wsdlUrl: z.string().regex(/^https?:\/\//) }),
  adminUrl: z.string().optional(),
  stop: z.custom<() => Promise<void>>((value) => typeof value === 'function'),
});

export async function startEmbeddedSimulator(
  options: EmbeddedSimulatorOptions,
  moduleUrl: string = SIMULATOR_MODULE,
): Promise<EmbeddedSimulator> {
  let module: { startSimulator?: unknown };
  try {
    // A variable specifier keeps the type checker and bundlers from treating simulator/ as a
    // dependency of the hub.
    module = (await import(moduleUrl)) as { startSimulator?: unknown };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(new URL(moduleUrl).pathname)) {
      throw new SetupError(
        `The embedded simulator is not available: ${new URL(moduleUrl).pathname} does not exist in this ` +
          'checkout. LEGACY_MODE=simulator without SYS97_URL starts it inside the hub. Either use a ' +
          'checkout that has it, or point the hub at a running simulator (SYS97_URL, BILLING_URL, ' +
          'CS1000_WSDL_URL) or at Oracle (LEGACY_MODE=oracle).',
      );
    }
    throw error;
  }
  if (typeof module.startSimulator !== 'function') {
    throw new SetupError(`${new URL(moduleUrl).pathname} does not export a startSimulator function`);
  }
  const handle: unknown = await module.startSimulator({ ...options });
  const parsed = handleSchema.safeParse(handle);
  if (!parsed.success) {
    const keys = handle && typeof handle === 'object' ? Object.keys(handle).join(', ') : typeof handle;
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(handle)').join(', ');
    // Stop what did start, or its sockets would keep the process alive behind the error.
    await stopQuietly(handle);
    throw new SetupError(
      `startSimulator answered a handle the hub cannot use: bad or missing ${fields} (it has: ${keys}). ` +
        'Expected { sys97: { url: postgres://… }, billing: { url: postgres://… }, cs1000: { wsdlUrl: http://… }, stop() }.',
    );
  }
  const { sys97, billing, cs1000, adminUrl, stop } = parsed.data;
  return {
    sys97Url: sys97.url,
    billingUrl: billing.url,
    cs1000WsdlUrl: cs1000.wsdlUrl,
    adminUrl,
    stop: () => stop.call(handle),
  };
}

async function stopQuietly(handle: unknown): Promise<void> {
  const stop = (handle as { stop?: unknown; close?: unknown } | null)?.stop ?? (handle as { close?: unknown } | null)?.close;
  if (typeof stop === 'function') await Promise.resolve(stop.call(handle)).catch(() => undefined);
}

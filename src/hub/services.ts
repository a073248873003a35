// What the sync jobs, the CLI and the API stand on: the store (migrated) and the legacy ports.
// Built once per process from the configuration and the legacy endpoints.

import type { HubConfig } from '../config/index.ts';
import { connectLegacy, type LegacyEndpoints, type LegacyOptions, type LegacySystems } from '../legacy/legacy-systems.ts';
import { SetupError } from '../platform/setup-error.ts';
import { migrate, openDatabase, type Database } from '../store/index.ts';
import { readRuntime } from './runtime-file.ts';

export interface HubServices {
  db: Database;
  legacy: LegacySystems;
  close(): Promise<void>;
}

export async function openStore(config: HubConfig): Promise<Database> {
  const db =
    config.database.kind === 'server'
      ? await openDatabase({ url: config.database.url })
      : await openDatabase({ dataDir: config.database.dir });
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * Where the legacy systems are for this process. The embedded simulator lives inside the running
 * hub: other processes find its URLs in the hub's runtime file.
 */
export function legacyEndpointsOf(config: HubConfig, embedded?: LegacyEndpoints): LegacyEndpoints {
  const legacy = config.legacy;
  if (legacy.mode === 'oracle') {
    return {
      kind: 'oracle',
      sys97: legacy.sys97,
      billing: legacy.billing,
      ...(legacy.driver.mode === 'thick' ? { libDir: legacy.driver.libDir } : {}),
      cs1000WsdlUrl: legacy.cs1000WsdlUrl,
    };
  }
  if (legacy.endpoints.kind === 'external') {
    const { sys97Url, billingUrl, cs1000WsdlUrl } = legacy.endpoints;
    return { kind: 'postgres', sys97Url, billingUrl, cs1000WsdlUrl };
  }
  if (embedded) return embedded;
  const runtime = readRuntime(config.dataDir);
  if (runtime?.legacy) return { kind: 'postgres', ...runtime.legacy };
  throw new SetupError(
    'The legacy systems are the simulator embedded in the hub, and no hub is running: start it with ' +
      '`npm start` (or point this process at a running simulator with SYS97_URL, BILLING_URL, CS1000_WSDL_URL).',
  );
}

export async function openHubServices(config: HubConfig, endpoints: LegacyEndpoints, options: LegacyOptions = {}): Promise<HubServices> {
  const db = await openStore(config);
  let legacy: LegacySystems;
  try {
    legacy = await connectLegacy(endpoints, { tableStreams: config.billingTableStreams, ...options });
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    db,
    legacy,
    close: async () => {
      await legacy.close();
      await db.close();
    },
  };
}

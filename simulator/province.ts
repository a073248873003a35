// Fills the three systems' fresh storage with the synthetic province of simulator/generate/ (seeded,
// deterministic, COPY in batches). Generation runs before the sockets and proxies open, so it writes
// to PGlite directly, outside the session lock.

import { loadProvince } from './generate/index.ts';
import type { SystemName, SystemStore } from './storage.ts';

export type ProvinceSize = 'tiny' | 'demo' | 'province';

export async function loadSyntheticProvince(
  stores: Record<SystemName, SystemStore>,
  options: { size: ProvinceSize; seed: number },
): Promise<void> {
  // Each store carries its PGlite instance (pglite) or its search_path-scoped pool (pool).
  await loadProvince(stores, { size: options.size, seed: options.seed });
}

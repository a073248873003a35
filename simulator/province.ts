// Integration point with the synthetic-province generator (simulator/generate/, written separately):
// its loadProvince(target, { size, seed }) fills the three systems' tables. It is loaded by a
// computed specifier so the simulator still builds and starts (with empty tables, and says so) while
// the generator is not there yet.

import type { SystemName, SystemStore } from './storage.ts';

export type ProvinceSize = 'tiny' | 'demo' | 'province';

/** What the generator gets per system: the in-process runner, and the PGlite instance or pg pool. */
export type ProvinceTarget = Record<SystemName, Pick<SystemStore, 'runner' | 'pglite' | 'pool' | 'system'>>;

type LoadProvince = (target: ProvinceTarget, options: { size: ProvinceSize; seed: number }) => Promise<unknown>;

const GENERATOR_MODULE = './generate/index.ts';

export async function loadSyntheticProvince(
  stores: Record<SystemName, SystemStore>,
  options: { size: ProvinceSize; seed: number },
): Promise<void> {
  let loadProvince: LoadProvince | undefined;
  try {
    const mod = (await import(GENERATOR_MODULE)) as { loadProvince?: LoadProvince };
    loadProvince = mod.loadProvince;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
  if (loadProvince === undefined) {
    console.warn(`simulator: ${GENERATOR_MODULE} has no loadProvince yet; the legacy tables stay empty`);
    return;
  }
  await loadProvince(stores, options);
}

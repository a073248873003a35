// The short-lived cache in front of the live look-ups. A CRM screen asks the same question several
// times within seconds (open, refresh, a second tab); each of those would otherwise spend a slot of the
// legacy system's bulkhead. Entries hold the legacy answer itself, never a caller's filtered view of it,
// so the scope is applied again on every hit.
//
// Bounded twice: by age (ttlMs) and by count (maxEntries, least recently used out first). Concurrent
// misses of one key share one legacy call, so a burst of identical requests costs one call.

export interface CacheHit<T> {
  value: T;
  /** When the legacy answered (epoch ms of the cache's clock). */
  storedAt: number;
  hit: boolean;
}

export interface LiveCacheOptions {
  ttlMs: number;
  maxEntries: number;
  /** Epoch milliseconds; tests move it. */
  clock?: () => number;
}

interface Entry {
  value: unknown;
  storedAt: number;
}

export class LiveCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();
  private readonly clock: () => number;

  constructor(private readonly options: LiveCacheOptions) {
    if (!(options.maxEntries >= 1)) throw new TypeError('maxEntries must be ≥ 1');
    this.clock = options.clock ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The fresh cached answer of `key`, or the answer of `load` (shared with concurrent callers of the
   * same key). A failed load is not cached: the next caller tries the legacy again.
   */
  async getOrLoad<T>(key: string, load: () => Promise<T>): Promise<CacheHit<T>> {
    const cached = this.fresh(key);
    if (cached) return { value: cached.value as T, storedAt: cached.storedAt, hit: true };
    let flight = this.pending.get(key);
    if (!flight) {
      flight = load().then((value) => {
        const entry = { value, storedAt: this.clock() };
        this.store(key, entry);
        return entry;
      });
      const settled = () => this.pending.delete(key);
      flight.then(settled, settled);
      this.pending.set(key, flight);
    }
    const entry = await flight;
    return { value: entry.value as T, storedAt: entry.storedAt, hit: false };
  }

  private fresh(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.clock() - entry.storedAt >= this.options.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks the entry most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  private store(key: string, entry: Entry): void {
    if (this.options.ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

// Fault injection per interface point ("97-4", "JF-7", "CS-1", …). The registry is the one place the
// simulator's SQL side, its fault proxy and its SOAP server read from, so a test that sets a fault sees
// every path of that interface point misbehave the same way.

export type BadRowKind = 'badDate' | 'overLength' | 'badEncoding' | 'missingRequired' | 'duplicateKey';

export interface FaultConfig {
  /** Added delay before the call answers. */
  latencyMs?: number;
  /** Share of calls (0..1) that fail with errorCode. */
  errorRate?: number;
  /** Oracle code for 97/billing (e.g. 'ORA-12541'), SOAP fault code for the 1000 service. */
  errorCode?: string;
  /** The call never answers (the caller's timeout is what ends it). */
  hang?: boolean;
  /** Billing only (JF-2): the cycle's request never becomes ready. */
  neverReady?: boolean;
  /** Share of returned rows that are spoiled, and how. */
  badRows?: { rate: number; kinds: BadRowKind[] };
}

export type FaultListener = (pointId: string, config: FaultConfig | undefined) => void;

export class FaultRegistry {
  private readonly faults = new Map<string, FaultConfig>();
  private readonly listeners = new Set<FaultListener>();

  get(pointId: string): FaultConfig | undefined {
    return this.faults.get(pointId);
  }

  set(pointId: string, config: FaultConfig): void {
    this.faults.set(pointId, config);
    for (const listener of this.listeners) listener(pointId, config);
  }

  clear(pointId?: string): void {
    const ids = pointId === undefined ? [...this.faults.keys()] : [pointId];
    for (const id of ids) {
      this.faults.delete(id);
      for (const listener of this.listeners) listener(id, undefined);
    }
  }

  entries(): Array<[string, FaultConfig]> {
    return [...this.faults.entries()];
  }

  onChange(listener: FaultListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

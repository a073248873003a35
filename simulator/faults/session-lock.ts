// PGlite has one backend session, which pglite-socket shares between all its connections: a
// transaction of one connection is the transaction of all, and messages of two connections'
// extended-protocol batches can interleave. The fault proxy therefore lets one connection at a time
// talk to PGlite, from the first message it forwards until PGlite is idle (ReadyForQuery 'I') again;
// in-process callers (the runtime's SqlRunner) take the same lock for each statement.

export interface LockOwner {
  /** Called when the lock has been handed to this owner. */
  wake(): void;
}

export class SessionLock {
  private owner: LockOwner | undefined;
  private readonly waiters: LockOwner[] = [];

  /** True when owner holds the lock now; otherwise it is queued and woken later. */
  tryAcquire(owner: LockOwner): boolean {
    if (this.owner === undefined || this.owner === owner) {
      this.owner = owner;
      return true;
    }
    if (!this.waiters.includes(owner)) this.waiters.push(owner);
    return false;
  }

  holds(owner: LockOwner): boolean {
    return this.owner === owner;
  }

  release(owner: LockOwner): void {
    const queued = this.waiters.indexOf(owner);
    if (queued !== -1) this.waiters.splice(queued, 1);
    if (this.owner !== owner) return;
    this.owner = this.waiters.shift();
    this.owner?.wake();
  }

  /** Run fn with the lock held (in-process statements). */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    let wake = (): void => {};
    const owner: LockOwner = { wake: () => wake() };
    if (!this.tryAcquire(owner)) await new Promise<void>((resolve) => (wake = resolve));
    try {
      return await fn();
    } finally {
      this.release(owner);
    }
  }
}

// /readyz answers whether the hub can do its work now: each dependency (Redis, the store, a legacy
// system) registers a check here, and the HTTP route only runs them. Checks run in parallel with a
// time limit each, so one hung dependency makes the answer "not ready" instead of making it hang.

export type ReadinessCheck = (signal: AbortSignal) => Promise<unknown>;

export interface ReadinessResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export interface ReadinessReport {
  ok: boolean;
  checks: ReadinessResult[];
}

export class ReadinessRegistry {
  private readonly checks = new Map<string, { check: ReadinessCheck; timeoutMs: number }>();

  constructor(private readonly defaultTimeoutMs = 2_000) {}

  /** A check passes when its promise resolves within the time limit; a rejection says why not. */
  register(name: string, check: ReadinessCheck, options: { timeoutMs?: number } = {}): void {
    if (this.checks.has(name)) throw new Error(`readiness check "${name}" is already registered`);
    this.checks.set(name, { check, timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs });
  }

  unregister(name: string): void {
    this.checks.delete(name);
  }

  names(): string[] {
    return [...this.checks.keys()];
  }

  async run(): Promise<ReadinessReport> {
    const checks = await Promise.all(
      [...this.checks].map(([name, { check, timeoutMs }]) => runCheck(name, check, timeoutMs)),
    );
    return { ok: checks.every((c) => c.ok), checks };
  }
}

async function runCheck(name: string, check: ReadinessCheck, timeoutMs: number): Promise<ReadinessResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(() => check(controller.signal)), timeout]);
    return { name, ok: true, ms: ms() };
  } catch (error) {
    return { name, ok: false, ms: ms(), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

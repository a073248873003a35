// Ordered shutdown. Steps run one at a time in reverse order of registration — what started last
// stops first: the HTTP server stops taking requests, then workers finish, then Redis goes — and each
// step gets a time limit, because some never finish: BullMQ's worker.close() can wait forever on a job
// that moved itself to delayed. A step that fails or runs out of time is reported and the next one
// still runs; the process must end either way.

import type { Logger } from 'pino';

export interface ShutdownStepResult {
  name: string;
  outcome: 'done' | 'failed' | 'timed-out';
  ms: number;
  error?: string;
}

export interface ShutdownReport {
  reason: string;
  /** True when every step finished in time without error. */
  clean: boolean;
  steps: ShutdownStepResult[];
}

export interface ShutdownOptions {
  /** Time limit of a step that does not give its own. */
  stepTimeoutMs?: number;
  logger?: Logger;
}

type Step = { name: string; stop: () => unknown; timeoutMs: number };

export class Shutdown {
  private readonly steps: Step[] = [];
  private running: Promise<ShutdownReport> | undefined;
  private readonly stepTimeoutMs: number;
  private readonly logger: Logger | undefined;

  constructor(options: ShutdownOptions = {}) {
    this.stepTimeoutMs = options.stepTimeoutMs ?? 10_000;
    this.logger = options.logger;
  }

  /**
   * Adds a step; steps run last-registered first. A step registered once shutdown is under way (a
   * component whose start finished after a Ctrl-C) is stopped at once instead of left running.
   */
  register(name: string, stop: () => unknown, options: { timeoutMs?: number } = {}): void {
    const step = { name, stop, timeoutMs: options.timeoutMs ?? this.stepTimeoutMs };
    if (this.running) {
      void runStep(step).then((result) => this.log(result));
      return;
    }
    this.steps.push(step);
  }

  get started(): boolean {
    return this.running !== undefined;
  }

  /** Runs the steps once; later calls answer the same report. */
  run(reason: string): Promise<ShutdownReport> {
    this.running ??= this.runSteps(reason);
    return this.running;
  }

  private async runSteps(reason: string): Promise<ShutdownReport> {
    this.logger?.info({ reason }, 'shutting down');
    const results: ShutdownStepResult[] = [];
    for (const step of [...this.steps].reverse()) {
      const result = await runStep(step);
      results.push(result);
      this.log(result);
    }
    const report = { reason, clean: results.every((r) => r.outcome === 'done'), steps: results };
    this.logger?.info({ reason, clean: report.clean }, 'shutdown finished');
    return report;
  }

  private log(result: ShutdownStepResult): void {
    const log = { step: result.name, outcome: result.outcome, ms: result.ms, error: result.error };
    if (result.outcome === 'done') this.logger?.info(log, 'shutdown step done');
    else this.logger?.warn(log, 'shutdown step did not finish cleanly');
  }

  /**
   * SIGINT/SIGTERM start the shutdown; `onDone` gets the report (the CLI exits there). A second signal
   * while steps still run means the operator has lost patience: exit at once with 130/143.
   * Returns a function that removes the handlers.
   */
  handleSignals(onDone: (report: ShutdownReport, signal: NodeJS.Signals) => void): () => void {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.running) {
        this.logger?.warn({ signal }, 'second signal during shutdown: exiting now');
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }
      void this.run(signal).then((report) => onDone(report, signal));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  }
}

async function runStep(step: Step): Promise<ShutdownStepResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), step.timeoutMs);
  });
  try {
    // The step is called inside the race so that a synchronous throw counts as a failure too.
    const outcome = await Promise.race([Promise.resolve().then(step.stop).then(() => 'done' as const), timeout]);
    return outcome === 'done'
      ? { name: step.name, outcome, ms: ms() }
      : { name: step.name, outcome, ms: ms(), error: `no answer within ${step.timeoutMs} ms` };
  } catch (error) {
    return { name: step.name, outcome: 'failed', ms: ms(), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

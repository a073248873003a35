// What a handler sees of the job platform. Everything a run must remember across a crash or a
// poll lives in the job's own data (the envelope below), written before the run moves on, so a job
// picked up again by another worker continues where the last one stopped.

import type { Logger } from 'pino';
import type { Alert, AlertInput, AlertSink } from './alerts.ts';

export interface JobContext<TCheckpoint = unknown, TStep = unknown> {
  readonly jobId: string;
  readonly name: string;
  /** 1 on the first run; a poll re-entry is the same attempt, a retry after failure is the next. */
  readonly attempt: number;
  /** Aborted on shutdown (and when BullMQ cancels the run): checkpoint and return or throw soon. */
  readonly signal: AbortSignal;
  /** The last checkpoint saved with `progress`, undefined on a fresh run. */
  readonly checkpoint: TCheckpoint | undefined;
  /** Saves a checkpoint into the job's data; resolves once it is durable in Redis. */
  progress(checkpoint: TCheckpoint): Promise<void>;
  /** The step given to the last `pollLater`, undefined before the first poll. */
  readonly step: TStep | undefined;
  /**
   * Ends this run and re-enters the handler after `delayMs` with `ctx.step === step`, without using
   * up an attempt. Never resolves: return its promise (`return ctx.pollLater(…)`).
   */
  pollLater(delayMs: number, step: TStep): Promise<never>;
  /**
   * True once `at` has passed; the first time it is seen past, `alert` is raised (once per job and
   * alert code, across polls and restarts). The job goes on: the caller decides whether to keep
   * polling.
   */
  deadline(at: number | Date, alert: AlertInput): Promise<boolean>;
  /** A line in the job's own log (BullMQ job log; inline: kept in memory) and in the process log. */
  log(message: string, fields?: Record<string, unknown>): Promise<void>;
  /** Of a flow parent: results of the finished children, by child job key. */
  childResults<T = unknown>(): Promise<Record<string, T>>;
  /** Of a flow parent run with `onChildFailure: 'continue-parent'`: failure reasons by child job key. */
  childFailures(): Promise<Record<string, string>>;
}

/** The shape of job.data under both drivers. `input` is what the schema checks. */
export interface JobEnvelope {
  input: unknown;
  checkpoint?: unknown;
  step?: unknown;
  /** Alert codes already raised by this job. */
  alerted?: string[];
}

export function envelopeOf(input: unknown): JobEnvelope {
  return { input };
}

export function isEnvelope(value: unknown): value is JobEnvelope {
  return typeof value === 'object' && value !== null && 'input' in value;
}

/** What a driver supplies so that one context implementation serves both drivers. */
export interface ContextHost {
  jobId: string;
  name: string;
  attempt: number;
  signal: AbortSignal;
  /** Mutated in place by the context; `persist` writes the whole of it. */
  envelope: JobEnvelope;
  persist(envelope: JobEnvelope): Promise<void>;
  appendLog(line: string): Promise<void>;
  /** Called after the step is persisted: arranges the re-entry and throws the driver's signal. */
  delay(untilMs: number): Promise<never>;
  alerts: AlertSink;
  logger?: Logger;
  childResults(): Promise<Record<string, unknown>>;
  childFailures(): Promise<Record<string, string>>;
}

export function createJobContext<TCheckpoint, TStep>(host: ContextHost): JobContext<TCheckpoint, TStep> {
  const { envelope } = host;
  const logger = host.logger?.child({ job: host.name, jobId: host.jobId });
  return {
    jobId: host.jobId,
    name: host.name,
    attempt: host.attempt,
    signal: host.signal,
    get checkpoint() {
      return envelope.checkpoint as TCheckpoint | undefined;
    },
    async progress(checkpoint) {
      envelope.checkpoint = checkpoint;
      await host.persist(envelope);
    },
    get step() {
      return envelope.step as TStep | undefined;
    },
    async pollLater(delayMs, step) {
      if (!(delayMs >= 0)) throw new RangeError(`pollLater: delayMs must be >= 0, got ${delayMs}`);
      envelope.step = step;
      await host.persist(envelope);
      return host.delay(Date.now() + delayMs);
    },
    async deadline(at, input) {
      const atMs = typeof at === 'number' ? at : at.getTime();
      if (Date.now() < atMs) return false;
      if (envelope.alerted?.includes(input.code)) return true;
      const alert: Alert = {
        ...input,
        key: `${host.jobId}|${input.code}`,
        jobId: host.jobId,
        jobName: host.name,
        raisedAt: new Date(),
      };
      // Raise first, record second: a crash in between repeats the alert, and the sink's key makes
      // that repeat harmless; the other order could lose the alert altogether.
      await host.alerts.raise(alert);
      envelope.alerted = [...(envelope.alerted ?? []), input.code];
      await host.persist(envelope);
      return true;
    },
    async log(message, fields) {
      logger?.info(fields ?? {}, message);
      await host.appendLog(fields ? `${message} ${JSON.stringify(fields)}` : message);
    },
    childResults: host.childResults as JobContext['childResults'],
    childFailures: host.childFailures,
  };
}

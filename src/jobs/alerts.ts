// Administrators' alerts raised by jobs (a billing cycle not ready by its deadline, …). The store will
// keep them in a table; until then an in-memory sink and the log. A sink must treat `key` as
// idempotent: a job may raise the same alert again after a crash between raising and recording it.

import type { Logger } from 'pino';

export interface AlertInput {
  /** Stable per kind of problem, e.g. `billing.cycle-not-ready`; one alert per job and code. */
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface Alert extends AlertInput {
  /** `<jobId>|<code>`: the same key raised twice is one alert. */
  key: string;
  jobId: string;
  jobName: string;
  raisedAt: Date;
}

export interface AlertSink {
  raise(alert: Alert): Promise<void>;
}

export class InMemoryAlertSink implements AlertSink {
  readonly alerts: Alert[] = [];

  async raise(alert: Alert): Promise<void> {
    if (this.alerts.some((a) => a.key === alert.key)) return;
    this.alerts.push(alert);
  }
}

/** Logs every alert at error level, then hands it on (log first: it survives a failing sink). */
export class LoggingAlertSink implements AlertSink {
  constructor(
    private readonly logger: Logger,
    private readonly next?: AlertSink,
  ) {}

  async raise(alert: Alert): Promise<void> {
    this.logger.error(
      { alert: alert.code, key: alert.key, job: alert.jobName, jobId: alert.jobId, details: alert.details },
      `ALERT ${alert.message}`,
    );
    await this.next?.raise(alert);
  }
}

// JSON log lines (pino) on stdout: one object per line, ready for any log shipper. Secrets that may sit
// in objects handed to the logger (a config, connection options) are censored by key name here, once,
// rather than at every call site.

import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config.ts';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: LogLevel;
  /** Defaults to stdout; tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

// Keys, not patterns: pino compiles these paths once, which keeps logging cheap. The *Url keys are the
// config's postgres:// URLs, which may carry a password.
const REDACTED_KEYS = ['password', 'url', 'connectionString', 'sys97Url', 'billingUrl'];

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'bss-hub', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names rather than numbers: readable by people and by shippers alike.
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
        censor: redactValue,
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** URLs keep everything but their password, so a log still says which host was meant. */
function redactValue(value: unknown): unknown {
  if (typeof value !== 'string') return '[redacted]';
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return '[redacted]';
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

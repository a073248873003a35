// Test-only stand-in for the per-system resilience policy (adapters/transport/resilience.ts is not
// in yet): it keeps the one promise the adapter relies on — reads may be retried on a transient
// error, writes never — and records what it was asked to run so tests can see the kind of each call.

import type { PolicyRunner } from '../shared/point-caller.ts';
import { LegacyError } from '../transport/errors.ts';

export interface RecordedRun {
  kind: 'read' | 'write';
  attempts: number;
}

export interface RecordingPolicy extends PolicyRunner {
  readonly runs: RecordedRun[];
}

export function recordingPolicy(readAttempts = 1): RecordingPolicy {
  const runs: RecordedRun[] = [];
  return {
    runs,
    async run<T>(kind: 'read' | 'write', fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
      const record: RecordedRun = { kind, attempts: 0 };
      runs.push(record);
      const limit = kind === 'read' ? readAttempts : 1;
      for (;;) {
        record.attempts += 1;
        try {
          return await fn(new AbortController().signal);
        } catch (err) {
          const retry = err instanceof LegacyError && err.transient && record.attempts < limit;
          if (!retry) throw err;
        }
      }
    },
    stream<T>(): AsyncIterable<T> {
      throw new Error('the 1000 service has no streamed reads');
    },
  };
}

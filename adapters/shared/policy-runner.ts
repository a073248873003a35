// Binds the process's one LegacyResilience to one legacy system, in the shape the adapters take.

import type { LegacyResilience } from '../transport/resilience.ts';
import type { PolicyRunner } from './point-caller.ts';

export function policyRunner(resilience: LegacyResilience, system: string): PolicyRunner {
  return {
    run: (kind, fn) => resilience.withLegacyPolicy(system, kind, ({ signal }) => fn(signal)),
    stream: (fn) => resilience.stream(system, fn),
  };
}

import { SetupError } from '../platform/setup-error.ts';
import { SECRET_VARIABLES } from './variables.ts';

export interface ConfigProblem {
  variable: string;
  /** The raw value, undefined when the variable is unset. */
  value: string | undefined;
  /** What the hub expects instead, phrased to be read after the value. */
  expected: string;
}

/**
 * Every configuration problem at once: fixing one variable at a time, restart after restart, is what
 * this is meant to spare the operator.
 */
export class ConfigError extends SetupError {
  override readonly name = 'ConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.variable}${showValue(p.variable, p.value)}: ${p.expected}`);
    const noun = problems.length === 1 ? 'problem' : 'problems';
    super(
      `Invalid configuration (${problems.length} ${noun} in the environment):\n${lines.join('\n')}\n` +
        'See the environment variables table in README.md.',
    );
    this.problems = problems;
  }
}

function showValue(variable: string, value: string | undefined): string {
  if (value === undefined) return ' (unset)';
  return `=${JSON.stringify(maskSecret(variable, value))}`;
}

/** Secrets never reach a terminal or a log: passwords entirely, URLs only their password part. */
export function maskSecret(variable: string, value: string): string {
  if (!SECRET_VARIABLES.has(variable)) return value;
  // A secret that is not a URL (a password, an API key list, a JWT secret) has no harmless part.
  if (!variable.endsWith('_URL')) return '***';
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

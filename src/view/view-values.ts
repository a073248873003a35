// Values as the view's queries hand them over. A column read directly arrives as the driver types it
// (timestamptz → Date, numeric → text); the same column inside a jsonb aggregate (the 360 and the
// step lists) arrives as JSON (timestamptz → ISO text, numeric → number). Mappers read both through
// these, so one mapper serves the list query and the 360 query alike.

export type Timestamp = Date | string | null;

/** ISO 8601 in UTC, or null. */
export function isoTime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function asDate(value: unknown): Date | null {
  const iso = isoTime(value);
  return iso === null ? null : new Date(iso);
}

export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function textList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Rows of a jsonb aggregate: PGlite and node-postgres both hand jsonb over parsed. */
export function jsonRows<T>(value: unknown): T[] {
  if (typeof value === 'string') return JSON.parse(value) as T[];
  return Array.isArray(value) ? (value as T[]) : [];
}

// Billing cycles are YYYYMMDD numbers naming the cycle's first day on the legacy wall clock
// (Asia/Shanghai, no daylight saving): the period runs to the same day of the next month.
export function cyclePeriod(cycle: number): { startDateTime: string; endDateTime: string } {
  const y = Math.floor(cycle / 10000);
  const m = Math.floor(cycle / 100) % 100;
  const d = cycle % 100;
  const start = Date.UTC(y, m - 1, d) - 8 * 3_600_000;
  const end = Date.UTC(y, m, d) - 8 * 3_600_000;
  return { startDateTime: new Date(start).toISOString(), endDateTime: new Date(end).toISOString() };
}

// Legacy wall clock: Asia/Shanghai, UTC+8 all year (China keeps no daylight saving), so a fixed offset
// gives the same text as a zone database would, and keeps the generator free of locale data.

const OFFSET_MS = 8 * 3600_000;
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

const p2 = (n: number): string => String(n).padStart(2, '0');

function parts(ms: number): [number, number, number, number, number, number] {
  const t = new Date(ms + OFFSET_MS);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()];
}

/** `YYYY-MM-DD HH:MM:SS`, Shanghai wall clock: the text of a legacy DATE / timestamp(0) column. */
export function wall(ms: number): string {
  const [y, mo, d, h, mi, s] = parts(ms);
  return `${y}-${p2(mo)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(s)}`;
}

/** A timestamptz literal with its offset, so the server's time zone setting cannot shift it. */
export function tstz(ms: number): string {
  return `${wall(ms)}+08`;
}

/** Date text formats found in legacy VARCHAR2 date columns. */
export type TextDateFormat = 'dash' | 'compact' | 'slash';

export function legacyText(ms: number, format: TextDateFormat): string {
  const [y, mo, d, h, mi, s] = parts(ms);
  if (format === 'compact') return `${y}${p2(mo)}${p2(d)}${p2(h)}${p2(mi)}${p2(s)}`;
  if (format === 'slash') return `${y}/${p2(mo)}/${p2(d)} ${p2(h)}:${p2(mi)}`;
  return wall(ms);
}

/** YYYYMMDD of the Shanghai day of `ms`. */
export function ymd(ms: number): number {
  const [y, mo, d] = parts(ms);
  return y * 10000 + mo * 100 + d;
}

/** Epoch ms of Shanghai midnight on the given day. */
export function shanghaiMidnight(y: number, month: number, day: number): number {
  return Date.UTC(y, month - 1, day) - OFFSET_MS;
}

/** Billing cycles (first day of each month, YYYYMMDD), oldest first, the last one = the month of `now`. */
export function cyclesEndingAt(now: number, count: number): number[] {
  const [y, mo] = parts(now);
  const out: number[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const m0 = y * 12 + (mo - 1) - i;
    out.push(Math.floor(m0 / 12) * 10000 + ((m0 % 12) + 1) * 100 + 1);
  }
  return out;
}

/** [start, end) of a cycle in epoch ms. */
export function cycleBounds(cycle: number): [number, number] {
  const y = Math.floor(cycle / 10000);
  const m = Math.floor(cycle / 100) % 100;
  const start = shanghaiMidnight(y, m, 1);
  const end = m === 12 ? shanghaiMidnight(y + 1, 1, 1) : shanghaiMidnight(y, m + 1, 1);
  return [start, end];
}

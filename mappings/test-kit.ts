// Test helper: seeded values in and around the shapes the mapping's fast paths take, so the
// differential tests hold each fast path to the general code's answers on the inputs where the two
// could part: canonical values, near-canonical ones (one- or full-width digits, stray blanks,
// impossible days) and legacy damage (mojibake, control characters, lone surrogates).

import { mulberry32 } from '../simulator/generate/prng.ts';

/** A small seeded generator (the simulator's mulberry32): the same cases on every run. */
export class Random {
  private readonly rand: () => number;

  constructor(seed: number) {
    this.rand = mulberry32(seed);
  }

  next(): number {
    return this.rand();
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(10));
    return out;
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

// Characters that steer normalisation or encoding checks one way or the other.
const ODD_CHARACTERS = [
  ' ', '  ', '\t', '\n', '\r', '\u3000', '\u00A0', '\u200B', '\uFEFF', '\u0001', '\u007F', '\u0085', '\uFFFD',
  '\uD800', '\uDC00', '\uE000', '😀', '中', '文', '。', 'Ａ', '０', '９', '－', '：', 'ä¸­', 'Ã©', 'ÖÐÎÄ', 'é', 'ï¿½', '~', '\\',
];

/** Text as a legacy column may hold it: mostly plain ASCII, now and then anything. */
export function legacyText(rnd: Random): string {
  const parts: string[] = [];
  const n = 1 + rnd.int(4);
  for (let i = 0; i < n; i++) {
    if (rnd.chance(0.7)) {
      // Any ASCII, printable or not: the plain-ASCII test must draw its line exactly.
      let word = '';
      const len = rnd.int(8);
      for (let j = 0; j < len; j++) word += String.fromCharCode(rnd.chance(0.9) ? 0x20 + rnd.int(0x5f) : rnd.int(0x80));
      parts.push(word);
    } else {
      parts.push(rnd.pick(ODD_CHARACTERS));
    }
  }
  return parts.join(rnd.chance(0.8) ? '' : ' ');
}

/** A DATE text: canonical, out of range, or bent away from 'YYYY-MM-DD HH:MM:SS' one way or another. */
export function legacyDateText(rnd: Random): string {
  const year = rnd.chance(0.8) ? 1990 + rnd.int(40) : rnd.pick([0, 99, 100, 1899, 1900, 2000, 2024, 2028, 2099, 2100, 9999]);
  const month = rnd.chance(0.9) ? 1 + rnd.int(12) : rnd.pick([0, 13, 99]);
  const day = rnd.chance(0.8) ? 1 + rnd.int(28) : rnd.pick([0, 29, 30, 31, 32]);
  const hour = rnd.chance(0.9) ? rnd.int(24) : rnd.pick([24, 25, 99]);
  const minute = rnd.chance(0.9) ? rnd.int(60) : rnd.pick([60, 61]);
  const second = rnd.chance(0.9) ? rnd.int(60) : rnd.pick([60, 99]);
  const text = `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
  if (rnd.chance(0.5)) return text;
  switch (rnd.int(12)) {
    case 0: // 2026-1-5 9:05:07
      return `${year}-${month}-${day} ${hour}:${pad(minute)}:${pad(second)}`;
    case 1:
      return text.replace(' ', 'T');
    case 2:
      return `${text}.0`;
    case 3:
      return text.slice(0, 10);
    case 4:
      return text.slice(0, 16);
    case 5: // a full-width digit or separator
      return replaceAt(text, rnd.int(text.length), rnd.pick(['０', '１', '９', '－', '：', '\u3000']));
    case 6:
      return rnd.pick([` ${text}`, `${text} `, `\u3000${text}`, `${text}\t`, text.replace(' ', '  ')]);
    case 7:
      return text.replaceAll('-', rnd.pick(['/', '.', '']));
    case 8:
      return replaceAt(text, rnd.int(text.length), String.fromCharCode(0x20 + rnd.int(0x5f)));
    case 9:
      return text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 10:
      return rnd.pick(['', '   ', '2026-02-29 10:00:00', '2028-02-29 10:00:00', '2026-13-01 00:00:00', '2026-1-5 9:05', '0000-00-00 00:00:00', 'ä¸­2026-01-05 10:00:00', '2026-01-05 10:00:00\uFFFD']);
    default:
      return `${text}${rnd.digits(1)}`;
  }
}

function replaceAt(text: string, at: number, by: string): string {
  return text.slice(0, at) + by + text.slice(at + 1);
}

/** A billing cycle as a row may bring it: mostly an integer YYYYMMDD, or digits, or damage. */
export function legacyCycle(rnd: Random): unknown {
  const year = rnd.chance(0.8) ? 2000 + rnd.int(40) : rnd.pick([1000, 1899, 1900, 2099, 2100, 9999]);
  const month = rnd.chance(0.9) ? 1 + rnd.int(12) : rnd.pick([0, 13, 99]);
  const day = rnd.chance(0.8) ? 1 + rnd.int(28) : rnd.pick([0, 29, 30, 31, 32, 99]);
  const cycle = year * 10_000 + month * 100 + day;
  switch (rnd.int(8)) {
    case 0:
    case 1:
    case 2:
      return cycle;
    case 3:
      return String(cycle);
    case 4:
      return rnd.pick([cycle + 0.5, -cycle, cycle * 10, Math.floor(cycle / 10), 0, -0, Number.NaN, Infinity, 1e21, 20260101n]);
    case 5:
      return rnd.pick([` ${cycle}`, `${cycle} `, `0${cycle}`, String(cycle).slice(1), `${cycle}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), '2026-01-01', '']);
    case 6:
      return rnd.pick([null, undefined, true, {}, []]);
    default:
      return cycle;
  }
}

/** An amount (NUMBER(16,2)) as a row may bring it: a number, numeric text, or damage. */
export function legacyMoney(rnd: Random): unknown {
  const sign = rnd.chance(0.2) ? -1 : 1;
  switch (rnd.int(9)) {
    case 0:
    case 1: // whole cents
      return (sign * rnd.int(10_000_000)) / 100;
    case 2: // cents of big amounts, past exact cents too
      return (sign * Math.floor(rnd.next() * 10 ** (10 + rnd.int(9)))) / 100;
    case 3: // a third decimal, or float noise
      return rnd.pick([(sign * rnd.int(1_000_000)) / 1000, 0.1 + 0.2, 1.005, -0, 0, -0.001, 0.004999, 1e-7, Number.NaN, -Infinity, 2 ** 53, 1e20]);
    case 4: // numeric text with 0..3 decimals, leading zeros, a minus
      return `${sign < 0 ? '-' : ''}${rnd.chance(0.2) ? '00' : ''}${rnd.digits(1 + rnd.int(6))}${rnd.pick(['', '.', `.${rnd.digits(1)}`, `.${rnd.digits(2)}`, `.${rnd.digits(3)}`])}`;
    case 5:
      return rnd.pick(['-0.00', '-0', '0.00', '000', '-000.0', '12345678901234567890.12', '-.5', '.5', '5.', '+5', ' 5', '5 ', '1e3', '1,000', '１２.３', '12.3\u3000', '', '-', '--1']);
    case 6:
      return rnd.pick([null, undefined, true, 12n, {}, '十二元']);
    default:
      return (sign * rnd.int(100_000)) / 100;
  }
}

/**
 * A comparable account of a value: distinguishes -0 from 0, undefined from absent, a Date's instant
 * (and invalid Dates), and the order of an object's keys, which toEqual does not all do.
 */
export function fingerprint(value: unknown): string {
  if (value instanceof Date) return `Date(${value.getTime()})`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${fingerprint(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** fingerprint of what a call answers, or of what it throws: the general code throws for some values. */
export function outcome(run: () => unknown): string {
  try {
    return fingerprint(run());
  } catch (err) {
    return `throws ${String(err)}`;
  }
}

import { describe, expect, it } from 'vitest';
import { legacyCycle, legacyDateText, Random } from './test-kit.ts';
import {
  canonicalBillingCycle,
  cycleToIsoDate,
  formatShanghai,
  parseBillingCycle,
  parseCanonicalDateTime,
  parseTextDate,
} from './text-date.ts';

function iso(text: string): string {
  const parsed = parseTextDate(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value.toISOString();
}

describe('parseTextDate: every legacy format, as Asia/Shanghai wall clock', () => {
  it.each([
    ['2026-01-05 10:30:00', '2026-01-05T02:30:00.000Z', 'YYYY-MM-DD HH24:MI:SS'],
    ['20260105103000', '2026-01-05T02:30:00.000Z', 'YYYYMMDDHH24MISS'],
    ['2026/01/05 10:30', '2026-01-05T02:30:00.000Z', 'YYYY/MM/DD HH24:MI'],
    ['2026-01-05', '2026-01-04T16:00:00.000Z', 'YYYY-MM-DD'],
    ['20260105', '2026-01-04T16:00:00.000Z', 'YYYYMMDD'],
    ['2026.01.05', '2026-01-04T16:00:00.000Z', 'YYYY.MM.DD'],
    ['2026/01/05', '2026-01-04T16:00:00.000Z', 'YYYY/MM/DD'],
    ['2026年01月05日', '2026-01-04T16:00:00.000Z', 'YYYY年MM月DD日'],
    ['2026年01月05日 10时30分', '2026-01-05T02:30:00.000Z', 'YYYY年MM月DD日 HH时MI分'],
  ])('%s', (text, expected, format) => {
    const parsed = parseTextDate(text);
    expect(parsed).toMatchObject({ ok: true, format });
    expect(parsed.ok && parsed.value.toISOString()).toBe(expected);
  });

  it.each([
    ['2026-1-5 9:05:07', '2026-01-05T01:05:07.000Z'],
    ['2026-01-05T10:30:00', '2026-01-05T02:30:00.000Z'],
    ['2026-01-05 10:30:00.0', '2026-01-05T02:30:00.000Z'],
    ['2026-01-05 10:30', '2026-01-05T02:30:00.000Z'],
    ['2026/1/5', '2026-01-04T16:00:00.000Z'],
    ['2026.01.05 08:00:00', '2026-01-05T00:00:00.000Z'],
    ['2026年1月5日', '2026-01-04T16:00:00.000Z'],
    ['2026年01月05日10时30分15秒', '2026-01-05T02:30:15.000Z'],
    ['2026年01月05日 10点', '2026-01-05T02:00:00.000Z'],
    ['\u3000２０２６－０１－０５ １０：３０：００ ', '2026-01-05T02:30:00.000Z'],
  ])('variants legacy screens wrote: %j', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('crosses midnight into the previous UTC day', () => {
    expect(iso('2026-03-01 07:59:59')).toBe('2026-02-28T23:59:59.000Z');
  });

  it('has no daylight saving time: summer and winter are both UTC+8', () => {
    expect(iso('2026-07-15 12:00:00')).toBe('2026-07-15T04:00:00.000Z');
    expect(iso('2026-01-15 12:00:00')).toBe('2026-01-15T04:00:00.000Z');
    // Around the dates other zones switch (March, October/November) nothing moves either.
    expect(iso('2026-03-29 02:30:00')).toBe('2026-03-28T18:30:00.000Z');
    expect(iso('2026-11-01 01:30:00')).toBe('2026-10-31T17:30:00.000Z');
  });

  it.each([
    ['2026-02-30', /day 30 does not exist/],
    ['2025-02-29 10:00:00', /day 29 does not exist/],
    ['2026-04-31', /day 31/],
    ['2026-13-01', /month 13/],
    ['2026-00-10', /month 0/],
    ['2026-01-05 25:00:00', /hour 25/],
    ['2026-01-05 10:60:00', /minute 60/],
    ['2026-01-05 10:30:60', /second 60/],
    ['20260230103000', /day 30/],
    ['2026年02月30日 10时30分', /day 30/],
    ['0000-00-00 00:00:00', /year 0/],
    ['9999-12-31', /year 9999/],
    ['05/01/2026', /matches none/],
    ['2026-01-05 10:30:00 +0800', /matches none/],
    ['明天上午', /matches none/],
    ['', /empty/],
  ])('rejects %j with a reason', (text, reason) => {
    const parsed = parseTextDate(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });

  it('accepts Feb 29 of a leap year', () => {
    expect(iso('2028-02-29')).toBe('2028-02-28T16:00:00.000Z');
  });

  it('formatShanghai is the inverse for DATE text', () => {
    expect(formatShanghai(new Date('2026-01-05T02:30:00Z'))).toBe('2026-01-05 10:30:00');
    expect(iso(formatShanghai(new Date('2026-06-30T17:00:01Z')))).toBe('2026-06-30T17:00:01.000Z');
  });
});

describe('parseBillingCycle', () => {
  it.each([
    [20260101, 20260101],
    ['20260201', 20260201],
    [20280229, 20280229],
  ])('%j is a cycle', (input, expected) => {
    expect(parseBillingCycle(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [20260230, /day 30/],
    [20261301, /month 13/],
    [2026011, /not YYYYMMDD/],
    [202601010, /not YYYYMMDD/],
    [20260101.5, /not an integer/],
    ['2026-01-01', /not YYYYMMDD/],
    [null, /null/],
  ])('%j is not', (input, reason) => {
    const parsed = parseBillingCycle(input);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });

  it('cycleToIsoDate', () => {
    expect(cycleToIsoDate(20260115)).toBe('2026-01-15');
  });
});

describe('fast paths against the general parses (differential, seeded)', () => {
  it('parseCanonicalDateTime answers parseTextDate\'s instant, or leaves the text to it', () => {
    const rnd = new Random(0x5eed02);
    let answered = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = legacyDateText(rnd);
      const fast = parseCanonicalDateTime(text);
      if (fast === undefined) continue;
      answered++;
      const general = parseTextDate(text);
      expect(general, text).toMatchObject({ ok: true, format: 'YYYY-MM-DD HH24:MI:SS' });
      expect(general.ok && general.value.getTime(), text).toBe(fast.getTime());
    }
    expect(answered).toBeGreaterThan(5_000);
  });

  it('answers every canonical time of every day of the plausible years', () => {
    // Each day once, at a time that moves through the clock: month lengths, leap years, the offset.
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2100, 0, 1); t += 86_400_000 + 3_601_000) {
      const text = formatShanghai(new Date(t));
      const general = parseTextDate(text);
      const fast = parseCanonicalDateTime(text);
      if (!general.ok) {
        expect(fast, text).toBeUndefined();
        continue;
      }
      expect(fast?.getTime(), text).toBe(general.value.getTime());
    }
  });

  it.each(['2026-02-29 10:00:00', '2026-13-01 00:00:00', '2026-1-5 9:05', '1899-12-31 23:59:59', '2100-01-01 00:00:00', '２０２６-01-05 10:00:00'])(
    'leaves %j to the general parse',
    (text) => {
      expect(parseCanonicalDateTime(text)).toBeUndefined();
    },
  );

  it('canonicalBillingCycle answers parseBillingCycle\'s value, or leaves the value to it', () => {
    const rnd = new Random(0x5eed03);
    let answered = 0;
    for (let i = 0; i < 20_000; i++) {
      const value = legacyCycle(rnd);
      const fast = canonicalBillingCycle(value);
      if (fast === undefined) continue;
      answered++;
      expect(parseBillingCycle(value), String(value)).toEqual({ ok: true, value: fast });
    }
    expect(answered).toBeGreaterThan(5_000);
  });

  it('answers every day of the plausible years as a cycle, number or digits', () => {
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2100, 0, 1); t += 86_400_000) {
      const cycle = Number(new Date(t).toISOString().slice(0, 10).replaceAll('-', ''));
      expect(canonicalBillingCycle(cycle)).toBe(cycle);
      expect(canonicalBillingCycle(String(cycle))).toBe(cycle);
    }
  });
});

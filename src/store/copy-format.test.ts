import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { fingerprint, outcome, Random } from '../../mappings/test-kit.ts';
import { copyChunks, encodeCopyRow, encodeCopyValue, encodeCopyValueGeneral, isoInstant } from './copy-format.ts';
/** A batch of value rows (the CopyBatch form these tests use). */
type ValueBatch = readonly (readonly unknown[])[];

describe('encodeCopyValue', () => {
  it.each([
    [null, '\\N'],
    [undefined, '\\N'],
    ['', ''],
    ['plain', 'plain'],
    ['a\tb\\c\nd\re', 'a\\tb\\\\c\\nd\\re'],
    ['昆明\t中文', '昆明\\t中文'],
    [0, '0'],
    [-0, '0'],
    [12.5, '12.5'],
    [1e21, '1e+21'],
    [true, 't'],
    [false, 'f'],
    [new Date('2026-01-05T02:30:00.007Z'), '2026-01-05T02:30:00.007Z'],
    [{ k: 'v\t"x"' }, '{"k":"v\\\\t\\\\"x\\\\""}'],
  ])('%j → %s', (value, expected) => {
    expect(encodeCopyValue(value)).toBe(expected);
  });

  it('writes a bigint in full', () => {
    expect(encodeCopyValue(9007199254740993n)).toBe('9007199254740993');
  });

  it('refuses what COPY cannot take, as the general encoding does', () => {
    expect(() => encodeCopyValue(Number.NaN)).toThrow('COPY cannot take the number NaN');
    expect(() => encodeCopyValue(-Infinity)).toThrow('COPY cannot take the number -Infinity');
    expect(() => encodeCopyValue(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('the cheap encodings against the general one (differential, seeded)', () => {
  const FRAGMENTS = ['\t', '\n', '\r', '\\', '\\N', '\r\n', ' ', '中文', '昆明市', '😀', '\u3000', '\u0000', '\uD800', 'é', '"', "'", ''];

  function text(rnd: Random): string {
    let out = '';
    for (let n = rnd.int(5); n > 0; n--) {
      if (rnd.chance(0.6)) for (let len = rnd.int(12); len > 0; len--) out += String.fromCharCode(rnd.chance(0.9) ? 0x20 + rnd.int(0x5f) : rnd.int(0x80));
      else out += rnd.pick(FRAGMENTS);
    }
    return out;
  }

  /** An instant: mostly years 1000..9999, and both sides of that range up to a Date's limits. */
  function time(rnd: Random): number {
    switch (rnd.int(6)) {
      case 0:
        return Math.round((rnd.next() * 2 - 1) * 8.64e15);
      case 1:
        return rnd.pick([Date.UTC(1000, 0, 1), Date.UTC(1000, 0, 1) - 1, Date.UTC(10000, 0, 1), Date.UTC(10000, 0, 1) - 1, 0, -1, 8.64e15, -8.64e15, Date.UTC(0, 0, 1), Date.UTC(1600, 1, 29, 23, 59, 59, 999)]);
      case 2: // second resolution, one cycle: what the call records' start times are
        return Date.UTC(2026, 0, 1) + rnd.int(62 * 86_400) * 1000 - 8 * 3_600_000;
      default:
        return Date.UTC(1000, 0, 1) + Math.floor(rnd.next() * (Date.UTC(10000, 0, 1) - Date.UTC(1000, 0, 1)));
    }
  }

  class ShiftedDate extends Date {
    override toISOString(): string {
      return `shifted\t${super.toISOString()}`;
    }
  }

  // Another realm's Date is no instanceof Date: both encodings write it as JSON.
  const ForeignDate = runInNewContext('Date') as DateConstructor;

  function value(rnd: Random): unknown {
    switch (rnd.int(10)) {
      case 0:
      case 1:
      case 2:
        return text(rnd);
      case 3:
        return rnd.pick([rnd.int(1_000_000), -rnd.int(1000), rnd.next() * 1e6, -0, 1e21, 1e-7, 2 ** 53, Number.NaN, Infinity, 20260101]);
      case 4:
      case 5:
        return new Date(time(rnd));
      case 6:
        return rnd.pick([null, undefined, true, false, 0n, -12n, 2n ** 70n]);
      case 7:
        return rnd.pick([new Date(Number.NaN), new ShiftedDate(time(rnd)), new ForeignDate(time(rnd))]);
      case 8: {
        const t = text(rnd);
        return rnd.pick([{ k: t }, [t, 1, null], { toJSON: () => t }, Symbol('s'), () => 1, new Map()]);
      }
      default:
        return `${rnd.digits(1 + rnd.int(8))}.${rnd.digits(2)}`;
    }
  }

  it('encodeCopyValue is encodeCopyValueGeneral: same text, same refusals', () => {
    const rnd = new Random(0xc0de01);
    for (let i = 0; i < 30_000; i++) {
      const v = value(rnd);
      expect(outcome(() => encodeCopyValue(v)), String(i)).toBe(outcome(() => encodeCopyValueGeneral(v)));
    }
  });

  it('isoInstant is toISOString wherever it answers, through its caches', () => {
    const rnd = new Random(0xc0de02);
    const stamp = Date.UTC(2026, 1, 3, 4, 5, 6, 789);
    let answered = 0;
    for (let i = 0; i < 30_000; i++) {
      // Days 1024 apart share a cache slot; the load's stamp recurs between the other instants.
      const t = rnd.chance(0.3) ? stamp : rnd.chance(0.3) ? Date.UTC(2026, 0, 1) + rnd.int(3) * 1024 * 86_400_000 + rnd.int(86_400_000) : time(rnd);
      const iso = isoInstant(t);
      if (iso === undefined) continue;
      answered++;
      expect(iso, String(t)).toBe(new Date(t).toISOString());
    }
    expect(answered).toBeGreaterThan(20_000);
  });

  it('a Date changed after it was encoded is encoded anew', () => {
    const d = new Date('2026-01-05T02:30:00.000Z');
    expect(encodeCopyValue(d)).toBe('2026-01-05T02:30:00.000Z');
    d.setTime(Date.UTC(2026, 0, 6));
    expect(encodeCopyValue(d)).toBe('2026-01-06T00:00:00.000Z');
  });

  /** encodeCopyRow as it was, on the general encoding (a symbol's undefined is written 'undefined'). */
  function referenceRow(row: readonly unknown[], width: number): string {
    if (row.length !== width) throw new Error(`COPY row has ${row.length} values for ${width} columns`);
    let line = '';
    for (let i = 0; i < row.length; i++) {
      if (i > 0) line += '\t';
      line += encodeCopyValueGeneral(row[i]);
    }
    return line + '\n';
  }

  it('encodeCopyRow is the general values joined by tabs, one line each', () => {
    const rnd = new Random(0xc0de03);
    for (let i = 0; i < 3_000; i++) {
      const row = Array.from({ length: rnd.int(13) }, () => value(rnd));
      const general = outcome(() => referenceRow(row, row.length));
      expect(outcome(() => encodeCopyRow(row, row.length)), fingerprint(row)).toBe(general);
    }
    expect(() => encodeCopyRow(['a'], 2)).toThrow('COPY row has 1 values for 2 columns');
  });

  /** copyChunks as it was: lines collected in an array and joined per chunk. */
  async function referenceChunks(batches: ValueBatch[], width: number, chunkChars: number): Promise<{ chunks: string[]; rows: number }> {
    const chunks: string[] = [];
    let parts: string[] = [];
    let size = 0;
    let rows = 0;
    for (const batch of batches) {
      for (const row of batch) {
        const line = referenceRow(row, width);
        parts.push(line);
        size += line.length;
        rows++;
        if (size >= chunkChars) {
          chunks.push(parts.join(''));
          parts = [];
          size = 0;
        }
      }
    }
    if (size > 0) chunks.push(parts.join(''));
    return { chunks, rows };
  }

  it('copyChunks cuts the same chunks as before, from sync and async batches', async () => {
    const rnd = new Random(0xc0de04);
    for (let i = 0; i < 200; i++) {
      const width = 1 + rnd.int(6);
      let previous: unknown[] = [];
      const batches: ValueBatch[] = Array.from({ length: rnd.int(5) }, () =>
        Array.from({ length: rnd.int(40) }, () => {
          const row = Array.from({ length: width }, (_, c) => {
            // Repeats of the row before (new strings of the same text, as the next row brings them).
            const before = previous[c];
            if (rnd.chance(0.4) && typeof before === 'string') return `${before}x`.slice(0, -1);
            const v = value(rnd);
            // Only values both encodings take: refusals are covered above.
            return outcome(() => encodeCopyValueGeneral(v)).startsWith('throws') ? null : v;
          });
          previous = row;
          return row;
        }),
      );
      const chunkChars = rnd.pick([1, 7, 64, 500, 4096, 4 * 1024 * 1024]);
      const expected = await referenceChunks(batches, width, chunkChars);
      const counter = { rows: 0 };
      const chunks: string[] = [];
      const source = rnd.chance(0.5) ? batches : (async function* () { yield* batches; })();
      for await (const chunk of copyChunks(source, width, counter, chunkChars)) chunks.push(chunk);
      expect(chunks).toEqual(expected.chunks);
      expect(counter.rows).toBe(expected.rows);
    }
  });

  it('copyChunks stops at a row of the wrong width, as before', async () => {
    const counter = { rows: 0 };
    const read = async () => {
      for await (const chunk of copyChunks([[['a', 'b']], [['c']]], 2, counter, 1)) void chunk;
    };
    await expect(read()).rejects.toThrow('COPY row has 1 values for 2 columns');
    expect(counter.rows).toBe(1);
  });
});

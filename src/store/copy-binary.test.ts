import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../mappings/test-kit.ts';
import { copyBinaryChunks } from './copy-input.ts';
import { binaryTypesOf, CopyBinaryWriter, type BinaryColumnType, type BinaryLane, type BinaryRowWriter } from './copy-binary.ts';
import { decimalOf } from './decimal-text.ts';
import { copyChunks } from './copy-format.ts';
import { copyBinaryTypes, type CopyBatch, type CopyRows, type Database } from './database.ts';
import { testEngines } from './test-kit.ts';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const TRAILER = Buffer.from([0xff, 0xff]);

async function chunksOf(rows: CopyBatch, types: BinaryColumnType[], chunkBytes: number, framed: boolean): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of copyBinaryChunks([rows], types.map((_, i) => `c${i}`), types, { rows: 0 }, chunkBytes, framed)) out.push(Buffer.from(c));
  return out;
}

describe('decimalOf', () => {
  it.each([
    ['12.50', { negative: false, digits: '1250', point: 2, scale: 2 }],
    ['-0.5', { negative: true, digits: '05', point: 1, scale: 1 }],
    ['.5', { negative: false, digits: '5', point: 0, scale: 1 }],
    ['5.', { negative: false, digits: '5', point: 1, scale: 0 }],
    ['1e+21', { negative: false, digits: '1000000000000000000000', point: 22, scale: 0 }],
    ['-1.5E-3', { negative: true, digits: '0015', point: 0, scale: 4 }],
    [' 7 ', { negative: false, digits: '7', point: 1, scale: 0 }],
  ])('%s', (text, expected) => {
    expect(decimalOf(text)).toEqual(expected);
  });

  it.each(['', '-', '.', 'abc', '1.2.3', 'NaN', 'Infinity', '1e', '0x10', '1e5000'])('refuses %j', (text) => {
    expect(decimalOf(text)).toBeNull();
  });
});

describe('binaryTypesOf', () => {
  const oids = new Map([['a', 25], ['b', 1700], ['c', 1184], ['d', 1082]]);

  it('names the binary type of each column, in the order asked', () => {
    expect(binaryTypesOf(['c', 'a', 'b'], oids)).toEqual(['timestamptz', 'text', 'numeric']);
  });

  it('answers null when a column has no binary form here or is unknown: the COPY stays text', () => {
    expect(binaryTypesOf(['a', 'd'], oids)).toBeNull();
    expect(binaryTypesOf(['a', 'zz'], oids)).toBeNull();
  });
});

describe('copyBinaryChunks framing', () => {
  const rows = Array.from({ length: 100 }, (_, i) => [`row ${i}`, i]);
  const types: BinaryColumnType[] = ['text', 'int8'];

  it('one input: the signature once, rows split anywhere between rows, the trailer once', async () => {
    const chunks = await chunksOf(rows, types, 64, false);
    expect(chunks.length).toBeGreaterThan(10);
    const all = Buffer.concat(chunks);
    expect(all.subarray(0, 11).equals(SIGNATURE)).toBe(true);
    expect(all.indexOf(SIGNATURE, 1)).toBe(-1);
    expect(all.subarray(-2).equals(TRAILER)).toBe(true);
  });

  it('framed: every chunk a complete input of its own', async () => {
    const chunks = await chunksOf(rows, types, 64, true);
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) {
      expect(c.subarray(0, 11).equals(SIGNATURE)).toBe(true);
      expect(c.subarray(-2).equals(TRAILER)).toBe(true);
    }
  });

  it('no rows: the header and trailer alone in one input, nothing when framed', async () => {
    expect(Buffer.concat(await chunksOf([], types, 64, false)).length).toBe(11 + 8 + 2);
    expect(await chunksOf([], types, 64, true)).toEqual([]);
  });

  it('every framed chunk loads on PGlite as a COPY of its own, and the rows come out whole', async () => {
    const pg = await PGlite.create();
    try {
      await pg.exec('CREATE TABLE t (a text, b bigint)');
      for (const chunk of await chunksOf(rows, types, 64, true)) {
        await pg.query(`COPY t (a, b) FROM '/dev/blob' WITH (FORMAT binary)`, [], { blob: new Blob([chunk]) });
      }
      const { rows: back } = await pg.query<{ a: string; n: string }>('SELECT a, b::text AS n FROM t ORDER BY b');
      expect(back.map((r) => [r.a, Number(r.n)])).toEqual(rows);
    } finally {
      await pg.close();
    }
  });

  it('refuses a row of the wrong width', async () => {
    await expect(chunksOf([['only one']], types, 64, false)).rejects.toThrow('COPY row has 1 values for 2 columns');
  });
});

describe('the lane writer', () => {
  /** One row: written by `write` through a lane, or (a `values` array) by row(). */
  const bytesOf = (types: BinaryColumnType[], write: ((w: BinaryRowWriter) => void) | unknown[]): Buffer => {
    const w = new CopyBinaryWriter(types, 4096);
    if (Array.isArray(write)) w.row(write);
    else expect(w.laned({ columns: [], types, write: (_, out) => (write(out), true) }, null)).toBe(true);
    return Buffer.from(w.take());
  };

  it('numericCents writes what numeric() writes for the amount text of those cents', () => {
    const rnd = new Random(0xce75);
    const edges = [0, -0, 1, -1, 99, -99, 100, -100, 9_999, 10_000, 10_001, 999_999, 1_000_000, 123_456_789, -100_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    const all = [...edges, ...Array.from({ length: 5_000 }, () => Math.floor((rnd.next() - 0.5) * 10 ** (1 + rnd.int(16))))];
    for (const cents of all) {
      const abs = Math.abs(cents);
      const text = `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
      const lane = bytesOf(['numeric'], (w) => w.numericCents(cents));
      expect(lane.equals(bytesOf(['numeric'], [text])), `${cents} / ${text}`).toBe(true);
    }
  });

  it('timestamptzMs writes what a Date of that instant writes', () => {
    for (const ms of [0, -1, 946_684_800_000, 946_684_799_999, 1_763_000_000_123, -8.64e12, 8.64e12 - 1]) {
      expect(bytesOf(['timestamptz'], (w) => w.timestamptzMs(ms)).equals(bytesOf(['timestamptz'], [new Date(ms)]))).toBe(true);
    }
  });

  it('printableAscii writes what text() writes, and only printable ASCII', () => {
    for (const s of ['', 'a', ' x ', '~!@#', '0731 8478 4980']) {
      expect(bytesOf(['text'], (w) => expect(w.printableAscii(s)).toBe(true)).equals(bytesOf(['text'], [s]))).toBe(true);
    }
    for (const s of ['tab\there', 'new\nline', '\u007f', '\u0000', 'é', '中', '😀']) {
      expect(new CopyBinaryWriter(['text'], 4096).printableAscii(s), JSON.stringify(s)).toBe(false);
    }
  });

  it('laned: a declined row leaves the chunk as it was, wherever the lane stopped', () => {
    const types: BinaryColumnType[] = ['text', 'int8'];
    const halfway: BinaryLane<string> = { columns: ['a', 'b'], types, write: (row, out) => out.printableAscii(row) && false };
    const w = new CopyBinaryWriter(types, 4096);
    w.row(['before', 1]);
    const before = Buffer.from(w.take());
    w.row(['before', 1]);
    expect(w.laned(halfway, 'written, then declined')).toBe(false);
    expect(Buffer.from(w.take()).equals(before)).toBe(true);
  });
});

describe('CopyRows', () => {
  const types: BinaryColumnType[] = ['text', 'int8'];
  const rows = Array.from({ length: 50 }, (_, i) => ({ name: `row ${i}`, n: i }));
  // Takes the even rows, declines the odd ones (which go by values), leaves out every tenth.
  const values = (r: { name: string; n: number }): readonly unknown[] | undefined => (r.n % 10 === 5 ? undefined : [r.name, r.n]);
  const evens: BinaryLane<{ name: string; n: number }> = {
    columns: ['c0', 'c1'], types,
    write: (r, out) => {
      if (r.n % 2 === 1) return false;
      out.text(r.name);
      out.int8(r.n);
      return true;
    },
  };
  const expected = rows.filter((r) => r.n % 10 !== 5).map((r) => [r.name, r.n]);

  it('rows go through the lane or by values, in their order; undefined values leave a row out', async () => {
    const counter = { rows: 0 };
    const laned: CopyRows<{ name: string; n: number }> = { rows, values, lane: evens };
    const out: Buffer[] = [];
    for await (const c of copyBinaryChunks([laned], ['c0', 'c1'], types, counter, 64, false)) out.push(Buffer.from(c));
    expect(Buffer.concat(out).equals(Buffer.concat(await chunksOf(expected, types, 64, false)))).toBe(true);
    expect(counter.rows).toBe(expected.length);
  });

  it('a lane of other columns or types is not used', async () => {
    const wrong = [{ ...evens, columns: ['c1', 'c0'] }, { ...evens, types: ['text', 'int4'] as BinaryColumnType[] }];
    for (const lane of wrong) {
      lane.write = () => {
        throw new Error('a lane of other columns was used');
      };
      const out: Buffer[] = [];
      for await (const c of copyBinaryChunks([{ rows, values, lane }], ['c0', 'c1'], types, { rows: 0 }, 64, false)) out.push(Buffer.from(c));
      expect(Buffer.concat(out).equals(Buffer.concat(await chunksOf(expected, types, 64, false)))).toBe(true);
    }
  });

  it('the text format takes them by values', async () => {
    const counter = { rows: 0 };
    let text = '';
    for await (const c of copyChunks([{ rows, values, lane: evens }], 2, counter)) text += c;
    expect(text).toBe(expected.map((r) => `${r[0] as string}\t${r[1] as number}\n`).join(''));
    expect(counter.rows).toBe(expected.length);
  });
});

// Every kind of value each binary type takes. The twin table has one more column, of a type without a
// binary form here (date), so its COPY is text: both tables must end up holding the same values.
const COLUMNS = ['t', 'v', 's', 'i', 'b', 'n', 'm', 'ts', 'ok', 'j'];
const TABLE = `(t text, v varchar(40), s int2, i int4, b int8, n numeric, m numeric(16,2), ts timestamptz, ok boolean, j jsonb`;
const ROWS: unknown[][] = [
  ['tab\there', 'new\nline', 0, 0, 0, '0', '0.00', new Date('2026-01-31T16:30:00.123Z'), true, { k: 'v\t"x"' }],
  ['back\\slash \\N', '北京市电信分公司（重点客户）', -32768, -2147483648, -9223372036854775808n, '-0.00', '12.50', new Date(0), false, [1, 'two', null]],
  ['emoji 😀 and 𠀀', '', 32767, 2147483647, 9223372036854775807n, '12.5', '-12.5', new Date('1999-12-31T23:59:59.999Z'), true, '"quoted"'],
  ['', ' spaces ', '42', ' -7 ', 9007199254740991, '.5', '5.', new Date('0001-01-01T00:00:00Z'), false, '{"a": [1, 2]}'],
  ['lone \uD800 surrogate', 'é', 1, -1, -9007199254740991, '00012.3400', '0.125', new Date('9999-12-31T23:59:59.999Z'), true, 12.5],
  [12.5, 7n, -1, 65536, '123456789012345678', '123456789012345678901234567890.123456789', '-0.005', new Date(Date.UTC(2500, 0, 1, 12)), false, 'true'],
  [true, new Date('2026-02-01T08:00:00Z'), 2, 3, 4, '1e+21', '99999999999999.99', new Date(-8.64e12), true, { nested: { deep: ['中文'] } }],
  [{ as: 'json' }, 'x', 5, 6, '-9223372036854775808', '-1.5E-3', 1.25, new Date(1_700_000_000_007), false, 0],
  [-0, 1e21, 7, 8, 9, 10n, 0.1, new Date(946_684_800_000), true, 'null'],
  [null, null, null, null, null, null, null, null, null, null],
];

describe.each(testEngines())('binary COPY on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
    await db.exec('CREATE SCHEMA IF NOT EXISTS hub');
  });
  afterAll(() => engine.dispose());

  it('takes every value as the text COPY takes it', async () => {
    await db.exec(`CREATE TABLE hub.bin ${TABLE}); CREATE TABLE hub.txt ${TABLE}, d date)`);
    const typesOf = (table: string) => copyBinaryTypes((sql, params) => db.query(sql, params), table, COLUMNS);
    expect(await typesOf('hub.bin')).toEqual(['text', 'text', 'int2', 'int4', 'int8', 'numeric', 'numeric', 'timestamptz', 'bool', 'jsonb']);
    expect(await copyBinaryTypes((sql, params) => db.query(sql, params), 'hub.txt', [...COLUMNS, 'd'])).toBeNull();
    expect(await db.copyFrom('hub.bin', COLUMNS, [ROWS.slice(0, 4), ROWS.slice(4)])).toBe(ROWS.length);
    expect(await db.copyFrom('hub.txt', COLUMNS, [ROWS.slice(0, 4), ROWS.slice(4)])).toBe(ROWS.length);
    const cols = COLUMNS.join(', ');
    const diff = await db.query(`(SELECT ${cols} FROM hub.bin EXCEPT ALL SELECT ${cols} FROM hub.txt) UNION ALL (SELECT ${cols} FROM hub.txt EXCEPT ALL SELECT ${cols} FROM hub.bin)`);
    expect(diff.rows).toEqual([]);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM hub.bin');
    expect(rows[0]?.n).toBe(ROWS.length);
    // A few read back as values, beyond "equal to the text COPY".
    const some = await db.query<{ m: string; b: string; ts: Date }>(`SELECT m::text AS m, b::text AS b, ts FROM hub.bin ORDER BY ctid`);
    expect(some.rows.map((r) => r.m)).toEqual(['0.00', '12.50', '-12.50', '5.00', '0.13', '-0.01', '99999999999999.99', '1.25', '0.10', null]);
    expect(some.rows[1]?.b).toBe('-9223372036854775808');
    expect(some.rows[0]?.ts).toEqual(new Date('2026-01-31T16:30:00.123Z'));
  });

  it('carries a large load across many chunks', async () => {
    await db.exec('CREATE TABLE hub.many (a text, b bigint, c numeric(16,2))');
    const batches = Array.from({ length: 40 }, (_, k) => Array.from({ length: 1000 }, (_, i) => [`service ${k}-${i} ${'x'.repeat(i % 50)}`, k * 1000 + i, `${i}.${i % 100}`]));
    expect(await db.copyFrom('hub.many', ['a', 'b', 'c'], batches)).toBe(40_000);
    const { rows } = await db.query<{ n: number; s: string; c: string }>('SELECT count(*)::int AS n, sum(b)::text AS s, sum(c)::text AS c FROM hub.many');
    expect(rows[0]).toEqual({ n: 40_000, s: String((39_999 * 40_000) / 2), c: expect.any(String) });
    const c = batches.flat().reduce((sum, r) => sum + Math.round(Number(r[2]) * 100), 0);
    expect(rows[0]?.c).toBe((c / 100).toFixed(2));
  });

  it.each([
    ['an instant as text', ['ts'], ['2026-01-01'], 'a timestamptz column takes a Date'],
    ['a word as a number', ['n'], ['abc'], 'a numeric column takes a decimal number'],
    ['NaN', ['n'], [Number.NaN], 'COPY cannot take the number NaN'],
    ['an int4 out of range', ['i'], [2 ** 31], 'out of range for int4'],
    ['a fraction as an integer', ['b'], [1.5], 'an int8 column takes an integer'],
    ["'t' as a bool", ['ok'], ['t'], 'a bool column takes true or false'],
    ['an invalid Date', ['ts'], [new Date(Number.NaN)], 'Invalid Date'],
  ])('refuses %s, leaves nothing, and the connection stays good', async (_, columns, row, message) => {
    await db.exec('CREATE TABLE IF NOT EXISTS hub.refuse (t text, n numeric, i int4, b int8, ts timestamptz, ok boolean)');
    await expect(db.transaction((tx) => tx.copyFrom('hub.refuse', ['t', ...columns], [[['first', ...row]]]))).rejects.toThrow(message);
    expect((await db.query('SELECT * FROM hub.refuse')).rows).toEqual([]);
    expect(await db.copyFrom('hub.refuse', ['t'], [[['fine']]])).toBe(1);
    await db.exec('DELETE FROM hub.refuse');
  });
});

import { describe, expect, it } from 'vitest';
import { compileRowBuilder, CopyTextRows, unescapeCopyText, type CopyColumn } from './copy-text-rows.ts';

const COLUMNS: CopyColumn[] = [{ name: 'N', parse: (t) => Number.parseInt(t, 10) }, { name: 'NAME' }, { name: 'NOTE' }];

function readAll(columns: readonly CopyColumn[], chunks: readonly Buffer[]): Record<string, unknown>[] {
  const reader = new CopyTextRows(columns);
  const rows: Record<string, unknown>[] = [];
  for (const c of chunks) reader.push(c, rows);
  reader.end();
  return rows;
}

describe('COPY text rows', () => {
  // What PostgreSQL writes for: (1, '昆明 工行', NULL), (2, E'a\tb\nc\\d', ''), (3, '\N as text', E'\r\b\f\v'), (4, '𠀋', 'x')
  const text = '1\t昆明 工行\t\\N\n2\ta\\tb\\nc\\\\d\t\n3\t\\\\N as text\t\\r\\b\\f\\v\n4\t𠀋\tx\n';
  const expected = [
    { N: 1, NAME: '昆明 工行', NOTE: null },
    { N: 2, NAME: 'a\tb\nc\\d', NOTE: '' },
    { N: 3, NAME: '\\N as text', NOTE: '\r\b\f\v' },
    { N: 4, NAME: '𠀋', NOTE: 'x' },
  ];

  it('reads rows, NULLs, empty strings and escapes as the server meant them', () => {
    expect(readAll(COLUMNS, [Buffer.from(text)])).toEqual(expected);
  });

  it('gives the same rows wherever the chunks end, inside a line or inside a UTF-8 sequence', () => {
    const bytes = Buffer.from(text);
    for (let a = 1; a < bytes.length; a++) {
      const b = Math.min(bytes.length, a + 1 + (a % 7));
      expect(readAll(COLUMNS, [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)])).toEqual(expected);
    }
    expect(readAll(COLUMNS, [...bytes].map((x) => Buffer.from([x])))).toEqual(expected);
  });

  it('builds objects with the columns in order, parsing only the non-null values of parsed columns', () => {
    const seen: string[] = [];
    const build = compileRowBuilder([{ name: 'A', parse: (t) => (seen.push(t), t.length) }, { name: 'B' }]);
    const row = build(['abc', null]);
    expect(row).toEqual({ A: 3, B: null });
    expect(Object.keys(row)).toEqual(['A', 'B']);
    expect(build([null, 'x'])).toEqual({ A: null, B: 'x' });
    expect(seen).toEqual(['abc']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it('refuses column names an object literal would misread, and repeated names', () => {
    expect(() => compileRowBuilder([{ name: '__proto__' }])).toThrow(/__proto__/);
    expect(() => compileRowBuilder([{ name: 'A' }, { name: 'A' }])).toThrow(/twice/);
    // Quotes, backslashes and line breaks in a name stay data.
    expect(compileRowBuilder([{ name: 'a"b\\c\n' }])(['v'])).toEqual({ 'a"b\\c\n': 'v' });
  });

  it('refuses a line with too few or too many fields, and a stream cut inside a line', () => {
    expect(() => readAll(COLUMNS, [Buffer.from('1\tx\n')])).toThrow(/2 fields for 3 columns/);
    expect(() => readAll(COLUMNS, [Buffer.from('1\tx\ty\tz\n')])).toThrow(/more than 3 fields/);
    expect(() => readAll(COLUMNS, [Buffer.from('1\tx\ty\n2\tx')])).toThrow(/ended inside a line/);
    expect(() => new CopyTextRows([])).toThrow(/without columns/);
  });

  it('decodes every escape of the text format, octal and hex ones as UTF-8 bytes', () => {
    expect(unescapeCopyText('plain')).toBe('plain');
    expect(unescapeCopyText('\\b\\f\\n\\r\\t\\v\\\\')).toBe('\b\f\n\r\t\v\\');
    expect(unescapeCopyText('caf\\303\\251 \\x41\\x4a!')).toBe('café AJ!');
    expect(unescapeCopyText('\\101\\1010')).toBe('AA0');
    expect(unescapeCopyText('\\q\\.\\x')).toBe('q.x');
    expect(unescapeCopyText('昆\\t明')).toBe('昆\t明');
    expect(unescapeCopyText('end\\')).toBe('end\\');
  });
});

// Rows of a `COPY (SELECT …) TO STDOUT` in PostgreSQL's text format, as the same objects node-postgres
// makes of a SELECT's DataRows: one object per line, the column names as keys, every value through
// the type parser of its column. The PostgreSQL transport reads interface tables this way because the
// driver's DataRow path (a native string slice and a keyed store per field) cost twice the CPU per row.
//
// The text format: one line per row, a tab between fields, `\N` for NULL, and in a value a backslash
// escapes the byte after it (\b \f \n \r \t \v, \ddd octal, \xhh hex, otherwise the character itself).
// Tabs and newlines inside a value are always escaped, so lines and fields split on the raw characters.

import { StringDecoder } from 'node:string_decoder';

export interface CopyColumn {
  name: string;
  /** The driver's parser of the column's text; undefined: the text is the value. */
  parse?: (text: string) => unknown;
}

export type RowBuilder = (fields: readonly (string | null)[]) => Record<string, unknown>;

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** A field's value from its COPY text (the field is not `\N`). */
export function unescapeCopyText(field: string): string {
  if (field.indexOf('\\') < 0) return field;
  // Octal and hex escapes name bytes, which only a UTF-8 decode of the whole value turns into text.
  const bytes: number[] = [];
  let i = 0;
  while (i < field.length) {
    const c = field[i]!;
    if (c !== '\\' || i + 1 >= field.length) {
      const code = field.codePointAt(i)!;
      for (const b of Buffer.from(String.fromCodePoint(code), 'utf8')) bytes.push(b);
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    const e = field[i + 1]!;
    if (e >= '0' && e <= '7') {
      let j = i + 1;
      let value = 0;
      while (j < field.length && j < i + 4 && field[j]! >= '0' && field[j]! <= '7') value = value * 8 + (field.charCodeAt(j++) - 48);
      bytes.push(value & 0xff);
      i = j;
    } else if (e === 'x' && /^[0-9A-Fa-f]/.test(field.slice(i + 2, i + 3))) {
      const hex = /^[0-9A-Fa-f]{1,2}/.exec(field.slice(i + 2))![0];
      bytes.push(parseInt(hex, 16));
      i += 2 + hex.length;
    } else {
      for (const b of Buffer.from(SIMPLE_ESCAPES[e] ?? e, 'utf8')) bytes.push(b);
      i += 2;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * One object literal per row, compiled for the column list: every row then has the same hidden class,
 * which the contract checker after it reads monomorphically (a keyed store per field would not).
 */
export function compileRowBuilder(columns: readonly CopyColumn[]): RowBuilder {
  const names = new Set<string>();
  for (const { name } of columns) {
    // A literal's "__proto__" key would set the prototype instead of a property.
    if (name === '__proto__') throw new Error('a column named __proto__ cannot be read');
    if (names.has(name)) throw new Error(`column ${JSON.stringify(name)} appears twice in the query`);
    names.add(name);
  }
  const parsers = columns.map((c) => c.parse);
  const body = columns
    .map((c, i) => {
      const raw = `f[${i}]`;
      const value = c.parse ? `p[${i}](${raw})` : raw;
      return `${JSON.stringify(c.name)}: ${raw} === null ? null : ${value}`;
    })
    .join(',\n    ');
  const build = new Function('p', `'use strict';\n  return (f) => ({\n    ${body}\n  });`) as (p: unknown[]) => RowBuilder;
  return build(parsers);
}

/** Splits the COPY stream into rows; chunks may end anywhere, even inside a UTF-8 sequence. */
export class CopyTextRows {
  private readonly decoder = new StringDecoder('utf8');
  private readonly build: RowBuilder;
  private readonly width: number;
  private readonly fields: (string | null)[];
  private rest = '';

  constructor(columns: readonly CopyColumn[]) {
    if (columns.length === 0) throw new Error('COPY of a query without columns');
    this.build = compileRowBuilder(columns);
    this.width = columns.length;
    this.fields = new Array<string | null>(columns.length).fill(null);
  }

  /** The rows completed by this chunk, appended to `into`. */
  push(chunk: Buffer, into: Record<string, unknown>[]): void {
    const text = this.rest + this.decoder.write(chunk);
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      this.rest = text;
      return;
    }
    const { fields, width } = this;
    // Backslashes (escapes and NULLs) are rare: one search finds the next, and the fields before it
    // are taken as they are.
    let backslash = text.indexOf('\\');
    if (backslash < 0) backslash = Infinity;
    let pos = 0;
    while (pos <= last) {
      const eol = text.indexOf('\n', pos);
      let start = pos;
      for (let i = 0; i < width; i++) {
        const end = i === width - 1 ? eol : text.indexOf('\t', start);
        if (end < 0 || end > eol) throw new Error(`COPY line has ${i + 1} fields for ${width} columns`);
        const field = text.slice(start, end);
        if (end === eol && field.indexOf('\t') >= 0) throw new Error(`COPY line has more than ${width} fields`);
        if (end < backslash) fields[i] = field;
        else {
          fields[i] = field === '\\N' ? null : unescapeCopyText(field);
          backslash = text.indexOf('\\', end);
          if (backslash < 0) backslash = Infinity;
        }
        start = end + 1;
      }
      into.push(this.build(fields));
      pos = eol + 1;
    }
    this.rest = text.slice(last + 1);
  }

  /** At the end of the stream: anything left is a cut line. */
  end(): void {
    const left = this.rest + this.decoder.end();
    if (left !== '') throw new Error(`COPY stream ended inside a line (${left.length} characters)`);
  }
}

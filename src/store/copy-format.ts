// PostgreSQL COPY text format: one line per row, tab between columns, `\N` for NULL, and backslash
// escapes for the four characters that would break the framing. Both engines take the same bytes.

import type { CopyBatch } from './database.ts';

const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPES = /[\\\n\r\t]/g;
const ESCAPE_OF: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function encodeCopyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`COPY cannot take the number ${value}`);
    text = String(value);
  } else if (typeof value === 'bigint') text = value.toString();
  else if (typeof value === 'boolean') text = value ? 't' : 'f';
  // ISO with Z: the instant survives whatever the session time zone is.
  else if (value instanceof Date) text = value.toISOString();
  else text = JSON.stringify(value);
  // The empty string stays empty, distinct from `\N`.
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPES, (c) => ESCAPE_OF[c] ?? c) : text;
}

export function encodeCopyRow(row: readonly unknown[], width: number): string {
  if (row.length !== width) throw new Error(`COPY row has ${row.length} values for ${width} columns`);
  let line = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += '\t';
    line += encodeCopyValue(row[i]);
  }
  return line + '\n';
}

/**
 * Turns batches of rows into text chunks of about `chunkChars` characters, whatever batch size the
 * caller picked, so memory stays flat and the engine gets reasonably sized writes.
 */
export async function* copyChunks(
  batches: AsyncIterable<CopyBatch> | Iterable<CopyBatch>,
  width: number,
  counter: { rows: number },
  chunkChars = 4 * 1024 * 1024,
): AsyncGenerator<string> {
  let parts: string[] = [];
  let size = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      const line = encodeCopyRow(row, width);
      parts.push(line);
      size += line.length;
      counter.rows++;
      if (size >= chunkChars) {
        yield parts.join('');
        parts = [];
        size = 0;
      }
    }
  }
  if (size > 0) yield parts.join('');
}

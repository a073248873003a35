// Batches of rows as PostgreSQL COPY input: binary where every column has a binary form (value rows
// through CopyBinaryWriter.row, CopyRows through their lane where it fits the COPY's columns and
// types, else by their values), text otherwise. Both engines take their input from here.

import { CopyBinaryWriter, type BinaryColumnType, type BinaryLane } from './copy-binary.ts';
import { copyChunks } from './copy-format.ts';
import type { CopyBatch, CopyRows } from './database.ts';

export interface CopyInput {
  format: 'text' | 'binary';
  chunks: AsyncGenerator<Buffer | string>;
}

/**
 * The COPY input of the rows in chunks of about chunkBytes; `binaryTypes` from copyBinaryTypes (null:
 * text). `framed`: every binary chunk a complete input of its own (PGlite runs one COPY per chunk).
 */
export function copyInput(
  rows: AsyncIterable<CopyBatch> | Iterable<CopyBatch>,
  columns: readonly string[],
  binaryTypes: readonly BinaryColumnType[] | null,
  counter: { rows: number },
  chunkBytes: number,
  framed: boolean,
): CopyInput {
  return binaryTypes === null
    ? { format: 'text', chunks: copyChunks(rows, columns.length, counter, chunkBytes) }
    : { format: 'binary', chunks: copyBinaryChunks(rows, columns, binaryTypes, counter, chunkBytes, framed) };
}

/**
 * Batches of rows as binary COPY chunks of about chunkBytes. `framed`: every chunk a complete COPY
 * input of its own (PGlite takes one COPY statement per chunk); otherwise one input over all chunks.
 */
export async function* copyBinaryChunks(
  batches: AsyncIterable<CopyBatch> | Iterable<CopyBatch>,
  columns: readonly string[],
  types: readonly BinaryColumnType[],
  counter: { rows: number },
  chunkBytes: number,
  framed: boolean,
): AsyncGenerator<Buffer> {
  const w = new CopyBinaryWriter(types, chunkBytes);
  // One input: the header once, the trailer at the end, rows or not (the server wants both).
  if (!framed) w.header();
  for await (const batch of batches) {
    const laned = Array.isArray(batch) ? undefined : (batch as CopyRows);
    const rows: readonly unknown[] = laned?.rows ?? (batch as readonly (readonly unknown[])[]);
    const lane = laned?.lane !== undefined && fits(laned.lane, columns, types) ? laned.lane : undefined;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (framed && w.empty) w.header();
      if (lane === undefined || !w.laned(lane, row, i)) {
        const values = laned ? laned.values(row, i) : (row as readonly unknown[]);
        if (values === undefined) continue;
        w.row(values);
      }
      counter.rows++;
      if (w.full) {
        if (framed) w.trailer();
        yield w.take();
      }
    }
  }
  if (framed && w.empty) return;
  w.trailer();
  yield w.take();
}

/** Whether a lane writes these columns with these types. */
const fits = (lane: BinaryLane<unknown>, columns: readonly string[], types: readonly BinaryColumnType[]): boolean =>
  sameList(lane.columns, columns) && sameList(lane.types, types);

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

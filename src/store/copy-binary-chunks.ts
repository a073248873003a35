// Batches of rows as PostgreSQL binary COPY input: value rows through CopyBinaryWriter.row, CopyRows
// through their lane where it fits the COPY's columns and types, else by their values.

import { CopyBinaryWriter, type BinaryColumnType, type BinaryLane } from './copy-binary.ts';
import type { CopyBatch, CopyRows } from './database.ts';

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
  const fits = laneCheck(columns, types);
  // One input: the header once, the trailer at the end, rows or not (the server wants both).
  if (!framed) w.header();
  for await (const batch of batches) {
    const laned = !Array.isArray(batch);
    const rows = laned ? (batch as CopyRows).rows : (batch as readonly (readonly unknown[])[]);
    const lane = laned && fits((batch as CopyRows).lane) ? (batch as CopyRows).lane : undefined;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (framed && w.empty) w.header();
      if (lane === undefined || !w.laned(lane, row, i)) {
        const values = laned ? (batch as CopyRows).values(row, i) : (row as readonly unknown[]);
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

/** Whether a lane writes these columns with these types (the last lane asked about is remembered). */
function laneCheck(columns: readonly string[], types: readonly BinaryColumnType[]): (lane: BinaryLane<unknown> | undefined) => boolean {
  let last: BinaryLane<unknown> | undefined;
  let fits = false;
  return (lane) => {
    if (lane === undefined) return false;
    if (lane !== last) {
      last = lane;
      fits = sameList(lane.columns, columns) && sameList(lane.types, types);
    }
    return fits;
  };
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

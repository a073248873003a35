// pg-cursor ships no types and @types/pg-cursor is not a dependency: the part the store uses.
declare module 'pg-cursor' {
  import type { Submittable } from 'pg';

  interface CursorConfig {
    rowMode?: 'array';
    types?: { getTypeParser(oid: number, format?: string): (value: string) => unknown };
  }

  export default class Cursor<R = Record<string, unknown>> implements Submittable {
    constructor(text: string, values?: unknown[], config?: CursorConfig);
    submit: Submittable['submit'];
    read(rows: number): Promise<R[]>;
    close(): Promise<void>;
  }
}

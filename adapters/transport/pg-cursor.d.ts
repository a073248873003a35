// pg-cursor ships no types and no @types package is installed; this declares the part the
// postgres transport uses. Remove it if @types/pg-cursor is ever added.
declare module 'pg-cursor' {
  import type { Connection, CustomTypesConfig, Submittable } from 'pg';
  export default class Cursor<Row = Record<string, unknown>> implements Submittable {
    constructor(text: string, values?: unknown[], config?: { rowMode?: 'array'; types?: CustomTypesConfig });
    submit(connection: Connection): void;
    read(rowCount: number): Promise<Row[]>;
    close(): Promise<void>;
  }
}

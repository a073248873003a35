// The simulator stores each legacy system either in its own PGlite instance or in a schema of a
// PostgreSQL server. Everything inside the simulator talks to that storage through this one shape.

export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Run several statements (DDL, procedure bodies) with no parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

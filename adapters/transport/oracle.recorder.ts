// Wraps an oracledb module (the fake or the real driver) and records what the transport does
// with it: pool attributes, connection tags, executed text and binds, getRows sizes, closes.
// The same assertions then run against the fake and, when ORACLE_TEST_CONNECT_STRING is set,
// against a real database through the real driver.

import type { OracleConnection, OracleDbModule, OracleExecuteResult, OraclePool, OracleResultSet } from './oracle.transport.ts';

export interface ResultSetRecord {
  getRows: number[];
  returned: number[];
  closes: number;
}
export interface ConnectionRecord {
  props: Record<string, unknown>;
  executes: { sql: string; binds: unknown; options: Record<string, unknown> }[];
  closes: ({ drop?: boolean } | undefined)[];
  breaks: number;
}
export interface OracleRecording {
  initCalls: { libDir?: string }[];
  pools: Record<string, unknown>[];
  connections: ConnectionRecord[];
  resultSets: ResultSetRecord[];
}

function wrapResultSet(rs: OracleResultSet, rec: OracleRecording): OracleResultSet {
  const r: ResultSetRecord = { getRows: [], returned: [], closes: 0 };
  rec.resultSets.push(r);
  return {
    async getRows(n: number) {
      r.getRows.push(n);
      const rows = await rs.getRows(n);
      r.returned.push(rows.length);
      return rows;
    },
    async close() {
      r.closes += 1;
      await rs.close();
    },
  };
}

const isResultSet = (v: unknown): v is OracleResultSet =>
  typeof v === 'object' && v !== null && typeof (v as OracleResultSet).getRows === 'function';

function wrapConnection(conn: OracleConnection, rec: OracleRecording): OracleConnection {
  const r: ConnectionRecord = { props: {}, executes: [], closes: [], breaks: 0 };
  rec.connections.push(r);
  const overrides: Partial<OracleConnection> = {
    async execute(sql: string, binds: unknown, options: Record<string, unknown>): Promise<OracleExecuteResult> {
      r.executes.push({ sql, binds, options });
      const result = await conn.execute(sql, binds, options);
      const outBinds = result.outBinds
        ? Object.fromEntries(Object.entries(result.outBinds).map(([k, v]) => [k, isResultSet(v) ? wrapResultSet(v, rec) : v]))
        : undefined;
      return { ...result, outBinds, resultSet: result.resultSet ? wrapResultSet(result.resultSet, rec) : undefined };
    },
    async close(options?: { drop?: boolean }) {
      r.closes.push(options);
      await conn.close(options);
    },
    async break() {
      r.breaks += 1;
      await conn.break();
    },
  };
  return new Proxy(conn, {
    get(target, prop) {
      if (prop in overrides) return overrides[prop as keyof typeof overrides];
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
    set(target, prop, value) {
      r.props[String(prop)] = value;
      return Reflect.set(target, prop, value, target);
    },
  });
}

function wrapPool(pool: OraclePool, rec: OracleRecording): OraclePool {
  return {
    async getConnection() {
      return wrapConnection(await pool.getConnection(), rec);
    },
    close: (drainTime?: number) => pool.close(drainTime),
    getStatistics: () => pool.getStatistics?.(),
  };
}

export function recordOracleDb(inner: OracleDbModule): { oracledb: OracleDbModule; rec: OracleRecording } {
  const rec: OracleRecording = { initCalls: [], pools: [], connections: [], resultSets: [] };
  const oracledb = new Proxy(inner, {
    get(target, prop) {
      if (prop === 'createPool') {
        return async (attributes: Record<string, unknown>) => {
          rec.pools.push(attributes);
          return wrapPool(await target.createPool(attributes), rec);
        };
      }
      if (prop === 'initOracleClient') {
        return (options: { libDir?: string }) => {
          rec.initCalls.push(options);
          target.initOracleClient(options);
        };
      }
      return Reflect.get(target, prop, target);
    },
  });
  return { oracledb, rec };
}

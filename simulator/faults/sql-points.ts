// Which interface point a statement belongs to, read from its SQL text the way the fault proxy sees it
// on the wire (a Query or Parse message). Procedures are reached by CALL, interface tables by
// FROM/JOIN; names are compared folded to lower case, as PostgreSQL folds unquoted identifiers.

export type SqlSystem = 'sys97' | 'billing';

const PROCEDURES: Record<SqlSystem, Record<string, string>> = {
  sys97: {
    vip97_get_change: '97-1',
    vip_get_dkhinfo: '97-2',
    vip_get_payinfo: '97-3',
    vip_get_servers: '97-4',
    vip_get_sos: '97-5',
    vip_get_soinfo: '97-6',
    vip97_get_once_fee: '97-8',
    vip97_get_product: '97-9',
    vip_set_vip: '97-10',
  },
  billing: {
    vipjf_set_request: 'JF-1',
    vipjf_get_request_ready: 'JF-2',
    vipjf_get_fee_by_accnbr: 'JF-9',
    vipjf_get_fee_by_contractno: 'JF-10',
    vipjf_get_fee_by_username: 'JF-11',
    vipjf_get_qf: 'JF-12',
    vipjf_set_vip: 'JF-13',
  },
};

const TABLES: Record<SqlSystem, Record<string, string>> = {
  sys97: { vip97_so_process: '97-7', vip97_once_fee: '97-8' },
  billing: {
    area: 'JF-3',
    item: 'JF-4',
    vip_fee: 'JF-5',
    private_net: 'JF-6',
    call_list: 'JF-7',
    top1000_fee: 'JF-8',
  },
};

// Interface "tables" that are views with an SQL error gate (sql/billing/002_procedures.sql). The other
// tables are plain: the proxy itself answers their errorRate.
const GATED_VIEWS: ReadonlySet<string> = new Set(['JF-5', 'JF-7', 'JF-8']);

export interface StatementPoint {
  point: string;
  /** True when the SQL side raises the point's errorRate itself (procedures, gated views). */
  gatedInSql: boolean;
}

// An identifier, optionally schema-qualified, quoted or not: captures the last part.
const NAME = String.raw`(?:"?\w+"?\s*\.\s*)?"?(\w+)"?`;
const CALL = new RegExp(String.raw`^\s*call\s+${NAME}`, 'i');
const FROM = new RegExp(String.raw`\b(?:from|join)\s+${NAME}`, 'gi');

/** The interface point a statement calls or reads, or undefined (bookkeeping, FETCH, COMMIT …). */
export function pointOfSql(system: SqlSystem, sql: string): StatementPoint | undefined {
  const call = CALL.exec(sql);
  if (call?.[1] !== undefined) {
    const point = PROCEDURES[system][call[1].toLowerCase()];
    return point === undefined ? undefined : { point, gatedInSql: true };
  }
  for (const match of sql.matchAll(FROM)) {
    const point = match[1] === undefined ? undefined : TABLES[system][match[1].toLowerCase()];
    if (point !== undefined) return { point, gatedInSql: GATED_VIEWS.has(point) };
  }
  return undefined;
}

// The Oracle texts the simulator raises, keyed by code. Mirrors sim_oracle_message() in
// sql/common/sim_runtime.sql: the fault proxy answers errors of plain-table reads itself and must say
// exactly what the procedures say.

const TEXTS: Record<string, string> = {
  'ORA-12541': 'TNS:no listener',
  'ORA-12170': 'TNS:Connect timeout occurred',
  'ORA-00054': 'resource busy and acquire with NOWAIT specified or timeout expired',
  'ORA-03113': 'end-of-file on communication channel',
  'ORA-01555': 'snapshot too old: rollback segment number 9 with name "_SYSSMU9$" too small',
  'ORA-00942': 'table or view does not exist',
  'ORA-06502': 'PL/SQL: numeric or value error',
  'ORA-12899': 'value too large for column',
};

export const DEFAULT_ORACLE_CODE = 'ORA-12541';

export function oracleMessage(code: string = DEFAULT_ORACLE_CODE): string {
  return `${code}: ${TEXTS[code] ?? 'simulated failure'}`;
}

/** errorRate as the SQL gate counts it: call n (1-based) fails when it crosses the next multiple. */
export function failsAt(call: number, rate: number): boolean {
  const r = Math.min(rate, 1);
  return r > 0 && Math.floor(call * r) > Math.floor((call - 1) * r);
}

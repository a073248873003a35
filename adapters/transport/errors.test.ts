import { describe, expect, it } from 'vitest';
import { classify, LegacyError, LegacyRowError, LegacyTimeoutError, LegacyUnavailableError } from './errors.ts';
import { assertProcCall, dateToWallClock, rewriteBinds, wallClockToDate } from './legacy-database.ts';

const ctx = { system: 'billing', pointId: 'JF-7' };
const withCode = (message: string, code?: string) => Object.assign(new Error(message), code === undefined ? {} : { code });

describe('classify', () => {
  it.each([
    ['ORA-12541: TNS:no listener', 'transient', 'ORA-12541'],
    ['ORA-12170: TNS:Connect timeout occurred', 'transient', 'ORA-12170'],
    ['ORA-00054: resource busy and acquire with NOWAIT specified', 'transient', 'ORA-00054'],
    ['ORA-03113: end-of-file on communication channel', 'transient', 'ORA-03113'],
    ['NJS-040: connection request timeout. Request exceeded "queueTimeout" of 60000', 'transient', 'NJS-040'],
    ['NJS-500: connection to Oracle Database was closed or broken\nHelp: ORA-03113', 'transient', 'NJS-500'],
    ['ORA-00942: table or view does not exist', 'permanent', 'ORA-00942'],
    ['ORA-06550: line 1, column 7:\nPLS-00306: wrong number or types of arguments', 'permanent', 'ORA-06550'],
    ['ORA-12899: value too large for column "VIP"."X" (actual: 30, maximum: 20)', 'permanent', 'ORA-12899'],
  ])('%s → %s', (message, kind, code) => {
    const e = classify(withCode(message), ctx);
    expect(e).toBeInstanceOf(LegacyError);
    expect(e).toMatchObject({ kind, code, system: 'billing', pointId: 'JF-7', message });
  });

  it('timeouts get their own class', () => {
    expect(classify(withCode('NJS-123: call timeout of 100 ms exceeded'), ctx)).toBeInstanceOf(LegacyTimeoutError);
    expect(classify(withCode('NJS-040: connection request timeout'), ctx)).toBeInstanceOf(LegacyTimeoutError);
    expect(classify(withCode('canceling statement due to statement timeout', '57014'), ctx)).toMatchObject({ name: 'LegacyTimeoutError', code: 'PG-57014' });
  });

  it('reads the ORA code the simulator raises through PostgreSQL, and SQLSTATEs otherwise', () => {
    expect(classify(withCode('ORA-12541: TNS:no listener', 'P0001'), ctx)).toMatchObject({ kind: 'transient', code: 'ORA-12541' });
    expect(classify(withCode('deadlock detected', '40P01'), ctx)).toMatchObject({ kind: 'transient', code: 'PG-40P01' });
    expect(classify(withCode('terminating connection due to administrator command', '57P01'), ctx)).toMatchObject({ kind: 'transient' });
    expect(classify(withCode('syntax error', '42601'), ctx)).toMatchObject({ kind: 'permanent', code: 'PG-42601' });
    expect(classify(withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'), ctx)).toMatchObject({ kind: 'transient', code: 'ECONNREFUSED' });
    expect(classify(new Error('Connection terminated unexpectedly'), ctx)).toMatchObject({ kind: 'transient' });
    expect(classify(new Error('timeout exceeded when trying to connect'), ctx)).toBeInstanceOf(LegacyTimeoutError);
  });

  it('SOAP 5xx is transient, 4xx permanent; unknown errors are permanent', () => {
    expect(classify(Object.assign(new Error('Server Error'), { response: { status: 503 } }), ctx)).toMatchObject({ kind: 'transient', code: 'SOAP-503' });
    expect(classify(Object.assign(new Error('Bad Request'), { response: { status: 400 } }), ctx)).toMatchObject({ kind: 'permanent' });
    expect(classify('weird', ctx)).toMatchObject({ kind: 'permanent', message: 'weird' });
  });

  it('is idempotent and keeps subclasses', () => {
    const u = new LegacyUnavailableError('open', { system: 'billing', reason: 'breaker-open' });
    expect(classify(u, ctx)).toBe(u);
    expect(u.pointId).toBe('JF-7');
    const row = new LegacyRowError('bad date', { system: 'billing', row: { SO_DATE: 'x' } });
    expect(classify(row, ctx)).toMatchObject({ kind: 'permanent', row: { SO_DATE: 'x' } });
  });
});

describe('portable binds and wall-clock values', () => {
  it('rewrites :N outside quotes, comments and casts, in order', () => {
    const sql = `SELECT 'a:1', "x:2", v::text FROM T /* :9 */ WHERE A = :1 AND B > :2 -- :3`;
    expect(rewriteBinds(sql, 2, (n) => `$${n}`)).toBe(`SELECT 'a:1', "x:2", v::text FROM T /* :9 */ WHERE A = $1 AND B > $2 -- :3`);
    expect(() => rewriteBinds('WHERE A = :2', 1, String)).toThrow(/out of order/);
    expect(() => rewriteBinds('WHERE A = :1 AND B = :1', 2, String)).toThrow(/out of order/);
    expect(() => rewriteBinds('WHERE A = :1', 2, String)).toThrow(/1 binds but 2/);
    expect(() => rewriteBinds('WHERE A = :cycle', 1, String)).toThrow(/:1-style/);
  });

  it('round-trips legacy wall-clock text through local Date components', () => {
    const d = wallClockToDate('2026-03-05 07:08:09') as Date;
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()]).toEqual([2026, 2, 5, 7, 8, 9]);
    expect(dateToWallClock(d)).toBe('2026-03-05 07:08:09');
    expect(dateToWallClock(wallClockToDate('2026-03-05') as Date)).toBe('2026-03-05 00:00:00');
    expect(wallClockToDate(null)).toBeNull();
    expect(() => wallClockToDate('05/03/2026')).toThrow(/YYYY-MM-DD/);
  });

  it('accepts only identifier names for procedures and parameters', () => {
    expect(() => assertProcCall('PKG_VIP.VIP_GET_SERVERS', [{ name: 'p_vip', type: 'string', value: '1' }])).not.toThrow();
    expect(() => assertProcCall('VIP_GET_SERVERS(1); --', [])).toThrow();
    expect(() => assertProcCall('P', [{ name: 'p a', type: 'string', value: 1 }])).toThrow(/parameter name/);
    expect(() => assertProcCall('P', [{ name: 'p_a', type: 'string', value: 1 }, { name: 'P_A', type: 'string', value: 2 }])).toThrow(/twice/);
  });
});

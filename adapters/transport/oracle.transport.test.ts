import { afterEach, describe, expect, it } from 'vitest';
import { LegacyError, LegacyTimeoutError } from './errors.ts';
import { FakeOracleDb, type FakeCursorAnswer } from './oracle.fake.ts';
import { recordOracleDb } from './oracle.recorder.ts';
import { loadOracleDb, openOracleTransport, type OracleDbModule, type OracleTransport, type OracleTransportConfig } from './oracle.transport.ts';

// One suite, two databases (n8n's Oracle node style): the fake always, a real Oracle only when
// ORACLE_TEST_CONNECT_STRING is set. Both go through the recorder so the assertions about what
// the transport sent (PL/SQL text, binds, getRows sizes, closes) are the same.

const CURSOR_PROC = 'HUB_TX_CUR';
const STREAM_SQL = 'SELECT LEVEL AS N FROM DUAL CONNECT BY LEVEL <= :1';

interface Harness {
  inner(): Promise<OracleDbModule>;
  config: Pick<OracleTransportConfig, 'user' | 'password' | 'connectString' | 'libDir'>;
}

function fakeHarness(): Harness & { fake: FakeOracleDb } {
  const fake = new FakeOracleDb();
  fake.procedures.set(CURSOR_PROC, (ins): FakeCursorAnswer => {
    const n = ins.p_n as number;
    const since = ins.p_since as Date;
    const rows = Array.from({ length: n }, (_, i) => [
      i + 1,
      ins.p_tag,
      new Date(since.getFullYear(), since.getMonth(), since.getDate() + i, since.getHours(), since.getMinutes(), since.getSeconds()),
      12345678901234567890n + BigInt(i + 1),
    ]);
    return {
      columns: [
        { name: 'N', dbType: 'number', precision: 10, scale: 0 },
        { name: 'TAG', dbType: 'varchar' },
        { name: 'SINCE', dbType: 'date' },
        { name: 'BIG', dbType: 'number', precision: 20, scale: 0 },
      ],
      rows,
      failAtRow: ins.p_fail_at === null ? undefined : { row: ins.p_fail_at as number, error: 'ORA-01476: divisor is equal to zero' },
    };
  });
  fake.procedures.set('HUB_TX_SCALAR', (ins) => ({ result: (ins.p_a as number) * 2 }));
  fake.procedures.set('HUB_TX_BUSY', () => { throw Object.assign(new Error('ORA-00054: resource busy and acquire with NOWAIT specified or timeout expired'), { code: 'ORA-00054' }); });
  fake.queries.set(STREAM_SQL, (binds) => ({
    columns: [{ name: 'N', dbType: 'number' }],
    rows: Array.from({ length: binds[0] as number }, (_, i) => [i + 1]),
  }));
  return { fake, inner: async () => fake, config: { user: 'hub', password: 'hub', connectString: 'fake:1521/BSS' } };
}

const REAL_DDL = [
  `CREATE OR REPLACE PROCEDURE HUB_TX_CUR(p_n IN NUMBER, p_tag IN VARCHAR2, p_since IN DATE, p_fail_at IN NUMBER, p_cur OUT SYS_REFCURSOR) AS
   BEGIN
     OPEN p_cur FOR
       SELECT CAST(CASE WHEN LEVEL = p_fail_at THEN 1/0 ELSE LEVEL END AS NUMBER(10)) AS N,
              CAST(p_tag AS VARCHAR2(20)) AS TAG, p_since + (LEVEL - 1) AS SINCE,
              CAST(12345678901234567890 + LEVEL AS NUMBER(20)) AS BIG
       FROM DUAL CONNECT BY LEVEL <= p_n;
   END;`,
  'CREATE OR REPLACE PROCEDURE HUB_TX_SCALAR(p_a IN NUMBER, p_result OUT NUMBER) AS BEGIN p_result := p_a * 2; END;',
  'CREATE OR REPLACE PROCEDURE HUB_TX_BUSY(p_result OUT NUMBER) AS e EXCEPTION; PRAGMA EXCEPTION_INIT(e, -54); BEGIN RAISE e; END;',
];

// Loaded and prepared once per process: initOracleClient may run only once.
let loaded: OracleDbModule | undefined;
function realHarness(): Harness {
  const env = process.env;
  const config = {
    user: env.ORACLE_TEST_USER ?? 'hub',
    password: env.ORACLE_TEST_PASSWORD ?? '',
    connectString: env.ORACLE_TEST_CONNECT_STRING ?? '',
    libDir: env.ORACLE_CLIENT_LIB_DIR || undefined,
  };
  return {
    config,
    async inner() {
      if (loaded) return loaded;
      loaded = await loadOracleDb();
      if (config.libDir) loaded.initOracleClient({ libDir: config.libDir });
      const { user, password, connectString } = config;
      const setup = await loaded.createPool({ user, password, connectString, poolMin: 1, poolMax: 1, poolIncrement: 0 });
      const conn = await setup.getConnection();
      for (const ddl of REAL_DDL) await conn.execute(ddl, {}, {});
      await conn.close();
      await setup.close(0);
      // initOracleClient already ran for the DDL; the transport must not run it again.
      const real = loaded;
      loaded = new Proxy(real, { get: (t, p) => (p === 'initOracleClient' ? () => undefined : Reflect.get(t, p, t)) });
      return loaded;
    },
  };
}

async function collect(it: AsyncIterable<Record<string, unknown>[]>) {
  const batches: Record<string, unknown>[][] = [];
  for await (const b of it) batches.push(b);
  return batches;
}

function defineSuite(name: string, makeHarness: () => Harness) {
  describe(name, () => {
    const opened: OracleTransport[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((t) => t.close()));
    });

    async function open(extra: Partial<OracleTransportConfig> = {}) {
      const harness = makeHarness();
      const inner = await harness.inner();
      const { oracledb, rec } = recordOracleDb(inner);
      const transport = await openOracleTransport(oracledb, { system: 'sys97', poolSize: 2, ...harness.config, ...extra });
      opened.push(transport);
      return { transport, rec, inner };
    }
    const curParams = (n: number, failAt: number | null = null) => [
      { name: 'p_n', type: 'number' as const, value: n },
      { name: 'p_tag', type: 'string' as const, value: 'x' },
      { name: 'p_since', type: 'date' as const, value: '2026-01-01 08:30:00' },
      { name: 'p_fail_at', type: 'number' as const, value: failAt },
    ];

    it('creates one fixed-size pool with statistics on', async () => {
      const { rec } = await open({ poolSize: 3 });
      expect(rec.pools).toHaveLength(1);
      expect(rec.pools[0]).toMatchObject({ poolMin: 3, poolMax: 3, poolIncrement: 0, enableStatistics: true });
    });

    it('calls the procedure with the exact PL/SQL text and typed binds, tags the session', async () => {
      const { transport, rec, inner } = await open();
      await collect(transport.callCursor(CURSOR_PROC, curParams(2), { timeoutMs: 1234, action: 'sync:97-4' }));
      const exec = rec.connections[0]!.executes[0]!;
      expect(exec.sql).toBe('BEGIN HUB_TX_CUR(:p_n, :p_tag, :p_since, :p_fail_at, :p_cur); END;');
      const binds = exec.binds as Record<string, { val?: unknown }>;
      expect(Object.keys(binds)).toEqual(['p_n', 'p_tag', 'p_since', 'p_fail_at', 'p_cur']);
      expect(binds.p_n).toEqual({ dir: inner.BIND_IN, type: inner.NUMBER, val: 2 });
      expect(binds.p_tag).toEqual({ dir: inner.BIND_IN, type: inner.STRING, val: 'x' });
      expect(binds.p_since).toEqual({ dir: inner.BIND_IN, type: inner.DATE, val: new Date(2026, 0, 1, 8, 30, 0) });
      expect(binds.p_cur).toEqual({ dir: inner.BIND_OUT, type: inner.CURSOR });
      expect(exec.options).toMatchObject({ outFormat: inner.OUT_FORMAT_OBJECT });
      expect(exec.options).not.toHaveProperty('maxRows');
      expect(rec.connections[0]!.props).toMatchObject({ callTimeout: 1234, module: 'bss-hub', action: 'sync:97-4', clientId: 'bss-hub' });
    });

    it('reads p_cur in batches of fetchSize until empty, values per the convention, closes all', async () => {
      const { transport, rec } = await open();
      const batches = await collect(transport.callCursor(CURSOR_PROC, curParams(7), { fetchSize: 3 }));
      expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
      expect(rec.resultSets[0]!.getRows).toEqual([3, 3, 3, 3]);
      expect(batches[0]![0]).toEqual({ N: 1, TAG: 'x', SINCE: '2026-01-01 08:30:00', BIG: '12345678901234567891' });
      expect(batches[2]![0]).toMatchObject({ N: 7, SINCE: '2026-01-07 08:30:00', BIG: '12345678901234567897' });
      expect(rec.resultSets[0]!.closes).toBe(1);
      expect(rec.connections[0]!.closes).toEqual([undefined]);
    });

    it('closes the result set and the connection when a fetch fails mid-read, and classifies', async () => {
      const { transport, rec } = await open();
      const seen: number[] = [];
      const err = await (async () => {
        try {
          for await (const b of transport.callCursor(CURSOR_PROC, curParams(9, 8), { fetchSize: 3, pointId: '97-4' })) {
            seen.push(...b.map((r) => r.N as number));
          }
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(LegacyError);
      expect(err).toMatchObject({ kind: 'permanent', code: 'ORA-01476', system: 'sys97', pointId: '97-4' });
      expect(seen.length).toBeGreaterThan(0);
      expect(Math.max(...seen)).toBeLessThan(8);
      expect(rec.resultSets[0]!.closes).toBe(1);
      expect(rec.connections[0]!.closes).toHaveLength(1);
    });

    it('closes the result set and the connection when the consumer breaks', async () => {
      const { transport, rec } = await open();
      for await (const batch of transport.callCursor(CURSOR_PROC, curParams(7), { fetchSize: 3 })) {
        expect(batch).toHaveLength(3);
        break;
      }
      expect(rec.resultSets[0]!.getRows).toEqual([3]);
      expect(rec.resultSets[0]!.closes).toBe(1);
      expect(rec.connections[0]!.closes).toEqual([undefined]);
    });

    it('answers p_result of a scalar procedure', async () => {
      const { transport, rec, inner } = await open();
      await expect(transport.callScalar('HUB_TX_SCALAR', [{ name: 'p_a', type: 'number', value: 21 }])).resolves.toBe(42);
      const exec = rec.connections[0]!.executes[0]!;
      expect(exec.sql).toBe('BEGIN HUB_TX_SCALAR(:p_a, :p_result); END;');
      expect((exec.binds as Record<string, unknown>).p_result).toEqual({ dir: inner.BIND_OUT, type: inner.NUMBER });
      expect(rec.connections[0]!.closes).toHaveLength(1);
    });

    it('maps ORA-00054 to a transient error and an unknown procedure to a permanent one', async () => {
      const { transport, rec } = await open();
      const busy = await transport.callScalar('HUB_TX_BUSY', []).catch((e: unknown) => e);
      expect(busy).toMatchObject({ kind: 'transient', code: 'ORA-00054', system: 'sys97' });
      const missing = await transport.callScalar('HUB_TX_NO_SUCH_PROC', []).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(LegacyError);
      expect(missing).toMatchObject({ kind: 'permanent', code: 'ORA-06550' });
      expect(rec.connections.map((c) => c.closes.length)).toEqual([1, 1]);
    });

    it('streams a table through a result set in batches, :1 binds by position', async () => {
      const { transport, rec } = await open();
      const batches = await collect(transport.queryStream(STREAM_SQL, [5], { fetchSize: 2 }));
      expect(batches.map((b) => b.map((r) => r.N))).toEqual([[1, 2], [3, 4], [5]]);
      const exec = rec.connections[0]!.executes[0]!;
      expect(exec.sql).toBe(STREAM_SQL);
      expect(exec.binds).toEqual([5]);
      expect(exec.options).toMatchObject({ resultSet: true, fetchArraySize: 2 });
      expect(exec.options).not.toHaveProperty('maxRows');
      expect(rec.resultSets[0]!.closes).toBe(1);
      expect(rec.connections[0]!.closes).toHaveLength(1);
    });

    it('refuses non-portable binds before touching the database', async () => {
      const { transport, rec } = await open();
      expect(() => transport.queryStream('SELECT * FROM AREA WHERE X = :cycle', [1])).toThrow(/:1-style/);
      expect(rec.connections).toHaveLength(0);
    });
  });
}

defineSuite('oracle transport on the fake oracledb', fakeHarness);
describe.skipIf(!process.env.ORACLE_TEST_CONNECT_STRING)(
  'real Oracle — skipped unless ORACLE_TEST_CONNECT_STRING is set: no Oracle server can run on these machines',
  () => defineSuite('oracle transport on a real database', realHarness),
);

describe('oracle transport, driver behaviour only the fake can provoke', () => {
  const cfg = { system: 'billing', user: 'u', password: 'p', connectString: 'fake' };

  it('thick mode: initOracleClient once with libDir, before any pool; never in thin mode; no mixing', async () => {
    const thick = recordOracleDb(new FakeOracleDb());
    const a = await openOracleTransport(thick.oracledb, { ...cfg, libDir: '/opt/instantclient_19' });
    const b = await openOracleTransport(thick.oracledb, { ...cfg, libDir: '/opt/instantclient_19' });
    expect(thick.rec.initCalls).toEqual([{ libDir: '/opt/instantclient_19' }]);
    expect(a.mode).toBe('thick');
    await expect(openOracleTransport(thick.oracledb, cfg)).rejects.toThrow(/cannot be mixed/);

    const thin = recordOracleDb(new FakeOracleDb());
    const c = await openOracleTransport(thin.oracledb, cfg);
    expect(thin.rec.initCalls).toEqual([]);
    expect(c.mode).toBe('thin');
    await expect(openOracleTransport(thin.oracledb, { ...cfg, libDir: '/opt/ic' })).rejects.toThrow(/thin mode/);
    expect(thin.rec.initCalls).toEqual([]);
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('callTimeout ends a hanging call: LegacyTimeoutError, session dropped, pool slot back', async () => {
    const fake = new FakeOracleDb();
    fake.procedures.set('HANG', () => new Promise(() => undefined));
    const { oracledb, rec } = recordOracleDb(fake);
    const t = await openOracleTransport(oracledb, { ...cfg, poolSize: 1 });
    const err = await t.callScalar('HANG', [], { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyTimeoutError);
    expect(err).toMatchObject({ kind: 'transient', code: 'NJS-123' });
    expect(rec.connections[0]!.closes).toEqual([{ drop: true }]);
    expect(fake.pools[0]!.inUse).toBe(0);
    await t.close();
  });

  it('an abort signal breaks the running call and drops the session', async () => {
    const fake = new FakeOracleDb();
    fake.procedures.set('HANG', () => new Promise(() => undefined));
    const { oracledb, rec } = recordOracleDb(fake);
    const t = await openOracleTransport(oracledb, cfg);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const err = await collect(t.callCursor('HANG', [], { signal: ac.signal })).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'LegacyTimeoutError', code: 'ABORTED' });
    expect(rec.connections[0]!.breaks).toBe(1);
    expect(rec.connections[0]!.closes).toEqual([{ drop: true }]);
    await t.close();
  });

  it('an exhausted pool answers NJS-040 as a transient timeout; unreachable DB is transient', async () => {
    const h = fakeHarness();
    const t = await openOracleTransport(h.fake, { ...cfg, poolSize: 1, queueTimeoutMs: 30 });
    const held = t.callCursor(CURSOR_PROC, [
      { name: 'p_n', type: 'number', value: 4 }, { name: 'p_tag', type: 'string', value: 'x' },
      { name: 'p_since', type: 'date', value: new Date() }, { name: 'p_fail_at', type: 'number', value: null },
    ], { fetchSize: 2 })[Symbol.asyncIterator]();
    await held.next();
    const err = await t.callScalar('HUB_TX_SCALAR', [{ name: 'p_a', type: 'number', value: 1 }]).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'LegacyTimeoutError', kind: 'transient', code: 'NJS-040' });
    await held.return?.();
    expect(h.fake.pools[0]!.inUse).toBe(0);
    expect(h.fake.openResultSets).toBe(0);
    h.fake.unreachable = 'ORA-12541: TNS:no listener';
    await expect(t.callScalar('HUB_TX_SCALAR', [])).rejects.toMatchObject({ kind: 'transient', code: 'ORA-12541' });
    expect(await t.check()).toMatchObject({ ok: false });
    h.fake.unreachable = undefined;
    expect(await t.check()).toMatchObject({ ok: true, version: '11.2.0.4.0' });
    await t.close();
  });

  it('fetches configured NUMBER columns as text, leaves the others numbers', async () => {
    const h = fakeHarness();
    const t = await openOracleTransport(h.fake, { ...cfg, stringColumns: ['n'] });
    const [batch] = await collect(t.queryStream(STREAM_SQL, [1]));
    expect(batch).toEqual([{ N: '1' }]);
    const plain = await openOracleTransport(h.fake, { ...cfg, bigNumbersAsString: false });
    const [rows] = await collect(plain.callCursor(CURSOR_PROC, [
      { name: 'p_n', type: 'number', value: 1 }, { name: 'p_tag', type: 'string', value: 'x' },
      { name: 'p_since', type: 'date', value: '2026-01-01' }, { name: 'p_fail_at', type: 'number', value: null },
    ]));
    expect(typeof rows![0]!.BIG).toBe('number');
    await Promise.all([t.close(), plain.close()]);
  });

  it('rejects procedure and parameter names that are not identifiers', () => {
    const t = Promise.resolve(openOracleTransport(new FakeOracleDb(), cfg));
    return t.then(async (tr) => {
      expect(() => tr.callCursor('X; DROP TABLE Y', [])).toThrow(/procedure name/);
      expect(() => tr.callCursor('P', [{ name: 'p_cur', type: 'string', value: 1 }])).toThrow(/OUT parameter/);
      await tr.close();
    });
  });
});

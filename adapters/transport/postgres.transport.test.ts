import net from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LegacyError, LegacyTimeoutError } from './errors.ts';
import { legacyTextTypes, PostgresTransport, type PostgresTransportConfig } from './postgres.transport.ts';
import { LegacyResilience } from './resilience.ts';

// The same suite on PGlite behind a PostgreSQL socket (always) and on a PostgreSQL server when
// TEST_DATABASE_URL is set (in a throw-away schema). The procedures follow the legacy calling
// convention: IN parameters, then one OUT p_cur refcursor or OUT p_result.

const DDL = `
CREATE TABLE hub_tx_log (v varchar(20));
CREATE PROCEDURE HUB_TX_CUR(p_n integer, p_tag varchar, p_since timestamp, p_fail_at integer, OUT p_cur refcursor)
LANGUAGE plpgsql AS $$
BEGIN
  OPEN p_cur FOR
    SELECT CASE WHEN g = p_fail_at THEN g / 0 ELSE g END AS "N", p_tag::varchar(20) AS "TAG",
           (p_since + (g - 1) * interval '1 day')::timestamp(0) AS "SINCE",
           (12345678901234567890 + g)::numeric(20) AS "BIG", (g + 0.5)::numeric(16,2) AS "AMOUNT"
    FROM generate_series(1, p_n) AS g;
END $$;
CREATE PROCEDURE HUB_TX_SCALAR(p_a numeric, OUT p_result numeric)
LANGUAGE plpgsql AS $$ BEGIN p_result := p_a * 2; END $$;
CREATE PROCEDURE HUB_TX_SET(p_v varchar, OUT p_result numeric)
LANGUAGE plpgsql AS $$ BEGIN INSERT INTO hub_tx_log VALUES (p_v); p_result := 1; END $$;
CREATE PROCEDURE HUB_TX_BUSY(OUT p_result numeric)
LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ORA-00054: resource busy and acquire with NOWAIT specified'; END $$;
CREATE PROCEDURE HUB_TX_SLEEP(p_s numeric, OUT p_result numeric)
LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(p_s); p_result := 1; END $$;
`;

/**
 * A TCP relay that can stop forwarding: the legacy side "hangs" without closing anything. With
 * `budget` set, it hangs by itself once that many more bytes have gone from the server to the client.
 */
function hangingProxy(target: { host: string; port: number }) {
  const state = { hang: false, budget: undefined as number | undefined, sockets: new Set<net.Socket>() };
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    state.sockets.add(client).add(upstream);
    client.on('data', (d) => { if (!state.hang) upstream.write(d); });
    upstream.on('data', (d: Buffer) => {
      if (state.hang) return;
      if (state.budget !== undefined && d.length >= state.budget) {
        client.write(d.subarray(0, state.budget));
        state.hang = true;
        return;
      }
      if (state.budget !== undefined) state.budget -= d.length;
      client.write(d);
    });
    const end = () => { client.destroy(); upstream.destroy(); };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  return {
    state,
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))),
    close: () => new Promise<void>((resolve) => { for (const s of state.sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

interface Backend {
  url: string;
  target: { host: string; port: number };
  stop(): Promise<void>;
}

async function pgliteBackend(): Promise<Backend> {
  const db = await PGlite.create();
  await db.exec(DDL);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  const port = Number(server.getServerConn().split(':')[1]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    target: { host: '127.0.0.1', port },
    stop: async () => { await server.stop(); await db.close(); },
  };
}

async function serverBackend(base: string): Promise<Backend> {
  const schema = `hub_tx_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path TO ${schema}`);
  await admin.query(DDL);
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    target: { host: u.hostname, port: Number(u.port || 5432) },
    stop: async () => { await admin.query(`DROP SCHEMA ${schema} CASCADE`); await admin.end(); },
  };
}

async function collect(it: AsyncIterable<Record<string, unknown>[]>) {
  const out: Record<string, unknown>[][] = [];
  for await (const b of it) out.push(b);
  return out;
}

const curParams = (n: number, failAt: number | null = null) => [
  { name: 'p_n', type: 'number' as const, value: n },
  { name: 'p_tag', type: 'string' as const, value: 'x' },
  { name: 'p_since', type: 'date' as const, value: '2026-01-01 08:30:00' },
  { name: 'p_fail_at', type: 'number' as const, value: failAt },
];

function defineSuite(name: string, start: () => Promise<Backend>) {
  describe(name, () => {
    let backend: Backend;
    const opened: PostgresTransport[] = [];
    beforeAll(async () => { backend = await start(); });
    afterAll(async () => { await backend?.stop(); });
    afterEach(async () => { await Promise.all(opened.splice(0).map((t) => t.close())); });

    function open(extra: Partial<PostgresTransportConfig> = {}) {
      const t = new PostgresTransport({ system: 'sys97', connectionString: backend.url, poolSize: 1, ...extra });
      opened.push(t);
      return t;
    }
    /** On the one pooled connection: no open portal, no open transaction (SET LOCAL is gone). */
    async function assertClean(t: PostgresTransport) {
      expect(t.pool.totalCount - t.pool.idleCount).toBe(0);
      // now() is the transaction's start: it equals the statement's only outside an open transaction.
      const { rows } = await t.pool.query<{ cursors: number; inTxn: boolean; app: string }>(
        `SELECT (SELECT count(*)::int FROM pg_cursors) AS cursors, now() <> statement_timestamp() AS "inTxn",
                current_setting('application_name') AS app`);
      expect(rows[0]).toMatchObject({ cursors: 0, inTxn: false });
      expect(rows[0]!.app).not.toMatch(/bss-hub:/);
    }

    /** A transport behind a proxy that can be made to hang; closed, with the proxy, after `fn`. */
    async function overHangingProxy(
      extra: Partial<PostgresTransportConfig>,
      fn: (t: PostgresTransport, proxy: ReturnType<typeof hangingProxy>) => Promise<void>,
    ): Promise<void> {
      const proxy = hangingProxy(backend.target);
      const u = new URL(backend.url);
      u.port = String(await proxy.listen());
      const t = open({ connectionString: u.toString(), ...extra });
      try {
        await fn(t, proxy);
      } finally {
        await t.close();
        opened.splice(opened.indexOf(t), 1);
        await proxy.close();
      }
    }

    it('CALLs with the cursor OUT as NULL, FETCHes in batches, values arrive as text', async () => {
      const t = open();
      const batches = await collect(t.callCursor('HUB_TX_CUR', curParams(7), { fetchSize: 3, action: 'sync:97-4' }));
      expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
      expect(batches[0]![0]).toEqual({ N: 1, TAG: 'x', SINCE: '2026-01-01 08:30:00', BIG: '12345678901234567891', AMOUNT: '1.50' });
      expect(batches[2]![0]).toMatchObject({ N: 7, SINCE: '2026-01-07 08:30:00' });
      await assertClean(t);
    });

    it('ROLLBACKs and releases the client when a FETCH fails mid-read', async () => {
      const t = open();
      const seen: number[] = [];
      const err = await (async () => {
        for await (const b of t.callCursor('HUB_TX_CUR', curParams(9, 8), { fetchSize: 3, pointId: '97-4' })) seen.push(...b.map((r) => r.N as number));
      })().catch((e: unknown) => e);
      expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
      expect(err).toBeInstanceOf(LegacyError);
      expect(err).toMatchObject({ kind: 'permanent', code: 'PG-22012', pointId: '97-4' });
      await assertClean(t);
    });

    it('closes the portal, ends the transaction and releases the client on consumer break', async () => {
      const t = open();
      for await (const b of t.callCursor('HUB_TX_CUR', curParams(7), { fetchSize: 3 })) {
        expect(b).toHaveLength(3);
        break;
      }
      await assertClean(t);
    });

    it('answers p_result as a number, and COMMITs what the procedure wrote', async () => {
      const t = open();
      await expect(t.callScalar('HUB_TX_SCALAR', [{ name: 'p_a', type: 'number', value: 21 }])).resolves.toBe(42);
      await expect(t.callScalar('HUB_TX_SET', [{ name: 'p_v', type: 'string', value: 'w1' }])).resolves.toBe(1);
      const other = new pg.Client({ connectionString: backend.url });
      await other.connect();
      try {
        expect((await other.query("SELECT count(*)::int AS n FROM hub_tx_log WHERE v = 'w1'")).rows[0]).toEqual({ n: 1 });
      } finally {
        await other.end();
      }
      await assertClean(t);
    });

    it('classifies the ORA code the procedure raised as transient', async () => {
      const t = open();
      await expect(t.callScalar('HUB_TX_BUSY', [])).rejects.toMatchObject({ kind: 'transient', code: 'ORA-00054', system: 'sys97' });
      await expect(t.callScalar('HUB_TX_NO_SUCH', [])).rejects.toMatchObject({ kind: 'permanent', code: 'PG-42883' });
      await assertClean(t);
    });

    it('streams a table with COPY, :1 binds as literals, in batches of fetchSize', async () => {
      const t = open();
      const sql = "SELECT g AS \"N\", (g + 0.25)::numeric(16,2) AS \"COST\" FROM generate_series(1, :1) g WHERE 'a:b' <> :2 -- :x";
      const batches = await collect(t.queryStream(sql, [5, "z'\\"], { fetchSize: 2 }));
      expect(batches.map((b) => b.map((r) => r.N))).toEqual([[1, 2], [3, 4], [5]]);
      expect(batches[0]![0]).toEqual({ N: 1, COST: '1.25' });
      await assertClean(t);
    });

    it('streams the values a SELECT through the same driver types gives, whatever the text holds', async () => {
      const t = open();
      const sql = `SELECT g AS "N", v."T", v."TS", v."AMOUNT", v."F", v."B", v."BIG", v."D"
        FROM generate_series(1, 3) g CROSS JOIN (VALUES
          (E'tab\\there\\nnew line\\\\back\\rcr', '2026-01-01 08:30:00'::timestamp(0), 12.5::numeric(16,2), 1.5::float8, true, 9007199254740993::int8, '2026-02-03'::date),
          (E'\\\\N', NULL, NULL, NULL, NULL, NULL, NULL),
          ('', '1999-12-31 23:59:59'::timestamp(0), -0.01::numeric(16,2), -2.25::float8, false, -1::int8, NULL),
          ('昆明 – 工行 ☎ 𠀋', NULL, 0::numeric(16,2), 0::float8, NULL, 0::int8, NULL)
        ) AS v("T", "TS", "AMOUNT", "F", "B", "BIG", "D") WHERE g <= :1 ORDER BY g, v."T"`;
      const streamed = (await collect(t.queryStream(sql, [3], { fetchSize: 5 }))).flat();
      const direct = new pg.Client({ connectionString: backend.url, types: legacyTextTypes });
      await direct.connect();
      try {
        const { rows } = await direct.query(sql.replace(':1', '$1'), [3]);
        expect(rows).toHaveLength(12);
        expect(streamed).toEqual(rows);
        expect(streamed.map((r) => Object.keys(r))).toEqual(rows.map((r) => Object.keys(r)));
      } finally {
        await direct.end();
      }
      expect(streamed.find((r) => r.T === '\\N')).toMatchObject({ TS: null, AMOUNT: null });
      expect(streamed).toContainEqual(expect.objectContaining({ T: 'tab\there\nnew line\\back\rcr', BIG: '9007199254740993', B: true, F: 1.5 }));
      await assertClean(t);
    });

    it('a consumer that stops early destroys the connection: a COPY cannot be told to stop', async () => {
      const t = open();
      for await (const b of t.queryStream('SELECT g AS "N" FROM generate_series(1, 100000) g', [], { fetchSize: 10 })) {
        expect(b).toHaveLength(10);
        break;
      }
      expect(t.pool.totalCount).toBe(0);
      await assertClean(t);
    });

    it('ROLLBACKs and releases the client when the server fails mid-COPY', async () => {
      const t = open();
      const seen: number[] = [];
      const sql = 'SELECT CASE WHEN g = 9000 THEN g / 0 ELSE g END AS "N" FROM generate_series(1, 10000) g';
      const err = await (async () => {
        for await (const b of t.queryStream(sql, [], { fetchSize: 1000, pointId: 'JF-7' })) seen.push(...b.map((r) => r.N as number));
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LegacyError);
      expect(err).toMatchObject({ kind: 'permanent', code: 'PG-22012', pointId: 'JF-7' });
      expect(seen.length % 1000).toBe(0);
      expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
      await assertClean(t);
    });

    it('refuses a bind it cannot write as a literal before reaching the server', async () => {
      const t = open();
      await expect(collect(t.queryStream('SELECT 1 AS "N" WHERE 1 = :1', [{ a: 1 }]))).rejects.toThrow(/cannot stream/);
      await expect(collect(t.queryStream('SELECT 1 AS "N" WHERE 1 = :1', [Number.NaN]))).rejects.toThrow(/finite/);
      expect(t.pool.totalCount - t.pool.idleCount).toBe(0);
    });

    it('a server that hangs mid-COPY does not hold the pool slot: the client timer destroys the connection', async () => {
      await overHangingProxy({ timeoutMs: 300, graceMs: 50 }, async (t, proxy) => {
        const seen: number[] = [];
        // 64 KiB reach the hub (a few hundred rows), then nothing: however the server buffers its output.
        proxy.state.budget = 64 * 1024;
        const err = await (async () => {
          for await (const b of t.queryStream('SELECT g AS "N", repeat(\'x\', 200) AS "PAD" FROM generate_series(1, 20000) g', [], { fetchSize: 100 })) {
            seen.push(b.length);
          }
        })().catch((e: unknown) => e);
        expect(seen.length).toBeGreaterThan(0);
        expect(err).toBeInstanceOf(LegacyTimeoutError);
        expect(err).toMatchObject({ code: 'CLIENT-TIMEOUT', kind: 'transient' });
        expect(t.pool.totalCount).toBe(0);
      });
    });

    it('a hanging server does not hold the pool slot: the client timer destroys the connection', async () => {
      await overHangingProxy({ timeoutMs: 100, graceMs: 50 }, async (t, proxy) => {
        await expect(t.callScalar('HUB_TX_SCALAR', [{ name: 'p_a', type: 'number', value: 1 }])).resolves.toBe(2);
        proxy.state.hang = true;
        const started = Date.now();
        const err = await t.callScalar('HUB_TX_SCALAR', [{ name: 'p_a', type: 'number', value: 1 }]).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(LegacyTimeoutError);
        expect(err).toMatchObject({ code: 'CLIENT-TIMEOUT', kind: 'transient' });
        expect(Date.now() - started).toBeLessThan(2_000);
        expect(t.pool.totalCount).toBe(0);
        proxy.state.hang = false;
        await expect(t.callScalar('HUB_TX_SCALAR', [{ name: 'p_a', type: 'number', value: 2 }])).resolves.toBe(4);
      });
    });

    it('an abort signal destroys the connection and frees the slot', async () => {
      await overHangingProxy({}, async (t, proxy) => {
        await t.check();
        proxy.state.hang = true;
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 30);
        const err = await collect(t.callCursor('HUB_TX_CUR', curParams(3), { signal: ac.signal })).catch((e: unknown) => e);
        expect(err).toMatchObject({ name: 'LegacyTimeoutError', code: 'ABORTED' });
        expect(t.pool.totalCount).toBe(0);
      });
    });

    it('under withLegacyPolicy the policy deadline cuts a hang and the pool slot comes back', async () => {
      // Transport bound far away: only the policy's abort signal can end this call in time.
      await overHangingProxy({ timeoutMs: 60_000 }, async (t, proxy) => {
        // 1 s: long enough for the good calls on a loaded machine, far below the transport bound.
        const policy = new LegacyResilience({ sys97: { concurrency: 1, timeoutMs: 1_000, retries: 0 } });
        const read = () => policy.withLegacyPolicy('sys97', 'read', async ({ signal }) => {
          const rows: Record<string, unknown>[] = [];
          for await (const b of t.callCursor('HUB_TX_CUR', curParams(2), { signal })) rows.push(...b);
          return rows.length;
        });
        await expect(read()).resolves.toBe(2);
        proxy.state.hang = true;
        await expect(read()).rejects.toBeInstanceOf(LegacyTimeoutError);
        await expect.poll(() => policy.stats('sys97').inFlight).toBe(0);
        expect(t.pool.totalCount).toBe(0);
        proxy.state.hang = false;
        await expect(read()).resolves.toBe(2);
      });
    });

    it('reports health', async () => {
      const t = open();
      expect(await t.check()).toMatchObject({ ok: true, version: expect.stringContaining('PostgreSQL') });
      const dead = open({ connectionString: 'postgres://x@127.0.0.1:1/none', connectTimeoutMs: 500 });
      expect(await dead.check()).toMatchObject({ ok: false });
      await expect(dead.callScalar('HUB_TX_SCALAR', [])).rejects.toMatchObject({ kind: 'transient', code: 'ECONNREFUSED' });
    });
  });
}

defineSuite('postgres transport on PGlite behind a socket', pgliteBackend);
const serverUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!serverUrl)('PostgreSQL server — set TEST_DATABASE_URL to run', () => {
  defineSuite('postgres transport on a PostgreSQL server', () => serverBackend(serverUrl as string));

  it('the server cancels a slow statement itself (statement_timeout) and the connection stays pooled', async () => {
    const b = await serverBackend(serverUrl as string);
    const t = new PostgresTransport({ system: 'billing', connectionString: b.url, poolSize: 1, graceMs: 5_000 });
    try {
      const err = await t.callScalar('HUB_TX_SLEEP', [{ name: 'p_s', type: 'number', value: 3 }], { timeoutMs: 150 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'LegacyTimeoutError', code: 'PG-57014' });
      expect(t.pool.totalCount).toBe(1);
      await expect(t.callScalar('HUB_TX_SCALAR', [{ name: 'p_a', type: 'number', value: 3 }])).resolves.toBe(6);
    } finally {
      await t.close();
      await b.stop();
    }
  });
});

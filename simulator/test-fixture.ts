// Shared by the simulator's tests: a small, hand-written legacy world whose every value a test can
// name, the two storage modes to run against, and the hub's way of calling a procedure over
// node-postgres (BEGIN, CALL, FETCH from the portal, COMMIT).

import pg from 'pg';
import type { SimulatorHandle } from './index.ts';

export interface Mode {
  name: 'pglite' | 'server';
  databaseUrl?: string;
}

/**
 * PGlite always; the PostgreSQL server too when TEST_DATABASE_URL is set. Each test file gets its own
 * database on the server (<db>_<suffix>), since the simulator drops and recreates its schemas.
 */
export async function modes(suffix: string): Promise<Mode[]> {
  const base = process.env.TEST_DATABASE_URL;
  if (base === undefined || base === '') return [{ name: 'pglite' }];
  const url = new URL(base);
  const name = `${url.pathname.slice(1)}_${suffix}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return [{ name: 'pglite' }, { name: 'server', databaseUrl: url.toString() }];
}

export const SYS97_FIXTURE = `
INSERT INTO DKH_CUSTOMER ("DKH_ID", "DKH_CARDID", "DKHNAME", "USERTYPE", "EXCH", "BAREA", "CONN_PERSON", "CONN_TELE",
                          "ADDR", "POSTCARD", industry_code, local_network, level, tier, status, status_time, changed_at)
VALUES (1, '1203100001', '工行昆明分行', '大客户', '昆明局', '五华区', '张三', '13800000001', '昆明市东风路1号', '650000',
        'J66', '0871', 2, 'city', 'formal', '2025-01-01', '2025-01-01'),
       (2, '2205100002', '云南白药集团', '商业客户', '玉溪局', '红塔区', '李四', '13800000002', '玉溪市北路2号', '653100',
        'C27', '0877', 2, 'city', 'formal', '2025-01-01', '2025-01-01');
INSERT INTO DKH_ACCOUNT VALUES
  ('HT0000001', 1, '昆明工行', '托收', '工商银行', '6222000000000001', '昆明', '650000'),
  ('HT0000003', 1, '昆明工行二部', '现金', NULL, NULL, '昆明', '650000'),
  ('HT0000002', 2, '云南白药', '托收', '农业银行', '6228000000000002', '玉溪', '653100');
INSERT INTO DKH_SERVICE ("SERV97_ID", "ACC_CODE", "ACCT_NBR", "DKH_ID", "PERSON", "ACC_SERVTYPE", "ACC_CUSTNAME",
                         "ACC_PARENTNAME", "ACC_SITUATED", "ACC_PAYPOSTAL", "ACC_USEDATE", serv_level, monthly_base)
VALUES (332001010188, '08713100001', 'HT0000001', 1, '王五', '电话', '工行营业部', '工行昆明分行', '东风路1号', '650000',
        '2020-05-06 07:08:09', 'A', 5000),
       (332001010189, '08713100002', 'HT0000001', 1, '赵六', '数据', '工行机房', '工行昆明分行', '东风路1号', '650000',
        '2021-01-01 00:00:00', 'A', 3000),
       (332001010190, '08775100003', 'HT0000002', 2, '孙七', '电话', '白药总部', '云南白药集团', '北路2号', '653100',
        '2019-03-04 00:00:00', 'AA', 8000);
INSERT INTO SO_ORDER ("SO_NBR", "VIP", "SERV_NBR", "ACC_SERVTYPE", "SO_DATE", "CURR_TACHE", finished) VALUES
  ('SO20260001', 1, '08713100001', '电话', '2026-01-02 10:00', '外线施工', false),
  ('SO20260002', 2, '08775100003', '电话', '20260105', '派单', false),
  ('SO20250009', 1, '08713100002', '数据', '2025-12-01', '竣工', true);
INSERT INTO SO_STEP ("SO_NBR", step_no, "WORK_AREA", "WORK_GROUP", "STAFF_NAME", "ENTER_TIME", "OUT_TIME", "SX",
                     "TD_TIME", "TD_REASON") VALUES
  ('SO20260001', 2, '外线施工', '外线二班', '周八', '2026-01-02 14:00', NULL, 24, NULL, NULL),
  ('SO20260001', 1, '受理', '营业厅', '吴九', '2026-01-02 10:00', '2026-01-02 10:30', 2, NULL, NULL),
  ('SO20260002', 1, '受理', '营业厅', '郑十', '20260105', '20260105', 2, '20260106', '资料不全');
INSERT INTO VIP97_SO_PROCESS VALUES
  ('SO20250009', 1, '08713100002', '数据', '新装', '2025-12-01', '2025-12-03', '竣工', 48, 50);
INSERT INTO VIP97_ONCE_FEE VALUES
  (1, '1203100001', 'SO20250009', '08713100002', '装机费', 200, '2025-12-03 00:00:00'),
  (2, '1203100001', 'SO20260001', '08713100001', '移机费', 100, '2026-01-02 00:00:00'),
  (3, '2205100002', 'SO20260002', '08775100003', '装机费', 200, '2026-01-05 00:00:00');
INSERT INTO VIP97_PRODUCT VALUES ('P001', '商务领航', '套餐'), ('P002', '数字电路', '数据');
INSERT INTO sim_change_log (dkh_cardid, changed_at) VALUES
  ('1203100001', '2024-01-01 10:00:00+08'), ('1203100001', '2024-01-03 10:00:00+08'),
  ('2205100002', '2024-01-02 10:00:00+08');
`;

export const BILLING_FIXTURE = `
INSERT INTO AREA VALUES (1, '0871', '昆明'), (2, '0877', '玉溪');
INSERT INTO ITEM VALUES ('01', '月租费'), ('02', '国内长途'), ('03', '信息费');
INSERT INTO PRIVATE_NET VALUES ('M001', '08713100000', '08713109999', '工行专网');
INSERT INTO bill_fee VALUES
  ('08713100001', 'HT0000001', '1203100001', '01', 100.00, 20260101, '营业部一号线', '昆明工行'),
  ('08713100001', 'HT0000001', '1203100001', '02', 23.45, 20260101, '营业部一号线', '昆明工行'),
  ('08713100002', 'HT0000001', '1203100001', '01', 80.00, 20260101, '工行机房', '张三'),
  ('08775100003', 'HT0000002', '2205100002', '01', 300.00, 20260101, '白药总部', '云南白药'),
  ('08713100001', 'HT0000001', '1203100001', '01', 100.00, 20260201, '营业部一号线', '昆明工行'),
  ('08713100001', 'HT0000001', '1203100001', '01', 100.00, 20260301, '营业部一号线', '昆明工行');
INSERT INTO bill_call VALUES
  ('1203100001', '08713100001', '01088880000', '1', '010', '2026-01-05 09:00:00', 'HT0000001', 120, 1.20, 20260101),
  ('2205100002', '08775100003', '02188880000', '1', '021', '2026-01-06 09:00:00', 'HT0000002', 60, 0.60, 20260101);
INSERT INTO bill_top1000 VALUES ('HT9000001', 9000.00, 20260101), ('HT9000002', 8000.00, 20260101);
INSERT INTO bill_payment VALUES ('HT0000001', 20260101, 20260115), ('HT0000002', 20260101, NULL);
`;

export async function seed(sim: SimulatorHandle): Promise<void> {
  await sim.db.sys97.exec(SYS97_FIXTURE);
  await sim.db.billing.exec(BILLING_FIXTURE);
}

export interface CursorAnswer {
  columns: string[];
  rows: Array<Record<string, unknown>>;
}

/** The hub's calling convention: BEGIN; CALL …; FETCH FORWARD n until empty; CLOSE; COMMIT. */
export async function callCursor(client: pg.Client, call: string, params: unknown[] = [], batch = 2): Promise<CursorAnswer> {
  await client.query('BEGIN');
  try {
    const answer = await client.query<{ p_cur: string }>(call, params);
    const portal = answer.rows[0]?.p_cur;
    if (portal === undefined) throw new Error(`${call}: no p_cur in ${JSON.stringify(answer.rows)}`);
    const quoted = `"${portal.replace(/"/g, '""')}"`;
    const rows: Array<Record<string, unknown>> = [];
    let columns: string[] = [];
    for (;;) {
      const page = await client.query(`FETCH FORWARD ${batch} FROM ${quoted}`);
      columns = page.fields.map((f) => f.name);
      if (page.rows.length === 0) break;
      rows.push(...(page.rows as Array<Record<string, unknown>>));
    }
    await client.query(`CLOSE ${quoted}`);
    await client.query('COMMIT');
    return { columns, rows };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

export async function callScalar(client: pg.Client, call: string, params: unknown[]): Promise<number> {
  const { rows } = await client.query<{ p_result: string }>(call, params);
  return Number(rows[0]?.p_result);
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

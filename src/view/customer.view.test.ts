import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, sql, type Principal } from '../api/platform/index.ts';
import { seedView } from '../api/resources/test-seed.ts';
import { PLAN_PER_CALL, type Database } from '../store/database.ts';
import { openMigrated, testEngines } from '../store/test-kit.ts';
import { customerSource } from './customer.view.ts';

const admin: Principal = { subject: 'staff:A1', role: 'province_admin', via: 'jwt' };

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

describe('customerSource', () => {
  it('marks a name search to be planned per call: the best plan depends on the term (trigrams need 3 characters)', () => {
    expect(customerSource(admin, { name: '医院' }).where.text).toContain(PLAN_PER_CALL);
    expect(customerSource(admin, { vipNumber: '1510600001' }).where.text).not.toContain(PLAN_PER_CALL);
  });

  it('without a name search the rank is a constant of the statement, not a parameter a generic plan could not fold', () => {
    expect(customerSource(admin).from.params).toEqual([]);
    expect(customerSource(admin, { name: '医院' }).from.params).toEqual(['医院', '医院']);
  });
});

describe.each(testEngines())('the customer list on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(engine);
    await seedView(db);
  });
  afterAll(() => engine.dispose());

  it('reads its default order (rank, name, id) from the name index instead of sorting the scope', async () => {
    const source = customerSource(admin);
    const page = render(sql`SELECT ${source.select} FROM ${source.from} WHERE ${source.where} ORDER BY c.match_rank, c.name, c.id LIMIT 21`);
    const plan = await db.transaction(async (tx) => {
      // A sort stays possible, at a prohibitive cost: the plan shows whether the order needs one.
      await tx.exec('SET LOCAL enable_sort = off');
      const { rows } = await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${page.text}`, page.params);
      return rows[0]!['QUERY PLAN'][0].Plan;
    });
    // The page is the first entries of the index; sorts inside the per-row subqueries are theirs.
    expect(plan['Node Type']).toBe('Limit');
    expect(plan.Plans?.[0]).toMatchObject({ 'Node Type': expect.stringMatching(/^Index (Only )?Scan$/), 'Index Name': 'customer_name_order' });
    const { rows } = await db.query<{ name: string; id: string }>(page.text, page.params);
    expect(rows.length).toBeGreaterThan(2);
    const sorted = [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    expect(rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
  });
});

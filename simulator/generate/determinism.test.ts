// The province is a pure function of (seed, now, options): same seed, same rows; another seed, other
// rows; and each customer is derived alone, so customer #5 is the same in every province size and
// the same whether it is regenerated alone or met in the middle of the stream.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { copyLine } from './copy-format.ts';
import { deriveCustomer } from './customer.ts';
import { customerRows, defineProvince, provinceRows, type TableRow } from './province.ts';
import { TABLES, gbkBytes } from './tables.ts';

const now = new Date('2026-03-15T10:00:00+08:00');

function hashOf(rows: Iterable<TableRow>): string {
  const h = createHash('sha256');
  for (const [table, row] of rows) h.update(`${table}\t${copyLine(row)}`);
  return h.digest('hex');
}

describe('determinism', () => {
  it('gives identical rows for the same seed and different rows for another seed', () => {
    const a = hashOf(provinceRows(defineProvince({ size: 'tiny', now })));
    const b = hashOf(provinceRows(defineProvince({ size: 'tiny', now })));
    const c = hashOf(provinceRows(defineProvince({ size: 'tiny', now, seed: 7 })));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('derives customer #5 the same way in the tiny and the demo province', () => {
    const tiny = defineProvince({ size: 'tiny', now });
    const demo = defineProvince({ size: 'demo', now });
    // The CDR volume is a size preset; with equal volume every row must match.
    const demoSameCalls = defineProvince({ size: 'demo', now, callsPerService: tiny.ctx.callsPerService, cdrCycles: tiny.ctx.cdrCycles });
    const rows5 = (ctx: typeof tiny.ctx): TableRow[] => [...customerRows(ctx, 5)];
    expect(rows5(demoSameCalls.ctx)).toEqual(rows5(tiny.ctx));
    const noCalls = (rows: TableRow[]): TableRow[] => rows.filter(([t]) => t !== 'bill_call');
    expect(noCalls(rows5(demo.ctx))).toEqual(noCalls(rows5(tiny.ctx)));
    expect(rows5(tiny.ctx).length).toBeGreaterThan(10);
  });

  it('regenerates a customer alone exactly as the stream produced it', () => {
    const p = defineProvince({ size: 'tiny', now });
    const target = deriveCustomer(p.ctx, 17).dkhId;
    const seen: TableRow[] = [];
    let inside = false;
    for (const tr of provinceRows(p)) {
      if (tr[0] === 'dkh_customer') inside = tr[1][0] === target;
      if (inside) seen.push(tr);
    }
    expect(seen).toEqual([...customerRows(p.ctx, 17)]);
  });
});

describe('legacy widths', () => {
  it('keeps every generated text within its VARCHAR2 width in GBK bytes', () => {
    const p = defineProvince({ size: 'demo', now, customers: 600 });
    const over: string[] = [];
    let checked = 0;
    for (const [table, row] of provinceRows(p)) {
      TABLES[table].columns.forEach((col, i) => {
        const value = row[i];
        if (col.width === undefined || typeof value !== 'string') return;
        checked++;
        if (gbkBytes(value) > col.width && over.length < 10) over.push(`${table}.${col.name}=${value}`);
      });
      expect(row.length).toBe(TABLES[table].columns.length);
    }
    expect(over).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });

  it('counts CJK characters as two bytes', () => {
    expect(gbkBytes('HT10000500')).toBe(10);
    expect(gbkBytes('昆明市五华区')).toBe(12);
  });

  it('lays the VIP number out as type, level, region, industry, serial', () => {
    const p = defineProvince({ size: 'tiny', now });
    for (let i = 0; i < 60; i++) {
      const c = deriveCustomer(p.ctx, i);
      expect(c.vip).toMatch(/^[12][1-5]\d{2}\d\d{5}$/);
      expect(c.vip[1]).toBe(String(c.level));
      expect(c.vip[0]).toBe(c.tier === 'other' ? '2' : '1');
      expect(c.vip.slice(5)).toBe(String(i + 1).padStart(5, '0'));
    }
  });
});

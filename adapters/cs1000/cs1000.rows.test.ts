// The shapes node-soap has handed over for `Rows` across versions (integration notes, SOAP), the
// current one included: the simulator and nock tests only reach the shapes soap 1.13 produces.

import { describe, expect, it } from 'vitest';
import { checkRows, rowsOf } from './cs1000.rows.ts';

const ROW = { VIP: '1203000417', AccNbr: '057187650002', StartTime: '2026-01-28 07:00:00' };

describe('rowsOf', () => {
  it.each([
    ['an array of rows', { Row: [ROW, ROW] }, [ROW, ROW]],
    ['a lone object (older node-soap with one Row)', { Row: ROW }, [ROW]],
    ['an empty Rows read as null', null, []],
    ['Rows absent', undefined, []],
    ['an empty Rows read as ""', '', []],
    ['a Rows without Row', {}, []],
    ['Row read as null', { Row: null }, []],
    ['several Rows wrappers', [{ Row: ROW }, { Row: [ROW] }], [ROW, ROW]],
  ])('%s', (_label, rows, expected) => {
    expect(rowsOf(rows)).toEqual(expected);
  });
});

describe('checkRows', () => {
  it('a Row that is text, not an element with fields, is ok:false and kept', () => {
    expect(checkRows('CS-3', rowsOf({ Row: ['garbage', ROW] }))).toEqual([
      { ok: false, raw: { Row: 'garbage' }, errors: [{ path: '/', message: 'must be a Row element with fields' }] },
      { ok: true, row: ROW },
    ]);
  });

  it('garbled text is caught with the contract errors of the same row', () => {
    const row = { ...ROW, Staff: `郑${'爽'.repeat(20)}`, Description: 'a\u0001b' };
    const [checked] = checkRows('CS-3', [row]);
    expect(checked).toEqual({
      ok: false,
      raw: row,
      errors: [
        { path: '/Staff', message: 'must NOT have more than 20 characters' },
        { path: '/Description', message: 'holds a replacement or control character (text garbled by a charset mismatch)' },
      ],
    });
  });

  it('a lone surrogate is garbled text; a real supplementary character is not', () => {
    expect(checkRows('CS-3', [{ ...ROW, Description: 'x\uD83D' }])[0]?.ok).toBe(false);
    expect(checkRows('CS-3', [{ ...ROW, Description: '𠀀' }])[0]?.ok).toBe(true);
  });

  it('keys are compared after normalisation, and a bad row never claims a key', () => {
    const bad = { ...ROW, Staff: 'x'.repeat(21) };
    expect(checkRows('CS-3', [bad, ROW, { ...ROW, Description: 'again' }]).map((r) => r.ok)).toEqual([false, true, false]);
  });
});

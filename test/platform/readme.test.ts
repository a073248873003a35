// The README's environment table is what operators read; it must name exactly the variables the
// configuration reads, with the same defaults.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from '../../src/config/variables.ts';

const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
const rows = new Map(
  [...readme.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]),
);

describe('README environment table', () => {
  it('has one row per configuration variable and no other', () => {
    expect([...rows.keys()].sort()).toEqual(VARIABLES.map((v) => v.name).sort());
  });

  it.each(VARIABLES.map((v) => [v.name, v.default]))('gives %s the default %s', (name, fallback) => {
    expect(rows.get(name)).toBe(fallback);
  });
});

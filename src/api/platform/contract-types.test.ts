// scripts/gen-types.ts also types the API contracts: one file per contract, file references resolved,
// and the stale check covers contracts/generated/api like the legacy folder. Runs on a temporary copy.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, write } from '../../../scripts/gen-types.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
let root = '';
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bss-hub-api-types-'));
  cpSync(path.join(REPO, 'contracts/legacy'), path.join(root, 'contracts/legacy'), { recursive: true });
  mkdirSync(path.join(root, 'contracts/api'), { recursive: true });
  cpSync(path.join(REPO, 'contracts/api/common'), path.join(root, 'contracts/api/common'), { recursive: true });
  writeFileSync(
    path.join(root, 'contracts/api/Gadget.schema.json'),
    JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Gadget',
      type: 'object',
      required: ['id', 'owner'],
      properties: { id: { type: 'string' }, owner: { $ref: './common/EntityRef.schema.json' } },
      additionalProperties: false,
    }),
  );
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('API contract types', () => {
  it('writes one standalone file per contract and reports an edited or missing one', async () => {
    await write(root);
    const gadget = readFileSync(path.join(root, 'contracts/generated/api/Gadget.ts'), 'utf8');
    expect(gadget).toContain('generated, do not edit');
    expect(gadget).toMatch(/export interface Gadget \{[\s\S]*owner: EntityRef;/);
    expect(gadget).toMatch(/export interface EntityRef \{[\s\S]*'@referredType': string;/);
    const error = readFileSync(path.join(root, 'contracts/generated/api/common/Error.ts'), 'utf8');
    expect(error).toMatch(/'@type': 'Error';/);
    expect(await check(root)).toEqual({ stale: [], missing: [], extra: [] });

    writeFileSync(path.join(root, 'contracts/generated/api/common/Money.ts'), 'export {};\n');
    rmSync(path.join(root, 'contracts/generated/api/Gadget.ts'));
    writeFileSync(path.join(root, 'contracts/generated/api/Old.ts'), 'export {};\n');
    expect(await check(root)).toEqual({
      stale: ['contracts/generated/api/common/Money.ts'],
      missing: ['contracts/generated/api/Gadget.ts'],
      extra: ['contracts/generated/api/Old.ts'],
    });
  });
});

// The committed generated types match the contracts, and the stale check notices every way they can
// drift. The drift cases run against a temporary copy so the checkout is never touched.

import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, typeBaseName } from '../../scripts/gen-types.ts';
import { REPO_ROOT } from './spec-tables.ts';

const GENERATED = 'contracts/generated/legacy';

describe('generated types', () => {
  it('are up to date in the checkout', async () => {
    expect(await check(REPO_ROOT)).toEqual({ stale: [], missing: [], extra: [] });
  });

  it('name types after the legacy name', () => {
    expect(typeBaseName('VIP_GET_SERVERS')).toBe('VipGetServers');
    expect(typeBaseName('VIP1000_GET_112_SO')).toBe('Vip1000Get112So');
    const text = readFileSync(path.join(REPO_ROOT, GENERATED, 'sys97/VIP_GET_SERVERS.ts'), 'utf8');
    expect(text).toContain('generated, do not edit');
    expect(text).toMatch(/export interface VipGetServersInput \{/);
    expect(text).toMatch(/export interface VipGetServersRow \{/);
    expect(text).toMatch(/SERV97_ID: string;/);
    expect(readFileSync(path.join(REPO_ROOT, GENERATED, 'billing/VIPJF_GET_QF.ts'), 'utf8')).toMatch(
      /export type VipjfGetQfResult = number;/,
    );
  });
});

describe('the stale check on a temporary copy', () => {
  let root = '';

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'bss-hub-contracts-'));
    cpSync(path.join(REPO_ROOT, 'contracts/legacy'), path.join(root, 'contracts/legacy'), { recursive: true });
    cpSync(path.join(REPO_ROOT, GENERATED), path.join(root, GENERATED), { recursive: true });
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('finds a hand-edited, a deleted and an extra generated file, and a contract changed without regenerating', async () => {
    expect(await check(root)).toEqual({ stale: [], missing: [], extra: [] });
    appendFileSync(path.join(root, GENERATED, 'billing/AREA.ts'), 'export type Edited = 1;\n');
    unlinkSync(path.join(root, GENERATED, 'cs1000/VIP1000_SET_VIP.ts'));
    writeFileSync(path.join(root, GENERATED, 'sys97/OLD_PROCEDURE.ts'), 'export {};\n');
    const contract = path.join(root, 'contracts/legacy/sys97/VIP_GET_SOS.schema.json');
    const schema = JSON.parse(readFileSync(contract, 'utf8')) as { $defs: { row: { properties: Record<string, unknown> } } };
    schema.$defs.row.properties['CURR_TACHE'] = { type: 'integer', 'x-oracle': { type: 'NUMBER', precision: 2, scale: 0 } };
    writeFileSync(contract, JSON.stringify(schema, null, 2));

    expect(await check(root)).toEqual({
      stale: [`${GENERATED}/billing/AREA.ts`, `${GENERATED}/sys97/VIP_GET_SOS.ts`],
      missing: [`${GENERATED}/cs1000/VIP1000_SET_VIP.ts`],
      extra: [`${GENERATED}/sys97/OLD_PROCEDURE.ts`],
    });
  });

  it('exits 1 from the command line and names the stale file', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/gen-types.ts'), '--check', '--root', root],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`stale:   ${GENERATED}/billing/AREA.ts`);
    expect(run.stderr).toContain(`missing: ${GENERATED}/cs1000/VIP1000_SET_VIP.ts`);
  });
});

// Readers of the two markdown tables the contracts answer to: the shared legacy catalogue
// (../shared/spec/legacy-interfaces.md, the legacy facts) and the parameter table of docs/architecture.md
// (this project's calling convention). Parsing the documents, rather than copying their content into the
// tests, is what lets a test fail when a contract drifts from what the documents say.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SPEC_PATH = path.resolve(REPO_ROOT, '../shared/spec/legacy-interfaces.md');
export const ARCHITECTURE_PATH = path.resolve(REPO_ROOT, 'docs/architecture.md');

/** A field the catalogue names, with the Oracle type written right after it when there is one. */
export interface SpecField {
  name: string;
  /** `VARCHAR2`, `NUMBER` or `DATE`; undefined when the catalogue gives no type next to the name. */
  type?: 'VARCHAR2' | 'NUMBER' | 'DATE';
  length?: number;
  precision?: number;
  scale?: number;
  /** The text between this field and the next one mentions "text" (a date held as text). */
  saysText: boolean;
}

export interface SpecPoint {
  id: string;
  /** The legacy name when the catalogue gives one (`VIP_GET_SERVERS`, `table AREA` → `AREA`). */
  legacyName?: string;
  fields: SpecField[];
  /** "every text field VARCHAR2(n)" (97-6). */
  everyTextLength?: number;
}

const ID = /^\|\s*((?:97|JF|CS)-\d+)\s*\|/;
const FIELD = /`([A-Za-z_][A-Za-z0-9_]*)`\s*(VARCHAR2\((\d+)\)|NUMBER(?:\((\d+)(?:,(\d+))?\))?|DATE)?/g;

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
}

function fieldsOf(text: string): SpecField[] {
  const found: SpecField[] = [];
  const matches = [...text.matchAll(FIELD)];
  matches.forEach((m, i) => {
    const next = matches[i + 1];
    const tail = text.slice((m.index ?? 0) + m[0].length, next ? next.index : text.length);
    const typeText = m[2];
    const field: SpecField = { name: m[1] ?? '', saysText: /held as text|\(text\)|\btext dates?\b/i.test(tail) };
    if (typeText?.startsWith('VARCHAR2')) Object.assign(field, { type: 'VARCHAR2', length: Number(m[3]) });
    else if (typeText?.startsWith('NUMBER')) {
      field.type = 'NUMBER';
      if (m[4] !== undefined) Object.assign(field, { precision: Number(m[4]), scale: Number(m[5] ?? 0) });
    } else if (typeText === 'DATE') field.type = 'DATE';
    found.push(field);
  });
  return found;
}

/** The interface points of the shared catalogue, or undefined when the shared spec is not there. */
export function readSpecPoints(): SpecPoint[] | undefined {
  if (!existsSync(SPEC_PATH)) return undefined;
  const points: SpecPoint[] = [];
  for (const line of readFileSync(SPEC_PATH, 'utf8').split('\n')) {
    const id = ID.exec(line)?.[1];
    if (!id) continue;
    const c = cells(line);
    const nameCell = c[1] ?? '';
    // 97 and CS rows: | # | name | in | out | (use) ; JF rows: | # | name | shape |. The "use" column of
    // the 97 table is prose that names other systems' columns (DKH_ID), so it is not read.
    const fieldText = id.startsWith('JF-') ? (c[2] ?? '') : `${c[2] ?? ''} ${c[3] ?? ''}`;
    const legacyName = /^`([A-Z0-9_]+)`/.exec(nameCell)?.[1] ?? /\btable ([A-Z][A-Z0-9_]+)\b/.exec(nameCell)?.[1];
    const every = /every text field VARCHAR2\((\d+)\)/.exec(fieldText);
    points.push({
      id,
      legacyName,
      fields: fieldsOf(fieldText),
      everyTextLength: every ? Number(every[1]) : undefined,
    });
  }
  return points;
}

export interface ArchitectureRow {
  id: string;
  nameCell: string;
  /** Parameter names in call order, with the type when the table writes one. */
  in: Array<{ name: string; oracleType?: string }>;
  out: { name?: 'p_cur' | 'p_result'; oracleType?: string; select: boolean };
}

/** The rows of docs/architecture.md's parameter table. */
export function readArchitectureRows(): ArchitectureRow[] {
  const rows: ArchitectureRow[] = [];
  for (const line of readFileSync(ARCHITECTURE_PATH, 'utf8').split('\n')) {
    const id = ID.exec(line)?.[1];
    if (!id) continue;
    const [, nameCell = '', inCell = '', outCell = ''] = cells(line);
    const params =
      inCell === '—'
        ? []
        : inCell.split(/,\s*(?=p_)/).map((part) => {
            const m = /^(p_\w+)(?:\s+(\S+))?/.exec(part.trim());
            if (!m?.[1]) throw new Error(`architecture.md ${id}: cannot read parameter "${part}"`);
            return m[2] ? { name: m[1], oracleType: m[2] } : { name: m[1] };
          });
    const out = /^(p_cur|p_result)\b(?::?\s*(NUMBER\(\d+\)))?/.exec(outCell);
    rows.push({
      id,
      nameCell,
      in: params,
      out: {
        name: out?.[1] as 'p_cur' | 'p_result' | undefined,
        oracleType: out?.[2],
        select: /SELECT/.test(outCell),
      },
    });
  }
  return rows;
}

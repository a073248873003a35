// A code table maps the legacy's free-ish text (USERTYPE, ACC_SERVTYPE, WORK_AREA …) to a canonical
// code. Tables are JSON so a new legacy spelling is a data change, reviewed like code; they are
// validated when loaded, so a typo in a table stops the hub at start rather than mis-mapping rows.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { searchKey } from '../normalize.ts';

const CODE = /^[a-z][a-z0-9_]*$/;

export const codeTableFileSchema = z.strictObject({
  table: z.string().min(1),
  description: z.string().min(1),
  /** The code for a value no entry matches; null: an unmatched value is an unknown code. */
  fallback: z.string().regex(CODE).nullable(),
  entries: z
    .array(
      z.strictObject({
        code: z.string().regex(CODE),
        /** Whole values, compared in search-key form (case, width and spacing ignored). */
        values: z.array(z.string().min(1)).min(1),
        /** Substrings tried after every exact value failed, in table order. */
        keywords: z.array(z.string().min(1)).optional(),
      }),
    )
    .min(1),
});
export type CodeTableFile = z.infer<typeof codeTableFileSchema>;

export type CodeMatch<C extends string> = { code: C; by: 'value' | 'keyword' | 'fallback' };

export interface CodeTable<C extends string> {
  readonly name: string;
  readonly fallback: C | null;
  readonly codes: readonly C[];
  /** The code for a legacy value; null when nothing matches and the table has no fallback. */
  lookup(legacy: string): CodeMatch<C> | null;
}

/**
 * Builds a table from parsed JSON. `allowed` (when given) is the canonical code set the table must
 * stay inside, e.g. the domain's ServiceType union.
 */
export function buildCodeTable<C extends string>(data: unknown, allowed?: readonly C[]): CodeTable<C> {
  const file = codeTableFileSchema.parse(data);
  const codes = new Set<string>();
  const exact = new Map<string, string>();
  const keywords: Array<[string, string]> = [];
  const check = (code: string, where: string): void => {
    if (allowed && !allowed.includes(code as C)) {
      throw new Error(`code table ${file.table}: ${where} code '${code}' is not one of ${allowed.join(', ')}`);
    }
  };
  for (const entry of file.entries) {
    check(entry.code, 'entry');
    codes.add(entry.code);
    for (const value of entry.values) {
      const key = searchKey(value);
      const previous = exact.get(key);
      if (previous !== undefined && previous !== entry.code) {
        throw new Error(`code table ${file.table}: '${value}' maps to both ${previous} and ${entry.code}`);
      }
      exact.set(key, entry.code);
    }
    for (const keyword of entry.keywords ?? []) keywords.push([searchKey(keyword), entry.code]);
  }
  if (file.fallback !== null) {
    check(file.fallback, 'fallback');
    codes.add(file.fallback);
  }
  const fallback = file.fallback as C | null;
  return {
    name: file.table,
    fallback,
    codes: [...codes] as C[],
    lookup(legacy: string): CodeMatch<C> | null {
      const key = searchKey(legacy);
      const hit = exact.get(key);
      if (hit !== undefined) return { code: hit as C, by: 'value' };
      if (key !== '') {
        for (const [keyword, code] of keywords) if (key.includes(keyword)) return { code: code as C, by: 'keyword' };
      }
      return fallback === null ? null : { code: fallback, by: 'fallback' };
    },
  };
}

/** Reads a JSON file next to the caller (an import.meta.url-relative URL). */
export function readJson(url: URL): unknown {
  try {
    return JSON.parse(readFileSync(url, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read code table ${url.pathname}: ${(err as Error).message}`, { cause: err });
  }
}

export function loadCodeTable<C extends string>(url: URL, allowed?: readonly C[]): CodeTable<C> {
  try {
    return buildCodeTable(readJson(url), allowed);
  } catch (err) {
    throw new Error(`invalid code table ${url.pathname}: ${(err as Error).message}`, { cause: err });
  }
}

// Which of the 10 business categories a charge item belongs to: the HQ uplink's summaries are sums
// per category, so this table decides what HQ sees. Rules live in charge-categories.json.

import { z } from 'zod';
import { BUSINESS_CATEGORIES, type BusinessCategory } from '../../src/domain/billing.ts';
import { readJson } from '../code-tables/code-table.ts';
import { searchKey } from '../normalize.ts';

const categorySchema = z.enum(BUSINESS_CATEGORIES);
const itemCode = z.string().regex(/^[0-9A-Za-z]{1,4}$/); // ITEM is VARCHAR2(4)

const ruleSchema = z
  .strictObject({
    category: categorySchema,
    nameKeywords: z.array(z.string().min(1)).min(1).optional(),
    codePrefixes: z.array(itemCode).min(1).optional(),
    codeRanges: z
      .array(
        z.strictObject({ from: itemCode, to: itemCode }).refine((r) => r.from.length === r.to.length && r.from <= r.to, {
          message: 'a code range needs from <= to, both of one length',
        }),
      )
      .min(1)
      .optional(),
  })
  .refine((r) => r.nameKeywords || r.codePrefixes || r.codeRanges, { message: 'a rule needs a keyword, prefix or range' });

export const chargeCategoryTableSchema = z.strictObject({
  table: z.literal('charge-categories'),
  description: z.string().min(1),
  fallback: categorySchema.nullable(),
  rules: z.array(ruleSchema).min(1),
});
export type ChargeCategoryTable = z.infer<typeof chargeCategoryTableSchema>;

export type CategoryMatch = {
  category: BusinessCategory;
  /** What decided: the item's name, its code, or the table's fallback. */
  by: 'name' | 'code' | 'fallback';
  /** Index of the deciding rule (-1 for the fallback), for tracing a surprising category. */
  rule: number;
};

export interface ChargeCategoryClassifier {
  /** null: no rule matched and the table has no fallback (the caller quarantines: unknown_code). */
  classify(itemCode: string, itemName: string | null): CategoryMatch | null;
}

export function buildChargeCategoryClassifier(data: unknown): ChargeCategoryClassifier {
  const table = chargeCategoryTableSchema.parse(data);
  const rules = table.rules.map((rule) => ({
    category: rule.category,
    keywords: (rule.nameKeywords ?? []).map(searchKey),
    prefixes: (rule.codePrefixes ?? []).map((p) => p.toUpperCase()),
    ranges: (rule.codeRanges ?? []).map((r) => ({ from: r.from.toUpperCase(), to: r.to.toUpperCase() })),
  }));
  const classify = (itemCode: string, itemName: string | null): CategoryMatch | null => {
    const code = itemCode.trim().toUpperCase();
    const name = itemName === null ? '' : searchKey(itemName);
    for (const [index, rule] of rules.entries()) {
      if (name !== '' && rule.keywords.some((k) => name.includes(k))) {
        return { category: rule.category, by: 'name', rule: index };
      }
      const byCode =
        code !== '' &&
        (rule.prefixes.some((p) => code.startsWith(p)) ||
          // Same-length comparison: "123" must not fall inside "1000".."1999" by string order.
          rule.ranges.some((r) => code.length === r.from.length && code >= r.from && code <= r.to));
      if (byCode) return { category: rule.category, by: 'code', rule: index };
    }
    return table.fallback === null ? null : { category: table.fallback, by: 'fallback', rule: -1 };
  };
  // A cycle's charges carry a few dozen (item, name) pairs in millions of rows: the answer of a pair
  // is kept (the rules never change in a classifier's life) so the name's search key is built once.
  // Bounded: a classifier fed ever new pairs starts over rather than grow.
  const known = new Map<string, CategoryMatch | null>();
  return {
    classify(itemCode: string, itemName: string | null): CategoryMatch | null {
      const key = itemName === null ? `${itemCode}\u0000` : `${itemCode}\u0000${itemName}\u0000`;
      let match = known.get(key);
      if (match === undefined) {
        if (known.size >= 10_000) known.clear();
        match = classify(itemCode, itemName);
        known.set(key, match);
      }
      // A copy: the caller owns what it is handed, as before.
      return match === null ? null : { ...match };
    },
  };
}

export const chargeCategories: ChargeCategoryClassifier = (() => {
  const url = new URL('./charge-categories.json', import.meta.url);
  try {
    return buildChargeCategoryClassifier(readJson(url));
  } catch (err) {
    throw new Error(`invalid charge-category table ${url.pathname}: ${(err as Error).message}`, { cause: err });
  }
})();

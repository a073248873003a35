// SQL shared by the read models: a source (select, from, scope) that a collection route pages through
// the platform, and the same source folded into one jsonb array for the customer 360, so a section of
// the 360 is the very query its own resource runs, never a second version of it.

import { and, sql, type SqlFragment } from '../api/platform/index.ts';

export interface ViewSource {
  select: SqlFragment;
  from: SqlFragment;
  /** The caller's data scope ANDed with the source's fixed conditions. */
  where: SqlFragment;
}

/** Developer-written SQL text (an ORDER BY list), never a value. */
export function trusted(text: string): SqlFragment {
  return { text, params: [] };
}

/**
 * The source's rows matching `condition`, as a jsonb array in `orderBy` order (input columns), at most
 * `limit` of them. Correlated conditions may refer to the enclosing query's aliases.
 */
export function jsonArrayOf(source: ViewSource, condition: SqlFragment, orderBy: string, limit: number): SqlFragment {
  const order = trusted(orderBy);
  return sql`(SELECT coalesce(jsonb_agg(to_jsonb(r) - 'ord' ORDER BY r.ord), '[]'::jsonb) FROM (
    SELECT ${source.select}, row_number() OVER (ORDER BY ${order}) AS ord FROM ${source.from}
    WHERE ${and([source.where, condition])} ORDER BY ${order} LIMIT ${limit}) r)`;
}

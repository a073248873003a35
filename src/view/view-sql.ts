// SQL shared by the read models: a source (select, from, scope) that a collection route pages through
// the platform, and that the customer 360 folds into one json array per section
// (customer360.view.ts), so a section of the 360 is the very query its own resource runs.

import type { SqlFragment } from '../api/platform/index.ts';

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


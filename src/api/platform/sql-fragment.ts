// SQL pieces that carry their own parameters, so a filter, a data scope and a cursor can be combined
// into one statement without anyone splicing a value into SQL text. Placeholders are written `?` here
// and numbered `$1…` only once, when the statement is rendered.

export interface SqlFragment {
  readonly text: string;
  readonly params: readonly unknown[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/** A column reference from a developer-written allow-list; anything else is a bug, so it throws. */
export function column(name: string): SqlFragment {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain column name: ${name}`);
  return { text: name, params: [] };
}

/** Tagged template: values become parameters, fragments are inlined with theirs. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (isFragment(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1]!;
  });
  return { text, params };
}

export function isFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && 'text' in value && 'params' in value && Array.isArray((value as SqlFragment).params);
}

export const TRUE: SqlFragment = { text: 'TRUE', params: [] };
export const FALSE: SqlFragment = { text: 'FALSE', params: [] };

export function and(parts: readonly SqlFragment[]): SqlFragment {
  const kept = parts.filter((p) => p !== TRUE);
  if (kept.length === 0) return TRUE;
  if (kept.includes(FALSE)) return FALSE;
  if (kept.length === 1) return kept[0]!;
  return join(kept.map((p) => ({ text: `(${p.text})`, params: p.params })), ' AND ');
}

export function or(parts: readonly SqlFragment[]): SqlFragment {
  if (parts.length === 0) return FALSE;
  if (parts.includes(TRUE)) return TRUE;
  if (parts.length === 1) return parts[0]!;
  return join(parts.map((p) => ({ text: `(${p.text})`, params: p.params })), ' OR ');
}

export function join(parts: readonly SqlFragment[], separator: string): SqlFragment {
  return { text: parts.map((p) => p.text).join(separator), params: parts.flatMap((p) => p.params) };
}

/**
 * `$n` placeholders for the Queryable API. `?` inside quoted literals is left alone, so a fragment
 * may hold `'?'` text, though none of the platform's do.
 */
export function render(fragment: SqlFragment): { text: string; params: unknown[] } {
  let n = 0;
  // A quoted run (to the next quote, or to the end when unclosed) is kept as it is; each `?` outside
  // one becomes the next `$n`. One regex pass: the 360's 6 kB statement was rebuilt a character at a time.
  const text = fragment.text.replace(/'[^']*(?:'|$)|\?/g, (match) => (match === '?' ? `$${++n}` : match));
  if (n !== fragment.params.length) throw new Error(`SQL fragment has ${n} placeholders for ${fragment.params.length} parameters`);
  return { text, params: [...fragment.params] };
}

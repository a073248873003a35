// Personal data leaves the hub masked unless the caller's role may see it; every unmasked disclosure is
// written to hub.audit_log (audit.ts) before the answer goes out.
//
// Who sees what unmasked:
//   idNumber, bankAccount   province_admin only (the data controller's role)
//   personalPhone           province_admin, operations (calls the contact about a fault or an
//                           order) and customer_manager (the customer's own manager: the scope
//                           already limits the rows to their customers)
// area_supervisor, hq and system clients get masked values: they steer and report, they do not call.

import type { Role } from './types.ts';

export const PERSONAL_KINDS = ['idNumber', 'bankAccount', 'personalPhone'] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];

export const UNMASKED_FOR: Readonly<Record<PersonalKind, readonly Role[]>> = {
  idNumber: ['province_admin'],
  bankAccount: ['province_admin'],
  personalPhone: ['province_admin', 'operations', 'customer_manager'],
};

export function maySee(role: Role, kind: PersonalKind): boolean {
  return UNMASKED_FOR[kind].includes(role);
}

// Keep the ends a person uses to recognise a value; star the rest, one star per character hidden, so
// the length stays visible (a clerk can tell a mobile from a landline).
const KEEP: Record<PersonalKind, { head: number; tail: number }> = {
  idNumber: { head: 6, tail: 4 }, // 18-digit resident id: region code and check digits
  bankAccount: { head: 0, tail: 4 },
  personalPhone: { head: 3, tail: 4 },
};

export function mask(value: string, kind: PersonalKind): string;
export function mask(value: string | null | undefined, kind: PersonalKind): string | null | undefined;
export function mask(value: string | null | undefined, kind: PersonalKind): string | null | undefined {
  if (value === null || value === undefined || value === '') return value;
  const chars = [...value];
  const { head, tail } = KEEP[kind];
  // Short values would be shown whole by head+tail; hide all but the last quarter instead.
  if (chars.length <= head + tail + 2) {
    const shown = Math.floor(chars.length / 4);
    return '*'.repeat(chars.length - shown) + chars.slice(chars.length - shown).join('');
  }
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/** Dotted paths into an item; an array on the way applies the rest of the path to each element. */
export type PersonalFields = Readonly<Record<string, PersonalKind>>;

export interface MaskResult<T> {
  item: T;
  /** Paths whose value left unmasked (what the audit records). */
  disclosed: string[];
}

/**
 * The item with the personal fields the role may not see masked. The input is left as it was; only the
 * objects and arrays on the way to a masked value are copied, the rest is shared with the input (a
 * deep copy of a whole 360 was a tenth of its CPU, for the two or three values actually masked).
 */
export function maskItem<T>(item: T, fields: PersonalFields, role: Role): MaskResult<T> {
  const disclosed = new Set<string>();
  let out: unknown = item;
  for (const [path, kind] of Object.entries(fields)) {
    const visible = maySee(role, kind);
    out = rewrite(out, path.split('.'), (value) => {
      if (typeof value !== 'string' || value === '') return value;
      if (visible) {
        disclosed.add(path);
        return value;
      }
      return mask(value, kind);
    });
  }
  return { item: out as T, disclosed: [...disclosed].sort() };
}

/**
 * `node` with `apply` done to the values at `path`; an array on the way applies the rest of the path to
 * each element. Answers `node` itself when nothing under it changed, else a shallow copy.
 */
function rewrite(node: unknown, path: readonly string[], apply: (value: unknown) => unknown): unknown {
  if (Array.isArray(node)) return rewriteEach(node, (element) => rewrite(element, path, apply));
  if (typeof node !== 'object' || node === null || path.length === 0) return node;
  const [head, ...rest] = path as [string, ...string[]];
  if (!Object.hasOwn(node, head)) return node;
  const value = (node as Record<string, unknown>)[head];
  const next = rest.length > 0 ? rewrite(value, rest, apply) : Array.isArray(value) ? rewriteEach(value, apply) : apply(value);
  return next === value ? node : { ...node, [head]: next };
}

function rewriteEach(list: readonly unknown[], fn: (element: unknown) => unknown): unknown[] {
  let copy: unknown[] | undefined;
  list.forEach((element, i) => {
    const next = fn(element);
    if (next !== element) (copy ??= [...list])[i] = next;
  });
  return copy ?? (list as unknown[]);
}

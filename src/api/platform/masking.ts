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

export function maskItem<T>(item: T, fields: PersonalFields, role: Role): MaskResult<T> {
  const copy = structuredClone(item);
  const disclosed = new Set<string>();
  for (const [path, kind] of Object.entries(fields)) {
    const visible = maySee(role, kind);
    visit(copy, path.split('.'), (holder, key) => {
      const value = holder[key];
      if (typeof value !== 'string' || value === '') return;
      if (visible) disclosed.add(path);
      else holder[key] = mask(value, kind);
    });
  }
  return { item: copy, disclosed: [...disclosed].sort() };
}

function visit(node: unknown, path: readonly string[], apply: (holder: Record<string, unknown>, key: string) => void): void {
  if (Array.isArray(node)) {
    for (const element of node) visit(element, path, apply);
    return;
  }
  if (typeof node !== 'object' || node === null || path.length === 0) return;
  const [head, ...rest] = path as [string, ...string[]];
  if (!Object.hasOwn(node, head)) return;
  const holder = node as Record<string, unknown>;
  if (rest.length === 0) {
    if (Array.isArray(holder[head])) {
      const list = holder[head] as unknown[];
      list.forEach((_, i) => apply(list as unknown as Record<string, unknown>, String(i)));
    } else apply(holder, head);
  } else visit(holder[head], rest, apply);
}

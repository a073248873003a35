// PostgreSQL COPY text format: one line per row, tab-separated, \N for NULL, backslash escapes.
import type { Cell, Row } from './tables.ts';

function cell(value: Cell): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r'));
}

export function copyLine(row: Row): string {
  return `${row.map(cell).join('\t')}\n`;
}

/** Quotes an identifier the way the DDL created it (upper-case legacy names need the quotes). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

import type { TableRows } from './scale-project.js';

/**
 * PostgreSQL's COPY text format: one line per row, columns separated by a tab, `\N` for null,
 * and backslash, tab, newline and carriage return escaped. Values are the generator's strings,
 * numbers and booleans (money already as strings, so no number ever carries an amount here).
 */
export function copyText({ columns, rows }: TableRows): string {
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) line += '\t';
      line += copyValue(row[c]);
    }
    lines[r] = line;
  }
  return rows.length ? `${lines.join('\n')}\n` : '';
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = typeof value === 'string' ? value : String(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]) : text;
}

/** `copy "table" ("a", "b") from stdin` for the column specs `name:pgtype` of TableRows. */
export function copyStatement(table: string, columns: string[]): string {
  return `copy "${table}" (${columns.map((c) => `"${c.split(':')[0]}"`).join(', ')}) from stdin`;
}

import type pg from 'pg';

import type { TableRows } from './scale-project.js';

const CHUNK = 20_000;

/**
 * INSERT … SELECT FROM unnest($1::uuid[], $2::text[], …): one bound array per column and chunk,
 * so tens of thousands of rows are one statement, parsed once, with no SQL text built from values.
 */
export async function bulkInsert(client: pg.ClientBase, { table, columns, rows }: TableRows): Promise<void> {
  const names = columns.map((c) => `"${c.split(':')[0]}"`).join(', ');
  const unnest = columns.map((c, i) => `$${i + 1}::${c.split(':')[1]}[]`).join(', ');
  const sql = `insert into "${table}" (${names}) select * from unnest(${unnest})`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await client.query(sql, columns.map((_, col) => chunk.map((row) => row[col] ?? null)));
  }
}

import { badInput } from '../errors/app-error.js';
import { type ConnectionShape } from './connection.js';

/**
 * Keyset pagination: rows are ordered by a unique tuple of columns and a cursor is that tuple of
 * the last row, so pages stay stable under inserts and need no OFFSET scan.
 */
export type SortKey = readonly string[];
type Cursor = (string | number)[];

export function encodeCursor(values: Cursor): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, key: SortKey): Cursor {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === key.length && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values as Cursor;
    }
  } catch {
    // fall through to the clear error below
  }
  throw badInput('after', 'This cursor is not valid here; use the endCursor of the previous page.');
}

/** The where-condition "row comes after the cursor" for an ascending sort key. */
export function afterCursor(cursor: Cursor, key: SortKey): Record<string, unknown> {
  const or: Record<string, unknown>[] = [];
  for (let i = 0; i < key.length; i++) {
    const condition: Record<string, unknown> = {};
    for (let j = 0; j < i; j++) condition[key[j]] = cursor[j];
    condition[key[i]] = { $gt: cursor[i] };
    or.push(condition);
  }
  return { $or: or };
}

export function checkPageSize(first: number, max: number): void {
  if (first > max) throw badInput('first', `At most ${max} rows per page; ask for fewer and follow endCursor.`);
}

/** Builds the connection from one page fetched with limit first + 1 (the extra row tells hasNextPage). */
export function toConnection<E, N>(rows: E[], first: number, totalCount: number, key: SortKey, toNode: (row: E) => N): ConnectionShape<N> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => new Edge(row as Record<string, unknown>, key, toNode(row)));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/**
 * An edge whose cursor is encoded when read: a page asked for as `nodes { … }` reads only the last
 * edge's (endCursor), and encoding one is a JSON text and a base64 string. A getter on the
 * prototype, not in an object literal (an accessor literal gets a hidden class per object in V8).
 */
class Edge<N> {
  constructor(
    private readonly row: Record<string, unknown>,
    private readonly key: SortKey,
    readonly node: N,
  ) {}

  get cursor(): string {
    return encodeCursor(this.key.map((k) => cursorValue(this.row[k])));
  }
}

function cursorValue(value: unknown): string | number {
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'id' in value) return String((value as { id: unknown }).id);
  return String(value);
}

import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';

import { type ConnectionShape } from './connection.js';
import { afterCursor, checkPageSize, decodeCursor, type SortKey, toConnection } from './keyset.js';
import { type PaginationArgs } from './pagination.args.js';

export interface PageRequest<E, N> {
  where: FilterQuery<E>;
  /** Unique, ascending sort key; its last column should be the primary key. */
  key: SortKey;
  args: PaginationArgs;
  maxPageSize: number;
  toNode: (row: E) => N;
}

/** One keyset page plus the total count: two statements whatever the page size. */
export async function paginate<E extends object, N>(
  em: EntityManager,
  entity: EntityName<E>,
  request: PageRequest<E, N>,
): Promise<ConnectionShape<N>> {
  const { where, key, args, maxPageSize, toNode } = request;
  checkPageSize(args.first, maxPageSize);
  const pageWhere = args.after ? { $and: [where, afterCursor(decodeCursor(args.after, key), key)] } : where;
  const orderBy = Object.fromEntries(key.map((k) => [k, 'asc']));
  const [rows, totalCount] = await Promise.all([
    em.find(entity, pageWhere as never, { orderBy: orderBy as never, limit: args.first + 1 }),
    em.count(entity, where as never),
  ]);
  return toConnection(rows, args.first, totalCount, key, toNode);
}

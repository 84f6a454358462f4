import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A money mutation's unit of work (READ COMMITTED with explicit row locks). Inside a GraphQL
 * mutation it is a savepoint of the mutation's transaction (MutationAuditInterceptor), so the
 * booking, its maintained totals, its idempotency key and its audit event commit together; the
 * resolvers declare `@MutationTransaction({ retries })`, so a deadlock victim (40P01) is re-run
 * as a whole. Outside a mutation (scripts) it is a transaction of its own.
 */
export function moneyTransaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return em.transactional(work);
}

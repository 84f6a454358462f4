import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A money mutation's unit of work (READ COMMITTED with explicit row locks). Inside a GraphQL
 * mutation it simply joins the mutation's transaction (MutationAuditInterceptor): the booking, its
 * maintained totals, its idempotency key and its audit event commit or roll back together, and no
 * savepoint round trips are spent. The resolvers declare `@MutationTransaction({ retries })`, so a
 * deadlock victim (40P01) is re-run as a whole. Outside a mutation (scripts) it is a transaction
 * of its own.
 */
export function moneyTransaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return em.isInTransaction() ? work(em.getContext()) : em.transactional(work);
}

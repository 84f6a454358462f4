import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The one transaction idiom of this codebase.
 *
 * Every GraphQL mutation already runs in one transaction, opened by MutationAuditInterceptor with
 * the isolation level and retries its resolver declares (`@MutationTransaction`). A service's unit
 * of work JOINS that transaction: its rows, its row locks, the maintained totals, the idempotency
 * key and the mutation's audit event commit or roll back together, and no savepoint round trips
 * are spent. Outside a mutation (scripts, seeders, REST uploads) it opens a transaction of its own.
 *
 * So: write `joinTransaction(this.em, async (em) => …)` and use the `em` it hands over. Do not
 * call `em.transactional` in a service, and never `em.fork().transactional` in a mutation: a fork
 * commits on its own, apart from the audit event. An error thrown inside rolls the whole mutation
 * back; catching it in the service does not undo the statement that failed (there is no savepoint),
 * so services translate database errors (flushUnique) and rethrow.
 */
export function joinTransaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return em.isInTransaction() ? work(em.getContext()) : em.transactional(work);
}

/**
 * The read-side counterpart: a consistent snapshot (REPEATABLE READ, read-only) for reads that
 * take several statements — overviews, settlements, proof data — so a booking committed meanwhile
 * is wholly in or wholly out. Inside a caller's transaction it reads there.
 */
export function readSnapshot<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return em.isInTransaction()
    ? work(em.getContext())
    : em.transactional(work, { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
}

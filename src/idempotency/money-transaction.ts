import { DeadlockException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

const ATTEMPTS = 5;

/**
 * A money mutation's transaction (READ COMMITTED with explicit row locks). PostgreSQL may still
 * pick a victim among lock cycles or serialisation conflicts (40P01 / 40001, both mapped to
 * DeadlockException); such a transaction did nothing, so it is simply run again, a few times.
 */
export async function moneyTransaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await em.fork().transactional(work);
    } catch (error) {
      if (!(error instanceof DeadlockException) || attempt >= ATTEMPTS) throw error;
    }
  }
}

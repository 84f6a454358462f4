import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Flushes; a unique-key violation becomes the domain error `error()` (a race that the database's
 * unique key decided: a second reversal, a code or period taken meanwhile). Anything else is
 * rethrown; with `constraint`, only a violation of a matching key is translated. The transaction is
 * then aborted, so the caller must let the error end the mutation.
 */
export async function flushUnique(em: EntityManager, error: () => Error, constraint?: RegExp): Promise<void> {
  try {
    await em.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException && (!constraint || constraint.test(e.message))) throw error();
    throw e;
  }
}

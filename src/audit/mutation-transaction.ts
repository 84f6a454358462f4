import { DriverException, type IsolationLevel } from '@mikro-orm/core';
import { SetMetadata } from '@nestjs/common';

export const MUTATION_TRANSACTION_KEY = 'fpt:mutation-transaction';

export interface MutationTransactionOptions {
  isolationLevel?: IsolationLevel;
  /** Extra attempts of the WHOLE mutation (resolver, services and audit event) after a serialisation failure or deadlock. */
  retries?: number;
  /**
   * The mutation writes nothing but its audit event (login): it runs outside any transaction, so it
   * never holds a pool connection while it waits for another or verifies a password, and the event
   * is written afterwards in a short transaction of its own.
   */
  auditOnly?: boolean;
}

/**
 * Every mutation already runs in one transaction (MutationAuditInterceptor; services join it with
 * `joinTransaction`). This decorator sets how: money mutations declare
 * `@MutationTransaction({ isolationLevel: IsolationLevel.SERIALIZABLE, retries: 3 })`
 * and the interceptor re-runs the entire mutation when PostgreSQL answers 40001 or 40P01.
 * Services must therefore keep side effects outside the database idempotent.
 */
export const MutationTransaction = (options: MutationTransactionOptions) => SetMetadata(MUTATION_TRANSACTION_KEY, options);

/** SQLSTATE 40001 (serialization_failure) and 40P01 (deadlock_detected): safe to retry from the start. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = error instanceof DriverException ? error.code : (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/** Runs `attempt` once plus up to `retries` more times while it fails with a retryable error. */
export async function withRetries<T>(attempt: () => Promise<T>, retries: number, retryable = isRetryableTransactionError): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= retries || !retryable(error)) throw error;
    }
  }
}

import { randomUUID } from 'node:crypto';

import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { conflict } from '../common/errors/app-error.js';
import { requestHash } from './request-hash.js';

export interface IdempotentCall {
  projectId: string;
  key: string;
  operation: string;
  /** The validated input; hashed canonically (the key itself is left out by the caller). */
  input: unknown;
}

/**
 * Runs a money mutation at most once per (project, key), inside the caller's transaction.
 *
 * The key row is inserted first with ON CONFLICT DO NOTHING: a concurrent request with the same
 * key waits on the unique index until the first transaction ends, then finds its row (committed:
 * replay the stored result) or none (rolled back: it books itself). Domain errors roll the key
 * back with everything else, so a refused request can be retried with the same key.
 */
@Injectable()
export class IdempotencyService {
  async run<R extends Record<string, string>>(em: EntityManager, call: IdempotentCall, work: () => Promise<R>): Promise<R> {
    const hash = requestHash(call.operation, call.input);
    const inserted = await em.execute<{ id: string }[]>(
      `insert into idempotency_key (id, project_id, key, operation, request_hash) values (?, ?, ?, ?, ?)
       on conflict on constraint idempotency_key_key do nothing returning id`,
      [randomUUID(), call.projectId, call.key, call.operation, hash],
    );
    if (inserted.length === 0) {
      const [first] = await em.execute<{ operation: string; request_hash: string; result: R | null }[]>(
        'select operation, request_hash, result from idempotency_key where project_id = ? and key = ?',
        [call.projectId, call.key],
      );
      if (!first || first.request_hash !== hash || !first.result) {
        throw conflict(
          `The idempotency key "${call.key}" was already used for a different request (${first?.operation ?? 'unknown'}); use a new key for a new request.`,
          {
            field: 'idempotencyKey',
          },
        );
      }
      return first.result;
    }
    const result = await work();
    await em.execute('update idempotency_key set result = ? where id = ?', [JSON.stringify(result), inserted[0].id]);
    return result;
  }
}

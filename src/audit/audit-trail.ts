import { AsyncLocalStorage } from 'node:async_hooks';

import { Injectable } from '@nestjs/common';

/** One change a mutation made, as the service that made it reports it. */
export interface AuditChange {
  /** Entity name as in docs/domain.md#vocabulary, e.g. 'BudgetLine', 'Participant'. */
  entity: string;
  id: string;
  /** The project the row belongs to, when it belongs to one. */
  projectId?: string;
  /** Field values before (null/undefined for a creation) and after (null for a removal). */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditScope {
  changes: AuditChange[];
  /** Who acted, when the request was not signed in (set by `login` for the user signing in). */
  actor?: { id: string; username: string };
}

/** Holds the changes of the mutation running in this async context (set up by the audit interceptor). */
export const auditScope = new AsyncLocalStorage<AuditScope>();

/**
 * Services report what a mutation changed; the audit interceptor writes exactly one append-only
 * audit event per successful mutation, in the same transaction, with sensitive fields redacted
 * (see redaction.ts). Outside a mutation (seeders, scripts) recording is a no-op.
 */
@Injectable()
export class AuditTrail {
  record(change: AuditChange): void {
    auditScope.getStore()?.changes.push(change);
  }

  /** Names the acting user of an operation open to anonymous callers (sign-in). */
  identify(actor: { id: string; username: string }): void {
    const scope = auditScope.getStore();
    if (scope) scope.actor = { id: actor.id, username: actor.username };
  }
}

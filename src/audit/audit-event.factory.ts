import type { AuthUser } from '../auth/auth-user.js';
import { isId } from '../common/errors/app-error.js';
import type { AuditChange } from './audit-trail.js';
import { AuditOutcome } from './audit-outcome.enum.js';
import type { AuditedChange, AuditEvent } from './entities/audit-event.entity.js';
import { redact } from './redaction.js';

type AuditEventData = Omit<AuditEvent, 'id' | 'occurredAt'>;

export interface AuditAttempt {
  operation: string;
  user?: AuthUser;
  /** Roles the operation accepts; undefined for an open (@Public) or unknown operation. */
  allowedRoles?: readonly string[];
  /** The resolver's arguments; only ids are taken from them, never other values. */
  args?: Record<string, unknown>;
}

/** The event of a successful mutation, from the changes its services reported (redacted here). */
export function successEvent(attempt: AuditAttempt, reported: readonly AuditChange[]): AuditEventData {
  const changes: AuditedChange[] = reported.map((c) => ({
    entity: c.entity,
    id: c.id,
    ...(c.projectId ? { projectId: c.projectId } : {}),
    before: redact(c.before),
    after: redact(c.after),
  }));
  const entityIds = changes.length ? unique(changes.map((c) => `${c.entity}:${c.id}`)) : idsInArgs(attempt.args);
  return {
    ...who(attempt),
    projectId: changes.find((c) => c.projectId)?.projectId ?? projectIdInArgs(attempt.args),
    outcome: AuditOutcome.SUCCESS,
    errorCode: null,
    entities: unique(changes.map((c) => c.entity)),
    entityIds,
    changes,
  };
}

/** The event of a refused or failed attempt: who, what and which ids, without the rejected values. */
export function failureEvent(attempt: AuditAttempt, outcome: AuditOutcome, errorCode: string | undefined): AuditEventData {
  return {
    ...who(attempt),
    projectId: projectIdInArgs(attempt.args),
    outcome,
    errorCode: errorCode?.slice(0, 40) ?? 'INTERNAL_SERVER_ERROR',
    entities: [],
    entityIds: idsInArgs(attempt.args),
    changes: [],
  };
}

function who({ operation, user, allowedRoles }: AuditAttempt) {
  const held = user?.grants.map((g) => g.role as string) ?? [];
  return {
    operation,
    userId: user?.id ?? null,
    username: user?.username ?? null,
    roles: unique(allowedRoles ? held.filter((r) => allowedRoles.includes(r)) : held),
  };
}

/** `name:value` for every argument called `id` or `…Id` that holds a well-formed id (nested inputs included). */
export function idsInArgs(args: Record<string, unknown> | undefined): string[] {
  const found: string[] = [];
  const walk = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 3) return;
    for (const [key, field] of Object.entries(value)) {
      if ((key === 'id' || key.endsWith('Id')) && typeof field === 'string' && isId(field)) found.push(`${key}:${field}`);
      else if (typeof field === 'object') walk(field, depth + 1);
    }
  };
  walk(args, 0);
  return unique(found);
}

function projectIdInArgs(args: Record<string, unknown> | undefined): string | null {
  const entry = idsInArgs(args).find((e) => e.startsWith('projectId:'));
  return entry ? entry.slice('projectId:'.length) : null;
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';

import { AuditOutcome } from '../audit-outcome.enum.js';

const REFUSE_CHANGE = "raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege'";

/**
 * One mutation attempt, append-only: the database itself refuses UPDATE, DELETE and TRUNCATE on
 * this table (the triggers below, created by the AuditTrail migration), whatever the application
 * or anyone with its credentials tries. User and project are plain ids, not foreign keys, so that
 * no later change elsewhere can ever require touching an audit row.
 */
@Entity({ tableName: 'audit_event' })
@Trigger({ name: 'no_update_delete', timing: 'before', events: ['update', 'delete'], forEach: 'row', body: REFUSE_CHANGE })
@Index({ properties: ['projectId', 'id'] })
@Index({ properties: ['occurredAt'] })
export class AuditEvent {
  /** Ascending with insertion; the pagination key. */
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id: Opt<string>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  occurredAt: Opt<Date> = new Date();

  /** Null for an anonymous attempt (e.g. a failed sign-in). */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  userId?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  username?: string | null;

  /** The roles the user held that the operation accepts (all their roles for an open operation). */
  @Property({ type: 'text[]' })
  roles: string[];

  /** The project the changes belong to (the first one if several); null for global operations. */
  @Property({ type: 'uuid', nullable: true })
  projectId?: string | null;

  /** The GraphQL mutation field, e.g. `updateProject`. */
  @Property({ type: 'string', length: 100 })
  @Index()
  operation: string;

  @Enum({ items: () => AuditOutcome })
  outcome: AuditOutcome;

  /** `extensions.code` of the refusal or failure; null on success. */
  @Property({ type: 'string', length: 40, nullable: true })
  errorCode?: string | null;

  /** Entity names touched, for filtering ('Project', 'FundingProgram' ...). */
  @Property({ type: 'text[]' })
  entities: string[];

  /** `Entity:id` of every touched row (or the ids named in the arguments when nothing was reported). */
  @Property({ type: 'text[]' })
  entityIds: string[];

  /** Redacted before/after per changed row; empty for failures (rejected values are never stored). */
  @Property({ type: 'json' })
  changes: AuditedChange[];
}

export interface AuditedChange {
  entity: string;
  id: string;
  projectId?: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

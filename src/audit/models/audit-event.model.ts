import { Field, ID, ObjectType } from '@nestjs/graphql';

import { Connection } from '../../common/pagination/connection.js';
import { AuditOutcome } from '../audit-outcome.enum.js';

@ObjectType('AuditChange', { description: 'One changed row; identity and health fields show as "[redacted]".' })
export class AuditChangeModel {
  @Field(() => String)
  entity: string;

  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true })
  projectId?: string;

  @Field(() => String, { nullable: true, description: 'Field values before, as a JSON object; null for a creation.' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'Field values after, as a JSON object; null for a removal.' })
  after: string | null;
}

@ObjectType('AuditEvent', { description: 'One mutation attempt, append-only.' })
export class AuditEventModel {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  occurredAt: Date;

  @Field(() => ID, { nullable: true })
  userId: string | null;

  @Field(() => String, { nullable: true })
  username: string | null;

  @Field(() => [String], { description: 'The roles the user acted in.' })
  roles: string[];

  @Field(() => ID, { nullable: true })
  projectId: string | null;

  @Field(() => String, { description: 'The GraphQL mutation, e.g. updateProject.' })
  operation: string;

  @Field(() => AuditOutcome)
  outcome: AuditOutcome;

  @Field(() => String, { nullable: true, description: 'extensions.code of a refusal or failure.' })
  errorCode: string | null;

  @Field(() => [String], { description: '"Entity:id" of every affected row, or "argument:id" for a failed attempt.' })
  entityIds: string[];

  @Field(() => [AuditChangeModel])
  changes: AuditChangeModel[];
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEventModel, 'AuditEvent') {}

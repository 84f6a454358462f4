import { Args, Query, Resolver } from '@nestjs/graphql';

import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Role } from '../auth/role.enum.js';
import { AuditService } from './audit.service.js';
import { AuditEventsArgs } from './dto/audit-events.args.js';
import { AuditEventConnection } from './models/audit-event.model.js';
import { AUDIT_READERS } from './audit.access.js';

@Resolver()
export class AuditResolver {
  constructor(private readonly service: AuditService) {}

  @Allow(...AUDIT_READERS)
  @Query(() => AuditEventConnection, {
    description:
      'The audit trail, oldest first: every mutation attempt of the projects you audit (all of them for a global administrator).',
  })
  auditEvents(@CurrentUser() user: AuthUser, @Args() args: AuditEventsArgs) {
    return this.service.list(user, args);
  }
}

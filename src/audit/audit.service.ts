import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../auth/role.enum.js';
import { paginate } from '../common/pagination/paginate.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { Project } from '../programs/entities/project.entity.js';
import { AuditEventsArgs } from './dto/audit-events.args.js';
import { AuditEvent } from './entities/audit-event.entity.js';
import { AuditEventModel } from './models/audit-event.model.js';
import { AUDIT_READERS } from './audit.access.js';
import { redactForReader } from './redaction.js';
import { canReadIdentity } from '../participants/participants.access.js';

/** Reading the audit trail: global administrators see every event, auditors those of their projects. */
@Injectable()
export class AuditService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(user: AuthUser, args: AuditEventsArgs) {
    const scope = await this.scope(user);
    const f = args.filter ?? {};
    const conditions: FilterQuery<AuditEvent>[] = [scope];
    if (f.projectId) conditions.push({ projectId: f.projectId });
    if (f.userId) conditions.push({ userId: f.userId });
    if (f.operation) conditions.push({ operation: f.operation });
    if (f.entity) conditions.push({ entities: { $contains: [f.entity] } });
    if (f.from) conditions.push({ occurredAt: { $gte: f.from } });
    if (f.to) conditions.push({ occurredAt: { $lt: f.to } });
    const healthVisible = (projectId: string | undefined) => !!projectId && canReadIdentity(user, projectId);
    return paginate(this.em, AuditEvent, {
      where: { $and: conditions },
      key: ['id'],
      args,
      maxPageSize: this.config.maxPageSize,
      toNode: (e) => toAuditEventModel(e, healthVisible),
    });
  }

  /** Events without a project (programmes, users, sign-ins) are for global administrators only. */
  private async scope(user: AuthUser): Promise<FilterQuery<AuditEvent>> {
    const where = this.access.projectWhere(user, AUDIT_READERS);
    if (!Object.keys(where).length) return {};
    const projects = await this.em.find(Project, where, { fields: ['id'] });
    return { projectId: { $in: projects.map((p) => p.id) } };
  }
}

function toAuditEventModel(event: AuditEvent, healthVisible: (projectId: string | undefined) => boolean): AuditEventModel {
  return {
    id: String(event.id),
    occurredAt: event.occurredAt,
    userId: event.userId ?? null,
    username: event.username ?? null,
    roles: event.roles,
    projectId: event.projectId ?? null,
    operation: event.operation,
    outcome: event.outcome,
    errorCode: event.errorCode ?? null,
    entityIds: event.entityIds,
    changes: event.changes.map((c) => ({
      entity: c.entity,
      id: c.id,
      projectId: c.projectId,
      before: c.before ? JSON.stringify(redactForReader(c.before, healthVisible(c.projectId ?? event.projectId ?? undefined))) : null,
      after: c.after ? JSON.stringify(redactForReader(c.after, healthVisible(c.projectId ?? event.projectId ?? undefined))) : null,
    })),
  };
}

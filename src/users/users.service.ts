import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AppUser } from '../auth/entities/app-user.entity.js';
import { RoleAssignment } from '../auth/entities/role-assignment.entity.js';
import { Role } from '../auth/role.enum.js';
import { AppError, checkId, conflict, forbidden, notFound } from '../common/errors/app-error.js';
import { paginate } from '../common/pagination/paginate.js';
import { PaginationArgs } from '../common/pagination/pagination.args.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { Project } from '../programs/entities/project.entity.js';
import { CreateUserInput, GrantRoleInput } from './dto/user.inputs.js';
import { RoleAssignmentModel, UserModel } from './models/user.model.js';
import { addGrant, createAccount } from './user-accounts.js';
import { joinTransaction } from '../database/transactions.js';
import { USER_ADMINS } from './users.access.js';
import { IDENTITY_READERS } from '../participants/participants.access.js';

/**
 * User administration. A global administrator manages everyone; a project or programme
 * administrator grants and revokes roles only on what they administer and sees only those users.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: AuthUser, args: PaginationArgs) {
    const scope = await this.assignmentScope(actor);
    const where: FilterQuery<AppUser> = scope ? { id: { $in: await this.userIdsIn(scope) } } : {};
    const page = await paginate(this.em, AppUser, {
      where,
      key: ['username', 'id'],
      args,
      maxPageSize: this.config.maxPageSize,
      toNode: (u) => u,
    });
    const assignments = await this.em.find(
      RoleAssignment,
      { $and: [{ user: { $in: page.nodes.map((u) => u.id) } }, scope ?? {}] },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const nodes = page.nodes.map((u) =>
      toUserModel(
        u,
        assignments.filter((a) => a.user.id === u.id),
      ),
    );
    return { ...page, nodes, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i] })) };
  }

  /** Any administrator may create an account; it holds no role until one is granted. */
  async create(input: CreateUserInput) {
    return joinTransaction(this.em, async (em) => {
      const user = await createAccount(em, input);
      this.audit.record({
        entity: 'AppUser',
        id: user.id,
        before: null,
        after: { username: user.username, displayName: user.displayName, password: input.password ? 'set' : null },
      });
      return toUserModel(user, []);
    });
  }

  async grant(actor: AuthUser, input: GrantRoleInput) {
    return joinTransaction(this.em, async (em) => {
      await this.requireAdministers(em, actor, input);
      const user = await em.findOne(AppUser, { id: checkId(input.userId, 'userId') });
      if (!user) throw notFound('User', input.userId);
      const assignment = await addGrant(em, user, input, { grantedBy: actor.id, pending: IDENTITY_READERS.includes(input.role) });
      const model = toAssignmentModel(assignment);
      this.audit.record({
        entity: 'RoleAssignment',
        id: assignment.id,
        projectId: model.projectId ?? undefined,
        before: null,
        after: { ...model },
      });
      return model;
    });
  }

  /** Four eyes on identity access: a second administrator of the grant's scope, neither its author nor its receiver. */
  async confirm(actor: AuthUser, id: string) {
    return joinTransaction(this.em, async (em) => {
      const assignment = await em.findOne(RoleAssignment, { id: checkId(id) });
      if (!assignment) throw notFound('Role assignment', id);
      const before = toAssignmentModel(assignment);
      await this.requireAdministers(em, actor, before);
      if (!assignment.pending) throw conflict('This grant is not waiting for confirmation.');
      if (assignment.user.id === actor.id) throw new AppError('FORBIDDEN', 'Nobody can confirm a role granted to themselves.', 'id');
      if (assignment.grantedBy === actor.id)
        throw new AppError('FORBIDDEN', 'A second administrator must confirm this grant (four eyes).', 'id');
      em.assign(assignment, { pending: false, confirmedBy: actor.id });
      await em.flush();
      const after = toAssignmentModel(assignment);
      this.audit.record({
        entity: 'RoleAssignment',
        id: assignment.id,
        projectId: after.projectId ?? undefined,
        before: { ...before },
        after: { ...after, confirmedBy: actor.id },
      });
      return after;
    });
  }

  async revoke(actor: AuthUser, id: string) {
    return joinTransaction(this.em, async (em) => {
      const assignment = await em.findOne(RoleAssignment, { id: checkId(id) });
      if (!assignment) throw notFound('Role assignment', id);
      const model = toAssignmentModel(assignment);
      await this.requireAdministers(em, actor, model);
      if (
        !model.projectId &&
        !model.programId &&
        (await em.count(RoleAssignment, { role: Role.ADMIN, project: null, program: null })) === 1
      ) {
        throw conflict('This is the last global administrator; grant the role to someone else first.');
      }
      em.remove(assignment);
      await em.flush();
      this.audit.record({
        entity: 'RoleAssignment',
        id: model.id,
        projectId: model.projectId ?? undefined,
        before: { ...model },
        after: null,
      });
      return model;
    });
  }

  /**
   * Accounts span projects, so only a global administrator turns them off or on. Roles stay, so a
   * reactivated account works as before. Sign-in and every request check `active` (AuthService).
   */
  async setActive(actor: AuthUser, id: string, active: boolean) {
    return joinTransaction(this.em, async (em) => {
      if (!this.access.isGlobalAdmin(actor)) throw forbidden('Only a global administrator can deactivate or reactivate accounts.');
      const user = await em.findOne(AppUser, { id: checkId(id) });
      if (!user) throw notFound('User', id);
      if (user.active === active)
        throw conflict(`The account "${user.username}" is already ${active ? 'active' : 'deactivated'}.`, { field: 'id' });
      if (!active && user.id === actor.id)
        throw conflict('You cannot deactivate your own account; ask another global administrator.', { field: 'id' });
      if (!active && (await this.isLastActiveGlobalAdmin(em, user.id))) {
        throw conflict('This is the last active global administrator; grant the role to someone else first.', { field: 'id' });
      }
      user.active = active;
      await em.flush();
      this.audit.record({ entity: 'AppUser', id: user.id, before: { active: !active }, after: { active } });
      const assignments = await em.find(RoleAssignment, { user: user.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      return toUserModel(user, assignments);
    });
  }

  private async isLastActiveGlobalAdmin(em: EntityManager, userId: string): Promise<boolean> {
    const admins = await em.find(
      RoleAssignment,
      { role: Role.ADMIN, project: null, program: null, user: { active: true } },
      { fields: ['user'] },
    );
    const ids = new Set(admins.map((a) => a.user.id));
    return ids.size === 1 && ids.has(userId);
  }

  /** Global grants need a global administrator; project and programme grants an administrator there. */
  private async requireAdministers(em: EntityManager, actor: AuthUser, grant: { projectId?: string | null; programId?: string | null }) {
    if (grant.projectId) {
      await this.access.requireProject(em, actor, grant.projectId, USER_ADMINS, 'projectId');
    } else if (grant.programId) {
      if (!this.access.holdsOnProgram(actor, checkId(grant.programId, 'programId'), USER_ADMINS))
        throw forbidden('Only an administrator of this programme can manage its roles.');
    } else if (!this.access.isGlobalAdmin(actor)) {
      throw forbidden('Only a global administrator can manage global roles.');
    }
  }

  /** Null for a global administrator (everything); otherwise the assignments on what the actor administers. */
  private async assignmentScope(actor: AuthUser): Promise<FilterQuery<RoleAssignment> | null> {
    if (this.access.isGlobalAdmin(actor)) return null;
    const projects = await this.em.find(Project, this.access.projectWhere(actor, USER_ADMINS), { fields: ['id'] });
    const programIds = actor.grants.flatMap((g) => (g.role === Role.ADMIN && g.programId ? [g.programId] : []));
    return { $or: [{ project: { $in: projects.map((p) => p.id) } }, { program: { $in: programIds } }] };
  }

  private async userIdsIn(scope: FilterQuery<RoleAssignment>): Promise<string[]> {
    const rows = await this.em.find(RoleAssignment, scope, { fields: ['user'] });
    return [...new Set(rows.map((r) => r.user.id))];
  }
}

function toAssignmentModel(a: RoleAssignment): RoleAssignmentModel {
  return {
    id: a.id,
    userId: a.user.id,
    role: a.role,
    projectId: a.project?.id ?? null,
    programId: a.program?.id ?? null,
    pending: a.pending,
  };
}

function toUserModel(user: AppUser, assignments: RoleAssignment[]): UserModel {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    active: user.active,
    external: Boolean(user.externalSubject),
    roles: assignments.map(toAssignmentModel),
  };
}

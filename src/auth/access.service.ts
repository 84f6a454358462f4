import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { checkId, forbidden, notFound } from '../common/errors/app-error.js';
import { readConnection } from '../database/read-preference.js';
import { FundingProgram } from '../programs/entities/funding-program.entity.js';
import { Project } from '../programs/entities/project.entity.js';
import type { AuthUser, RoleGrant } from './auth-user.js';
import { Role } from './role.enum.js';

/**
 * Row-level access: which projects and programmes a user may touch with which roles. Every list
 * and lookup of project-owned data puts `projectWhere`/`ownedWhere` into its database query, so
 * rows of other projects are never loaded, counted or returned.
 */
@Injectable()
export class AccessService {
  /** Where-condition on `Project` rows on which the user holds one of `roles`. */
  projectWhere(user: AuthUser, roles: readonly Role[]): FilterQuery<Project> {
    const grants = this.grants(user, roles);
    if (grants.some(isGlobal)) return {};
    const projectIds = grants.flatMap((g) => (g.projectId ? [g.projectId] : []));
    const programIds = grants.flatMap((g) => (g.programId ? [g.programId] : []));
    const or: FilterQuery<Project>[] = [];
    if (projectIds.length) or.push({ id: { $in: projectIds } });
    if (programIds.length) or.push({ program: { $in: programIds } });
    return or.length ? { $or: or } : { id: { $in: [] } };
  }

  /** The same scope for an entity that has a `project` relation (every project-owned table). */
  ownedWhere(user: AuthUser, roles: readonly Role[]): { project?: FilterQuery<Project> } {
    const where = this.projectWhere(user, roles);
    return Object.keys(where).length ? { project: where } : {};
  }

  /** Where-condition on `FundingProgram` rows the user can see through any of `roles`. */
  async programWhere(em: EntityManager, user: AuthUser, roles: readonly Role[]): Promise<FilterQuery<FundingProgram>> {
    const grants = this.grants(user, roles);
    if (grants.some(isGlobal)) return {};
    const programIds = new Set(grants.flatMap((g) => (g.programId ? [g.programId] : [])));
    const projectIds = grants.flatMap((g) => (g.projectId ? [g.projectId] : []));
    if (projectIds.length) {
      const projects = await em.find(Project, { id: { $in: projectIds } }, { fields: ['program'] });
      for (const project of projects) programIds.add(project.program.id);
    }
    return { id: { $in: [...programIds] } };
  }

  /**
   * Loads a programme the user can see through any role; one they cannot see is NOT_FOUND (its
   * existence is not revealed). With `roles`, one they can see but hold none of `roles` on
   * (globally or on the programme itself) is FORBIDDEN with `forbidden`.
   */
  async requireProgram(
    em: EntityManager,
    user: AuthUser,
    programId: string,
    options: { field?: string; roles?: readonly Role[]; forbidden?: string } = {},
  ): Promise<FundingProgram> {
    const field = options.field ?? 'programId';
    checkId(programId, field);
    const program = await em.findOne(FundingProgram, { $and: [{ id: programId }, await this.programWhere(em, user, Object.values(Role))] });
    if (!program) throw notFound('Funding programme', programId, field);
    if (options.roles && !this.holdsOnProgram(user, program.id, options.roles)) throw forbidden(options.forbidden);
    return program;
  }

  /** Whether the user is an administrator of the whole installation (an ADMIN grant without project or programme). */
  isGlobalAdmin(user: AuthUser): boolean {
    return this.grants(user, [Role.ADMIN]).some(isGlobal);
  }

  /**
   * Loads a project for an operation that needs one of `roles` on it. A project the user holds no
   * role on at all is reported as NOT_FOUND (its existence is not revealed); one they can see but
   * not act on is FORBIDDEN.
   */
  async requireProject(
    em: EntityManager,
    user: AuthUser,
    projectId: string,
    roles: readonly Role[],
    field = 'projectId',
  ): Promise<Project> {
    checkId(projectId, field);
    const project = await em.findOne(Project, { $and: [{ id: projectId }, this.projectWhere(user, roles)] });
    if (project) return project;
    const visible = await em.count(Project, { $and: [{ id: projectId }, this.projectWhere(user, Object.values(Role))] });
    throw visible ? forbidden('Your role on this project does not allow this.') : notFound('Project', projectId);
  }

  /**
   * `requireProject` for a money mutation that checks its dates against the grant terms: the
   * project row is locked FOR KEY SHARE first (the lock its inserts take anyway, now before the
   * read), so the approval period read is the one in force until commit. updateProject and plan
   * revisions lock the row FOR UPDATE: either they wait and then see this mutation's rows, or this
   * one waits and reads their new terms (without the lock, a tranche could commit outside a period
   * shortened meanwhile).
   */
  async requireProjectTerms(
    em: EntityManager,
    user: AuthUser,
    projectId: string,
    roles: readonly Role[],
    field = 'projectId',
  ): Promise<Project> {
    await em.execute('select id from project where id = ? for key share', [checkId(projectId, field)]);
    return this.requireProject(em, user, projectId, roles, field);
  }

  /**
   * `requireProject` for reads that need only the project's id: the same rule in one plain
   * statement (`projectScope`), because it runs before every read of a project's data and
   * hydrating a `Project` entity costs more than the query. Errors as `requireProject`.
   */
  async requireProjectId(
    em: EntityManager,
    user: AuthUser,
    projectId: string,
    roles: readonly Role[],
    field = 'projectId',
  ): Promise<string> {
    checkId(projectId, field);
    // A role on this very project needs no statement: the grants were read with the user for this
    // request, and a role assignment names an existing project (foreign key; projects are never deleted).
    if (this.grants(user, roles).some((g) => g.projectId === projectId)) return projectId;
    const scope = this.projectScope(user, roles);
    if (scope) {
      const rows = await em.execute<{ id: string }[]>(
        `select p.id from project p where p.id = ? and ${scope.sql}`,
        [projectId, ...scope.params],
        { connectionType: readConnection() },
      );
      if (rows.length) return rows[0].id;
    }
    return (await this.requireProject(em, user, projectId, roles, field)).id; // throws NOT_FOUND or FORBIDDEN
  }

  /** Ids of the programme's projects on which the user holds one of `roles` (`projectWhere` as one plain statement, no entities). */
  async projectIdsOfProgram(em: EntityManager, user: AuthUser, programId: string, roles: readonly Role[]): Promise<string[]> {
    const scope = this.projectScope(user, roles);
    if (!scope) return [];
    const rows = await em.execute<{ id: string }[]>(
      `select p.id from project p where p.program_id = ? and ${scope.sql}`,
      [programId, ...scope.params],
      { connectionType: readConnection() },
    );
    return rows.map((r) => r.id);
  }

  /** `projectWhere` as SQL on `project p`; undefined when the user holds none of `roles` anywhere. */
  private projectScope(user: AuthUser, roles: readonly Role[]): { sql: string; params: unknown[] } | undefined {
    const grants = this.grants(user, roles);
    if (grants.some(isGlobal)) return { sql: 'true', params: [] };
    const projectIds = grants.flatMap((g) => (g.projectId ? [g.projectId] : []));
    const programIds = grants.flatMap((g) => (g.programId ? [g.programId] : []));
    const or: string[] = [];
    const params: unknown[] = [];
    if (projectIds.length) {
      or.push('p.id in (?)');
      params.push(projectIds);
    }
    if (programIds.length) {
      or.push('p.program_id in (?)');
      params.push(programIds);
    }
    return or.length ? { sql: `(${or.join(' or ')})`, params } : undefined;
  }

  /** Whether the user holds one of `roles` on this project (for field-level rules on loaded rows). */
  holdsOnProject(user: AuthUser, project: { id: string; programId: string }, roles: readonly Role[]): boolean {
    return this.grants(user, roles).some((g) => isGlobal(g) || g.projectId === project.id || g.programId === project.programId);
  }

  /** Whether the user holds one of `roles` globally or on this programme. */
  holdsOnProgram(user: AuthUser, programId: string, roles: readonly Role[]): boolean {
    return this.grants(user, roles).some((g) => isGlobal(g) || (g.programId === programId && !g.projectId));
  }

  private grants(user: AuthUser, roles: readonly Role[]): RoleGrant[] {
    return user.grants.filter((g) => roles.includes(g.role));
  }
}

const isGlobal = (g: RoleGrant) => !g.projectId && !g.programId;

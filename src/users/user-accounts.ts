import type { EntityManager } from '@mikro-orm/postgresql';

import { AppUser } from '../auth/entities/app-user.entity.js';
import { RoleAssignment } from '../auth/entities/role-assignment.entity.js';
import { hashPassword } from '../auth/passwords.js';
import { Role } from '../auth/role.enum.js';
import { AppError, badInput, conflict } from '../common/errors/app-error.js';

export const MIN_PASSWORD_LENGTH = 12;

export interface NewAccount {
  username: string;
  displayName?: string;
  /** Omitted for users who only sign in through the OpenID Connect provider. */
  password?: string;
}

export interface GrantSpec {
  role: Role;
  projectId?: string | null;
  programId?: string | null;
}

/** Creating accounts and grants, shared by the GraphQL API and `npm run user:create`. */
export async function createAccount(em: EntityManager, account: NewAccount): Promise<AppUser> {
  const username = account.username.trim().toLowerCase();
  if (account.password !== undefined) checkPassword(account.password);
  if (await em.count(AppUser, { username })) throw badInput('username', `The username "${username}" is already taken.`);
  const user = em.create(AppUser, {
    username,
    displayName: account.displayName?.trim() || username,
    passwordHash: account.password !== undefined ? await hashPassword(account.password) : null,
  });
  await em.flush();
  return user;
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw badInput('password', `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
}

/** Adds a grant; a role on neither a project nor a programme is global and exists only for ADMIN. */
export async function addGrant(
  em: EntityManager,
  user: AppUser,
  grant: GrantSpec,
  by: { grantedBy?: string; pending?: boolean } = {},
): Promise<RoleAssignment> {
  const projectId = grant.projectId ?? null;
  const programId = grant.programId ?? null;
  if (projectId && programId) throw badInput('programId', 'A role is held on a project or on a programme, not both.');
  if (!projectId && !programId && grant.role !== Role.ADMIN)
    throw badInput('projectId', `The role ${grant.role} is held on a project or a programme; give projectId or programId.`);
  // Separation of duties (docs/domain.md#participants-and-data-protection): nobody grants themselves a role, it would bypass every field rule.
  if (by.grantedBy === user.id) throw new AppError('FORBIDDEN', 'Nobody can grant themselves a role; ask another administrator.', 'userId');
  if (await em.count(RoleAssignment, { user, role: grant.role, project: projectId, program: programId })) {
    throw conflict(`${user.username} already holds ${grant.role} there.`);
  }
  const assignment = em.create(RoleAssignment, {
    user,
    role: grant.role,
    project: projectId,
    program: programId,
    grantedBy: by.grantedBy ?? null,
    pending: by.pending ?? false,
  });
  await em.flush();
  return assignment;
}

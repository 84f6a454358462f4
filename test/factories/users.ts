import type { MikroORM } from '@mikro-orm/postgresql';

import { AppUser } from '../../src/auth/entities/app-user.entity.js';
import { RoleAssignment } from '../../src/auth/entities/role-assignment.entity.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { type Role } from '../../src/auth/role.enum.js';
import { TEST_PASSWORD } from '../setup/test-app.js';

export interface UserSpec {
  username: string;
  grants: { role: Role; projectId?: string; programId?: string }[];
}

/** Inserts a user with the given role grants; sign in with `t.auth(username)` (password TEST_PASSWORD). */
export async function createUser(orm: MikroORM, spec: UserSpec): Promise<string> {
  const em = orm.em.fork();
  const user = em.create(AppUser, { username: spec.username, displayName: spec.username, passwordHash: await hashPassword(TEST_PASSWORD) });
  for (const grant of spec.grants) {
    em.create(RoleAssignment, { user, role: grant.role, project: grant.projectId ?? null, program: grant.programId ?? null });
  }
  await em.flush();
  return user.id;
}

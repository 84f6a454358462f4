import { type Role } from './role.enum.js';

/** One role held by a user: on a project, on a whole programme, or (neither) globally. */
export interface RoleGrant {
  role: Role;
  projectId?: string;
  programId?: string;
}

/** The signed-in user of a request, with every role they hold. Never contains a password or token. */
export interface AuthUser {
  id: string;
  username: string;
  grants: RoleGrant[];
}

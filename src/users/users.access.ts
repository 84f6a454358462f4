import { Role } from '../auth/role.enum.js';

/** Manage users and role assignments (within what they administer). */
export const USER_ADMINS = [Role.ADMIN];

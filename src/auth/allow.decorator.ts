import { SetMetadata } from '@nestjs/common';

import { type Role } from './role.enum.js';

export const ALLOW_KEY = 'fpt:allow';
export const PUBLIC = 'PUBLIC' as const;

/**
 * Declares which roles may call a query, mutation or route. Anything without a declaration is
 * denied. The guard checks that the user holds one of the roles somewhere; the service then scopes
 * to the projects where they hold it (AccessService), inside the database query.
 */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOW_KEY, roles);

/** Open to everyone, signed in or not (login, health, playground). */
export const Public = () => SetMetadata(ALLOW_KEY, PUBLIC);

import type { Request } from 'express';

import type { AuthUser } from '../../auth/auth-user.js';
import { type LoaderRegistry } from './loader-registry.js';

/** What every resolver gets as its GraphQL context; `req.user` is set by the AuthGuard. */
export interface GraphQLContext {
  req: Request & { user?: AuthUser };
  loaders: LoaderRegistry;
}

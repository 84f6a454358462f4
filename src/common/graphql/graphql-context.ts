import type { Request } from 'express';

import type { AuthUser } from '../../auth/auth-user.js';
import { type LoaderRegistry } from './loader-registry.js';

/**
 * What every resolver gets as its GraphQL context; `req.user` is set by the AuthGuard.
 *
 * Field resolvers without arguments take graphql-js's `(parent, args, context)` directly instead of
 * `@Parent()` / `@Context()`: without parameter decorators @nestjs/graphql calls the method as it is,
 * not through its per-call pipe and interceptor chain (several promises each). On a page of 50
 * participants with their participations that chain ran 150 times per request.
 */
export interface GraphQLContext {
  req: Request & { user?: AuthUser };
  loaders: LoaderRegistry;
}

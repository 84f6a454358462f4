import type { Request } from 'express';

import { LoaderRegistry } from './loader-registry.js';

/** What every resolver gets as its GraphQL context. */
export interface GraphQLContext {
  req: Request;
  loaders: LoaderRegistry;
}

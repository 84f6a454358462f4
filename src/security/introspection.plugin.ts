import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { type DocumentNode, visit } from 'graphql';

import { AuthService } from '../auth/auth.service.js';
import { AppError } from '../common/errors/app-error.js';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';

/**
 * Introspection (`__schema`, `__type`) only for signed-in users: the schema is not a map for
 * anonymous visitors. `__typename` stays open, clients need it. The playground signs in first.
 */
@Plugin()
export class IntrospectionGatePlugin implements ApolloServerPlugin<GraphQLContext> {
  constructor(private readonly auth: AuthService) {}

  async requestDidStart(): Promise<GraphQLRequestListener<GraphQLContext>> {
    return {
      didResolveOperation: async ({ document, contextValue }) => {
        if (!introspects(document)) return;
        const { req } = contextValue;
        // extensions.http sets the status Apollo answers with: 401, not the 500 it gives an error thrown in a plugin.
        const unauthorized = { http: { status: 401 } };
        try {
          req.user ??= await this.auth.userFromHeader(req.headers.authorization);
        } catch (error) {
          if (error instanceof AppError) throw new AppError(error.code, error.message, undefined, unauthorized);
          throw error;
        }
        if (!req.user) {
          throw new AppError(
            'INTROSPECTION_REQUIRES_SIGN_IN',
            'Sign in to read the schema (introspection is open to signed-in users only).',
            undefined,
            unauthorized,
          );
        }
      },
    };
  }
}

/** Apollo hands over the same parsed document for the same query text (its document cache), so each is walked once. */
const introspection = new WeakMap<DocumentNode, boolean>();

function introspects(document: DocumentNode): boolean {
  let found = introspection.get(document);
  if (found === undefined) introspection.set(document, (found = walk(document)));
  return found;
}

function walk(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';

import { AppError, type AppErrorCode } from '../common/errors/app-error.js';
import type { GraphQLLimits } from '../config/app-config.js';

export interface DocumentLimits {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  parseOptions: { maxTokens: number };
}

/**
 * The document limits (graphql-armor), each refusal with its own code. Depth, cost, alias and
 * directive limits are validation rules, so a refused document costs no database work; the token
 * limit is enforced by graphql-js' parser itself, before anything else looks at the document.
 * Field suggestions ("Did you mean …?") are masked in production so the schema cannot be guessed.
 */
export function documentLimits(limits: GraphQLLimits, production: boolean): DocumentLimits {
  const reject = (code: AppErrorCode, explain: string) => ({
    propagateOnRejection: false,
    exposeLimits: true,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new AppError(code, `${error.message.replace(/^Syntax Error: /, '')} ${explain}`)),
    ],
  });
  const armor = new ApolloArmor({
    maxDepth: {
      n: limits.maxDepth,
      flattenFragments: true,
      ...reject('QUERY_TOO_DEEP', 'Ask for less nested data (limit: GRAPHQL_MAX_DEPTH).'),
    },
    costLimit: { maxCost: limits.maxCost, ...reject('QUERY_TOO_COMPLEX', 'Split it into smaller queries (limit: GRAPHQL_MAX_COST).') },
    maxAliases: { n: limits.maxAliases, ...reject('TOO_MANY_ALIASES', 'Use fewer aliases (limit: GRAPHQL_MAX_ALIASES).') },
    maxDirectives: { n: limits.maxDirectives, ...reject('TOO_MANY_DIRECTIVES', 'Use fewer directives (limit: GRAPHQL_MAX_DIRECTIVES).') },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: production, mask: '' },
  }).protect();
  return {
    validationRules: armor.validationRules as ValidationRule[],
    plugins: armor.plugins as ApolloServerPlugin[],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

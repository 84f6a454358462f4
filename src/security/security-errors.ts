import type { GraphQLFormattedError } from 'graphql';
import type { GraphQLError } from 'graphql';

import { AppError } from '../common/errors/app-error.js';

type Formatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** Refusals Apollo and graphql-js raise themselves, given their own codes here. */
const BUILT_IN_REFUSALS: { test: (f: GraphQLFormattedError) => boolean; code: string; message?: string }[] = [
  {
    test: (f) => /Document contains more th(?:an|at) \d+ tokens/.test(f.message),
    code: 'TOO_MANY_TOKENS',
    message: 'The document has too many tokens; send a shorter query (limit: GRAPHQL_MAX_TOKENS).',
  },
  {
    test: (f) => f.extensions?.code === 'BAD_REQUEST' && /Cross-Site Request Forgery/i.test(f.message),
    code: 'CSRF_BLOCKED',
    message:
      'Refused as a possible cross-site request forgery: send JSON (content-type: application/json) or an "apollo-require-preflight" header.',
  },
  {
    test: (f) => f.extensions?.code === 'BAD_REQUEST' && /batching/i.test(f.message),
    code: 'BATCHING_DISABLED',
    message: 'Batched requests (a JSON array of operations) are switched off; send one operation per request.',
  },
];

/**
 * Wraps the app's error formatter: refusals of the hardened endpoint keep their own
 * `extensions.code`, including those Apollo re-wraps as validation errors.
 */
export function withSecurityCodes(format: Formatter): Formatter {
  return (formatted, error) => {
    const own = [error, (error as GraphQLError | undefined)?.originalError].find((e): e is AppError => e instanceof AppError);
    if (own) {
      const { http: _status, ...extensions } = own.extensions;
      return { message: own.message, path: formatted.path, locations: formatted.locations, extensions };
    }
    const refusal = BUILT_IN_REFUSALS.find((r) => r.test(formatted));
    if (refusal)
      return { message: refusal.message ?? formatted.message, locations: formatted.locations, extensions: { code: refusal.code } };
    return format(formatted, error);
  };
}

/** For errors thrown outside GraphQL execution (HTTP layer) in the same JSON shape. */
export const graphQLErrorBody = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  errors: [{ message, extensions: { code, ...extra } }],
});

import type { AppErrorCode } from './app-error.js';

/**
 * The HTTP status of every error code, for the REST routes (downloads, uploads) that answer with a
 * status instead of a GraphQL body. A `Record` over the union: a new code that is not mapped here
 * fails to compile, so no refusal silently becomes a 500.
 */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  QUERY_TOO_DEEP: 400,
  QUERY_TOO_COMPLEX: 400,
  TOO_MANY_ALIASES: 400,
  TOO_MANY_DIRECTIVES: 400,
  TOO_MANY_TOKENS: 400,
  PAYLOAD_TOO_LARGE: 413,
  BATCHING_DISABLED: 400,
  CSRF_BLOCKED: 403,
  INTROSPECTION_REQUIRES_SIGN_IN: 401,
  SERVICE_UNAVAILABLE: 503,
};

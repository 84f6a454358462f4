import { GraphQLError } from 'graphql';

/** The error codes a client can rely on in `extensions.code`. */
export type AppErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  // The database is unreachable or stopped answering (HTTP 503); nothing was written, try again.
  | 'SERVICE_UNAVAILABLE'
  // Refusals of the hardened endpoint (src/security/): each limit has its own code.
  | 'RATE_LIMITED'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COMPLEX'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_DIRECTIVES'
  | 'TOO_MANY_TOKENS'
  | 'PAYLOAD_TOO_LARGE'
  | 'BATCHING_DISABLED'
  | 'CSRF_BLOCKED'
  | 'INTROSPECTION_REQUIRES_SIGN_IN';

/**
 * An error meant for the person at the other end: a clerk-readable message, a stable code and,
 * for bad input, the offending field. Anything else thrown is an internal error and is masked.
 */
export class AppError extends GraphQLError {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly field?: string,
    details?: Record<string, unknown>,
  ) {
    super(message, { extensions: { code, ...(field ? { field } : {}), ...details } });
  }
}

export const badInput = (field: string, message: string, details?: Record<string, unknown>) =>
  new AppError('BAD_USER_INPUT', message, field, details);

export const notFound = (what: string, id: string, field?: string) =>
  new AppError('NOT_FOUND', `${what} ${id} does not exist or is not visible to you.`, field);

export const conflict = (message: string, details?: Record<string, unknown>) => new AppError('CONFLICT', message, undefined, details);

export const forbidden = (message = 'You are not allowed to do this.') => new AppError('FORBIDDEN', message);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a well-formed id (UUID). */
export const isId = (value: string): boolean => UUID.test(value);

/** Ids are UUIDs; anything else is refused before it reaches the database's uuid cast. */
export function checkId(id: string, field = 'id'): string {
  if (!UUID.test(id)) throw badInput(field, `"${id.slice(0, 40)}" is not a valid id.`);
  return id;
}

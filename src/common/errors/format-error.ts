import { unwrapResolverError } from '@apollo/server/errors';
import { ConnectionException, DriverException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import { isConnectionFailure } from '../../database/pool-health.js';
import { AppError } from './app-error.js';

/** Matches graphql-js' messages for a bad variable or literal so the field can be named. */
const VARIABLE_PATH = /^Variable "\$([\w]+)" got invalid value .*? at "([\w.[\]]+)"/s;
const VARIABLE_NAME = /^Variable "\$([\w]+)" got invalid value/;
const LITERAL_TYPE = /^Expected value of type "([\w!\]\[]+)", found/;

export interface ErrorFormatterOptions {
  /** Hide internal messages (production). Codes and clerk-facing messages always pass. */
  maskInternalErrors: boolean;
  onInternalError: (error: unknown) => void;
  /** The database failed (logged at warn, once per error, without the request's data). */
  onDatabaseUnavailable?: (error: unknown) => void;
}

/** What a client sees while the database is down or the pool cannot give a connection in time. */
export const SERVICE_UNAVAILABLE_MESSAGE = 'The database is not reachable right now; nothing was saved. Please try again in a moment.';

/** Whether an error (as thrown by a resolver, or wrapped by the ORM) means the database is unavailable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof ConnectionException) return true;
  // 57014: the statement ran into DB_STATEMENT_TIMEOUT_MS; the database is too slow to answer now.
  if ((error as { code?: unknown } | null)?.code === '57014') return true;
  if (isConnectionFailure(error)) return true;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause !== undefined && cause !== error && isConnectionFailure(cause);
}

/**
 * The one place where every error leaving the server is shaped: codes from AppError, bad input
 * from graphql-js coercion turned into BAD_USER_INPUT with the field, internal errors masked.
 */
export function createErrorFormatter(options: ErrorFormatterOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { ...original.extensions } };
    }
    if (original instanceof UniqueConstraintViolationException) {
      return { message: 'This record already exists.', path: formatted.path, extensions: { code: 'CONFLICT' } };
    }
    if (original instanceof OptimisticLockError) {
      return {
        message: 'Someone else changed this record first; reload and try again.',
        path: formatted.path,
        extensions: { code: 'CONFLICT' },
      };
    }
    // The database's invariant triggers name the field in their message: "invariant:<field>:<text>".
    // Deferred to COMMIT, they reach us as the driver's raw error (SQLSTATE 23514), not wrapped by the ORM.
    const invariant =
      original instanceof DriverException || (original as { code?: unknown } | null)?.code === '23514'
        ? /invariant:(\w+):([^\n]*)/.exec((original as Error).message)
        : null;
    if (invariant)
      return { message: invariant[2].trim(), path: formatted.path, extensions: { code: 'BAD_USER_INPUT', field: invariant[1] } };
    if (isDatabaseUnavailable(original)) {
      options.onDatabaseUnavailable?.(original);
      return { message: SERVICE_UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    const code = formatted.extensions?.code;
    const variable = VARIABLE_PATH.exec(formatted.message) ?? VARIABLE_NAME.exec(formatted.message);
    if (variable) {
      let field = variable[2] ? variable[2].split('.').slice(1).join('.') || variable[1] : variable[1];
      // A missing or unknown field is reported on its parent object; name the field itself.
      const child = /Field "(\w+)" (?:of required type .*? was not provided|is not defined by type)/.exec(formatted.message)?.[1];
      if (child) field = field === variable[1] ? child : `${field}.${child}`;
      return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT', field } };
    }
    if (code === 'GRAPHQL_VALIDATION_FAILED' && LITERAL_TYPE.test(formatted.message)) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', field: literalField(error) },
      };
    }
    if (code === 'INTERNAL_SERVER_ERROR' || code === undefined || original instanceof DriverException) {
      options.onInternalError(original);
      return {
        message: options.maskInternalErrors
          ? 'Internal server error. The incident was logged; please try again or contact support.'
          : formatted.message,
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { code } };
  };
}

/** For an inline literal the field is the name just before the value in the document. */
function literalField(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const node = error.nodes?.[0];
  const body = error.source?.body ?? node?.loc?.source.body;
  if (!node?.loc || !body) return undefined;
  return /(\w+)\s*:\s*$/.exec(body.slice(0, node.loc.start))?.[1];
}

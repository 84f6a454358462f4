import { AsyncLocalStorage } from 'node:async_hooks';

import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { NextFunction, Request, Response } from 'express';
import { getOperationAST, parse } from 'graphql';

/**
 * Where a request's reads go. GraphQL queries (analyst views, overviews, reports) read from a
 * replica when replicas are configured; mutations and everything else read from the primary, so a
 * request always sees its own writes. Reads inside a transaction always go to the primary.
 */
export type ReadTarget = 'primary' | 'replica';

export const readTarget = new AsyncLocalStorage<ReadTarget>();

/** MikroORM's driver, choosing the connection by the request's read target instead of one global switch. */
export class ReadPreferenceDriver extends PostgreSqlDriver {
  protected override resolveConnectionType(args: { ctx?: unknown; connectionType?: 'read' | 'write' }): 'read' | 'write' {
    if (args.ctx) return 'write';
    if (args.connectionType) return args.connectionType;
    return readTarget.getStore() === 'replica' ? 'read' : 'write';
  }
}

/** The connection a raw statement outside a transaction should read from (as the driver resolves it for the ORM's own reads). */
export const readConnection = (): 'read' | 'write' => (readTarget.getStore() === 'replica' ? 'read' : 'write');

/** Express middleware for the GraphQL route: a query operation runs with reads on a replica. */
export function graphqlReadTargetMiddleware(req: Request, _res: Response, next: NextFunction): void {
  readTarget.run(operationKind(req) === 'query' ? 'replica' : 'primary', next);
}

/** Express middleware for the export downloads: they only read, so they read from a replica. */
export function exportsReadTargetMiddleware(req: Request, _res: Response, next: NextFunction): void {
  readTarget.run(req.method === 'GET' ? 'replica' : 'primary', next);
}

/**
 * The kind of recently seen documents: clients send the same few documents over and over, and
 * parsing one again costs more than the rest of this middleware. Short documents only, so the
 * memory stays small (at most KINDS_KEPT × KIND_KEY_MAX characters).
 */
const KINDS_KEPT = 500;
const KIND_KEY_MAX = 4_000;
const kinds = new Map<string, string | undefined>();

function operationKind(req: Request): string | undefined {
  const body = req.body as { query?: unknown; operationName?: unknown } | undefined;
  if (req.method !== 'POST' || typeof body?.query !== 'string') return undefined;
  const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
  const key = `${operationName ?? ''}\n${body.query}`;
  if (kinds.has(key)) return kinds.get(key);
  let kind: string | undefined;
  try {
    kind = getOperationAST(parse(body.query, { maxTokens: 10_000 }), operationName)?.operation;
  } catch {
    kind = undefined; // Apollo answers the parse error itself.
  }
  if (key.length <= KIND_KEY_MAX) {
    if (kinds.size >= KINDS_KEPT) kinds.delete(kinds.keys().next().value!);
    kinds.set(key, kind);
  }
  return kind;
}

/**
 * SQL for a timestamptz as epoch milliseconds (a JS number), for plain-row reads: the ORM's driver
 * hands timestamps back as text, and `new Date(ms)` is exact to the millisecond as an entity's is.
 */
export const epochMs = (column: string): string => `floor(extract(epoch from ${column}) * 1000)::float8`;

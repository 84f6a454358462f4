import type { Pool, PoolClient } from 'pg';

import type { DbTimeouts } from '../config/app-config.js';

/**
 * SQLSTATE classes that mean the connection (not the statement) is gone or going: 08 connection
 * exception, 57P01–57P03 admin/crash shutdown and "cannot connect now".
 */
const CONNECTION_STATES = /^(08|57P0[1-3])/;

/** Whether an error means the database or the connection to it failed (as opposed to a refused statement). */
export function isConnectionFailure(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string')
    return CONNECTION_STATES.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND'].includes(code);
  const text = typeof message === 'string' ? message : '';
  return /timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client has encountered a connection error|not queryable|ECONNREFUSED|ECONNRESET/i.test(
    text,
  );
}

/**
 * pg settings for the pool: a bounded wait for a connection, a server-side statement
 * timeout with a client-side backstop a little later (for a server that stopped answering
 * altogether), and an idle-in-transaction timeout so a forgotten transaction frees its locks.
 */
export function poolOptions(timeouts: DbTimeouts) {
  return {
    connectionTimeoutMillis: timeouts.acquireMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.statementMs + 5_000,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
    onPoolCreated: destroyBrokenConnections,
  };
}

/**
 * Kysely hands a connection back to pg-pool without an error, so a client whose socket died or
 * whose statement was abandoned by the client-side timeout would go back into the pool and hang
 * the next request. We end such a client as soon as one of its statements fails that way; pg-pool
 * then drops it on release and opens a fresh one on demand, so the service recovers by itself.
 */
export function destroyBrokenConnections(pool: Pool): void {
  pool.on('connect', (client: PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        (result as Promise<unknown>).catch((error: unknown) => {
          if (isConnectionFailure(error)) void client.end().catch(() => undefined);
        });
      }
      return result;
    };
  });
}

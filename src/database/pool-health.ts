import { performance } from 'node:perf_hooks';

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
 * pg settings for the pool: a bounded wait for a connection, a server-side statement timeout with
 * a client-side backstop a little later (for a server that stopped answering altogether; see
 * `guardClients`), and an idle-in-transaction timeout so a forgotten transaction frees its locks.
 */
export function poolOptions(timeouts: DbTimeouts) {
  return {
    connectionTimeoutMillis: timeouts.acquireMs,
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
    onPoolCreated: (pool: Pool) => guardClients(pool, { answerWithinMs: timeouts.statementMs + 5_000 }),
  };
}

const started = Symbol('statement started');
const pending = Symbol('statements pending');
type GuardedClient = PoolClient & { [started]?: number; [pending]?: number };

/**
 * Guards every pooled client:
 *
 * - A client whose socket died, or whose statement got no answer in `answerWithinMs` (the server
 *   stopped answering altogether: no statement timeout can fire there), is ended as soon as that
 *   shows, so pg-pool drops it on release and opens a fresh one on demand; Kysely hands connections
 *   back without an error, so the broken one would otherwise hang the next request. One check a
 *   second for the whole pool, instead of pg's `query_timeout`, which arms a timer per statement.
 * - A statement asked for as a promise (as Kysely, and so MikroORM, asks) runs through pg's
 *   callback form under a promise of our own.
 *
 * Both instead of pg's own means because those kept every answer reachable through young-generation
 * collections (pg's promise form and its per-statement timer each did): every page's rows were
 * promoted to the old generation, and each young collection took 10-30 ms instead of about one
 * (pool-health.spec.ts).
 */
export function guardClients(
  pool: Pool,
  { answerWithinMs, checkEveryMs = 1_000 }: { answerWithinMs: number; checkEveryMs?: number },
): void {
  const busy = new Set<GuardedClient>();
  const endIfBroken = (client: GuardedClient, error: unknown) => {
    if (isConnectionFailure(error)) void client.end().catch(() => undefined);
  };
  const watchdog = setInterval(() => {
    const now = performance.now();
    for (const client of busy) {
      if (now - (client[started] ?? now) > answerWithinMs) {
        busy.delete(client);
        // Ending the socket fails the statement with a connection error, like a dropped connection.
        (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      }
    }
  }, checkEveryMs);
  watchdog.unref();
  const end = pool.end.bind(pool) as () => Promise<void>;
  (pool as unknown as { end: () => Promise<void> }).end = () => {
    clearInterval(watchdog);
    return end();
  };

  pool.on('connect', (raw: PoolClient) => {
    const client = raw as GuardedClient;
    // A connection ended here (or dropped) also emits 'error' on a checked-out client, which pg-pool
    // leaves unlistened; the statement in flight rejects on its own, so the event needs no handling.
    client.on('error', () => undefined);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const begin = () => {
      if (!client[pending]) client[started] = performance.now();
      client[pending] = (client[pending] ?? 0) + 1;
      busy.add(client);
    };
    const settle = () => {
      client[pending] = (client[pending] ?? 1) - 1;
      // pg answers a client's statements in order: the next one waits from now.
      if (client[pending] > 0) client[started] = performance.now();
      else busy.delete(client);
    };
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (!isPlainStatement(args)) {
        const result = query(...args);
        if (result && typeof (result as Promise<unknown>).then === 'function')
          (result as Promise<unknown>).catch((e) => endIfBroken(client, e));
        return result;
      }
      return new Promise((resolve, reject) => {
        begin();
        try {
          query(...args, (error: unknown, result: unknown) => {
            settle();
            if (error) {
              endIfBroken(client, error);
              reject(error);
            } else resolve(result);
          });
        } catch (error) {
          settle(); // refused before it was sent (pg throws for a missing text): nothing to wait for
          reject(error);
        }
      });
    };
  });
}

/** A statement asked for as a promise: text or config with values, no callback, not a submittable (a cursor). */
function isPlainStatement(args: unknown[]): boolean {
  if (args.length === 0 || args.length > 2 || args.some((a) => typeof a === 'function')) return false;
  const [config] = args;
  if (config && typeof config === 'object') {
    const { submit, callback } = config as { submit?: unknown; callback?: unknown };
    if (typeof submit === 'function' || typeof callback === 'function') return false;
  }
  return true;
}

import { createServer, type Server, type Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';

import pg from 'pg';

import { databaseUrl, SERVER_URL_ENV } from '../../test/setup/test-database.js';
import { gc, oldGeneration } from '../../test/setup/young-generation.js';
import { guardClients, isConnectionFailure, poolOptions } from './pool-health.js';

describe('pool health', () => {
  let pool: pg.Pool;

  beforeAll(() => {
    // The service's own pool settings, guard included (onPoolCreated is MikroORM's hook; called here by hand).
    const { onPoolCreated, ...options } = poolOptions({ acquireMs: 2_000, statementMs: 30_000, idleInTransactionMs: 60_000 });
    pool = new pg.Pool({ connectionString: databaseUrl(process.env[SERVER_URL_ENV]!, 'postgres'), max: 1, ...options });
    pool.on('error', () => undefined);
    onPoolCreated(pool);
  });
  afterAll(() => pool.end());

  it("lets a statement's answer die young: rows read through the pool's clients are not promoted to the old generation", async () => {
    // pg's promise form of client.query (which Kysely, and so MikroORM, use) kept every answer alive
    // through young-generation collections: each page's rows reached the old generation, and the
    // collections of the young one took 10-30 ms instead of about one.
    const client = await pool.connect();
    try {
      const sql = `select g as id, 'payee ' || g as payee, (g * 1.01)::numeric(14,2)::text as amount from generate_series(1, 50) g where g > $1`;
      for (let i = 0; i < 20; i++) await client.query(sql, [0]); // warm up
      gc();
      const before = oldGeneration();
      const queries = 200;
      for (let i = 0; i < queries; i++) {
        const { rows } = await client.query<{ id: number }>(sql, [0]);
        expect(rows).toHaveLength(50);
        gc({ type: 'minor' });
      }
      // About 6 KB a statement before the fix (every answer promoted), well under 1 KB after.
      expect((oldGeneration() - before) / queries).toBeLessThan(1_000);
    } finally {
      client.release();
    }
  });

  it('still answers errors as rejections and values as results, with and without parameters', async () => {
    const client = await pool.connect();
    try {
      await expect(client.query('select 1 as one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
      await expect(client.query('select $1::int as two', [2])).resolves.toMatchObject({ rows: [{ two: 2 }] });
      await expect(client.query({ text: 'select $1::int as three', values: [3] })).resolves.toMatchObject({ rows: [{ three: 3 }] });
      await expect(client.query('select nonsense from nowhere')).rejects.toMatchObject({ code: '42P01' });
      // Refused before it was sent: rejects, and leaves nothing for the watchdog to wait on.
      await expect(client.query(null as unknown as string)).rejects.toThrow(TypeError);
      const viaCallback = await new Promise((resolve, reject) =>
        client.query('select 4 as four', (e, r) => (e ? reject(e) : resolve(r.rows))),
      );
      expect(viaCallback).toEqual([{ four: 4 }]);
    } finally {
      client.release();
    }
  });

  it('ends a client whose server stopped answering altogether, so the statement fails as a lost connection and the next one gets a fresh client', async () => {
    // A proxy in front of PostgreSQL that can go silent without closing anything, like a frozen host.
    const target = new URL(databaseUrl(process.env[SERVER_URL_ENV]!, 'postgres'));
    let silent = false;
    const sockets = new Set<Socket>();
    const proxy: Server = createServer((inbound) => {
      const outbound = connect(Number(target.port || 5432), target.hostname);
      for (const s of [inbound, outbound]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      outbound.on('data', (chunk) => void (silent || inbound.write(chunk)));
      inbound.on('data', (chunk) => void (silent || outbound.write(chunk)));
      inbound.on('close', () => outbound.destroy());
      outbound.on('close', () => inbound.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = new URL(target);
    url.hostname = '127.0.0.1';
    url.port = String((proxy.address() as AddressInfo).port);
    const frozen = new pg.Pool({ connectionString: url.toString(), max: 1 });
    frozen.on('error', () => undefined);
    guardClients(frozen, { answerWithinMs: 300, checkEveryMs: 50 });
    try {
      await expect(frozen.query('select 1 as one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
      const client = await frozen.connect();
      silent = true;
      const startedAt = Date.now();
      const error = await client.query('select 2 as two').then(
        () => null,
        (e: unknown) => e,
      );
      client.release(error as Error);
      expect(error).not.toBeNull();
      expect(isConnectionFailure(error)).toBe(true);
      expect(Date.now() - startedAt).toBeLessThan(5_000);
      silent = false;
      await expect(frozen.query('select 3 as three')).resolves.toMatchObject({ rows: [{ three: 3 }] });
    } finally {
      await frozen.end();
      for (const s of sockets) s.destroy();
      proxy.close();
    }
  });
});

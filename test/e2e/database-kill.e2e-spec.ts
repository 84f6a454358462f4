import { jest } from '@jest/globals';

import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { MikroORM } from '@mikro-orm/postgresql';

import { createOrmConfig } from '../../src/database/mikro-orm.config.js';
import { ensureDatabase, type RunningDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { key, receipt, RECORD } from '../factories/money-ops.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../setup/test-app.js';

/**
 * Kill -9 of the PostgreSQL postmaster while writers are busy. Every request must
 * be answered (data or a clear SERVICE_UNAVAILABLE), /health must answer 503 during the outage and
 * 200 after the restart, the service must recover by itself, and no acknowledged write may be lost.
 * This file starts its own PostgreSQL (durable commits: synchronous_commit stays on) so the kill
 * cannot hurt other tests. The times are printed for the README; none is asserted.
 */
jest.setTimeout(600_000);

const WRITERS = 5;
const UNANSWERED = { unanswered: true } as const;
const bounded = <T>(p: Promise<T>, ms = 60_000) =>
  Promise.race([p, new Promise<typeof UNANSWERED>((r) => setTimeout(() => r(UNANSWERED), ms).unref())]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

describe('database killed under concurrent writes', () => {
  let parent: string;
  let dir: string;
  let db: RunningDatabase;
  let t: TestApp;
  let p: FundedProject;

  const start = async (port?: number) => startEmbeddedPostgres({ dir, port, extraFlags: ['-c', 'fsync=off'] });

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'fpt-kill-'));
    await chmod(parent, 0o755);
    dir = join(parent, 'pg');
    db = await start();
    await ensureDatabase(db.url, 'killtest');
    const orm = await MikroORM.init(createOrmConfig({ url: db.urlFor('killtest') }));
    try {
      await prepareDatabase(orm, { seedDemo: true });
    } finally {
      await orm.close();
    }
    t = await createTestApp({ DB_ACQUIRE_TIMEOUT_MS: '2000', DB_STATEMENT_TIMEOUT_MS: '5000' }, { databaseUrl: db.urlFor('killtest') });
    p = await createFundedProject(t.orm, { plan: { 2024: { A: '900000.00' } } });
    await t.auth(p.finance);
  });
  afterAll(async () => {
    // Bounded: a pool that lived through the outage must not keep the test run open (noted in the README).
    await Promise.race([t?.close(), sleep(15_000)]);
    await Promise.race([db?.stop().catch(() => undefined), sleep(15_000)]);
    await rm(parent, { recursive: true, force: true });
  });

  it('answers every request, 503 while down, 200 after the restart, and loses no acknowledged write', async () => {
    const acknowledged: string[] = [];
    const answers: { startedAt: number; ms: number; outcome: string }[] = [];
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const body = receipt(p.category.A, { grossAmount: '1.00', eligibleAmount: '1.00' });
        const startedAt = now();
        const r = await bounded(t.gqlAs(p.finance, RECORD, { input: { idempotencyKey: key(), projectId: p.projectId, receipt: body } }));
        const ms = now() - startedAt;
        if (r === UNANSWERED) answers.push({ startedAt, ms, outcome: 'UNANSWERED' });
        else {
          const g = r as GraphQLResponse;
          if (g.data?.recordExpenditure) acknowledged.push(body.receiptNumber);
          answers.push({ startedAt, ms, outcome: g.data?.recordExpenditure ? 'OK' : String(g.errors?.[0]?.extensions?.code) });
          if (!g.data?.recordExpenditure) await sleep(50);
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, writer);
    await sleep(1500);

    // kill -9 of the postmaster, as an OOM killer or a crashed host would.
    const pid = Number((await readFile(join(dir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const killedAt = now();
    process.kill(pid, 'SIGKILL');

    // /health during the outage.
    let first503: number | undefined;
    const outageHealth: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await bounded(t.http().get('/health'), 10_000);
      const status = r === UNANSWERED ? 0 : (r as { status: number }).status;
      outageHealth.push(status);
      if (status === 503 && first503 === undefined) first503 = now() - killedAt;
      await sleep(200);
    }
    expect(outageHealth.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(outageHealth).not.toContain(0);

    // Restart on the same port; orphaned backends of the killed postmaster may need a moment to go.
    for (let attempt = 0; ; attempt++) {
      try {
        db = await start(db.port);
        break;
      } catch (error) {
        if (attempt >= 20) throw error;
        await sleep(500);
      }
    }
    const restartedAt = now();
    let first200: number | undefined;
    for (let i = 0; i < 100 && first200 === undefined; i++) {
      const r = await bounded(t.http().get('/health'), 10_000);
      if (r !== UNANSWERED && (r as { status: number }).status === 200) first200 = now() - restartedAt;
      else await sleep(100);
    }
    expect(first200).toBeDefined();

    // Writes succeed again by themselves (no restart of the service).
    const okBefore = acknowledged.length;
    for (let i = 0; i < 100 && acknowledged.length < okBefore + 2 * WRITERS; i++) await sleep(100);
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(okBefore + 2 * WRITERS);

    expect(answers.filter((a) => a.outcome === 'UNANSWERED')).toEqual([]);
    const outcomes = new Set(answers.map((a) => a.outcome));
    for (const outcome of outcomes) expect(['OK', 'SERVICE_UNAVAILABLE']).toContain(outcome);
    expect(outcomes).toContain('SERVICE_UNAVAILABLE');

    // No acknowledged write lost.
    const rows = await t.orm.em
      .fork()
      .execute<{ receipt_number: string }[]>('select receipt_number from expenditure where project_id = ?', [p.projectId]);
    const stored = new Set(rows.map((r) => r.receipt_number));
    const lost = acknowledged.filter((n) => !stored.has(n));
    expect(lost).toEqual([]);

    const inFlight = answers.filter((a) => a.startedAt < killedAt && a.startedAt + a.ms > killedAt);
    const outage = answers.filter((a) => a.startedAt >= killedAt && a.startedAt < restartedAt);
    const round = (ms: number) => Math.round(ms) / 1000;

    console.log(
      `database-kill figures (load ${WRITERS} writers): slowest in-flight ${round(Math.max(0, ...inFlight.map((a) => a.ms)))} s, ` +
        `slowest outage answer ${round(Math.max(0, ...outage.map((a) => a.ms)))} s, first /health 503 after ${round(first503 ?? NaN)} s, ` +
        `first /health 200 after restart ${round(first200 ?? NaN)} s, acknowledged ${acknowledged.length}, lost ${lost.length}, data dir ${existsSync(dir)}`,
    );
  });
});

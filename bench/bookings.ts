import 'reflect-metadata';

import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { withScratchDatabase } from '../src/scripts/scratch-database.js';
import { createFundedProject } from '../test/factories/funded-project.js';
import { TEST_PASSWORD } from '../test/setup/test-app.js';

/**
 * `npm run bench:bookings`: receipts booked per second by 32 concurrent writers through GraphQL
 * over HTTP, and their latency percentiles. A scratch embedded PostgreSQL with the demo (about
 * 23,000 receipts already in the ledger) and a fresh project whose plan has room for every booking;
 * writers book into six cost categories of one year, so bookings of a category queue on its
 * totals row as they would in production. The writers run in a child process (bench/bookings-client.mjs),
 * so the load generator does not share the server's event loop. Not part of `npm test`.
 */
const WRITERS = Number(process.env.BENCH_WRITERS ?? 32);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 4000);
const WARMUP = 200;
const CATEGORIES = ['A', 'B1', 'B3', 'B4', 'B5', 'B6'];

const execFileAsync = promisify(execFile);

await withScratchDatabase(async (url) => {
  // The service's own pool size (DB_POOL_MAX, default 10) unless BENCH_POOL says otherwise.
  const pool = process.env.BENCH_POOL ?? process.env.DB_POOL_MAX;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...(pool ? { DB_POOL_MAX: pool } : {}) });
  const app = await NestFactory.create(AppModule.forRoot(config, url), { logger: false });
  const orm: MikroORM = app.get(MikroORM);
  await prepareDatabase(orm, { seedDemo: true });
  const plan = Object.fromEntries(CATEGORIES.map((c) => [c, '9000000.00']));
  const project = await createFundedProject(orm, { plan: { 2025: plan } });
  await app.listen(0, '127.0.0.1');
  const endpoint = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;

  const post = async (body: unknown, token?: string) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  };
  const login = await post({
    query: 'mutation($input: LoginInput!) { login(input: $input) { token } }',
    variables: { input: { username: project.finance, password: TEST_PASSWORD } },
  });
  const token = login.data!.login.token as string;

  const categories = CATEGORIES.map((c) => project.category[c]);
  let offset = 0;
  /** Runs the load generator in a child process and collects its latencies. */
  const run = async (total: number): Promise<{ seconds: number; latencies: number[] }> => {
    const args = JSON.stringify({ endpoint, token, projectId: project.projectId, categories, writers: WRITERS, total, offset });
    offset += total;
    const { stdout } = await execFileAsync(process.execPath, [fileURLToPath(new URL('./bookings-client.mjs', import.meta.url)), args], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout) as { seconds: number; latencies: number[] };
  };

  await run(WARMUP);
  const cpuBefore = process.cpuUsage();
  const { seconds, latencies } = await run(BOOKINGS);
  const cpu = process.cpuUsage(cpuBefore);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)].toFixed(1);
  const [check] = await orm.em
    .fork()
    .execute<{ n: string }[]>('select count(*) as n from expenditure where project_id = ?', [project.projectId]);
  console.log(`writers ${WRITERS}, bookings ${latencies.length} (rows in the ledger of the project: ${check.n}), pool ${config.dbPoolMax}`);
  console.log(`throughput ${(latencies.length / seconds).toFixed(0)} bookings/s over ${seconds.toFixed(1)} s`);
  console.log(
    `server CPU (this process, without PostgreSQL) ${((cpu.user + cpu.system) / 1000 / latencies.length).toFixed(2)} ms per booking; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs`,
  );
  console.log(`latency ms: p50 ${pct(50)}  p90 ${pct(90)}  p99 ${pct(99)}  max ${latencies.at(-1)!.toFixed(1)}  (target p99 < 100 ms)`);
  await app.close();
});

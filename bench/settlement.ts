import 'reflect-metadata';

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { withScratchDatabase } from '../src/scripts/scratch-database.js';
import { graphqlClient } from './support/graphql-client.js';

/**
 * `npm run bench:settlement`: latency of the settlement (Schlussabrechnung) of the demo project over
 * HTTP (target < 200 ms) and of the programme-level settlement list (target < 2 s for 400
 * generated projects). Against a scratch PostgreSQL with the demo, to which `seed:scale` adds
 * BENCH_PROJECTS generated projects (default 40, each BENCH_RECEIPTS receipts, default 25,000: the
 * nationwide shape); or against BENCH_DATABASE_URL, a database `seed:scale` already filled. Not
 * part of `npm test`; figures go into reports, never into asserts.
 */
const CALLS = Number(process.env.BENCH_CALLS ?? 100);
const LIST_CALLS = Number(process.env.BENCH_LIST_CALLS ?? 20);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 40);
const RECEIPTS = Number(process.env.BENCH_RECEIPTS ?? 25000);
const AS_OF = '2026-11-20';
const run = promisify(execFile);

const SETTLEMENT = `query($p: ID!, $asOf: LocalDate, $whatIf: SettlementScenarioInput) { settlement(projectId: $p, asOf: $asOf, whatIf: $whatIf) {
  finalGrant paidOut balance reclaim totalDue interest { amount pieces { exact } } cover { kind actual } categories { code planned actual } steps { number label detail amount } } }`;
const LIST = `query($p: ID!, $asOf: LocalDate) { programSettlements(programId: $p, asOf: $asOf) {
  projects { projectId fileNumber problem finalGrant paidOut reclaim interest totalDue } totals { settled finalGrant reclaim totalDue } } }`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function measure(name: string, calls: number, send: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(10, calls); i++) await send();
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await send();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `${name.padEnd(64)} n=${calls}  p50 ${f(percentile(times, 0.5))}  p95 ${f(percentile(times, 0.95))}  max ${f(times[times.length - 1])}  (load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  return times;
}

async function bench(url: string, generate: boolean): Promise<void> {
  // The demo and the generator encrypt identities with the keys in the environment; the service gets the same ones.
  process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
  process.env.IDENTITY_HASH_KEY ??= randomBytes(32).toString('base64');
  const keys = { DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY, IDENTITY_HASH_KEY: process.env.IDENTITY_HASH_KEY };
  const config = loadConfig({
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    PLAYGROUND: 'false',
    ...keys,
  });
  const app = await NestFactory.create(AppModule.forRoot(config, url), { logger: false });
  const orm: MikroORM = app.get(MikroORM);
  await prepareDatabase(orm, { seedDemo: true });
  if (generate) {
    const started = performance.now();
    console.log(`generating ${PROJECTS} projects with ${RECEIPTS} receipts each (seed:scale) …`);
    await run(
      'node',
      [
        '--import',
        '@swc-node/register/esm-register',
        'src/scripts/seed-scale.ts',
        '--projects',
        String(PROJECTS),
        '--seed',
        '2026',
        '--receipts-per-project',
        String(RECEIPTS),
        '--participants-per-project',
        '10',
      ],
      {
        env: { ...process.env, DATABASE_URL: url },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    console.log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const connection = orm.em.fork().getConnection();
  const [{ demo, program, projects, receipts }] = await connection.execute(
    `select p.id as demo, p.program_id as program, (select count(*)::int from project) as projects, (select count(*)::int from expenditure) as receipts
       from project p where p.file_number = 'MP-SGB2-2022-0042'`,
  );
  console.log(`database: ${projects} projects, ${receipts} receipts`);
  await app.listen(0, '127.0.0.1');
  const { post, login } = graphqlClient(`${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1'));
  const [auditor, grantor] = [await login('auditor'), await login('grantor')];

  const sample = (await post({ query: SETTLEMENT, variables: { p: demo, asOf: AS_OF } }, auditor)).settlement;
  console.log(
    `demo settlement as of ${AS_OF}: final grant ${sample.finalGrant}, paid out ${sample.paidOut}, reclaim ${sample.reclaim}, ${sample.steps.length} steps`,
  );
  await measure(`settlement of the demo project (as of ${AS_OF})`, CALLS, () =>
    post({ query: SETTLEMENT, variables: { p: demo, asOf: AS_OF } }, auditor),
  );
  const b1 = (await connection.execute(`select id from cost_category where program_id = ? and code = 'B1'`, [program]))[0].id;
  await measure('settlement what-if (B1 at 70 % of plan, the rest as planned)', CALLS, () =>
    post(
      { query: SETTLEMENT, variables: { p: demo, asOf: AS_OF, whatIf: { categories: [{ costCategoryId: b1, percentOfPlan: '70.00' }] } } },
      auditor,
    ),
  );
  const list = (await post({ query: LIST, variables: { p: program, asOf: AS_OF } }, grantor)).programSettlements;
  console.log(`programme list: ${list.projects.length} projects, ${list.totals.settled} settled, reclaims ${list.totals.reclaim}`);
  const late = await measure(`programSettlements, ${list.projects.length} projects (as of ${AS_OF})`, LIST_CALLS, () =>
    post({ query: LIST, variables: { p: program, asOf: AS_OF } }, grantor),
  );
  // an as-of date inside the period: every receipt paid later is subtracted from the maintained totals
  const mid = await measure(`programSettlements, ${list.projects.length} projects (as of 2025-06-30)`, LIST_CALLS, () =>
    post({ query: LIST, variables: { p: program, asOf: '2025-06-30' } }, grantor),
  );
  const per400 = (times: number[]) => ((percentile(times, 0.5) / list.projects.length) * 400).toFixed(0);
  console.log(
    `extrapolated to 400 projects (linear in projects, p50): ${per400(late)} ms as of ${AS_OF}, ${per400(mid)} ms as of 2025-06-30`,
  );
  await app.close();
}

if (process.env.BENCH_DATABASE_URL) await bench(process.env.BENCH_DATABASE_URL, false);
else await withScratchDatabase((url) => bench(url, PROJECTS > 0));

import 'reflect-metadata';

import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { Decimal } from 'decimal.js';

import { AppModule } from '../src/app.module.js';
import { BudgetTotals } from '../src/budget/budget-totals.js';
import { loadConfig } from '../src/config/app-config.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { graphqlClient } from './support/graphql-client.js';
import { withScratchDatabase } from '../src/scripts/scratch-database.js';

/**
 * `npm run bench:budget`: latency of budgetOverview (one project) and programOverview (a programme
 * of 400 projects) over HTTP, against a scratch PostgreSQL filled with 400 planned projects and
 * realistic maintained totals. Not part of `npm test`; the figures go into reports, never into asserts.
 */
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 400);
const PROJECT_CALLS = Number(process.env.BENCH_PROJECT_CALLS ?? 2000);
const PROGRAM_CALLS = Number(process.env.BENCH_PROGRAM_CALLS ?? 200);
const WARMUP = 50;

const FIGURES = 'fiscalYear costCategory { code name } planned drawn spent committed available deviation deviationPercent status';
const PROJECT_QUERY = `query($p: ID!) { budgetOverview(projectId: $p) { projectId asOf status revision { number }
  years { fiscalYear instalment lines { ${FIGURES} } total { ${FIGURES} } } categories { ${FIGURES} } total { ${FIGURES} }
  burnRate { overallPerMonth recentPerMonth monthsElapsed recentMonths } forecast { monthsRemaining spentAtEnd projectedRemainder }
  lapsing { fiscalYear instalment drawn spent projectedDrawn atRisk } } }`;
const PROGRAM_QUERY = `query($id: ID!, $asOf: LocalDate) { programOverview(programId: $id, asOf: $asOf) { programId projects { projectId fileNumber revisionNumber status
  total { planned drawn spent committed available deviation deviationPercent status } burnRate { overallPerMonth recentPerMonth }
  forecast { spentAtEnd projectedRemainder } lapsing { atRisk } } total { planned spent status } } }`;

/** 399 more projects in the demo programme with the demo plan's revisions, and totals for every planned cell up to 2026. */
const FILL_SQL = [
  `insert into project (id, program_id, file_number, title, grantee, approval_start, approval_end, approved_total, financing_type, funding_rate, status)
   select gen_random_uuid(), p.program_id, 'BENCH-' || lpad(n::text, 4, '0'), 'Benchmark ' || n, 'Jobcenter ' || n, p.approval_start, p.approval_end,
          p.approved_total, p.financing_type, p.funding_rate, p.status
     from project p, generate_series(1, $1) n where p.file_number = 'MP-SGB2-2022-0042'`,
  `insert into budget_revision (id, project_id, number, reason, reference_number, reference_date, effective_date, author_id)
   select gen_random_uuid(), p.id, r.number, r.reason, r.reference_number, r.reference_date, r.effective_date, r.author_id
     from project p join project demo on demo.file_number = 'MP-SGB2-2022-0042' join budget_revision r on r.project_id = demo.id
    where p.file_number like 'BENCH-%'`,
  ...[
    'budget_line (id, project_id, revision_id, cost_category_id, fiscal_year, planned)|x.cost_category_id, x.fiscal_year, x.planned',
    'annual_instalment (id, project_id, revision_id, fiscal_year, amount)|x.fiscal_year, x.amount',
    'funding_source (id, project_id, revision_id, kind, fiscal_year, amount)|x.kind, x.fiscal_year, x.amount',
  ].map((spec) => {
    const [target, columns] = spec.split('|');
    const table = target.split(' ')[0];
    return `insert into ${target}
      select gen_random_uuid(), r.project_id, r.id, ${columns}
        from budget_revision r join project demo on demo.file_number = 'MP-SGB2-2022-0042'
        join budget_revision dr on dr.project_id = demo.id and dr.number = r.number
        join ${table} x on x.revision_id = dr.id
       where r.project_id <> demo.id`;
  }),
  // Spent 70–105 % of plan in past years, about 85 % in 2026; drawn a little ahead of spending; some commitments.
  `insert into budget_total (id, project_id, fiscal_year, cost_category_id, drawn, spent, committed)
   select gen_random_uuid(), l.project_id, l.fiscal_year, l.cost_category_id,
          round(l.planned * f * 1.03, 2), round(l.planned * f, 2), case when l.fiscal_year = 2026 then round(l.planned * 0.05, 2) else 0 end
     from budget_line l
     join budget_revision r on r.id = l.revision_id and r.number = 1
     cross join lateral (select case when l.fiscal_year = 2026 then 0.85 else (0.70 + random() * 0.35)::numeric end as f) k
    where l.fiscal_year <= 2026`,
  'analyze',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** CPU seconds (user + system) used so far by the PostgreSQL server: the postmaster and all its backends. */
function postgresCpuSeconds(postmasterPid: number): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      const [ppid, utime, stime] = [Number(fields[1]), Number(fields[11]), Number(fields[12])];
      if (Number(entry) === postmasterPid || ppid === postmasterPid) total += (utime + stime) / tick;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

/**
 * Wall-clock latency per call (what a client sees, including waiting for a CPU on a shared
 * machine) and CPU time per call of the app and PostgreSQL together (what a call costs on an
 * otherwise idle machine: one request runs on one core at a time).
 */
async function measure(name: string, calls: number, postmasterPid: number, send: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await send();
  const times: number[] = [];
  const appCpu = process.cpuUsage();
  const pgCpu = postgresCpuSeconds(postmasterPid);
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await send();
    times.push(performance.now() - start);
  }
  const app = process.cpuUsage(appCpu);
  const appMs = (app.user + app.system) / 1000 / calls;
  const pgMs = ((postgresCpuSeconds(postmasterPid) - pgCpu) * 1000) / calls;
  const cpuPerCall = `${(appMs + pgMs).toFixed(1)} ms (app ${appMs.toFixed(1)}, PostgreSQL ${pgMs.toFixed(1)})`;
  times.sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `${name.padEnd(40)} n=${calls}  p50 ${f(percentile(times, 0.5))}  p95 ${f(percentile(times, 0.95))}  p99 ${f(percentile(times, 0.99))}  max ${f(times[times.length - 1])}` +
      `  | CPU per call ${cpuPerCall}  | load average ${loadavg()[0].toFixed(2)}`,
  );
}

await withScratchDatabase(async (url) => {
  const config = loadConfig({
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    IDENTITY_HASH_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    PLAYGROUND: 'false',
  });
  const app = await NestFactory.create(AppModule.forRoot(config, url), { logger: false });
  const orm: MikroORM = app.get(MikroORM);
  await prepareDatabase(orm, { seedDemo: true });
  const connection = orm.em.fork().getConnection();
  const started = performance.now();
  await connection.execute(FILL_SQL[0].replace('$1', String(PROJECTS - 1)));
  for (const statement of FILL_SQL.slice(1)) await connection.execute(statement);
  const [counts] = await connection.execute(
    `select (select count(*) from project)::int as projects, (select count(*) from budget_line)::int as lines,
            (select count(*) from budget_total)::int as totals, (select id from project where file_number = 'MP-SGB2-2022-0042') as demo,
            (select program_id from project where file_number = 'MP-SGB2-2022-0042') as program`,
  );
  console.log(
    `filled in ${((performance.now() - started) / 1000).toFixed(1)} s: ${counts.projects} projects, ${counts.lines} budget lines, ${counts.totals} maintained totals`,
  );

  await app.listen(0, '127.0.0.1');
  const endpoint = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
  const { post, login } = graphqlClient(endpoint);
  const [finance, grantor] = [await login('finance'), await login('grantor')];
  const [{ data_directory: dataDir }] = await connection.execute('show data_directory');
  const postmasterPid = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);

  const overview = await post({ query: PROJECT_QUERY, variables: { p: counts.demo } }, finance);
  const program = await post({ query: PROGRAM_QUERY, variables: { id: counts.program } }, grantor);
  console.log(
    `demo overview total planned ${overview.budgetOverview.total.planned}, spent ${overview.budgetOverview.total.spent}; programme overview lists ${program.programOverview.projects.length} projects, planned ${program.programOverview.total.planned}`,
  );

  await measure('budgetOverview (1 project, full query)', PROJECT_CALLS, postmasterPid, () =>
    post({ query: PROJECT_QUERY, variables: { p: counts.demo } }, finance),
  );
  // Warm: nothing changed since the last call, so every project's summary comes from the validated cache.
  await measure(`programOverview, warm (${counts.projects} projects)`, PROGRAM_CALLS, postmasterPid, () =>
    post({ query: PROGRAM_QUERY, variables: { id: counts.program } }, grantor),
  );
  // Cold: a new date on every call, so every project is recomputed from the database.
  let day = 0;
  const nextDate = () => new Date(Date.UTC(2026, 0, 1 + (day++ % 330))).toISOString().slice(0, 10);
  await measure(`programOverview, cold (${counts.projects} projects)`, PROGRAM_CALLS, postmasterPid, () =>
    post({ query: PROGRAM_QUERY, variables: { id: counts.program, asOf: nextDate() } }, grantor),
  );
  // Under bookings: 20 of the 400 projects book between two calls, so those are recomputed.
  const cells = await connection.execute(
    'select project_id, fiscal_year, cost_category_id from budget_total where fiscal_year = 2026 order by random() limit 2000',
  );
  let booked = 0;
  const totals = app.get(BudgetTotals);
  await measure(`programOverview, 20 projects booked per call`, PROGRAM_CALLS, postmasterPid, async () => {
    await orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < 20; i++) {
        const cell = cells[booked++ % cells.length];
        await totals.apply(em, {
          projectId: cell.project_id,
          fiscalYear: cell.fiscal_year,
          costCategoryId: cell.cost_category_id,
          spent: new Decimal('12.34'),
        });
      }
    });
    return post({ query: PROGRAM_QUERY, variables: { id: counts.program } }, grantor);
  });
  await app.close();
});

import 'reflect-metadata';

import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

import { MikroORM } from '@mikro-orm/postgresql';
import cliProgress from 'cli-progress';
import pg from 'pg';

import { BudgetTotals } from '../budget/budget-totals.js';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from '../database/database.js';
import { createOrmConfig } from '../database/mikro-orm.config.js';
import { prepareDatabase } from '../database/prepare-database.js';
import { scaleContext } from '../database/scale/scale-context.js';
import { GENERATED_TABLES, loadProjects } from '../database/scale/scale-load.js';
import { generateAhead } from '../database/scale/scale-pipeline.js';
import { processCpuSeconds, StageTimes } from '../database/scale/stage-times.js';
import type { ScaleWorkerData } from '../database/scale/scale-worker.js';
import { drawnTotalsSource } from '../tranches/drawdown-reads.js';
import { spentTotalsSource } from '../expenditures/ledger-reads.js';

/**
 * `npm run seed:scale -- --projects N --seed S [--receipts-per-project R] [--participants-per-project P] [--workers W]`:
 * migrations and the demo first, then N generated projects in the demo programme, streamed into
 * PostgreSQL with COPY; at the end the budget module's consistency check per project.
 *
 * Into a database without generated projects, everything goes in one transaction with the indexes,
 * keys and foreign keys of the generated tables taken off during the load and rebuilt after it
 * (deferred-structures.ts): a failure leaves the database as it was. Into a database that already
 * holds generated projects, the schema stays as it is and every PROJECTS_PER_TRANSACTION projects
 * are committed, so an interrupted run resumes where it stopped.
 */
const PROJECTS_PER_TRANSACTION = 10;

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    'receipts-per-project': { type: 'string', default: '25000' },
    'participants-per-project': { type: 'string', default: '2500' },
    workers: { type: 'string', default: String(Math.max(1, Math.min(2, availableParallelism()))) },
  },
});
const count = positive('projects');
const seed = positive('seed');
const workers = positive('workers');
const config = loadConfig(process.env);
// The embedded server is ours for this run, so it gets bulk-load settings (not persisted; the next
// start uses the defaults): 1 GB of shared buffers; checkpoints far apart, or every GB of WAL would
// write whole pages again; wal_level=minimal, so the indexes rebuilt in the load's transaction write no WAL.
const BULK_LOAD_FLAGS = [
  '-c',
  'shared_buffers=1GB',
  '-c',
  'max_wal_size=4GB',
  '-c',
  'checkpoint_timeout=30min',
  '-c',
  'wal_level=minimal',
  '-c',
  'max_wal_senders=0',
];
const database = await openDatabase(
  config,
  () => undefined,
  (m) => console.warn(m),
  { embeddedFlags: BULK_LOAD_FLAGS },
);
const orm = await MikroORM.init({ ...createOrmConfig({ url: database.url }), preferTs: true });
const client = new pg.Client({ connectionString: database.url });
const stages = new StageTimes();
const wallStarted = performance.now();
try {
  const migrated = await prepareDatabase(orm, { seedDemo: true });
  console.log(`migrations applied: ${migrated.migrationsApplied.length}, demo seeded: ${migrated.demoSeeded}`);
  await client.connect();
  // Losing the last commits on a crash is harmless here (rerun the generator); it spares a WAL flush per commit.
  await client.query('set synchronous_commit = off');
  // Room for the index sorts and the foreign-key validation joins after a deferred load.
  await client.query("set maintenance_work_mem = '1GB'");
  await client.query("set work_mem = '256MB'");
  const backendPid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
  const existing = new Set(
    (
      await client.query<{ file_number: string }>('select file_number from project where file_number like $1', [`SCALE-${seed}-%`])
    ).rows.map((r) => r.file_number),
  );
  const anyGenerated = (await client.query("select exists (select 1 from project where file_number like 'SCALE-%') as any")).rows[0]
    .any as boolean;
  const todo = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !existing.has(`SCALE-${seed}-${String(n).padStart(4, '0')}`));
  if (todo.length < count)
    console.log(`${count - todo.length} of ${count} projects exist already (same seed); generating the other ${todo.length}`);
  const deferred = !anyGenerated && todo.length > 0;
  console.log(
    deferred
      ? `no generated projects yet: one transaction, indexes, keys and foreign keys of ${GENERATED_TABLES.length} tables rebuilt after the load; ${workers} generator thread(s)`
      : `generated projects exist: indexes and foreign keys stay, a commit every ${PROJECTS_PER_TRANSACTION} projects; ${workers} generator thread(s)`,
  );

  const bar = new cliProgress.SingleBar(
    {
      format: 'projects {bar} {value}/{total} | receipts {receipts} | {rate} receipts/s | ETA {eta}s',
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let receipts = 0;
  bar.start(todo.length, 0, { receipts: 0, rate: 0 });
  const load = await loadProjects(client, generateAhead(await workerData(client), todo, { workers }), {
    deferStructures: deferred,
    projectsPerTransaction: PROJECTS_PER_TRANSACTION,
    stages,
    onProject: (project) => {
      receipts += project.receipts;
      bar.increment({ receipts, rate: Math.round(receipts / ((performance.now() - started) / 1000)) });
    },
  });
  bar.stop();
  if (load.rebuilt.length)
    console.log(
      `slowest rebuilds: ${load.rebuilt
        .slice(0, 6)
        .map((r) => `${r.structure.kind} ${r.structure.name} ${(r.ms / 1000).toFixed(1)} s`)
        .join(', ')}`,
    );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `generated ${load.projects} projects, ${load.receipts} receipts in ${seconds.toFixed(1)} s (${Math.round(load.receipts / seconds)} receipts/s end to end; load ${(load.loadMs / 1000).toFixed(1)} s, rebuild and commit ${(load.rebuildMs / 1000).toFixed(1)} s)`,
  );
  const backendCpu = database.embedded ? await processCpuSeconds(backendPid) : undefined;
  const mainCpu = typeof process.threadCpuUsage === 'function' ? process.threadCpuUsage() : undefined;
  // VACUUM as well as ANALYZE: it sets the rows' commit hint bits and the visibility map once, in one
  // pass, instead of the first reads (the consistency check below, a benchmark) doing it row by row.
  await stages.time('vacuum (analyze)', 0, () => client.query('vacuum (analyze)'));
  stages.print();
  console.log(
    `CPU up to the commit: main thread ${mainCpu ? ((mainCpu.user + mainCpu.system) / 1e6).toFixed(1) : '?'} s, PostgreSQL backend ${backendCpu?.toFixed(1) ?? '?'} s (without parallel index-build workers)`,
  );

  const counts = (
    await client.query(
      'select (select count(*) from project)::int as projects, (select count(*) from expenditure)::int as receipts, (select count(*) from participant)::int as participants, (select count(*) from participation)::int as participations, (select count(*) from labour_market_observation)::int as observations, (select count(*) from drawdown)::int as drawdowns',
    )
  ).rows[0];
  console.log(`database now holds ${JSON.stringify(counts)}`);
  const all = await client.query<{ id: string }>('select id from project where file_number like $1 order by file_number', [
    `SCALE-${seed}-%`,
  ]);
  await consistencyCheck(all.rows.map((r) => r.id));
  console.log(`wall clock ${((performance.now() - wallStarted) / 1000).toFixed(1)} s (migrations, demo, load, rebuild, analyze, check)`);
} finally {
  await client.end().catch(() => undefined);
  await orm.close();
  await database.stop();
}

/** The budget module's own check (BudgetTotals.check with the ledger's and the tranches' sources), per generated project. */
async function consistencyCheck(projectIds: string[]): Promise<void> {
  const totals = new BudgetTotals();
  totals.register(spentTotalsSource);
  totals.register(drawnTotalsSource);
  const em = orm.em.fork();
  let differences = 0;
  const started = performance.now();
  for (const id of projectIds) differences += (await totals.check(em, id)).length;
  const verdict = differences === 0 ? 'OK: maintained totals equal the raw rows' : `FAILED: ${differences} differences`;
  console.log(
    `consistency check (BudgetTotals.check, sources ${totals.sourceNames().join(', ')}) over ${projectIds.length} projects of seed ${seed} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${verdict}`,
  );
  if (differences > 0) process.exitCode = 1;
}

async function workerData(db: pg.Client): Promise<ScaleWorkerData> {
  return {
    ctx: await scaleContext(db, {
      seed,
      receiptsPerProject: positive('receipts-per-project'),
      participantsPerProject: positive('participants-per-project'),
    }),
    encryptionKey: config.dataProtection.encryptionKey,
    hashKey: config.dataProtection.hashKey,
  };
}

function positive(name: keyof typeof values): number {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer, got ${values[name]}`);
    process.exit(2);
  }
  return n;
}

import 'reflect-metadata';

import { parseArgs } from 'node:util';

import { MikroORM } from '@mikro-orm/postgresql';
import cliProgress from 'cli-progress';
import { Decimal } from 'decimal.js';
import pg from 'pg';

import { BudgetTotals } from '../budget/budget-totals.js';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from '../database/database.js';
import { createOrmConfig } from '../database/mikro-orm.config.js';
import { prepareDatabase } from '../database/prepare-database.js';
import { bulkInsert } from '../database/scale/bulk-insert.js';
import { generateAhead } from '../database/scale/scale-pipeline.js';
import type { ScaleWorkerData } from '../database/scale/scale-worker.js';
import { DEMO_BUDGET_REVISIONS } from '../database/seeders/budget-data.js';
import { DEMO_PROGRAM } from '../database/seeders/demo-data.js';
import { demoReceipts } from '../database/seeders/ledger-demo-receipts.js';
import { DEMO_LEDGER_CUTOFF } from '../database/seeders/ledger.seeder.js';
import { drawnTotalsSource } from '../tranches/drawdown-reads.js';
import { spentTotalsSource } from '../expenditures/ledger-reads.js';

/**
 * `npm run seed:scale -- --projects N --seed S [--receipts-per-project R] [--participants-per-project P]`:
 * migrations and the demo first, then N generated projects in the demo programme, in transactions
 * of PROJECTS_PER_TRANSACTION projects; at the end the budget module's consistency check per project.
 */
const PROJECTS_PER_TRANSACTION = 10;

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    'receipts-per-project': { type: 'string', default: '25000' },
    'participants-per-project': { type: 'string', default: '2500' },
  },
});
const count = positive('projects');
const seed = positive('seed');
const config = loadConfig(process.env);
const database = await openDatabase(config, () => undefined, (m) => console.warn(m));
const orm = await MikroORM.init({ ...createOrmConfig({ url: database.url }), preferTs: true });
const client = new pg.Client({ connectionString: database.url });
try {
  const migrated = await prepareDatabase(orm, { seedDemo: true });
  console.log(`migrations applied: ${migrated.migrationsApplied.length}, demo seeded: ${migrated.demoSeeded}`);
  await client.connect();
  // Losing the last commits on a crash is harmless here (rerun the generator); it spares a WAL flush per commit.
  await client.query('set synchronous_commit = off');
  const existing = new Set((await client.query<{ file_number: string }>('select file_number from project where file_number like $1', [`SCALE-${seed}-%`])).rows.map((r) => r.file_number));
  const todo = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !existing.has(`SCALE-${seed}-${String(n).padStart(4, '0')}`));
  const generated = generateAhead(await workerData(client), todo);
  if (todo.length < count) console.log(`${count - todo.length} of ${count} projects exist already (same seed); generating the other ${todo.length}`);

  const bar = new cliProgress.SingleBar({ format: 'projects {bar} {value}/{total} | receipts {receipts} | {rate} receipts/s | ETA {eta}s', noTTYOutput: true, notTTYSchedule: 10_000 }, cliProgress.Presets.shades_classic);
  bar.start(todo.length, 0, { receipts: 0, rate: 0 });
  const started = performance.now();
  let receipts = 0;
  for (let i = 0; i < todo.length; i += PROJECTS_PER_TRANSACTION) {
    await client.query('begin');
    for (let j = i; j < Math.min(i + PROJECTS_PER_TRANSACTION, todo.length); j++) {
      const project = (await generated.next()).value!;
      for (const table of project.tables) await bulkInsert(client, table);
      receipts += project.receipts;
      bar.increment({ receipts, rate: Math.round(receipts / ((performance.now() - started) / 1000)) });
    }
    await client.query('commit');
  }
  bar.stop();
  await generated.return(undefined); // ends the worker thread
  const seconds = (performance.now() - started) / 1000;
  await client.query('analyze');
  console.log(`generated ${todo.length} projects, ${receipts} receipts in ${seconds.toFixed(1)} s (${Math.round(receipts / seconds)} receipts/s)`);

  const counts = (await client.query('select (select count(*) from project)::int as projects, (select count(*) from expenditure)::int as receipts, (select count(*) from participant)::int as participants, (select count(*) from participation)::int as participations, (select count(*) from outcome)::int as outcomes, (select count(*) from drawdown)::int as drawdowns')).rows[0];
  console.log(`database now holds ${JSON.stringify(counts)}`);
  const all = await client.query<{ id: string }>('select id from project where file_number like $1 order by file_number', [`SCALE-${seed}-%`]);
  await consistencyCheck(all.rows.map((r) => r.id));
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
  console.log(`consistency check (BudgetTotals.check, sources ${totals.sourceNames().join(', ')}) over ${projectIds.length} projects of seed ${seed} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${verdict}`);
  if (differences > 0) process.exitCode = 1;
}

async function workerData(db: pg.Client): Promise<ScaleWorkerData> {
  const program = (await db.query<{ id: string }>('select id from funding_program where code = $1', [DEMO_PROGRAM.code])).rows[0];
  const categories = (await db.query<{ id: string; code: string }>('select id, code from cost_category where program_id = $1', [program.id])).rows;
  const users = new Map((await db.query<{ id: string; username: string }>("select id, username from app_user where username in ('finance', 'grantor')")).rows.map((u) => [u.username, u.id]));
  const demoLines = DEMO_BUDGET_REVISIONS[0].lines.map((l) => ({ code: l.costCategory as string, fiscalYear: l.fiscalYear as number, planned: new Decimal(l.planned) }));
  // Receipts of the demo plan at density 1 and 2: a fixed part (salaries, rent) and a part that scales.
  const [once, twice] = [1, 2].map((density) => demoReceipts(demoLines, { cutoff: DEMO_LEDGER_CUTOFF, seed: 1, density }).length);
  return {
    ctx: {
      seed,
      programId: program.id,
      categories: categories.map((c) => [c.code, c.id] as [string, string]),
      financeId: users.get('finance')!,
      grantorId: users.get('grantor')!,
      receiptsPerProject: positive('receipts-per-project'),
      participantsPerProject: positive('participants-per-project'),
      receiptsFixed: 2 * once - twice,
      receiptsPerDensity: twice - once,
    },
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

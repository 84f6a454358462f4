import type { MikroORM } from '@mikro-orm/postgresql';

import { FundingProgram } from '../programs/entities/funding-program.entity.js';
import { DemoSeeder } from './seeders/demo.seeder.js';

export interface PrepareResult {
  migrationsApplied: string[];
  demoSeeded: boolean;
}

/** Applies pending migrations and, if asked and the database holds no programme yet, the demo data. */
export async function prepareDatabase(orm: MikroORM, options: { seedDemo: boolean }): Promise<PrepareResult> {
  const applied = await orm.migrator.up();
  let demoSeeded = false;
  if (options.seedDemo) {
    const em = orm.em.fork();
    if ((await em.count(FundingProgram, {})) === 0) {
      await orm.seeder.seed(DemoSeeder);
      // Fresh planner statistics for the 20,000 seeded receipts: without them the first proof
      // submission plans its receipt-state update as a nested loop and runs for tens of seconds
      // (autovacuum would analyze only later, and never in a database copied from this one).
      await em.getConnection().execute('analyze');
      demoSeeded = true;
    }
  }
  return { migrationsApplied: applied.map((m) => m.name), demoSeeded };
}

/** Names of migrations not yet applied (MIGRATE_ON_START=false refuses to start while any remain). */
export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.migrator.getPending()).map((m) => m.name);
}

import 'reflect-metadata';

import { MikroORM } from '@mikro-orm/postgresql';

import { createOrmConfig } from '../src/database/mikro-orm.config.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { withScratchDatabase } from '../src/scripts/scratch-database.js';

/** `node --import @swc-node/register/esm-register bench/seed-demo.ts`: time of migrations + the whole demo seed. */
await withScratchDatabase(async (url) => {
  const orm = await MikroORM.init({ ...createOrmConfig({ url }), preferTs: true });
  try {
    const started = performance.now();
    await prepareDatabase(orm, { seedDemo: true });
    const ms = performance.now() - started;
    const counts = await orm.em
      .fork()
      .getConnection()
      .execute(
        `select (select count(*) from participant)::int as participants, (select count(*) from participation)::int as participations,
              (select count(*) from labour_market_observation)::int as observations, (select count(*) from measure)::int as measures,
              (select count(*) from participant where exit_date is not null)::int as exited`,
      );
    console.log(JSON.stringify({ migrateAndSeedMs: Math.round(ms), ...counts[0] }));
  } finally {
    await orm.close();
  }
});

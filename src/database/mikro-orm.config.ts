import { Migrator } from '@mikro-orm/migrations';
import { defineConfig } from '@mikro-orm/postgresql';
import { SeedManager } from '@mikro-orm/seeder';

import { ENTITIES } from './entities.js';
import { ReadPreferenceDriver } from './read-preference.js';
import { MIGRATIONS } from './migrations/index.js';
import { poolOptions } from './pool-health.js';
import type { DbTimeouts } from '../config/app-config.js';

export interface OrmConfigOptions {
  url: string;
  /** Streaming replicas for read-only GraphQL queries (see read-preference.ts). */
  replicaUrls?: string[];
  poolMax?: number;
  debug?: boolean;
  /** The service's fail-fast timeouts; scripts and migrations run without them. */
  timeouts?: DbTimeouts;
}

/** The one MikroORM configuration, used by the app, the tests and the scripts alike. */
export function createOrmConfig({ url, replicaUrls = [], poolMax = 10, debug = false, timeouts }: OrmConfigOptions) {
  return defineConfig({
    clientUrl: url,
    driver: ReadPreferenceDriver,
    replicas: replicaUrls.map((clientUrl, i) => ({ name: `replica-${i + 1}`, clientUrl })),
    entities: ENTITIES,
    extensions: [Migrator, SeedManager],
    pool: { min: 0, max: poolMax },
    ...(timeouts ? { driverOptions: poolOptions(timeouts) } : {}),
    debug,
    // Plain text: log collectors store ANSI colour codes verbatim.
    colors: false,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    migrations: {
      tableName: 'mikro_orm_migrations',
      // Listed explicitly: no file discovery, so the same list runs from src (tests, scripts) and dist.
      migrationsList: MIGRATIONS,
      pathTs: 'src/database/migrations',
      path: 'dist/database/migrations',
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
      // No snapshot: new migrations are diffed against a database migrated to the latest state,
      // which keeps parallel branches from fighting over one snapshot file.
      snapshot: false,
    },
    // Triggers and functions live in migrations (the invariants); the drift check compares tables only.
    schemaGenerator: { ignoreTriggers: true, ignoreRoutines: true },
  });
}

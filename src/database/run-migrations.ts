import 'reflect-metadata';

import { MikroORM } from '@mikro-orm/postgresql';

import { ConfigError, loadConfig } from '../config/app-config.js';
import { openDatabase } from './database.js';
import { EmbeddedPostgresError } from './embedded-postgres.js';
import { createOrmConfig } from './mikro-orm.config.js';

/** Applies pending migrations to DATABASE_URL (or the embedded database); one line per outcome. */
export async function runMigrations(): Promise<number> {
  try {
    const config = loadConfig();
    const database = await openDatabase(
      config,
      () => undefined,
      (m) => process.stderr.write(`${m}\n`),
    );
    const orm = await MikroORM.init(createOrmConfig({ url: database.url, poolMax: 2 }));
    try {
      const applied = await orm.migrator.up();
      process.stdout.write(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}\n`
          : 'The database schema is up to date.\n',
      );
      return 0;
    } finally {
      await orm.close();
      await database.stop();
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

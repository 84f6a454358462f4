import 'reflect-metadata';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import pino from 'pino';

import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase } from './database/database.js';
import { EmbeddedPostgresError } from './database/embedded-postgres.js';
import { pendingMigrations, prepareDatabase } from './database/prepare-database.js';
import { applyHttpPlatform } from './http/http-platform.js';
import { applyHttpLimits } from './security/http-limits.js';

/** A start-up problem the operator fixes from its one-line message (no stack trace). */
class StartError extends Error {}

/** The service's bootstrap; main.ts checks the Node version and reads .env first, then loads this. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const bootLog = pino({ level: config.logLevel, base: { service: 'funding-program-tracker' } });
  if (config.usesDevelopmentKeys) {
    bootLog.warn(
      'RUNNING ON THE PUBLIC DEVELOPMENT KEYS (JWT_SECRET, DATA_ENCRYPTION_KEY or IDENTITY_HASH_KEY unset): anyone can forge tokens and read identities. Never use this with real data.',
    );
  }

  const database = await openDatabase(
    config,
    (message) => bootLog.debug({ source: 'postgres' }, message),
    (message) => bootLog.warn({ source: 'postgres' }, message),
  );
  bootLog.info(
    { embedded: database.embedded },
    database.embedded ? `embedded PostgreSQL started (data in ${config.embeddedPg.dir})` : 'using DATABASE_URL',
  );

  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database.url), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  applyHttpPlatform(app, config.http);
  applyHttpLimits(app, config.limits);
  const orm = app.get<MikroORM>(MikroORM);
  if (config.migrateOnStart) {
    const prepared = await prepareDatabase(orm, { seedDemo: config.seedDemo });
    bootLog.info(prepared, 'database ready');
  } else {
    const pending = await pendingMigrations(orm);
    if (pending.length > 0) {
      await app.close();
      await database.stop();
      throw new StartError(
        `The database lacks ${pending.length} migration(s) (${pending[0]}…); run "npm run migrate" first, or set MIGRATE_ON_START=true.`,
      );
    }
    bootLog.info('database schema is current (MIGRATE_ON_START=false)');
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    bootLog.info({ signal }, 'shutting down');
    try {
      await app.close();
    } finally {
      await database.stop();
      bootLog.info('stopped');
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen(config.port, config.host);
  bootLog.info(`GraphQL and playground at http://localhost:${config.port}/graphql, health at /health`);
}

main().catch((error: unknown) => {
  const oneLine = error instanceof StartError || error instanceof EmbeddedPostgresError;
  process.stderr.write(
    `Start failed: ${oneLine ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

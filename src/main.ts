import 'reflect-metadata';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import pino from 'pino';

import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase } from './database/database.js';
import { prepareDatabase } from './database/prepare-database.js';
import { applyHttpLimits } from './security/http-limits.js';

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
    bootLog.warn('RUNNING ON THE PUBLIC DEVELOPMENT KEYS (JWT_SECRET, DATA_ENCRYPTION_KEY or IDENTITY_HASH_KEY unset): anyone can forge tokens and read identities. Never use this with real data.');
  }

  const database = await openDatabase(
    config,
    (message) => bootLog.debug({ source: 'postgres' }, message),
    (message) => bootLog.warn({ source: 'postgres' }, message),
  );
  bootLog.info({ embedded: database.embedded }, database.embedded ? `embedded PostgreSQL started (data in ${config.embeddedPg.dir})` : 'using DATABASE_URL');

  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database.url), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  applyHttpLimits(app, config.limits);
  const prepared = await prepareDatabase(app.get(MikroORM), { seedDemo: config.seedDemo });
  bootLog.info(prepared, 'database ready');

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
  process.stderr.write(`Start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

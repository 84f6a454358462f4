import 'reflect-metadata';

import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { MikroORM } from '@mikro-orm/postgresql';

import { createOrmConfig } from '../../src/database/mikro-orm.config.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { databaseUrl, TEMPLATE_DATABASE, withClient } from './test-database.js';

/**
 * The test run's PostgreSQL, as a child process of jest's global setup: TEST_DATABASE_URL (a server
 * where we may create databases) or an embedded one in a temp folder. Builds the template database
 * (migrations + demo data), prints `READY <server url>`, and stops when its stdin closes.
 */
let serverUrl = process.env.TEST_DATABASE_URL;
let cleanup = async () => undefined as void;
if (!serverUrl) {
  const parent = await mkdtemp(join(tmpdir(), 'fpt-test-'));
  await chmod(parent, 0o755); // the postgres OS user must reach the data folder when we run as root
  const server = await startEmbeddedPostgres({ dir: join(parent, 'pg'), fastUnsafe: true });
  serverUrl = server.url;
  cleanup = async () => {
    await server.stop();
    await rm(parent, { recursive: true, force: true });
  };
}

try {
  await withClient(serverUrl, async (client) => {
    await client.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await client.query(`create database ${TEMPLATE_DATABASE}`);
  });
  const orm = await MikroORM.init(createOrmConfig({ url: databaseUrl(serverUrl, TEMPLATE_DATABASE) }));
  try {
    await prepareDatabase(orm, { seedDemo: true });
  } finally {
    await orm.close();
  }
} catch (error) {
  await cleanup();
  throw error;
}

process.stdout.write(`READY ${serverUrl}\n`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await cleanup();
  process.exit(0);
};
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.on('SIGTERM', () => void stop());
process.stdin.resume();

